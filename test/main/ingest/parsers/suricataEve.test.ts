// Suricata EVE: the golden file of our own fixture (alert, http, three DNS shapes, tls, fileinfo, flow,
// anomaly, ssh, smb, krb5, stats, netflow, drop, dcerpc, broken lines), the mapping checked against the
// EVE JSON schema, sniffing of line and array files, the alert samples of four pcap sets, and the EVE
// records suricata-verify's tests expect, all read in place from ../shared/datasets.

import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EventField, NormalisedEvent } from '../../../../src-main/common/event'
import type { RecordOutcome } from '../../../../src-main/core/ingest/parser'
import {
  EVE_FIELD_RULES,
  createSuricataEveParser,
  suricataEveFormat
} from '../../../../src-main/core/ingest/parsers/suricataEve'
import { zeekJsonFormat } from '../../../../src-main/core/ingest/parsers/zeekJson'
import { zeekTsvFormat } from '../../../../src-main/core/ingest/parsers/zeekTsv'
import { DATASETS, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import { eventOf, eventsOf, expectFixtureGolden, rejectionOf, settleLines } from './parserHarness'

const HAVE_DATASETS = existsSync(join(DATASETS, 'network'))
if (!HAVE_DATASETS) console.warn(`Suricata EVE dataset tests skipped: ${DATASETS}network is absent`)

const parseEve = (texts: readonly string[], timeZone = 'UTC'): RecordOutcome[] =>
  settleLines(createSuricataEveParser({ timeZone, referenceYear: 2026 }), texts)

const accepted = (eve: object, timeZone = 'UTC'): NormalisedEvent =>
  eventOf(parseEve([JSON.stringify(eve)], timeZone)[0])
const reason = (text: string): string => rejectionOf(parseEve([text])[0])

const BASE = {
  timestamp: '2026-03-02T09:00:00.000000+0000',
  flow_id: 1,
  src_ip: '192.0.2.1',
  src_port: 1000,
  dest_ip: '192.0.2.2',
  dest_port: 53,
  proto: 'UDP'
}

describe('suricata_eve golden file', () => {
  it('suricata-eve.json settles as suricata-eve.expected.json', () => {
    const parser = createSuricataEveParser({ timeZone: 'America/Denver', referenceYear: 2026 })
    expectFixtureGolden(parser, 'suricata-eve.json', ['rejected', 'skipped'])
  })
})

describe('suricata_eve events', () => {
  it('reads DNS in all its shapes: v1 query and answer records, v2 answers, v3 and alert query lists', () => {
    const v1Answer = accepted({
      ...BASE,
      event_type: 'dns',
      dns: { type: 'answer', id: 1, rcode: 'NXDOMAIN', rrname: 'a.example', rrtype: 'A', rdata: '192.0.2.9' }
    })
    expect(v1Answer.fields).toMatchObject({
      'dns.question.name': 'a.example',
      'dns.question.type': 'A',
      'dns.response_code': 'NXDOMAIN',
      'dns.answers': '192.0.2.9'
    })
    const v2Grouped = accepted({
      ...BASE,
      event_type: 'dns',
      dns: {
        version: 2,
        type: 'answer',
        rrname: 'b.example',
        rrtype: 'A',
        grouped: { A: ['192.0.2.7', '192.0.2.8'] }
      }
    })
    expect(v2Grouped.fields['dns.answers']).toBe('192.0.2.7,192.0.2.8')
    expect(v2Grouped.extra?.['suricata.dns.grouped.A']).toBe('192.0.2.7,192.0.2.8')
    const v3 = accepted({
      ...BASE,
      event_type: 'dns',
      dns: {
        version: 3,
        type: 'response',
        rcode: 'NOERROR',
        queries: [{ rrname: 'c.example', rrtype: 'AAAA' }]
      }
    })
    expect(v3.fields).toMatchObject({ 'dns.question.name': 'c.example', 'dns.question.type': 'AAAA' })
    expect(v3.extra?.['suricata.dns.queries[0].rrname']).toBeUndefined()
    const alert = accepted({
      ...BASE,
      event_type: 'alert',
      alert: { signature_id: 1, signature: 'x', severity: 3 },
      dns: { query: [{ type: 'query', rrname: 'd.example', rrtype: 'TXT' }] }
    })
    expect(alert.fields).toMatchObject({
      'dns.question.name': 'd.example',
      'event.kind': 'alert',
      'log.level': 'low'
    })
  })

  it('flattens what it does not map: values joined, objects indexed, booleans as words', () => {
    const event = accepted({
      ...BASE,
      event_type: 'fileinfo',
      fileinfo: { filename: 'a.exe', gaps: false, sid: [1, 2], size: 10 },
      dcerpc: { interfaces: [{ uuid: 'u-1', service: 'svcctl' }] },
      vlan: [],
      empty: null
    })
    expect(event.fields['file.name']).toBe('a.exe')
    expect(event.extra).toEqual({
      'suricata.flow_id': 1,
      'suricata.fileinfo.gaps': 'false',
      'suricata.fileinfo.sid': '1,2',
      'suricata.fileinfo.size': 10,
      'suricata.dcerpc.interfaces[0].uuid': 'u-1',
      'suricata.dcerpc.interfaces[0].service': 'svcctl'
    })
  })

  it('keeps flow ids beyond 2^53 as their exact digits', () => {
    const text = JSON.stringify({ ...BASE, event_type: 'flow' }).replace(
      '"flow_id":1',
      '"flow_id":18446744073709551557'
    )
    const [outcome] = parseEve([text])
    expect(outcome.kind === 'event' && outcome.event.extra?.['suricata.flow_id']).toBe('18446744073709551557')
  })

  it('keeps what is not an IP, a port or a protocol out of those columns', () => {
    const event = accepted({
      ...BASE,
      event_type: 'flow',
      src_ip: 'bogus',
      src_port: -1,
      app_proto: 'failed'
    })
    expect(event.fields['source.ip']).toBeUndefined()
    expect(event.fields['source.port']).toBeUndefined()
    expect(event.fields['network.protocol']).toBeUndefined()
    expect(event.extra).toMatchObject({
      'suricata.src_ip': 'bogus',
      'suricata.src_port': -1,
      'suricata.app_proto': 'failed'
    })
  })

  it('gives http events an outcome from the status (as a string from Suricata 4 too); alerts get none', () => {
    const http = accepted({
      ...BASE,
      event_type: 'http',
      http: { url: '/login', status: '401', protocol: 'HTTP/1.0' }
    })
    expect(http.fields).toMatchObject({
      'event.category': 'web',
      'event.outcome': 'failure',
      'http.response.status_code': 401,
      'url.path': '/login',
      'http.version': '1.0'
    })
    const alert = accepted({
      ...BASE,
      event_type: 'alert',
      alert: { signature_id: 9 },
      http: { status: 200 }
    })
    expect(alert.fields['event.outcome']).toBeUndefined()
    expect(alert.fields['event.category']).toBe('intrusion_detection')
  })

  it('reads a timestamp without offset in the declared zone', () => {
    const event = accepted(
      { ...BASE, event_type: 'flow', timestamp: '2026-07-01T12:00:00.250000' },
      'America/Denver'
    )
    expect(event.timestamp).toBe(Date.parse('2026-07-01T18:00:00.250Z'))
  })

  it('rejects what is not an EVE event, saying why', () => {
    expect(reason('{"timestamp":"2026-03-02T09:00:00.000000+0000","event_type":"alert","src_')).toMatch(
      /^not valid JSON \(.+\): '\{"timestamp":"2026-03-02T09:00:00\.000000…'$/
    )
    expect(reason('{"timestamp":"2026-03-02T09:00:00.000000+0000"}')).toBe(
      `no event_type: not a Suricata EVE event ('{"timestamp":"2026-03-02T09:00:00.000000…')`
    )
    expect(reason('{"event_type":"flow"}')).toBe('no timestamp in this flow event: every EVE event has one')
    expect(reason('{"event_type":"flow","timestamp":"02/03/2026"}')).toBe(
      `timestamp '02/03/2026' is not in the form yyyy-mm-ddThh:mm:ss.ffffff±hhmm`
    )
    expect(reason('[{"event_type":"flow"}]')).toBe(
      `a JSON array where one EVE event object was expected: '[{"event_type":"flow"}]'`
    )
    expect(reason('')).toBe('blank line')
  })
})

/** A JSON Schema node for an EVE path (a.b, a[0].b), following $ref, properties, items and free maps. */
function schemaHas(schema: Record<string, unknown>, path: string): boolean {
  const definitions = schema['$defs'] as Record<string, Record<string, unknown>>
  const resolve = (node: Record<string, unknown>): Record<string, unknown> => {
    let resolved = node
    while (typeof resolved['$ref'] === 'string')
      resolved = definitions[resolved['$ref'].split('/').pop() ?? '']
    return resolved
  }
  let node: Record<string, unknown> = schema
  for (const part of path.split('.')) {
    const match = /^(\w+)((?:\[\d+\])*)$/.exec(part)
    if (match === null) return false
    node = resolve(node)
    const properties = (node['properties'] ?? {}) as Record<string, Record<string, unknown>>
    const additional = node['additionalProperties']
    if (properties[match[1]] !== undefined) node = properties[match[1]]
    else if (additional !== null && typeof additional === 'object')
      node = additional as Record<string, unknown>
    else return false
    for (let index = 0; index < match[2].split('[').length - 1; index++) {
      node = resolve(node)
      if (node['items'] === undefined) return false
      node = node['items'] as Record<string, unknown>
    }
  }
  return true
}

describe('suricataEveFormat.sniff', () => {
  const GENERIC_JSON = [
    '{"timestamp":"2026-03-02T09:00:00Z","level":"info","event_type":"login","user":"alice"}'
  ]
  const CLOUDTRAIL = [
    '{"Records":[{"eventVersion":"1.08","eventTime":"2026-03-02T09:00:00Z","eventName":"ConsoleLogin","sourceIPAddress":"203.0.113.9"}]}'
  ]
  const JOURNALD = [
    '{"__REALTIME_TIMESTAMP":"1772442000000000","_HOSTNAME":"web-01","MESSAGE":"Started session"}'
  ]

  it('is sure of EVE lines, and counts the broken lines of the fixture against it', () => {
    // 21 lines; not EVE: the cut line, the one without event_type, and 2026-02-30, which is no date.
    expect(suricataEveFormat.sniff(readFixtureLines('suricata-eve.json'))).toBeCloseTo(18 / 21, 5)
  })

  it('reads the complete objects of a pretty-printed array sample, ignoring the one the sample cuts', () => {
    const events = [1, 2, 3].map((n) => ({ ...BASE, event_type: 'flow', flow_id: n }))
    const lines = JSON.stringify(events, null, 2).split('\n')
    expect(suricataEveFormat.sniff(lines.slice(0, lines.length - 5))).toBe(1)
  })

  it('scores Zeek, generic JSON with event_type, CloudTrail, journald and the text fixtures zero', () => {
    for (const sample of [GENERIC_JSON, CLOUDTRAIL, JOURNALD]) expect(suricataEveFormat.sniff(sample)).toBe(0)
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !name.endsWith('.expected.json') && name !== 'suricata-eve.json'
    )
    for (const fixture of others) expect(suricataEveFormat.sniff(readFixtureLines(fixture)), fixture).toBe(0)
  })
})

