#!/usr/bin/env node
// `npm run bench [-- name… [number…]]`: runs each benchmark in bench/ in its own process (so peak memory
// figures are its own) and prints its figures; numbers are passed on to the benchmarks (sizes, line counts).
// Benchmarks are not tests: they print, they do not assert.

import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const wanted = args.filter((arg) => !/^\d+$/.test(arg))
const sizes = args.filter((arg) => /^\d+$/.test(arg))
const benches = readdirSync(join(root, 'bench'))
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.startsWith(w)))

let failed = 0
for (const bench of benches) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', bench), ...sizes], {
    cwd: root,
    stdio: 'inherit'
  })
  if (result.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
