// Reads the project's own ingest fixtures (test/fixtures/ingest) as lines, the way the line reader hands
// them to parsers: without newlines, and without the empty string after the final newline.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const INGEST_FIXTURES = fileURLToPath(new URL('../../../fixtures/ingest/', import.meta.url))

export function readFixtureLines(fixture: string): string[] {
  const lines = readFileSync(join(INGEST_FIXTURES, fixture), 'utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}
