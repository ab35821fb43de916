// Suricata's EVE JSON: one event per line (or per element of a JSON array, which the framer splits), each
// with a timestamp, an event_type and the flow's addresses. Alerts become ECS alerts naming their rule;
// flow, http, dns, tls, fileinfo, krb5 and netflow records fill the ECS fields they share with other
// sources. Every field not mapped is kept, flattened, in extra as suricata.<path>: arrays of values are
// comma-joined and arrays of objects indexed (dcerpc.interfaces[0].uuid), as suricata-verify names them.

import type { EventField, EventFieldValues } from '../../../common/event'
import { describeTimestampProblem, isTimestampProblem, parseRfc3339 } from '../../time/timestamps'
import { assertTimeZone } from '../../time/zonedTime'
import { acceptedDocumentShare, readJsonObject, type JsonObject } from '../jsonFraming'
import {
  lineRecordParser,
  type LineParseResult,
  type ParserOptions,
  type RecordParser,
  type TextFormatDefinition
} from '../parser'
import { isJsonScalar, lineObjectProblems, type JsonScalar } from './jsonValues'
import { countOf, endpoint, ipOf, labelled, splitRequestTarget, words } from './networkFields'
import { accept, excerpt, reject, type ExtraFields } from './results'
import { outcomeOfStatus } from './webAccessFields'

const EVE_TIMESTAMP_FORM = 'yyyy-mm-ddThh:mm:ss.ffffff±hhmm'
const PATH_SEPARATORS = /[.[\]]/
const EVE_OBJECT_PROBLEMS = lineObjectProblems('one EVE event object')

/** An EVE event's leaves by dotted path; arrays of values joined, arrays of objects indexed. */
type EveLeaves = Map<string, JsonScalar>

type Reader = 'text' | 'lowercase' | 'ip' | 'count' | 'protocol' | 'httpVersion'

/**
 * EVE paths that become ECS fields, in order: the first path with a usable value sets a field. A mapped
 * value leaves extra; anything a reader refuses (an address that is not an IP) stays there.
 */
export const EVE_FIELD_RULES: readonly (readonly [evePath: string, ecsField: EventField, reader: Reader])[] =
  [
    ['src_ip', 'source.ip', 'ip'],
    ['src_port', 'source.port', 'count'],
    ['dest_ip', 'destination.ip', 'ip'],
    ['dest_port', 'destination.port', 'count'],
    ['proto', 'network.transport', 'lowercase'],
    ['app_proto', 'network.protocol', 'protocol'],
    ['alert.signature', 'rule.name', 'text'],
    ['alert.signature_id', 'rule.id', 'text'],
    ['alert.category', 'rule.category', 'text'],
    ['flow.bytes_toserver', 'source.bytes', 'count'],
    ['flow.bytes_toclient', 'destination.bytes', 'count'],
    ['flow.pkts_toserver', 'source.packets', 'count'],
    ['flow.pkts_toclient', 'destination.packets', 'count'],
    // A netflow record counts one direction of a flow, from its src to its dest.
    ['netflow.bytes', 'source.bytes', 'count'],
    ['netflow.pkts', 'source.packets', 'count'],
    ['http.hostname', 'url.domain', 'text'],
    ['http.url', 'url.original', 'text'],
    ['http.http_method', 'http.request.method', 'text'],
    ['http.status', 'http.response.status_code', 'count'],
    ['http.http_user_agent', 'user_agent.original', 'text'],
    ['http.http_refer', 'http.request.referrer', 'text'],
    ['http.length', 'http.response.body.bytes', 'count'],
    ['http.protocol', 'http.version', 'httpVersion'],
    // DNS: v3 (Suricata 8) and alerts list queries[]; v2 alerts list query[]; v1 and v2 records are flat.
    ['dns.queries[0].rrname', 'dns.question.name', 'text'],
    ['dns.queries[0].rrtype', 'dns.question.type', 'text'],
    ['dns.query[0].rrname', 'dns.question.name', 'text'],
    ['dns.query[0].rrtype', 'dns.question.type', 'text'],
    ['dns.rrname', 'dns.question.name', 'text'],
    ['dns.rrtype', 'dns.question.type', 'text'],
    ['dns.rcode', 'dns.response_code', 'text'],
    ['tls.sni', 'tls.client.server_name', 'text'],
    ['fileinfo.filename', 'file.name', 'text'],
    ['fileinfo.md5', 'file.hash.md5', 'text'],
    ['fileinfo.sha1', 'file.hash.sha1', 'text'],
    ['fileinfo.sha256', 'file.hash.sha256', 'text'],
    ['krb5.cname', 'user.name', 'text'],
    ['krb5.realm', 'user.domain', 'text']
  ]

