#!/usr/bin/env node
// The `cairn` command: runs the built CLI. Build first with `npm run build`.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('cairn: Cairn is not built yet; run `npm run build` in ' + join(__dirname, '..'))
  process.exit(1)
}
require(cli)
