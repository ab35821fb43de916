// App-level conformance on EVTX-ATTACK-SAMPLES: its non-EVTX artefacts (a Tomcat access log and an IIS W3C
// log from real intrusions) and an EVTX log itself, each imported through CairnApp and checked against
// counts taken independently (the raw lines; python-evtx for the event log).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  ConformanceCase,
  HAVE_DATASETS,
  dataset,
  filesUnder,
  physicalLines,
  readPlain,
  report,
  run
} from './support'
import { RECOVERED_FIELD } from '../../src-main/core/ingest/parsers/evtx/evtxFormat'

const PYTHON = '/usr/bin/python3'

const SAMPLES = dataset('evtx-attack-samples')

/** _INVENTORY.csv lists every .evtx (path first); the other files are found by what it leaves out. */
function inventory(): string[] {
  return physicalLines(readFileSync(join(SAMPLES, '_INVENTORY.csv')))
    .slice(1)
    .map((row) => row.split(',')[0])
}

describe.skipIf(!HAVE_DATASETS)('EVTX-ATTACK-SAMPLES web logs and EVTX through the app', () => {
  const conformance = new ConformanceCase()
  beforeAll(() => conformance.open())
  afterAll(() => conformance.close())
  const evtx = HAVE_DATASETS ? inventory() : []
  const textLogs = filesUnder(SAMPLES, /\.(txt|log)$/i).filter(
    (path) => !evtx.includes(path.slice(SAMPLES.length + 1))
  )
  const tomcatLog = textLogs.find((path) => path.endsWith('_access_log.txt'))!
  const iisLog = textLogs.find((path) => path.endsWith('_IIS.log'))!

  it('finds the two text logs outside the EVTX inventory (265 .evtx listed)', () => {
    expect(evtx).toHaveLength(265)
    expect(textLogs.map((path) => path.slice(SAMPLES.length + 1))).toEqual([
      'Command and Control/Tunna_rdp_tunnel_IIS.log',
      'Command and Control/web_attack_and_isp_webshell_localhost_access_log.txt'
    ])
  })

  it('imports every line of the Tomcat access log (NCSA common format)', async () => {
    // `%h %l %u %t "%r" %>s %b` (no referrer or agent): apache_common, which the tie-break prefers over
    // combined. records = physical lines (2,661, CRLF-terminated), all data, so events = records. Line 27
    // holds a TLS ClientHello sent to the HTTP port (binary bytes, NUL included, in the request line) and
    // lines 879 and 1508 an unescaped '"' inside the request (an XSS probe): real attack traffic a web log
    // reader must still take in.
    const path = tomcatLog
    const lines = physicalLines(readPlain(path))
    const imported = await conformance.import({ path })
    expect(imported.error).toBeUndefined()
    const { evidence } = imported.summaries[0]
    expect(evidence).toMatchObject({
      format: 'apache_common',
      recordUnit: 'line',
      status: 'complete',
      records: lines.length,
      events: lines.length,
      rejected: 0,
      skipped: 0
    })
    // Spot checks: the attacker's requests by client address, and the 401s of the manager brute force.
    const attacker = lines.filter((line) => line.startsWith('192.168.105.83 ')).length
    expect(conformance.countWhere(evidence.id, 'source.ip', '192.168.105.83')).toBe(attacker)
    const unauthorised = lines.filter((line) => /" 401 \S+\r?$/.test(line)).length
    expect(conformance.countWhere(evidence.id, 'http.response.status_code', 401)).toBe(unauthorised)
    report(evidence, imported.seconds)
  })

  it('imports every data line of the IIS W3C log and skips its directives', async () => {
    // records = physical lines (4,308); skipped = the lines starting with '#' (two #Software/#Version/
    // #Date/#Fields blocks and the sample author's own '# Default traces of Tunna…' note: 9); line 6 is
    // blank (left after that note) and is rejected as 'blank line', as Cairn treats blank lines in every
    // line format; every other line is a request: events = 4,308 - 9 - 1.
    const path = iisLog
    const lines = physicalLines(readPlain(path))
    const directives = lines.filter((line) => line.startsWith('#')).length
    const blank = lines.flatMap((line, index) => (line.trim() === '' ? [index + 1] : []))
    const imported = await conformance.import({ path })
    expect(imported.error).toBeUndefined()
    const { evidence } = imported.summaries[0]
    expect(evidence).toMatchObject({
      format: 'iis_w3c',
      recordUnit: 'line',
      status: 'complete',
      records: lines.length,
      skipped: directives,
      rejected: blank.length,
      events: lines.length - directives - blank.length
    })
    expect(blank).toEqual([6])
    expect(conformance.rejected(evidence.id).map(({ line, reason }) => [line, reason])).toEqual([
      [6, 'blank line']
    ])
    // Spot checks: the Tunna tunnel requests (cs-uri-query 'proxy&port=3389&ip=127.0.0.1' …) and the
    // first request's time (IIS writes UTC; the case declares UTC).
    const rows = lines.filter((line) => /^\d{4}-/.test(line)).map((line) => line.split(' '))
    const tunnel = rows.filter((cells) => cells[5].startsWith('proxy&port=')).length
    expect(
      conformance.events.count({
        evidenceIds: [evidence.id],
        filters: [{ field: 'url.query', op: 'prefix', value: 'proxy&port=' }]
      })
    ).toBe(tunnel)
    expect(conformance.countWhere(evidence.id, 'url.path', '/erp/conn.aspx')).toBe(
      rows.filter((cells) => cells[4] === '/erp/conn.aspx').length
    )
    const [first] = conformance.eventsAt(evidence.id, 7, [])
    expect(first.timestamp).toBe(Date.parse(`${rows[0][0]}T${rows[0][1]}Z`))
    expect(first.fields).toMatchObject({ 'source.ip': rows[0][8], 'http.request.method': rows[0][3] })
    report(evidence, imported.seconds)
  })

  it.skipIf(!existsSync(PYTHON))(
    'imports an EVTX log: every record python-evtx reads is an event',
    async () => {
      const path = join(SAMPLES, evtx[0])
      const oracle = JSON.parse(run(PYTHON, [join(__dirname, 'evtxOracle.py'), path]).toString()) as {
        records: { eventRecordId: string }[]
      }
      const imported = await conformance.import({ path })
      const [{ evidence }] = imported.summaries
      expect(evidence).toMatchObject({ format: 'evtx', recordUnit: 'event_record', rejected: 0 })
      const events = conformance.events.page({ evidenceIds: [evidence.id] }, 0, 1_000_000).events
      const live = events.filter((event) => event.extra?.[RECOVERED_FIELD] === undefined)
      // The store orders events by time; EventRecordIDs say which records they are.
      const ids = live.map((event) => Number(event.extra?.['winlog.record_id'])).sort((a, b) => a - b)
      expect(ids).toEqual(oracle.records.map((record) => Number(record.eventRecordId)).sort((a, b) => a - b))
      report(evidence, imported.seconds)
    }
  )
})