describe.skipIf(!HAVE_DATASETS)('suricata_eve on real data (../shared/datasets/network)', () => {
  const schema = (): Record<string, unknown> =>
    JSON.parse(readFileSync(join(DATASETS, 'network/suricata-eve-schema/etc/schema.json'), 'utf8')) as Record<
      string,
      unknown
    >

  it('every EVE path the parser maps is a field of the EVE schema', () => {
    const eveSchema = schema()
    const missing = EVE_FIELD_RULES.map(([path]) => path).filter((path) => !schemaHas(eveSchema, path))
    expect(missing).toEqual([])
    // The v1 answer's rdata, read for dns.answers, predates the schema (EVE DNS v1 left in Suricata 5).
    expect(schemaHas(eveSchema, 'dns.rdata')).toBe(false)
    expect(schemaHas(eveSchema, 'dns.answers[0].rdata')).toBe(true)
  })

  it('our fixture writes only schema fields, but for the v1 DNS answer and the line that is not EVE', () => {
    const eveSchema = schema()
    const outside = new Set<string>()
    for (const line of readFixtureLines('suricata-eve.json')) {
      let eve: unknown
      try {
        eve = JSON.parse(line)
      } catch {
        continue
      }
      for (const path of leafPaths(eve, '')) if (!schemaHas(eveSchema, path)) outside.add(path)
    }
    expect([...outside].sort()).toEqual(['dns.rdata', 'dns.ttl', 'message'])
  })

  const samples = join(DATASETS, 'network/suricata-eve-alert-samples/samples')
  /** Alerts per set, `jq length alerts-only.json`; sets with an app_proto other than 'failed', counted with jq too. */
  const SETS: Record<string, { alerts: number; protocols: number }> = {
    'first-org-conf-2015': { alerts: 136, protocols: 123 },
    'honeypot-2018': { alerts: 44, protocols: 0 },
    'wrccdc-2017': { alerts: 161, protocols: 115 },
    'wrccdc-2018': { alerts: 207, protocols: 127 }
  }

  function readSet(set: string): {
    raw: Record<string, unknown>[]
    events: NormalisedEvent[]
    lines: string[]
  } {
    const text = readFileSync(join(samples, set, 'alerts-only.json'), 'utf8')
    const raw = JSON.parse(text) as Record<string, unknown>[]
    // Elements handed over one by one, as the JSON framer splits an array file.
    const outcomes = parseEve(raw.map((element) => JSON.stringify(element, null, 2)))
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(raw.map(() => 'event'))
    return { raw, events: eventsOf(outcomes), lines: text.split('\n') }
  }

  /** ids-list.txt and signature-list.txt are jq output (one value per alert) under '#' comment lines. */
  function listFile(set: string, name: string): string[] {
    return readFileSync(join(samples, set, name), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  }

  it('alert samples: every alert an event, its rule as ids-list.txt and signature-list.txt record it', () => {
    expect(
      readdirSync(samples)
        .filter((name) => !name.endsWith('.md'))
        .sort()
    ).toEqual(Object.keys(SETS))
    for (const [set, expected] of Object.entries(SETS)) {
      const { events: setEvents, lines } = readSet(set)
      expect(setEvents.length, set).toBe(expected.alerts)
      expect(suricataEveFormat.sniff(lines.slice(0, 200)), set).toBe(1)
      expect(zeekJsonFormat.sniff(lines.slice(0, 200)), set).toBe(0)
      expect(zeekTsvFormat.sniff(lines.slice(0, 200)), set).toBe(0)
      expect(setEvents.every((event) => event.fields['event.kind'] === 'alert')).toBe(true)
      expect(
        setEvents.map((event) => event.fields['rule.id']),
        set
      ).toEqual(listFile(set, 'ids-list.txt'))
      expect(
        setEvents.map((event) => event.fields['rule.name']),
        set
      ).toEqual(listFile(set, 'signature-list.txt').map((line) => JSON.parse(line) as string))
      expect(setEvents.filter((event) => event.fields['network.protocol'] !== undefined).length, set).toBe(
        expected.protocols
      )
    }
  })

  it('alert samples: every mapped field equals the raw JSON it came from', () => {
    for (const set of Object.keys(SETS)) {
      const { raw, events: setEvents } = readSet(set)
      raw.forEach((eve, index) => {
        const fields = setEvents[index].fields
        const alert = eve['alert'] as Record<string, unknown>
        const flow = eve['flow'] as Record<string, number> | undefined
        const http = eve['http'] as Record<string, unknown> | undefined
        expect(fields['source.ip']).toBe(eve['src_ip'])
        expect(fields['destination.port']).toBe(eve['dest_port'])
        expect(fields['network.transport']).toBe(String(eve['proto']).toLowerCase())
        expect(fields['rule.category']).toBe(alert['category'])
        expect(setEvents[index].extra?.['suricata.alert.severity']).toBe(alert['severity'])
        expect(fields['network.bytes']).toBe(
          flow === undefined ? undefined : flow.bytes_toserver + flow.bytes_toclient
        )
        expect(fields['url.domain']).toBe(http?.['hostname'])
        expect(fields['http.request.method']).toBe(http?.['http_method'])
        // One alert logs an empty User-Agent: no agent to name, so it stays in extra only.
        const agent = http?.['http_user_agent']
        expect(fields['user_agent.original']).toBe(agent === '' ? undefined : agent)
      })
    }
  })

  it('alert samples: Suricata 4 fields the schema has since dropped are kept in extra', () => {
    // jq '[.[] | select(.vars.flowbits != null)] | length' per set: 2, 0, 36, 70; the honeypot's
    // alert.tx_id (jq: 1 alert) is no schema field either.
    const withFlowbits = (set: string): number =>
      readSet(set).events.filter((event) =>
        Object.keys(event.extra ?? {}).some((key) => key.startsWith('suricata.vars.flowbits.'))
      ).length
    expect(Object.keys(SETS).map(withFlowbits)).toEqual([2, 0, 36, 70])
    expect(
      readSet('honeypot-2018').events.filter((event) => event.extra?.['suricata.alert.tx_id'] !== undefined)
        .length
    ).toBe(1)
  })

  it('alert samples: categories and times as the raw files give them', () => {
    const wrccdc = readSet('wrccdc-2018').events
    // jq -r '.[].alert.category' | sort | uniq -c (the counts SOURCE.md gives).
    const byCategory = (category: string): number =>
      wrccdc.filter((event) => event.fields['rule.category'] === category).length
    expect([
      byCategory('Misc Attack'),
      byCategory('Generic Protocol Command Decode'),
      byCategory('A Network Trojan was detected'),
      byCategory('Potential Corporate Privacy Violation')
    ]).toEqual([52, 34, 26, 21])
    // The first alert of each set, converted by hand: 2018-03-24T14:37:19.037299-0600 is 20:37:19.037 UTC;
    // the honeypot writes no offset (2019-01-02T03:50:11.315110), read in the declared zone (UTC here).
    expect(wrccdc[0].timestamp).toBe(Date.parse('2018-03-24T20:37:19.037Z'))
    expect(readSet('honeypot-2018').events[0].timestamp).toBe(Date.parse('2019-01-02T03:50:11.315Z'))
  })

  const verify = join(DATASETS, 'network/suricata-verify-selected/tests')

  it('suricata-verify: each expected EVE record, built from its test.yaml filter, keeps every matched field', () => {
    const testFiles = findTestYamls(verify)
    // 15 tests (SOURCE.md); 61 `match:` filters, counted with grep -c 'match:' over their test.yaml files.
    expect(testFiles.length).toBe(15)
    const filters = testFiles.flatMap((file) => readMatchFilters(readFileSync(file, 'utf8')))
    expect(filters.length).toBe(61)
    const eveSchema = schema()
    for (const match of filters) {
      for (const path of Object.keys(match)) expect(schemaHas(eveSchema, path), path).toBe(true)
      const eve = eveFromMatch(match)
      const event = accepted(eve)
      for (const [path, value] of Object.entries(match)) {
        const mapped = MAPPED_BY_VERIFY_PATH[path]
        if (mapped !== undefined) expect(event.fields[mapped.field], path).toBe(mapped.value(value))
        else
          expect(event.extra?.[`suricata.${path}`], path).toBe(
            typeof value === 'boolean' ? String(value) : value
          )
      }
    }
  })
})

type YamlScalar = string | number | boolean

/** Where the parser puts the EVE fields suricata-verify's filters name, as documented in suricataEve.ts. */
const MAPPED_BY_VERIFY_PATH: Record<string, { field: EventField; value: (raw: YamlScalar) => YamlScalar }> = {
  event_type: { field: 'event.dataset', value: (raw) => `suricata.${raw}` },
  src_ip: { field: 'source.ip', value: (raw) => raw },
  src_port: { field: 'source.port', value: (raw) => raw },
  dest_ip: { field: 'destination.ip', value: (raw) => raw },
  dest_port: { field: 'destination.port', value: (raw) => raw },
  proto: { field: 'network.transport', value: (raw) => String(raw).toLowerCase() },
  app_proto: { field: 'network.protocol', value: (raw) => raw },
  'alert.signature': { field: 'rule.name', value: (raw) => raw },
  'alert.signature_id': { field: 'rule.id', value: (raw) => String(raw) },
  'alert.category': { field: 'rule.category', value: (raw) => raw },
  'http.hostname': { field: 'url.domain', value: (raw) => raw },
  'http.url': { field: 'url.original', value: (raw) => raw },
  'http.http_user_agent': { field: 'user_agent.original', value: (raw) => raw },
  'fileinfo.filename': { field: 'file.name', value: (raw) => raw },
  'fileinfo.sha256': { field: 'file.hash.sha256', value: (raw) => raw }
}

/** The dotted paths of a JSON value's leaves, arrays of objects indexed as the parser flattens them. */
function leafPaths(value: unknown, path: string): string[] {
  if (Array.isArray(value) && value.some((element) => element !== null && typeof element === 'object')) {
    return value.flatMap((element, index) => leafPaths(element, `${path}[${index}]`))
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, child]) =>
      leafPaths(child, path === '' ? key : `${path}.${key}`)
    )
  }
  return [path]
}

