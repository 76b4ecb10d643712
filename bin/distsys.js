#!/usr/bin/env node
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('distsys: dist/cli.js is missing; run `npm run build` in the workbook first\n');
  process.exitCode = 2;
} else {
  require(cli);
}
