#!/usr/bin/env node
// `npm run bench [-- name…]`: runs each benchmark in bench/ in its own process (so peak memory figures are
// its own) and prints its figures. Benchmarks are not tests: they print, they do not assert.

import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const wanted = process.argv.slice(2)
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))

let failed = 0
for (const bench of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', bench)], {
    cwd: root,
    stdio: 'inherit'
  })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