const CATEGORY_BY_EVENT_TYPE: Readonly<Record<string, string>> = {
  alert: 'intrusion_detection',
  http: 'web',
  fileinfo: 'file'
}

/** Suricata's alert severity (1 is the most severe) in words; rules may use 1 to 4, ET uses 1 to 3. */
const LEVEL_BY_SEVERITY: Readonly<Record<number, string>> = {
  1: 'high',
  2: 'medium',
  3: 'low',
  4: 'informational'
}

/** Integers JSON.parse cannot hold exactly (flow ids are 64-bit hashes) are kept as their digits. */
const UNSAFE_INTEGER_KEYS = ['flow_id', 'parent_id']

/** One EVE JSON document as an event, or why it is not one. */
function readEveLine(text: string, timeZone: string): LineParseResult {
  const read = readJsonObject(text, EVE_OBJECT_PROBLEMS)
  if (!read.ok) return reject(read.reason)
  const eve = read.object
  const eventType = eve['event_type']
  if (typeof eventType !== 'string' || eventType === '') {
    return reject(`no event_type: not a Suricata EVE event ('${excerpt(text, 0)}')`)
  }
  const timestampText = eve['timestamp']
  if (typeof timestampText !== 'string') {
    return reject(`no timestamp in this ${eventType} event: every EVE event has one`)
  }
  const timestamp = parseRfc3339(timestampText, 0, timestampText.length, timeZone)
  if (isTimestampProblem(timestamp)) {
    return reject(describeTimestampProblem(timestamp, excerpt(timestampText, 0), EVE_TIMESTAMP_FORM))
  }

  const leaves: EveLeaves = new Map()
  flatten(eve, '', leaves)
  leaves.delete('timestamp')
  leaves.delete('event_type')
  keepExactIntegers(text, leaves)

  const fields: EventFieldValues = {
    'event.kind': eventType === 'alert' ? 'alert' : 'event',
    'event.module': 'suricata',
    'event.dataset': `suricata.${eventType}`
  }
  // stats records count the sensor's own work: no network activity, so no category.
  const category = eventType === 'stats' ? undefined : (CATEGORY_BY_EVENT_TYPE[eventType] ?? 'network')
  if (category !== undefined) fields['event.category'] = category
  for (const [path, field, reader] of EVE_FIELD_RULES) {
    if (fields[field] !== undefined) continue
    const value = leaves.get(path)
    if (value === undefined) continue
    const read = readValue(value, reader)
    if (read === undefined) continue
    fields[field] = read
    leaves.delete(path)
  }
  describeDerived(eventType, eve, leaves, fields)
  fields['message'] = summarise(eventType, eve, fields)

  const extra: ExtraFields = {}
  for (const [path, value] of leaves)
    extra[`suricata.${path}`] = typeof value === 'boolean' ? String(value) : value
  return accept(timestamp, fields, extra, text)
}

function flatten(value: JsonObject, prefix: string, leaves: EveLeaves): void {
  for (const key in value) addLeaf(value[key], prefix + key, leaves)
}

function addLeaf(value: unknown, path: string, leaves: EveLeaves): void {
  if (isJsonScalar(value)) {
    leaves.set(path, value)
  } else if (Array.isArray(value)) {
    if (value.every(isJsonScalar)) {
      if (value.length > 0) leaves.set(path, value.join(','))
    } else {
      for (let i = 0; i < value.length; i++) addLeaf(value[i], `${path}[${i}]`, leaves)
    }
  } else if (value !== null && typeof value === 'object') {
    flatten(value as JsonObject, `${path}.`, leaves)
  }
}

