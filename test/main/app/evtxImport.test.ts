// Windows event logs through the whole import path (format detection, worker threads, shards, the case):
// a clean log, and each kind of damage the issue names — a truncated file, a zeroed chunk, flipped bytes in
// a template (caught by the chunk checksum, and not), a record size pointing past its chunk, a file that
// is not EVTX, an EVTX inside a zip, an empty log and slack space. Every one imports what can be read and
// reports the rest with where it is and why.

import { afterEach, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ImportSummary } from '../../../src-main/common/domain'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { buildZip } from '../ingest/containers/archiveFixtures'
import { EVTX_CHUNK_BYTES, EVTX_HEADER_BYTES, buildEvtxFile } from '../helpers/evtxFileBuilder'
import { buildSecurityLog, logonRecords, logons } from '../helpers/securityLogBuilder'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function importFile(name: string, bytes: Uint8Array, format?: 'evtx') {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  const { id } = await app.createCase('EVTX', 'UTC')
  const path = join(tempDir(), name)
  writeFileSync(path, bytes)
  const [result] = await app.ingestAndWait(id, [{ path, format }])
  return { result, open: app.requireCase(id) }
}

function only(summaries: ImportSummary[] | undefined): ImportSummary {
  expect(summaries).toHaveLength(1)
  return summaries![0]
}

/** Three chunks of 100 logons each: record ids 1–100, 101–200, 201–300. */
const THREE_CHUNKS = [{ logons: logons(1, 100) }, { logons: logons(101, 100) }, { logons: logons(201, 100) }]
const SECOND_CHUNK = EVTX_HEADER_BYTES + EVTX_CHUNK_BYTES

/** Live records wholly inside the first `present` bytes of a chunk, walked by their size fields. */
function recordsWithin(chunk: Uint8Array, present: number): number {
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  const freeSpace = view.getUint32(48, true)
  let count = 0
  for (let at = 512; at < freeSpace && at + view.getUint32(at + 4, true) <= present;) {
    at += view.getUint32(at + 4, true)
    count++
  }
  return count
}

