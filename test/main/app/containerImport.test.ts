// Archives and folders through the whole import path: every file inside is its own evidence source, read
// straight from the archive; hostile entries (a path that climbs out, a decompression bomb) are reported as
// failed sources with their reason while the rest imports; a folder of many small files registers in batches.

import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { buildZip, deflatedZeros } from '../ingest/containers/archiveFixtures'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function newCase() {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  const { id } = await app.createCase('Archives', 'UTC')
  return { app, caseId: id, open: app.requireCase(id) }
}

const access = (n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `192.0.2.${i % 250} - - [01/Mar/2026:10:00:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i} HTTP/1.1" 200 ${i} "-" "curl/8"`
  ).join('\n') + '\n'

const auth = 'Mar  1 10:00:00 web01 sshd[42]: Failed password for root from 203.0.113.7 port 4242 ssh2\n'

describe('archive and folder evidence', () => {
  it('imports each member of a zip as its own source, refusing a member whose path climbs out', async () => {
    const { app, caseId, open } = await newCase()
    const dir = tempDir()
    const zip = join(dir, 'evidence.zip')
    writeFileSync(
      zip,
      buildZip([
        { name: 'web01/access.log', data: Buffer.from(access(300)) },
        { name: 'web01/auth.log.gz', data: gzipSync(auth) },
        { name: '../../escaped.log', data: Buffer.from(access(1)) }
      ])
    )
    const [result] = await app.ingestAndWait(caseId, [{ path: zip }])
    const byEntry = new Map(result.summaries!.map((s) => [s.evidence.container?.entry, s]))
    expect(byEntry.get('web01/access.log')!.evidence).toMatchObject({
      format: 'apache_combined',
      status: 'complete',
      records: 300,
      events: 300,
      container: { path: zip, entry: 'web01/access.log' }
    })
    expect(byEntry.get('web01/auth.log.gz')!.evidence).toMatchObject({ format: 'syslog_rfc3164', events: 1 })
    const refused = result.summaries!.find((s) => s.evidence.status === 'failed')!
    expect(refused.message).toMatch(/escaped\.log.*not imported/)
    // Nothing was written anywhere outside the case: the name was never used as a path.
    expect(existsSync(join(dirname(dir), 'escaped.log'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['evidence.zip'])
    expect(open.events.count({})).toBe(301)

    // The same archive again: every member is recognised by its bytes, nothing is stored twice.
    const [again] = await app.ingestAndWait(caseId, [{ path: zip }])
    expect(again.error).toBeUndefined()
    expect(open.events.count({})).toBe(301)
    expect(open.evidence.list().filter((e) => e.status === 'complete')).toHaveLength(2)
  })

  it('stops a decompression bomb at its limit with a precise reason and imports the rest', async () => {
    const { app, caseId, open } = await newCase()
    const zip = join(tempDir(), 'bomb.zip')
    writeFileSync(
      zip,
      buildZip([
        { name: 'access.log', data: Buffer.from(access(10)) },
        { name: 'zeros.log', stored: deflatedZeros(2048), method: 8, declaredSize: 1024 }
      ])
    )
    const started = Date.now()
    const [result] = await app.ingestAndWait(caseId, [{ path: zip }])
    expect(Date.now() - started).toBeLessThan(20_000)
    const refused = result.summaries!.find((s) => s.evidence.status === 'failed')!
    expect(refused.evidence.container?.entry).toBe('zeros.log')
    expect(refused.message).toMatch(/zeros\.log.*(ratio|size|limit|declares)/i)
    expect(open.events.count({})).toBe(10)
  })

  it('imports a folder of many small files, one source each, registering them in batches', async () => {
    const { app, caseId, open } = await newCase()
    const dir = tempDir()
    for (let host = 0; host < 40; host++) {
      mkdirSync(join(dir, `host${host}`))
      for (let day = 0; day < 50; day++) {
        writeFileSync(
          join(dir, `host${host}`, `access-${day}.log`),
          access(3).replace(/\/p\//g, `/h${host}d${day}/`)
        )
      }
    }
    const [result] = await app.ingestAndWait(caseId, [{ path: dir }])
    expect(result.error).toBeUndefined()
    expect(result.summaries).toHaveLength(2000)
    expect(result.summaries!.every((s) => s.evidence.status === 'complete' && s.evidence.events === 3)).toBe(
      true
    )
    expect(open.evidence.list()).toHaveLength(2000)
    expect(open.events.count({})).toBe(6000)
    expect(open.events.count({ filters: [{ field: 'url.path', op: 'prefix', value: '/h39d49/' }] })).toBe(3)
  }, 120_000)
})
