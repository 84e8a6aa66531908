#!/usr/bin/env node
'use strict';
// The installed `complaint-desk` command (package.json "bin"). It loads the bundled CLI and runs it: the bundle
// only runs by itself when it is the main module, which it is not when required from here.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'node', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('complaint-desk: dist/ is not built yet; run `npm run build` (npm install runs it too).\n');
  process.exit(1);
}
const { runProcess } = require(cli);
if (typeof runProcess !== 'function') {
  process.stderr.write(`complaint-desk: ${cli} does not export runProcess; rebuild with \`npm run build\`.\n`);
  process.exit(1);
}
runProcess(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`complaint-desk: ${e && e.message ? e.message : e}\n`);
  process.exitCode = 1;
});