function keepExactIntegers(text: string, leaves: EveLeaves): void {
  for (const key of UNSAFE_INTEGER_KEYS) {
    const value = leaves.get(key)
    if (typeof value !== 'number' || Number.isSafeInteger(value)) continue
    const digits = new RegExp(`"${key}"\\s*:\\s*(-?\\d+)`).exec(text)
    if (digits !== null) leaves.set(key, digits[1])
  }
}

function readValue(value: JsonScalar, reader: Reader): string | number | undefined {
  switch (reader) {
    case 'text':
      return typeof value === 'boolean' || value === '' ? undefined : String(value)
    case 'lowercase':
      return typeof value === 'string' && value !== '' ? value.toLowerCase() : undefined
    case 'ip':
      return ipOf(value)
    case 'count':
      // Suricata before 5 wrote the HTTP status as a string.
      return countOf(value)
    case 'protocol':
      // 'failed' means detection failed: it names no protocol.
      return typeof value === 'string' && value !== '' && value !== 'failed' ? value.toLowerCase() : undefined
    case 'httpVersion':
      return typeof value === 'string' && value.startsWith('HTTP/') ? value.slice(5) : undefined
  }
}

/** Fields computed from several EVE fields, which therefore stay in extra as well. */
function describeDerived(
  eventType: string,
  eve: JsonObject,
  leaves: EveLeaves,
  fields: EventFieldValues
): void {
  const severity = leaves.get('alert.severity')
  if (typeof severity === 'number' && LEVEL_BY_SEVERITY[severity] !== undefined) {
    fields['log.level'] = LEVEL_BY_SEVERITY[severity]
  }
  // A netflow record counts one direction only, which is then the whole of what it saw.
  const sourceBytes = fields['source.bytes']
  const destinationBytes = fields['destination.bytes']
  if (typeof sourceBytes === 'number') {
    fields['network.bytes'] =
      typeof destinationBytes === 'number' ? sourceBytes + destinationBytes : sourceBytes
  }
  const sourcePackets = fields['source.packets']
  const destinationPackets = fields['destination.packets']
  if (typeof sourcePackets === 'number') {
    fields['network.packets'] =
      typeof destinationPackets === 'number' ? sourcePackets + destinationPackets : sourcePackets
  }
  // http.url is the request target: path, then the query.
  const url = fields['url.original']
  if (typeof url === 'string') splitRequestTarget(url, fields)
  const status = fields['http.response.status_code']
  if (eventType === 'http' && typeof status === 'number') fields['event.outcome'] = outcomeOfStatus(status)
  const answers = dnsAnswers(eve['dns'])
  if (answers !== undefined) fields['dns.answers'] = answers
}

/** The answer data, comma-joined: detailed answers[], grouped answers, or a v1 answer record's rdata. */
function dnsAnswers(dns: unknown): string | undefined {
  if (dns === null || typeof dns !== 'object') return undefined
  const record = dns as Record<string, unknown>
  const data: string[] = []
  const answers = record['answers']
  if (Array.isArray(answers)) {
    for (const answer of answers) {
      const rdata =
        answer !== null && typeof answer === 'object'
          ? (answer as Record<string, unknown>)['rdata']
          : undefined
      if (typeof rdata === 'string' && rdata !== '') data.push(rdata)
    }
  }
  const grouped = record['grouped']
  if (data.length === 0 && grouped !== null && typeof grouped === 'object') {
    for (const values of Object.values(grouped)) {
      if (Array.isArray(values)) for (const value of values) if (typeof value === 'string') data.push(value)
    }
  }
  const rdata = record['rdata']
  if (data.length === 0 && typeof rdata === 'string' && rdata !== '') data.push(rdata)
  return data.length === 0 ? undefined : data.join(',')
}

/** The one-line message: what the event says, then the flow it is about. */
function summarise(eventType: string, eve: JsonObject, fields: EventFieldValues): string {
  const what = describeWhat(eventType, (path) => leafText(eve, path), fields)
  const source = fields['source.ip']
  const destination = fields['destination.ip']
  if (source === undefined || destination === undefined) return what
  const proto = typeof eve['proto'] === 'string' ? `${eve['proto']} ` : ''
  return `${what} (${proto}${endpoint(source, fields['source.port'])} -> ${endpoint(destination, fields['destination.port'])})`
}

