// Zeek JSON logs: the golden file of our own fixture (ISO and epoch times, nested ids, no _path, broken
// lines), time forms, log types told from fields, sniffing against EVE, generic JSON, CloudTrail and
// journald, and the WRCCDC 2018 JSON logs, which must read exactly like their TSV twins.

import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { suricataEveFormat } from '../../../../src-main/core/ingest/parsers/suricataEve'
import { createZeekJsonParser, zeekJsonFormat } from '../../../../src-main/core/ingest/parsers/zeekJson'
import { createZeekTsvParser, zeekTsvFormat } from '../../../../src-main/core/ingest/parsers/zeekTsv'
import { DATASETS, gzipLines, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import {
  eventOf,
  eventsOf,
  expectEachLineSettledOnce,
  expectFixtureGolden,
  rejectionOf,
  settleLines
} from './parserHarness'

const HAVE_DATASETS = existsSync(join(DATASETS, 'network'))
/** The WRCCDC tests parse about 134,000 records twice; a loaded machine needs more than the default 30 s. */
const WHOLE_DATASET_TIMEOUT_MS = 120_000
if (!HAVE_DATASETS) console.warn(`Zeek JSON dataset tests skipped: ${DATASETS}network is absent`)

const parseJson = (lines: readonly string[], timeZone = 'UTC'): RecordOutcome[] =>
  settleLines(createZeekJsonParser({ timeZone, referenceYear: 2026 }), lines)

const accepted = (line: string, timeZone = 'UTC'): NormalisedEvent => eventOf(parseJson([line], timeZone)[0])
const reason = (line: string): string => rejectionOf(parseJson([line])[0])

describe('zeek_json golden file', () => {
  it('zeek-json.log settles as zeek-json.expected.json', () => {
    const parser = createZeekJsonParser({ timeZone: 'Europe/Berlin', referenceYear: 2026 })
    expectFixtureGolden(parser, 'zeek-json.log', ['rejected', 'skipped'])
  })
})

describe('zeek_json records', () => {
  const connection = '"uid":"C1","id.orig_h":"192.0.2.1","id.orig_p":1,"id.resp_h":"192.0.2.2","id.resp_p":2'

  it('reads ts as epoch seconds (number or digits) or ISO 8601, a zone-less ISO time in the declared zone', () => {
    expect(accepted(`{"ts":1772442000.123456,${connection}}`).timestamp).toBe(
      Date.parse('2026-03-02T09:00:00.123Z')
    )
    expect(accepted(`{"ts":"1772442000.123456",${connection}}`).timestamp).toBe(
      Date.parse('2026-03-02T09:00:00.123Z')
    )
    expect(accepted(`{"ts":"2026-03-02T09:00:00.123456Z",${connection}}`).timestamp).toBe(
      Date.parse('2026-03-02T09:00:00.123Z')
    )
    expect(accepted(`{"ts":"2026-03-02T10:00:00.5",${connection}}`, 'Europe/Berlin').timestamp).toBe(
      Date.parse('2026-03-02T09:00:00.500Z')
    )
  })

  it('rejects records without a usable ts, broken JSON and non-objects, quoting the text', () => {
    expect(reason(`{${connection}}`)).toBe('no ts field: every Zeek record has its time in ts')
    expect(reason(`{"ts":"soon",${connection}}`)).toBe(
      `ts 'soon' is not epoch seconds like 1521911720.865716 or an ISO 8601 time`
    )
    expect(reason(`{"ts":"2026-02-30T00:00:00Z",${connection}}`)).toBe(
      `timestamp '2026-02-30T00:00:00Z' is not a date`
    )
    expect(reason(`{"ts":-5,${connection}}`)).toBe('ts -5 is not epoch seconds')
    expect(reason(`{"ts":true}`)).toBe('ts is a boolean, not a time')
    expect(reason('{"ts":1772442000.0,"uid":"C1"')).toMatch(
      /^not valid JSON \(.+\): '\{"ts":1772442000\.0,"uid":"C1"'$/
    )
    expect(reason('[{"ts":1}]')).toBe(`a JSON array where one record object was expected: '[{"ts":1}]'`)
    expect(reason('null')).toBe(`a JSON null where one record object was expected: 'null'`)
    expect(reason('  ')).toBe('blank line')
  })

  it('takes the log type from _path, else from the fields, else zeek.unknown', () => {
    expect(accepted(`{"_path":"conn","ts":1,${connection}}`).fields['event.dataset']).toBe('zeek.conn')
    expect(
      accepted(`{"ts":1,${connection},"query":"a.example","qtype_name":"A"}`).fields['event.dataset']
    ).toBe('zeek.dns')
    expect(accepted(`{"ts":1,${connection}}`).fields['event.dataset']).toBe('zeek.unknown')
  })

  it('reads nested records as dotted fields, and leaves nulls, empty strings and empty sets out', () => {
    const event = accepted(
      '{"_path":"conn","ts":1,"id":{"orig_h":"192.0.2.1","orig_p":1},"service":null,"history":"","tunnel_parents":[],"x":[""]}'
    )
    expect(event.fields['source.ip']).toBe('192.0.2.1')
    expect(event.extra).toEqual({ 'zeek.ts': 1, 'zeek.id.orig_h': '192.0.2.1', 'zeek.id.orig_p': 1 })
  })
})

describe('zeekJsonFormat.sniff', () => {
  const GENERIC_JSON = [
    '{"time":"2026-03-02T09:00:00Z","level":"info","msg":"started","pid":812}',
    '{"ts":1772442000,"level":"warn","msg":"slow request","path":"/api"}'
  ]
  const CLOUDTRAIL = [
    '{"Records":[{"eventVersion":"1.08","eventTime":"2026-03-02T09:00:00Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","sourceIPAddress":"203.0.113.9"}]}'
  ]
  const JOURNALD = [
    '{"__REALTIME_TIMESTAMP":"1772442000000000","_HOSTNAME":"web-01","SYSLOG_IDENTIFIER":"sshd","MESSAGE":"Accepted publickey for alice","_PID":"812"}'
  ]

  it('is sure of Zeek JSON and unsure of the fixture lines that are broken or not Zeek', () => {
    // 13 lines, of which 4 are not Zeek records: cut JSON, no ts, an array, a ts that is no time.
    expect(zeekJsonFormat.sniff(readFixtureLines('zeek-json.log'))).toBeCloseTo(9 / 13, 5)
  })

  it('scores EVE, generic JSON with a ts, CloudTrail, journald and the text fixtures zero', () => {
    for (const sample of [GENERIC_JSON, CLOUDTRAIL, JOURNALD]) expect(zeekJsonFormat.sniff(sample)).toBe(0)
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !name.endsWith('.expected.json') && name !== 'zeek-json.log'
    )
    for (const fixture of others) expect(zeekJsonFormat.sniff(readFixtureLines(fixture)), fixture).toBe(0)
  })
})