function findTestYamls(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return findTestYamls(path)
    return entry.name === 'test.yaml' ? [path] : []
  })
}

/**
 * The `match:` maps of a suricata-verify test.yaml, nested keys joined with dots. A reader for just this
 * shape of YAML (block maps of scalars), so the test needs no YAML library.
 */
function readMatchFilters(yaml: string): Record<string, YamlScalar>[] {
  const lines = yaml.split('\n')
  const filters: Record<string, YamlScalar>[] = []
  for (let i = 0; i < lines.length; i++) {
    const start = /^(\s*)match:\s*$/.exec(lines[i])
    if (start === null) continue
    const match: Record<string, YamlScalar> = {}
    const parents: { indent: number; path: string }[] = []
    while (i + 1 < lines.length) {
      const line = lines[i + 1]
      const indent = line.length - line.trimStart().length
      if (line.trim() !== '' && indent <= start[1].length) break
      i++
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue
      const entry = /^([\w.[\]]+):\s*(.*)$/.exec(line.trim())
      if (entry === null) throw new Error(`unexpected line in a match map: ${line}`)
      while (parents.length > 0 && parents[parents.length - 1].indent >= indent) parents.pop()
      const path = parents.length === 0 ? entry[1] : `${parents[parents.length - 1].path}.${entry[1]}`
      if (entry[2] === '') parents.push({ indent, path })
      else match[path] = yamlScalar(entry[2])
    }
    filters.push(match)
  }
  return filters
}

function yamlScalar(text: string): YamlScalar {
  if (text.startsWith('"')) return JSON.parse(text) as string
  if (text === 'true' || text === 'false') return text === 'true'
  if (/^-?\d+$/.test(text)) return Number(text)
  return text
}

/** An EVE event holding exactly a filter's fields (dotted paths as nested objects), with a timestamp. */
function eveFromMatch(match: Record<string, YamlScalar>): Record<string, unknown> {
  const eve: Record<string, unknown> = { timestamp: '2026-03-02T09:00:00.000000+0000' }
  for (const [path, value] of Object.entries(match)) {
    let node: Record<string, unknown> = eve
    const keys = path.split('.').flatMap((key) => key.split(/\[(\d+)\]/).filter((part) => part !== ''))
    keys.forEach((key, index) => {
      if (index === keys.length - 1) {
        node[key] = value
        return
      }
      const container = /^\d+$/.test(keys[index + 1]) ? [] : {}
      node[key] ??= container
      node = node[key] as Record<string, unknown>
    })
  }
  return eve
}