function describeWhat(
  eventType: string,
  text: (path: string) => string | undefined,
  fields: EventFieldValues
): string {
  switch (eventType) {
    case 'alert': {
      const action = text('alert.action')
      return words(
        text('alert.signature') ?? `signature ${text('alert.signature_id') ?? 'unknown'}`,
        action === 'allowed' ? undefined : action && `[${action}]`
      )
    }
    case 'http':
      return words(
        text('http.http_method'),
        `${text('http.hostname') ?? ''}${text('http.url') ?? ''}`,
        text('http.status')
      )
    case 'dns': {
      const answers = fields['dns.answers']
      return (
        words(
          'DNS',
          text('dns.type'),
          fields['dns.question.type'],
          fields['dns.question.name'],
          fields['dns.response_code']
        ) + (answers === undefined ? '' : `: ${answers}`)
      )
    }
    case 'tls':
      return words(
        text('tls.version') ?? 'TLS',
        text('tls.sni') ?? 'without SNI',
        labelled('subject', text('tls.subject'))
      )
    case 'fileinfo':
      return words(
        'file',
        text('fileinfo.filename'),
        text('fileinfo.state'),
        labelled('size', text('fileinfo.size')),
        text('fileinfo.sha256')
      )
    case 'flow':
    case 'netflow':
      return words(
        eventType,
        text('app_proto'),
        text('flow.state'),
        text('flow.reason'),
        fields['network.bytes'] === undefined ? undefined : `${fields['network.bytes']} bytes`
      )
    case 'anomaly':
      return words('anomaly', text('anomaly.type'), text('anomaly.event') ?? text('anomaly.code'))
    case 'ssh':
      return words(
        'SSH',
        text('ssh.client.software_version'),
        labelled('to', text('ssh.server.software_version'))
      )
    case 'smb':
      return words('SMB', text('smb.command'), text('smb.status'), text('smb.filename') ?? text('smb.share'))
    case 'krb5':
      return words(
        'Kerberos',
        text('krb5.msg_type'),
        text('krb5.cname'),
        labelled('for', text('krb5.sname')),
        text('krb5.encryption')
      )
    case 'dcerpc':
      return words(
        'DCE-RPC',
        text('dcerpc.request'),
        text('dcerpc.interfaces[0].service'),
        text('dcerpc.interfaces[0].procedure')
      )
    case 'stats':
      return words('Suricata statistics', labelled('uptime', text('stats.uptime')), 's')
    default:
      return eventType
  }
}

/** A scalar at a path of the event (dns.type, dcerpc.interfaces[0].service), as text. */
function leafText(eve: JsonObject, path: string): string | undefined {
  let value: unknown = eve
  for (const key of path.split(PATH_SEPARATORS)) {
    if (key === '') continue
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return isJsonScalar(value) && value !== '' ? String(value) : undefined
}

/** A parser for EVE events; it keeps no state between events. */
export function createSuricataEveParser(options: ParserOptions): RecordParser {
  assertTimeZone(options.timeZone)
  const timeZone = options.timeZone
  return lineRecordParser({ format: 'suricata_eve', parse: (line) => readEveLine(line, timeZone) })
}

/**
 * An EVE event, not just JSON with a timestamp: event_type and timestamp, and the flow's addresses or id
 * (stats events, the one type without a flow, are recognised by their type).
 */
function isEveEvent(eve: JsonObject): boolean {
  const timestamp = eve['timestamp']
  if (typeof eve['event_type'] !== 'string' || typeof timestamp !== 'string') return false
  if (isTimestampProblem(parseRfc3339(timestamp, 0, timestamp.length, 'UTC'))) return false
  return (
    typeof eve['src_ip'] === 'string' || typeof eve['flow_id'] === 'number' || eve['event_type'] === 'stats'
  )
}

export const suricataEveFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'suricata_eve',
  framing: 'json',
  sniff: (sample) => acceptedDocumentShare(sample, isEveEvent),
  create: createSuricataEveParser
}