describe.skipIf(!HAVE_DATASETS)('zeek_json on real logs (../shared/datasets/network)', () => {
  const root = join(DATASETS, 'network/zeek-wrccdc2018')
  const logs = HAVE_DATASETS
    ? readdirSync(join(root, 'zeek-json')).map((name) => name.replace(/\.json\.gz$/, ''))
    : []

  it(
    'WRCCDC 2018: every JSON line is an event that reads exactly like its TSV twin',
    () => {
      // 20 logs; the TSV and JSON files hold the same records in the same order (SOURCE.md), and
      // `zcat <log>.json.gz | wc -l` equals `zcat <log>.log.gz | grep -vc '^#'` for each (dns 53615 …).
      expect(logs.length).toBe(20)
      for (const log of logs) {
        const lines = gzipLines(join(root, 'zeek-json', `${log}.json.gz`))
        const outcomes = parseJson(lines)
        expectEachLineSettledOnce(outcomes, lines.length)
        const jsonEvents = eventsOf(outcomes)
        expect(jsonEvents.length, log).toBe(lines.length)
        expect(zeekJsonFormat.sniff(lines.slice(0, 200)), log).toBe(1)
        expect(suricataEveFormat.sniff(lines.slice(0, 200)), log).toBe(0)
        expect(zeekTsvFormat.sniff(lines.slice(0, 200)), log).toBe(0)
        const tsvEvents = eventsOf(
          settleLines(createZeekTsvParser(), gzipLines(join(root, 'zeek-default', `${log}.log.gz`)))
        )
        expect(tsvEvents.length, log).toBe(jsonEvents.length)
        for (let i = 0; i < jsonEvents.length; i++) {
          // ECS fields and times must agree; extra keeps each writer's own forms (ISO vs epoch times).
          if (
            jsonEvents[i].timestamp !== tsvEvents[i].timestamp ||
            JSON.stringify(jsonEvents[i].fields) !== JSON.stringify(tsvEvents[i].fields)
          ) {
            expect({ line: i + 1, ...jsonEvents[i].fields }, log).toEqual({
              line: i + 1,
              ...tsvEvents[i].fields
            })
          }
        }
      }
    },
    WHOLE_DATASET_TIMEOUT_MS
  )

  it(
    'WRCCDC 2018 without _path: each record is typed from its fields but for one bare NTLM record',
    () => {
      // The records with no field beyond ts and the connection, counted with
      // jq -c 'select((keys - ["_path","_write_ts","ts","uid","id.orig_h","id.orig_p","id.resp_h","id.resp_p"]) | length == 0)':
      // one, in ntlm.json.gz; nothing can tell its log.
      const untyped: string[] = []
      for (const log of logs) {
        const lines = gzipLines(join(root, 'zeek-json', `${log}.json.gz`)).map((line) =>
          line.replace(/^\{"_path":"[a-z_]+",/, '{')
        )
        for (const event of eventsOf(parseJson(lines))) {
          if (event.fields['event.dataset'] !== `zeek.${log}`)
            untyped.push(`${log} ${event.fields['event.dataset']}`)
        }
      }
      expect(untyped).toEqual(['ntlm zeek.unknown'])
    },
    WHOLE_DATASET_TIMEOUT_MS
  )

  it('WRCCDC 2018: spot checks against the raw JSON', () => {
    const notices = eventsOf(parseJson(gzipLines(join(root, 'zeek-json/notice.json.gz'))))
    // jq -r .note | sort | uniq -c: 207 SSL::Invalid_Server_Cert.
    expect(notices.filter((event) => event.fields['rule.name'] === 'SSL::Invalid_Server_Cert').length).toBe(
      207
    )
    const [first] = notices
    expect(first.timestamp).toBe(Date.parse('2018-03-24T17:15:20.629Z'))
    expect(first.extra).toMatchObject({
      'zeek._write_ts': '2018-03-24T17:15:20.629574Z',
      'zeek.fuid': 'FGP2jt4dhD3bYZ923k',
      'zeek.actions': 'Notice::ACTION_LOG',
      'zeek.suppress_for': 3600
    })
    const ntlm = eventsOf(parseJson(gzipLines(join(root, 'zeek-json/ntlm.json.gz'))))
    // jq -r '[.domainname, .username, .success]|@tsv' | sort | uniq -c: FACTORY Administrator true ×14.
    expect(
      ntlm.filter(
        (event) =>
          event.fields['user.domain'] === 'FACTORY' &&
          event.fields['user.name'] === 'Administrator' &&
          event.fields['event.outcome'] === 'success'
      ).length
    ).toBe(14)
    const kerberos = eventsOf(parseJson(gzipLines(join(root, 'zeek-json/kerberos.json.gz'))))
    // jq -c '[.client,.success,.error_msg]': one ["/NM",false,"KDC_ERR_WRONG_REALM"], ten without success.
    expect(kerberos.map((event) => event.fields['event.outcome'] ?? '-').sort()).toEqual([
      ...Array<string>(10).fill('-'),
      'failure'
    ])
  })
})
