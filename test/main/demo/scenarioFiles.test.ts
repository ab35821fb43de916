// writeScenarioFiles puts exactly the generated scenario on disk, with a modification time that lets an
// importer infer auth.log's missing year.

import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateScenario, writeScenarioFiles } from '../../../src-main/core/demo/scenario'
import { tempDir } from '../helpers/tempDir'

describe('writeScenarioFiles', () => {
  it('writes access.log, auth.log and iocs.txt as generated, with mtimes in the scenario year', async () => {
    const options = { seed: 11, days: 2, webRequestsPerDay: 1_000, start: new Date('2026-12-30T00:00:00Z') }
    const dir = join(tempDir('cairn-demo-'), 'evidence')
    const files = await writeScenarioFiles(dir, options)
    const scenario = generateScenario(options)

    expect(files.accessLogPath).toBe(join(dir, 'access.log'))
    expect(files.authLogPath).toBe(join(dir, 'auth.log'))
    expect(files.iocListPath).toBe(join(dir, 'iocs.txt'))
    expect(await readFile(files.accessLogPath, 'utf8')).toBe(`${scenario.accessLog.join('\n')}\n`)
    expect(await readFile(files.authLogPath, 'utf8')).toBe(`${scenario.authLog.join('\n')}\n`)
    expect(await readFile(files.iocListPath, 'utf8')).toBe(scenario.iocList)
    expect(files.groundTruth).toEqual(scenario.groundTruth)

    for (const path of [files.accessLogPath, files.authLogPath]) {
      const { mtimeMs } = await stat(path)
      expect(new Date(mtimeMs).getUTCFullYear()).toBe(scenario.year)
      expect(mtimeMs).toBeLessThan(scenario.groundTruth.window.end)
      expect(mtimeMs).toBeGreaterThan(scenario.groundTruth.window.end - 60_000)
    }
  })
})
