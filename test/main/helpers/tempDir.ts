// Temporary folders for tests, removed when the test file that made them is done. (Test files share
// worker processes, so waiting for the process to exit would leave gigabytes behind across a run.)

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

const created: string[] = []
const removeAll = (): void => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true })
}
afterAll(removeAll)
process.on('exit', removeAll)

export function tempDir(prefix = 'cairn-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  created.push(dir)
  return dir
}
