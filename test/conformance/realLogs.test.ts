// Conformance on real third-party logs read in place from ../shared/datasets: every line of every sample is
// either imported or rejected with a reason, and the real SSH brute force in the Loghub OpenSSH sample is
// detected. Skips with a message when the datasets folder is absent (outside this workspace).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { CairnApp } from '../../src-main/core/app/cairnApp'
import { CairnHome } from '../../src-main/core/app/cairnHome'
import { tempDir } from '../main/helpers/tempDir'

const DATASETS = resolve(__dirname, '../../../shared/datasets')
const available = existsSync(DATASETS)
if (!available) console.warn(`conformance: ${DATASETS} is absent; real-data conformance skipped`)

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return filesUnder(path)
    return /\.(md|csv|txt|json)$/i.test(name) || name === 'LICENSE' || name === 'CITATION' ? [] : [path]
  })
}

function physicalLineCount(path: string): number {
  let bytes = readFileSync(path)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
  const text = bytes.toString('latin1')
  const newlines = text.split('\n').length - 1
  return text.endsWith('\n') ? newlines : newlines + 1
}

const SAMPLES = available
  ? [
      join(DATASETS, 'loghub/OpenSSH/OpenSSH_2k.log'),
      join(DATASETS, 'loghub/Linux/Linux_2k.log'),
      join(DATASETS, 'loghub/Apache/Apache_2k.log'),
      ...filesUnder(join(DATASETS, 'honeynet-redhat-apache/dataset')),
      ...filesUnder(join(DATASETS, 'elastic-examples')).filter(
        (path) => /apache|access/i.test(path) && !/\.pcap/i.test(path)
      )
    ]
  : []

describe.skipIf(!available)('real logs from ../shared/datasets', () => {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  let caseId = ''
  let results: Awaited<ReturnType<CairnApp['ingestAndWait']>> = []

  beforeAll(async () => {
    caseId = (await app.createCase('Conformance', 'UTC', join(tempDir(), 'case'))).id
    results = await app.ingestAndWait(
      caseId,
      SAMPLES.map((path) => ({ path }))
    )
  })
  afterAll(() => app.closeCase())

  it('finds the samples', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(4)
  })

  it('accounts for every line of every sample as imported or rejected with a reason', () => {
    const open = app.requireCase(caseId)
    for (const [index, result] of results.entries()) {
      const path = SAMPLES[index]
      expect(result.error, `${path}: ${result.error?.message}`).toBeUndefined()
      const [summary] = result.summaries!
      const evidence = summary.evidence
      expect(evidence.records, path).toBe(physicalLineCount(path))
      expect(evidence.events + evidence.rejected + evidence.skipped, path).toBe(evidence.records)
      const rejected = open.events.rejected(evidence.id, 0, 1_000_000)
      expect(rejected.total, path).toBe(evidence.rejected)
      for (const line of rejected.lines) expect(line.reason.length, `${path}:${line.line}`).toBeGreaterThan(3)
      console.log(`conformance: ${summary.message} [${evidence.format}]`)
    }
  })

  it('raises a brute-force alert for 183.62.140.253 in the OpenSSH sample', async () => {
    const open = app.requireCase(caseId)
    await app.detect(open, { signal: new AbortController().signal, progress: () => undefined })
    const alerts = open.alerts.list()
    const bruteForce = alerts.find(
      (alert) => alert.engine !== 'ioc' && alert.entities.ips.includes('183.62.140.253')
    )
    expect(bruteForce, alerts.map((a) => a.title).join('\n')).toBeDefined()
    expect(bruteForce!.count).toBeGreaterThanOrEqual(100)
  })
})
