// IIS W3C extended logs: the golden file (default fields before any #Fields, a mid-file field change, a
// time-only layout dated by #Date, broken lines), one behaviour per focused case, the accounting invariant,
// sniffing, and the Tunna webshell IIS log from EVTX-ATTACK-SAMPLES read in place from ../shared/datasets.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { ParserOptions, RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { createIisW3cParser, iisW3cFormat } from '../../../../src-main/core/ingest/parsers/iisW3c'
import { DATASETS, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import { eventOf, expectEachLineSettledOnce, expectFixtureGolden, settleLines } from './parserHarness'

const UTC: ParserOptions = { timeZone: 'UTC', referenceYear: 2026 }
const HAVE_DATASETS = existsSync(DATASETS)
if (!HAVE_DATASETS) console.warn(`iisW3c real-data tests skipped: ${DATASETS} is absent`)

const FIELDS =
  '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'

/** Reads lines through a fresh parser; checks every line settles exactly once, in order. */
function readLines(lines: readonly string[], options: ParserOptions = UTC): RecordOutcome[] {
  const outcomes = settleLines(iisW3cFormat.create(options), lines)
  expectEachLineSettledOnce(outcomes, lines.length)
  return outcomes
}

function reasonOf(outcome: RecordOutcome): string {
  if (outcome.kind === 'event')
    throw new Error(`expected no event, got ${JSON.stringify(outcome.event.fields)}`)
  return `${outcome.kind}: ${outcome.reason}`
}

describe('IIS W3C golden file', () => {
  it('iis-w3c.log parses to iis-w3c.expected.json', () => {
    expectFixtureGolden(iisW3cFormat.create(UTC), 'iis-w3c.log', ['rejected', 'skipped'])
  })
})

describe('IIS W3C parser', () => {
  it('maps the default fields to ECS, with the request rebuilt as url.original and message', () => {
    const [, event] = readLines([
      FIELDS,
      '2026-03-14 10:13:36 10.0.2.15 GET /erp/conn.aspx proxy&port=3389&ip=127.0.0.1 80 - 10.0.2.17 Mozilla/5.0+(Windows+NT+10.0) http://a.example/x?y=1+2 200 0 64 7'
    ])
    expect(eventOf(event).timestamp).toBe(Date.parse('2026-03-14T10:13:36Z'))
    expect(eventOf(event).fields).toEqual({
      'event.kind': 'event',
      'event.category': 'web',
      'event.dataset': 'iis.access',
      'destination.ip': '10.0.2.15',
      'http.request.method': 'GET',
      'url.path': '/erp/conn.aspx',
      'url.query': 'proxy&port=3389&ip=127.0.0.1',
      'url.original': '/erp/conn.aspx?proxy&port=3389&ip=127.0.0.1',
      message: 'GET /erp/conn.aspx?proxy&port=3389&ip=127.0.0.1',
      'destination.port': 80,
      'source.ip': '10.0.2.17',
      'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0)',
      'http.request.referrer': 'http://a.example/x?y=1+2',
      'http.response.status_code': 200,
      'event.outcome': 'success'
    })
    expect(eventOf(event).extra).toEqual({
      'iis.access.sub_status': 0,
      'iis.access.win32_status': 64,
      'event.duration': 7_000_000
    })
  })

  it('reads lines before any #Fields line with the IIS default field list', () => {
    const [event] = readLines(['2026-03-14 10:13:36 10.0.2.15 GET / - 80 - 10.0.2.17 - - 404 0 2 1'])
    expect(eventOf(event).fields['http.response.status_code']).toBe(404)
    expect(eventOf(event).fields['event.outcome']).toBe('failure')
  })

  it('follows a #Fields change mid-file and names the list in force when a line does not fit it', () => {
    const outcomes = readLines([
      FIELDS,
      '#Fields: date time c-ip cs-method cs-uri-stem sc-status cs-host',
      '2026-03-14 10:00:00 10.0.0.1 GET /a 200 WWW.Example.com:8080',
      '2026-03-14 10:00:00 10.0.0.1 GET /a 200'
    ])
    expect(eventOf(outcomes[2]).fields['url.domain']).toBe('www.example.com')
    expect(reasonOf(outcomes[3])).toBe(
      'rejected: the line has 6 fields but the #Fields line (line 2) lists 7'
    )
    expect(reasonOf(readLines(['2026-03-14 10:00:00 10.0.0.1'])[0])).toBe(
      'rejected: the line has 3 fields but the IIS default field list (no #Fields line yet) lists 15'
    )
  })

  it('settles directives and comments as skipped, and an empty #Fields as rejected with the list kept', () => {
    const outcomes = readLines([
      '#Software: Microsoft Internet Information Services 10.0',
      '#Version: 1.0',
      '#Date: 2026-03-14 00:00:00',
      FIELDS,
      '#Remark: hello',
      '# a hand-written note',
      '#Fields:',
      '',
      '#Date: 2026-02-30 00:00:00'
    ])
    expect(outcomes.map(reasonOf)).toEqual([
      'skipped: IIS directive (#Software)',
      'skipped: IIS directive (#Version)',
      'skipped: IIS directive (#Date)',
      'skipped: IIS directive (#Fields)',
      'skipped: IIS directive (#Remark)',
      'skipped: comment line (not an IIS directive)',
      'rejected: #Fields names no fields; the #Fields line (line 4) stays in force',
      'rejected: blank line',
      "rejected: #Date: timestamp '2026-02-30 00:00:00' is not a date"
    ])
  })

  it('reads times in the declared zone (servers set to log local time), UTC by default', () => {
    const line = '2026-07-01 12:00:00 10.0.2.15 GET / - 80 - 10.0.2.17 - - 200 0 0 1'
    expect(eventOf(readLines([line])[0]).timestamp).toBe(Date.parse('2026-07-01T12:00:00Z'))
    const berlin = readLines([line], { timeZone: 'Europe/Berlin', referenceYear: 2026 })
    expect(eventOf(berlin[0]).timestamp).toBe(Date.parse('2026-07-01T10:00:00Z'))
  })

  it('dates a layout without a date column by the last #Date, and reads milliseconds', () => {
    const outcomes = readLines([
      '#Date: 2026-03-15 08:00:00',
      '#Fields: time c-ip cs-method cs-uri-stem sc-status',
      '08:00:01.250 10.0.0.9 GET /health 200'
    ])
    expect(new Date(eventOf(outcomes[2]).timestamp).toISOString()).toBe('2026-03-15T08:00:01.250Z')
    const undated = readLines(['#Fields: time c-ip sc-status', '08:00:01 10.0.0.9 200'])
    expect(reasonOf(undated[1])).toBe(
      'rejected: the #Fields line (line 1) has no date and time fields: the line has no time'
    )
  })

  it('splits DOMAIN\\user, keeps the query as sent and decodes + in other header values', () => {
    const outcomes = readLines([
      '#Fields: date time cs-username cs-uri-query cs(Cookie) cs(X-Forwarded-For) sc(Content-Type) s-sitename',
      '2026-03-14 10:00:00 CONTOSO\\alice q=a+b a=1;+b=2 203.0.113.9,+10.0.0.1 text/html W3SVC1'
    ])
    const event = eventOf(outcomes[1])
    expect(event.fields).toMatchObject({
      'user.domain': 'CONTOSO',
      'user.name': 'alice',
      'url.query': 'q=a+b'
    })
    expect(event.extra).toEqual({
      'http.request.headers.cookie': 'a=1; b=2',
      'http.request.headers.x-forwarded-for': '203.0.113.9, 10.0.0.1',
      'http.response.headers.content-type': 'text/html',
      'iis.access.site_name': 'W3SVC1'
    })
  })

  it('rejects malformed or impossible dates and times and a status that is not a number, quoting them', () => {
    const stamps = [
      '2026/03/14 10:00:00',
      '2026-02-30 10:00:00',
      '2026-03-14 24:00:00',
      '2026-03-14 10:00:00'
    ]
    const lines = stamps.map(
      (stamp, index) => `${stamp} 10.0.2.15 GET / - 80 - 10.0.2.17 - - ${index === 3 ? 'OK' : '200'} 0 0 1`
    )
    expect(readLines(lines).map(reasonOf)).toEqual([
      "rejected: date: timestamp '2026/03/14' is not in the form yyyy-mm-dd",
      "rejected: date: timestamp '2026-02-30' is not a date",
      "rejected: time '24:00:00' is not a time of day in the form hh:mm:ss[.fff]",
      "rejected: sc-status 'OK' is not an HTTP status code"
    ])
  })

  it('keeps a non-numeric port, byte count or duration as logged instead of refusing the line', () => {
    const outcomes = readLines([
      '#Fields: date time s-port sc-bytes time-taken',
      '2026-03-14 10:00:00 http 12k slow'
    ])
    expect(eventOf(outcomes[1]).extra).toEqual({
      'iis.access.s-port': 'http',
      'iis.access.sc-bytes': '12k',
      'iis.access.time-taken': 'slow'
    })
  })

  it('gives each file its own parser, so a #Fields line never leaks into the next file', () => {
    const first = createIisW3cParser(UTC)
    first.read({ text: '#Fields: date time sc-status', line: 1, offset: 0 }, () => {})
    const second = readLines(['2026-03-14 10:00:00 200'])
    expect(reasonOf(second[0])).toContain('the IIS default field list')
  })
})

describe('IIS W3C sniffing', () => {
  it('scores high with a #Fields or IIS #Software line and data lines that fit', () => {
    const sample = readFixtureLines('iis-w3c.log').filter((line) => line.trim() !== '')
    // 9 directive or comment lines and 6 readable data lines (4, 6–8, 18, 20) of the 19 non-blank lines.
    expect(iisW3cFormat.sniff(sample)).toBeCloseTo(15 / 19)
    expect(
      iisW3cFormat.sniff([FIELDS, '2026-03-14 10:00:00 10.0.2.15 GET / - 80 - 10.0.2.17 - - 200 0 0 1'])
    ).toBe(1)
  })

  it('scores a headerless fragment lower, and zero on every other fixture', () => {
    const line = '2026-03-14 10:00:00 10.0.2.15 GET / - 80 - 10.0.2.17 - - 200 0 0 1'
    expect(iisW3cFormat.sniff([line, line])).toBeCloseTo(0.6)
    for (const fixture of readdirSync(INGEST_FIXTURES)) {
      if (fixture === 'iis-w3c.log' || fixture.endsWith('.expected.json')) continue
      const sample = readFixtureLines(fixture)
        .filter((text) => text.trim() !== '')
        .slice(0, 200)
      expect(iisW3cFormat.sniff(sample), fixture).toBe(0)
    }
  })
})

describe.skipIf(!HAVE_DATASETS)('IIS log in ../shared/datasets', () => {
  it('EVTX-ATTACK-SAMPLES Tunna IIS log: every data line imported, the tunnel requests found', () => {
    const path = join(DATASETS, 'evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log')
    const lines = readFileSync(path, 'utf8').split(/\r?\n/)
    if (lines[lines.length - 1] === '') lines.pop()
    expect(iisW3cFormat.sniff(lines.filter((line) => line.trim() !== '').slice(0, 200))).toBe(1)
    const outcomes = readLines(lines)
    const events = outcomes.filter((outcome) => outcome.kind === 'event').map(eventOf)
    const count = (kind: RecordOutcome['kind']) => outcomes.filter((outcome) => outcome.kind === kind).length
    // wc -l: 4,308 lines (CRLF). grep -c '^#': 9 — two header blocks of 4 directives and one '# Default
    // traces…' note; grep -c '^$' after tr -d '\r': 1 blank line; the other 4,298 are data lines.
    expect(lines.length).toBe(4308)
    expect(count('skipped')).toBe(9)
    expect(count('rejected')).toBe(1)
    expect(events.length).toBe(4298)
    const where = (predicate: (event: NormalisedEvent) => boolean) => events.filter(predicate).length
    // awk '{print $4}' over the data lines: 2,561 GET and 1,737 POST, all from c-ip 10.0.2.17 with status 200
    expect(where((event) => event.fields['http.request.method'] === 'GET')).toBe(2561)
    expect(where((event) => event.fields['http.request.method'] === 'POST')).toBe(1737)
    expect(where((event) => event.fields['source.ip'] === '10.0.2.17')).toBe(4298)
    expect(where((event) => event.fields['http.response.status_code'] === 200)).toBe(4298)
    // grep -c 'proxy&port=[0-9]*&ip=': the tunnel set-up requests the dataset's readme names (port 3389)
    expect(where((event) => /^proxy&port=\d+&ip=/.test(String(event.fields['url.query'])))).toBe(3)
    // awk '{s += $15} END {print s}': total time-taken 18,505 ms
    const totalNs = events.reduce((sum, event) => sum + Number(event.extra?.['event.duration'] ?? 0), 0)
    expect(totalNs).toBe(18_505 * 1_000_000)
    // First and last data lines: 2019-09-03 10:13:36 and 11:08:51, UTC.
    expect(new Date(events[0].timestamp).toISOString()).toBe('2019-09-03T10:13:36.000Z')
    expect(new Date(events[events.length - 1].timestamp).toISOString()).toBe('2019-09-03T11:08:51.000Z')
  })
})
