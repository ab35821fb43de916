import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { CaseDatabase } from '../../../src-main/core/case/caseDatabase'
import { tempDir } from '../helpers/tempDir'

const writer = join(__dirname, '..', 'helpers', 'noteWriterProcess.ts')

/** Starts the writer, kills it with SIGKILL after `acks` acknowledged writes, returns the last ack seen. */
function killAfter(dir: string, acks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir], {
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let lastAck = 0
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) lastAck = Number(line.split(' ')[1])
      if (lastAck >= acks) child.kill('SIGKILL')
    })
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(lastAck)
        : reject(new Error(`writer exited without being killed (${signal})`))
    )
  })
}

describe('case.db under SIGKILL', () => {
  it('never loses an acknowledged write and stays intact', async () => {
    const dir = tempDir()
    let acknowledged = 0
    for (const acks of [5, 23, 41]) {
      acknowledged += await killAfter(dir, acks)
      const db = await CaseDatabase.open(dir, { create: false })
      expect(db.integrityCheck()).toBe('ok')
      const stored = Number(db.value('SELECT count(*) FROM notes'))
      db.close()
      // Every acknowledged note survived (writes after the last ack we read may also be there).
      expect(stored).toBeGreaterThanOrEqual(acknowledged)
    }
  }, 60_000)
})
