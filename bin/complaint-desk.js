#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'node', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('complaint-desk: dist/ is not built yet; run `npm run build` (npm install runs it too).\n');
  process.exit(1);
}
// dist/node/cli.js only runs itself when it is the main module; from here, call its main().
const { main } = require(cli);
process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); throw e; });
const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
main(process.argv.slice(2), io).then((code) => { process.exitCode = code; });
