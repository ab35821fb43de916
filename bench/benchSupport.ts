// Shared bits of the benchmarks: a scratch folder removed at exit, and one format for printed figures.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function benchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cairn-bench-${name}-`))
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }))
  return dir
}

export function printFigures(name: string, figures: Record<string, number>): void {
  console.log(`\n${name}`)
  for (const [label, value] of Object.entries(figures)) {
    const shown = Number.isInteger(value)
      ? value.toLocaleString('en-US')
      : value.toLocaleString('en-US', { maximumFractionDigits: 2 })
    console.log(`  ${label.padEnd(44)} ${shown}`)
  }
}