describe('EVTX import', () => {
  it('imports every record of a clean log as a mapped Windows event with its XML', async () => {
    const { result, open } = await importFile('Security.evtx', buildSecurityLog(THREE_CHUNKS))
    const { evidence } = only(result.summaries)
    expect(evidence).toMatchObject({ format: 'evtx', recordUnit: 'event_record', records: 300, events: 300 })
    expect(evidence.rejected).toBe(0)
    // Record 3 is the first failure (every third): 4625 for user3 from 10.0.0.3, logon type 3.
    const failures = open.events.page({ filters: [{ field: 'event.code', op: 'eq', value: '4625' }] }, 0, 200)
    expect(failures.total).toBe(100)
    const [first] = failures.events
    expect(first.fields).toMatchObject({
      'user.name': 'user3',
      'source.ip': '10.0.0.3',
      'event.outcome': 'failure'
    })
    expect(first.timestamp).toBe(Date.UTC(2024, 0, 1, 0, 0, 3))
    expect(first.raw).toMatch(
      /^<Event xmlns="http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event">/
    )
    expect(first.raw).toContain('<Data Name="Status">0xc000006a</Data>')
  })

  it('reads a truncated file up to its last whole record and says where it ends', async () => {
    const bytes = buildSecurityLog(THREE_CHUNKS)
    const cut = SECOND_CHUNK + 30_000
    const { result } = await importFile('cut.evtx', bytes.subarray(0, cut))
    const { evidence, topRejectReasons } = only(result.summaries)
    const inSecond = recordsWithin(bytes.subarray(SECOND_CHUNK, SECOND_CHUNK + EVTX_CHUNK_BYTES), 30_000)
    expect(inSecond).toBeGreaterThan(0)
    expect(evidence.events).toBe(100 + inSecond)
    expect(evidence.rejected).toBe(1)
    expect(topRejectReasons[0].reason).toMatch(/ends 30,000 bytes into this chunk/)
  })

  it('skips a zeroed chunk in the middle, reporting it, and reads the chunks around it', async () => {
    const chunks = [THREE_CHUNKS[0], { logons: [], zeroed: true }, THREE_CHUNKS[2]]
    const { result, open } = await importFile('zeroed.evtx', buildSecurityLog(chunks))
    const { evidence } = only(result.summaries)
    expect(evidence).toMatchObject({ events: 200, rejected: 1 })
    const [rejected] = open.events.rejected(evidence.id, 0, 10).lines
    expect(rejected.reason).toMatch(/chunk is all zero bytes/)
    expect(rejected.raw).toContain(`file offset 0x${SECOND_CHUNK.toString(16)} (chunk 1)`)
  })

  // The first record of a chunk carries the template definition inline; 42 bytes into its Binary XML is the
  // definition's first token (fragment header 4, instance 1+1+4+4, definition header 4+16+4, fragment 4).
  const TEMPLATE_TOKEN = SECOND_CHUNK + 512 + 24 + 42

  it('skips a chunk whose checksum catches flipped bytes in a template', async () => {
    const bytes = buildSecurityLog(THREE_CHUNKS)
    bytes[TEMPLATE_TOKEN] ^= 0xff
    const { result } = await importFile('flipped.evtx', bytes)
    const { evidence, topRejectReasons } = only(result.summaries)
    expect(evidence).toMatchObject({ events: 200, rejected: 1 })
    expect(topRejectReasons[0].reason).toMatch(/^chunk data checksum mismatch: .*chunk skipped/)
  })

  it('rejects each record that uses a damaged template when the checksums were rewritten to agree', async () => {
    const chunks = [
      THREE_CHUNKS[0],
      { ...THREE_CHUNKS[1], rewrite: (chunk: Uint8Array) => void (chunk[512 + 24 + 42] = 0xff) },
      THREE_CHUNKS[2]
    ]
    const { result } = await importFile('forged.evtx', buildSecurityLog(chunks))
    const { evidence, topRejectReasons } = only(result.summaries)
    expect(evidence).toMatchObject({ events: 200, rejected: 100 })
    expect(topRejectReasons[0].reason).toMatch(/0xff/)
  })

  it('skips a record whose size points past its chunk and reads on from the next record', async () => {
    const records = logonRecords(logons(101, 100))
    records[4] = { ...records[4], size: 70_000 }
    const bytes = buildEvtxFile({ chunks: [{ records: logonRecords(logons(1, 100)) }, { records }] })
    const { result } = await importFile('size.evtx', bytes)
    const { evidence, topRejectReasons } = only(result.summaries)
    expect(evidence).toMatchObject({ events: 199, rejected: 1 })
    expect(topRejectReasons[0].reason).toMatch(/70,000/)
  })

  it('refuses a file that is not EVTX, and says what it found when EVTX is named', async () => {
    const notEvtx = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000)])
    const sniffed = await importFile('Security.evtx', notEvtx)
    expect(sniffed.result.error).toMatchObject({ code: 'UNSUPPORTED_FORMAT' })
    const named = await importFile('Security.evtx', notEvtx, 'evtx')
    const { evidence, topRejectReasons } = only(named.result.summaries)
    expect(evidence).toMatchObject({ events: 0, rejected: 1 })
    expect(topRejectReasons[0].reason).toMatch(/not an EVTX file.*%PDF/)
  })

  it('imports an EVTX file inside a zip', async () => {
    const log = Buffer.from(buildSecurityLog([THREE_CHUNKS[0]]))
    const zip = buildZip([{ name: 'C/Windows/System32/winevt/Logs/Security.evtx', data: log }])
    const { result } = await importFile('triage.zip', zip)
    const { evidence } = only(result.summaries)
    expect(evidence).toMatchObject({ format: 'evtx', events: 100, rejected: 0 })
  })

  it('imports an empty log (header only) as complete, with nothing rejected', async () => {
    const { result } = await importFile('empty.evtx', buildEvtxFile({ chunks: [] }))
    const { evidence } = only(result.summaries)
    expect(evidence).toMatchObject({ status: 'complete', records: 0, events: 0, rejected: 0 })
  })

  it('counts stale slack records it cannot rebuild per chunk, as skipped, not as damage', async () => {
    const bytes = buildEvtxFile({
      chunks: [
        {
          records: logonRecords(logons(1, 50)),
          slack: logonRecords(logons(900, 3)),
          // The template the slack records use is defined inline by the first of them (its Binary XML 24
          // bytes in, the instance 4 bytes later, the definition 10 bytes after that, its id 4 bytes in):
          // another id there makes all three stale records whose template was overwritten.
          corrupt: (chunk) => {
            const freeSpace = new DataView(chunk.buffer, chunk.byteOffset).getUint32(48, true)
            chunk[freeSpace + 24 + 4 + 10 + 4] ^= 0xff
          }
        }
      ]
    })
    const { result } = await importFile('stale.evtx', bytes)
    const { evidence, skipReasons } = only(result.summaries)
    expect(evidence).toMatchObject({ records: 51, events: 50, rejected: 0, skipped: 1 })
    expect(skipReasons[0].reason).toMatch(/^stale records whose templates have since been overwritten/)
    expect(skipReasons[0].example?.raw).toBe('3 records in the slack space of chunk 0')
  })

  it('recovers records from slack space and marks them', async () => {
    const bytes = buildEvtxFile({
      chunks: [{ records: logonRecords(logons(1, 50)), slack: logonRecords(logons(900, 3)) }]
    })
    const { result, open } = await importFile('slack.evtx', bytes)
    const { evidence } = only(result.summaries)
    expect(evidence.events).toBe(53)
    const recovered = open.events
      .page({}, 0, 100)
      .events.filter((e) => e.extra?.['evtx.recovered'] === 'true')
    expect(recovered.map((event) => event.extra?.['winlog.record_id'])).toEqual([900, 901, 902])
  })
})
