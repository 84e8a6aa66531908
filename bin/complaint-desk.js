#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'node', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('complaint-desk: dist/ is not built yet; run `npm run build` (npm install runs it too).\n');
  process.exit(1);
}
require(cli);
