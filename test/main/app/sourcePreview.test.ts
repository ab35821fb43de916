// The import preview through the app: what a source would import as before anything is committed — the
// detected format and its confidence, the first records, an override re-read, archive members one by one,
// and a CSV's column mapping proposed again when the same columns come back.

import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { buildZip } from '../ingest/containers/archiveFixtures'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function newCase() {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  const { id } = await app.createCase('Preview', 'Europe/Berlin')
  return { app, caseId: id }
}

const ACCESS = '192.0.2.1 - - [01/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"\n'
const CSV = 'when,who,where\n2026-03-01 10:00:00,alice,192.0.2.1\n2026-03-01 10:00:05,bob,192.0.2.2\n'

describe('ingest preview', () => {
  it('shows the detected format with its confidence and the first records, and nothing is imported', async () => {
    const { app, caseId } = await newCase()
    const path = join(tempDir(), 'access.log')
    writeFileSync(path, ACCESS.repeat(30))
    const [preview] = await app.previewIngest(caseId, { path }, {})
    expect(preview).toMatchObject({
      entry: '',
      name: 'access.log',
      format: 'apache_combined',
      problem: null,
      timeZone: 'Europe/Berlin',
      zoneApplies: false
    })
    expect(preview.guesses[0]).toEqual({ format: 'apache_combined', confidence: 1 })
    expect(preview.sample).toHaveLength(20)
    expect(preview.sample[0]).toMatchObject({
      line: 1,
      outcome: 'event',
      fields: { 'source.ip': '192.0.2.1' }
    })
    expect(app.requireCase(caseId).evidence.list()).toEqual([])
  })

  it('re-reads the sample with the format the analyst chose, and lists each member of an archive', async () => {
    const { app, caseId } = await newCase()
    const zip = join(tempDir(), 'logs.zip')
    writeFileSync(
      zip,
      buildZip([
        { name: 'access.log', data: Buffer.from(ACCESS.repeat(3)) },
        { name: 'Security.evtx', data: Buffer.concat([Buffer.from('ElfFile\0'), Buffer.alloc(4088)]) }
      ])
    )
    const previews = await app.previewIngest(caseId, { path: zip }, {})
    expect(previews.map((p) => [p.entry, p.format, p.problem])).toEqual([
      ['access.log', 'apache_combined', null],
      ['Security.evtx', 'evtx', null]
    ])
    const [asCommon] = await app.previewIngest(
      caseId,
      { path: zip },
      { entry: 'access.log', format: 'apache_common' }
    )
    expect(asCommon.format).toBe('apache_common')
    expect(asCommon.sample[0]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/is it combined/)
    })
  })

  it('proposes again the column mapping chosen for an earlier CSV with the same columns', async () => {
    const { app, caseId } = await newCase()
    const first = join(tempDir(), 'first.csv')
    writeFileSync(first, CSV)
    const columnMap = { when: 'timestamp', who: 'user.target.name', where: 'destination.ip' } as const
    const [imported] = await app.ingestAndWait(caseId, [{ path: first, columnMap: { ...columnMap } }])
    expect(imported.summaries![0].evidence.formatOptions).toEqual({ columnMap })
    const second = join(tempDir(), 'second.csv')
    writeFileSync(second, CSV.replace('alice', 'carol'))
    const [preview] = await app.previewIngest(caseId, { path: second }, {})
    expect(Object.fromEntries(preview.columns!.map((c) => [c.name, c.target]))).toEqual(columnMap)
    expect(preview.sample.find((record) => record.outcome === 'event')?.fields).toMatchObject({
      'user.target.name': 'carol',
      'destination.ip': '192.0.2.1'
    })
  })
})
