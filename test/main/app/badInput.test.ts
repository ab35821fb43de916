// Hostile and broken evidence through the whole import path (worker threads, shards, the case): every one
// ends with a clear per-source report, nothing read is lost, and the app keeps answering while it works.

import { afterEach, describe, expect, it } from 'vitest'
import { appendFileSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { JobOutcome } from '../../../src-main/common/domain'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { INVALID_UTF8_FIELD } from '../../../src-main/core/ingest/readRecords'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function newCase() {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  const { id } = await app.createCase('Bad input', 'UTC')
  return { app, caseId: id, open: app.requireCase(id) }
}

const ACCESS = (i: number) =>
  `192.0.2.${i % 250} - - [01/Mar/2026:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /p/${i} HTTP/1.1" 200 ${i} "-" "curl/8"`

describe('bad input', () => {
  it('refuses binary garbage with a specific reason', async () => {
    const { app, caseId } = await newCase()
    const path = join(tempDir(), 'garbage.bin')
    // Deterministic noise without NUL bytes: not text in any format, not a known binary format either.
    const bytes = Buffer.alloc(300_000)
    let seed = 7
    for (let i = 0; i < bytes.length; i++) bytes[i] = ((seed = (seed * 1103515245 + 12345) >>> 0) % 255) + 1
    writeFileSync(path, bytes)
    const [result] = await app.ingestAndWait(caseId, [{ path }])
    expect(result.error).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/garbage\.bin: not in a format Cairn recognises/)
    })
  })

  it('reads a 1 GiB single line in bounded memory: refused when sniffed, one cut record when the format is named', async () => {
    const { app, caseId, open } = await newCase()
    const path = join(tempDir(), 'one-line.log')
    const fd = openSync(path, 'w')
    const chunk = Buffer.alloc(64 * 1024 * 1024, 'x')
    for (let i = 0; i < 16; i++) writeSync(fd, chunk)
    writeSync(fd, `\n${ACCESS(1)}\n`)
    closeSync(fd)
    const [sniffed] = await app.ingestAndWait(caseId, [{ path }])
    expect(sniffed.error?.code).toBe('UNSUPPORTED_FORMAT')
    const rssBefore = process.memoryUsage().rss
    const [named] = await app.ingestAndWait(caseId, [{ path, format: 'apache_combined' }])
    const [summary] = named.summaries!
    expect(summary.evidence).toMatchObject({ records: 2, events: 1, rejected: 1 })
    expect(summary.topRejectReasons[0].reason).toBe('line is longer than 4 MiB; first part kept')
    expect(open.events.rejected(summary.evidence.id, 0, 1).lines[0].raw).toHaveLength(4 * 1024 * 1024)
    // The line is never held whole: memory grows by far less than the line's size.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * 1024 * 1024)
  }, 120_000)

  it('keeps lines with invalid UTF-8, marked, with the offset of the original bytes', async () => {
    const { app, caseId, open } = await newCase()
    const path = join(tempDir(), 'latin1.log')
    // The second line's user agent ends in two bytes that are not UTF-8 (Latin-1 'é', then 0xff).
    const secondLine = ACCESS(1).slice(0, -'curl/8"'.length) + 'caf'
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.from(`${ACCESS(0)}\n${secondLine}`),
        Buffer.from([0xe9, 0xff]),
        Buffer.from('"\n')
      ])
    )
    const [result] = await app.ingestAndWait(caseId, [{ path }])
    expect(result.summaries![0].evidence).toMatchObject({ records: 2, events: 2, rejected: 0 })
    const [clean, replaced] = open.events.page({}, 0, 10).events
    expect(clean.extra?.[INVALID_UTF8_FIELD]).toBeUndefined()
    expect(replaced.extra?.[INVALID_UTF8_FIELD]).toMatch(/replaced with U\+FFFD/)
    expect(replaced.raw).toContain('\uFFFD')
    expect(replaced.provenance.offset).toBe(Buffer.byteLength(ACCESS(0)) + 1)
  })

  it('imports every good record of a JSON-lines file with one broken record in the middle, rejecting only that one', async () => {
    const { app, caseId, open } = await newCase()
    const path = join(tempDir(), 'events.jsonl')
    const records = Array.from({ length: 1000 }, (_, i) =>
      JSON.stringify({
        '@timestamp': new Date(Date.UTC(2026, 2, 1, 10, 0, i)).toISOString(),
        message: `event ${i}`,
        'source.ip': '192.0.2.9'
      })
    )
    records[500] = '{"@timestamp": "2026-03-01T10:08:20Z", "message": "cut off here'
    writeFileSync(path, records.join('\n') + '\n')
    const [result] = await app.ingestAndWait(caseId, [{ path }])
    const [summary] = result.summaries!
    expect(summary.evidence).toMatchObject({
      format: 'json',
      recordUnit: 'document',
      records: 1000,
      events: 999,
      rejected: 1
    })
    expect(open.events.rejected(summary.evidence.id, 0, 10).lines).toEqual([
      expect.objectContaining({ line: 501, raw: records[500] })
    ])
  })

  it('keeps ragged CSV rows: short rows with empty cells, long rows with their extra cells', async () => {
    const { app, caseId, open } = await newCase()
    const path = join(tempDir(), 'events.csv')
    writeFileSync(
      path,
      [
        'timestamp,src_ip,user,action',
        '2026-03-01T10:00:00Z,192.0.2.1,alice,login',
        '2026-03-01T10:00:01Z,192.0.2.2,bob',
        '2026-03-01T10:00:02Z,192.0.2.3,carol,login,unexpected',
        '2026-03-01T10:00:03Z,192.0.2.4,dave,logout'
      ].join('\n') + '\n'
    )
    const [result] = await app.ingestAndWait(caseId, [{ path }])
    expect(result.summaries![0].evidence).toMatchObject({ format: 'csv', records: 5, events: 4, skipped: 1 })
    const events = open.events.page({}, 0, 10).events
    expect(events.map((e) => e.fields['user.name'])).toEqual(['alice', 'bob', 'carol', 'dave'])
    expect(Object.values(events[2].extra ?? {})).toContain('unexpected')
  })

  it('imports a file that grows while it is read exactly as it was when hashed, and says it changed', async () => {
    const { app, caseId, open } = await newCase()
    const path = join(tempDir(), 'growing.log')
    writeFileSync(path, Array.from({ length: 200_000 }, (_, i) => ACCESS(i)).join('\n') + '\n')
    const outcomes: JobOutcome[] = []
    app.onPush((event) => {
      if (event.name === 'job.done') outcomes.push(event.payload)
    })
    const [job] = app.startIngest(caseId, [{ path }])
    const grower = setInterval(() => appendFileSync(path, ACCESS(999_999) + '\n'), 5)
    await app.jobs.settled([job.jobId])
    clearInterval(grower)
    const [evidence] = open.evidence.list()
    expect(evidence).toMatchObject({ status: 'complete', records: 200_000, events: 200_000 })
    expect(open.events.count({})).toBe(200_000)
    const [outcome] = outcomes
    expect(outcome.status === 'succeeded' && outcome.kind === 'ingest' && outcome.result[0].message).toMatch(
      /growing\.log changed while it was imported \([\d,]+ bytes then, [\d,]+ now\)/
    )
  })

  it('answers queries while a large import runs', async () => {
    const { app, caseId } = await newCase()
    const path = join(tempDir(), 'large.log')
    writeFileSync(path, Array.from({ length: 300_000 }, (_, i) => ACCESS(i)).join('\n') + '\n')
    const [job] = app.startIngest(caseId, [{ path }])
    const started = Date.now()
    const latencies: number[] = []
    let done = false
    void app.jobs.settled([job.jobId]).then(() => (done = true))
    while (!done && Date.now() - started < 60_000) {
      const asked = performance.now()
      app.overview(caseId)
      await new Promise((resolve) => setTimeout(resolve, 20))
      latencies.push(performance.now() - asked - 20)
    }
    expect(done).toBe(true)
    // Parsing and storing run in worker threads: the main thread never stalls for seconds.
    expect(Math.max(...latencies)).toBeLessThan(2_000)
  })
})
