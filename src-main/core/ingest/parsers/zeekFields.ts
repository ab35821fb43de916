// One mapping from a Zeek log record to ECS, shared by the TSV and the JSON reader so a connection reads the
// same whichever way Zeek wrote it. Every original field is also kept in extra as zeek.<name>. Zeek's uid
// names a connection, not a record (the conn line, its DNS queries, HTTP requests, files and notices all
// carry it), so it stays in extra as zeek.uid, the pivot between logs, and never in event.id, which ECS
// reserves for one event.

import type { EventField, EventFieldValues } from '../../../common/event'
import { setAuthAction } from './authFields'
import { countOf, endpoint, ipOf, labelled, splitRequestTarget, words } from './networkFields'
import type { ExtraFields } from './results'
import { outcomeOfStatus } from './webAccessFields'

export type ZeekScalar = string | number | boolean
export type ZeekValue = ZeekScalar | readonly ZeekScalar[]
/** A record's fields by Zeek name (dotted for nested records: id.orig_h); unset and empty fields absent. */
export type ZeekValues = ReadonlyMap<string, ZeekValue>

/**
 * How a Zeek value becomes an ECS value (text joins sets and vectors with commas); a value that does not fit,
 * like a port that is not a number, is left out.
 */
type Reader = 'text' | 'lowercase' | 'ip' | 'count' | 'domain' | 'singleIp'

type FieldRule = readonly [zeekField: string, ecsField: EventField, reader: Reader]

/** Fields that mean the same in every log that has them. */
const COMMON_RULES: readonly FieldRule[] = [
  ['id.orig_h', 'source.ip', 'ip'],
  ['id.orig_p', 'source.port', 'count'],
  ['id.resp_h', 'destination.ip', 'ip'],
  ['id.resp_p', 'destination.port', 'count'],
  ['proto', 'network.transport', 'lowercase'],
  ['orig_bytes', 'source.bytes', 'count'],
  ['resp_bytes', 'destination.bytes', 'count'],
  ['orig_pkts', 'source.packets', 'count'],
  ['resp_pkts', 'destination.packets', 'count']
]

/** Fields whose meaning depends on the log; applied after the common ones, never overwriting them. */
const RULES_BY_LOG_TYPE: Readonly<Record<string, readonly FieldRule[]>> = {
  conn: [['service', 'network.protocol', 'lowercase']],
  dns: [
    ['query', 'dns.question.name', 'text'],
    ['qtype_name', 'dns.question.type', 'text'],
    ['rcode_name', 'dns.response_code', 'text'],
    ['answers', 'dns.answers', 'text']
  ],
  http: [
    ['host', 'url.domain', 'domain'],
    ['uri', 'url.original', 'text'],
    ['method', 'http.request.method', 'text'],
    ['status_code', 'http.response.status_code', 'count'],
    ['user_agent', 'user_agent.original', 'text'],
    ['referrer', 'http.request.referrer', 'text'],
    ['response_body_len', 'http.response.body.bytes', 'count'],
    ['version', 'http.version', 'text'],
    ['username', 'user.name', 'text']
  ],
  ssl: [['server_name', 'tls.client.server_name', 'text']],
  files: [
    ['filename', 'file.name', 'text'],
    ['md5', 'file.hash.md5', 'text'],
    ['sha1', 'file.hash.sha1', 'text'],
    ['sha256', 'file.hash.sha256', 'text'],
    // Zeek before 5.0 logged no id.* in files.log, only the hosts that sent and received the file.
    ['tx_hosts', 'source.ip', 'singleIp'],
    ['rx_hosts', 'destination.ip', 'singleIp']
  ],
  notice: [
    ['note', 'rule.name', 'text'],
    ['msg', 'message', 'text'],
    // Notices raised about a host rather than a connection (scans, brute force) carry src/dst/p only.
    ['src', 'source.ip', 'ip'],
    ['dst', 'destination.ip', 'ip'],
    ['p', 'destination.port', 'count']
  ],
  weird: [['name', 'rule.name', 'text']],
  ftp: [['user', 'user.name', 'text']],
  ntlm: [
    ['username', 'user.name', 'text'],
    ['domainname', 'user.domain', 'text']
  ],
  smb_files: [['name', 'file.name', 'text']],
  known_services: [
    ['host', 'destination.ip', 'ip'],
    ['port_num', 'destination.port', 'count'],
    ['port_proto', 'network.transport', 'lowercase'],
    ['service', 'network.protocol', 'lowercase']
  ],
  dhcp: [
    ['client_addr', 'source.ip', 'ip'],
    ['server_addr', 'destination.ip', 'ip']
  ]
}

/** The application protocol a log is about, when the record does not say (conn's service does). */
const PROTOCOL_BY_LOG_TYPE: Readonly<Record<string, string>> = {
  dns: 'dns',
  http: 'http',
  ssl: 'tls',
  ssh: 'ssh',
  ftp: 'ftp',
  smtp: 'smtp',
  rdp: 'rdp',
  smb_files: 'smb',
  smb_mapping: 'smb',
  kerberos: 'kerberos',
  dce_rpc: 'dcerpc',
  ntlm: 'ntlm',
  snmp: 'snmp',
  dhcp: 'dhcp'
}

const CATEGORY_BY_LOG_TYPE: Readonly<Record<string, string>> = {
  http: 'web',
  files: 'file',
  pe: 'file',
  smb_files: 'file',
  notice: 'intrusion_detection',
  ssh: 'authentication',
  kerberos: 'authentication',
  ntlm: 'authentication',
  smtp: 'email'
}

interface LogTypeSignature {
  logType: string
  /** The record is of this type when it has every field of any one of these sets. */
  anyOf: readonly (readonly string[])[]
  /** The set must be all the record has besides ts (known_hosts is just ts and host). */
  exactly?: boolean
}

/**
 * How to tell a log's type from its fields when no #path or _path says it, most specific first (ftp.log
 * also has fuid and mime_type, so it is tried before files.log). Zeek's JSON leaves unset fields out, so
 * each type lists sets of fields its writer always fills.
 */
const LOG_TYPE_SIGNATURES: readonly LogTypeSignature[] = [
  { logType: 'notice', anyOf: [['note', 'msg']] },
  {
    logType: 'weird',
    anyOf: [
      ['name', 'addl'],
      ['name', 'notice', 'peer']
    ]
  },
  { logType: 'x509', anyOf: [['certificate.subject'], ['certificate.serial']] },
  { logType: 'conn', anyOf: [['conn_state', 'proto']] },
  {
    logType: 'dns',
    anyOf: [
      ['query', 'qtype_name'],
      ['trans_id', 'rejected']
    ]
  },
  {
    logType: 'http',
    anyOf: [
      ['method', 'host', 'uri'],
      ['trans_depth', 'request_body_len']
    ]
  },
  {
    logType: 'ftp',
    anyOf: [
      ['command', 'reply_code'],
      ['user', 'password', 'command']
    ]
  },
  {
    logType: 'files',
    anyOf: [
      ['fuid', 'seen_bytes'],
      ['fuid', 'mime_type'],
      ['fuid', 'source', 'depth']
    ]
  },
  { logType: 'ssl', anyOf: [['server_name', 'version'], ['resumed', 'established'], ['ssl_history']] },
  { logType: 'ssh', anyOf: [['auth_success'], ['auth_attempts'], ['host_key_alg']] },
  { logType: 'kerberos', anyOf: [['request_type'], ['client', 'service', 'till']] },
  {
    logType: 'ntlm',
    anyOf: [['server_nb_computer_name'], ['server_dns_computer_name'], ['domainname', 'hostname']]
  },
  {
    logType: 'rdp',
    anyOf: [['security_protocol'], ['cookie'], ['cert_count'], ['keyboard_layout']]
  },
  { logType: 'smtp', anyOf: [['mailfrom'], ['rcptto'], ['helo', 'trans_depth'], ['last_reply', 'path']] },
  { logType: 'dce_rpc', anyOf: [['endpoint', 'operation']] },
  { logType: 'smb_mapping', anyOf: [['share_type'], ['native_file_system']] },
  { logType: 'smb_files', anyOf: [['action', 'name'], ['times.modified']] },
  { logType: 'dhcp', anyOf: [['msg_types'], ['assigned_addr', 'mac'], ['lease_time']] },
  { logType: 'dpd', anyOf: [['analyzer', 'failure_reason']] },
  { logType: 'snmp', anyOf: [['community', 'get_requests'], ['get_bulk_requests']] },
  { logType: 'software', anyOf: [['software_type'], ['unparsed_version']] },
  {
    logType: 'pe',
    anyOf: [
      ['machine', 'compile_ts'],
      ['is_exe', 'is_64bit']
    ]
  },
  { logType: 'known_certs', anyOf: [['issuer_subject']] },
  { logType: 'known_services', anyOf: [['port_num', 'port_proto']] },
  { logType: 'tunnel', anyOf: [['tunnel_type', 'action']] },
  { logType: 'known_hosts', anyOf: [['host']], exactly: true }
]

/** The log type (conn, dns …) a record's fields show, or undefined when they match no known log. */
export function inferZeekLogType(values: ZeekValues): string | undefined {
  for (const signature of LOG_TYPE_SIGNATURES) {
    for (const names of signature.anyOf) {
      if (!names.every((name) => values.has(name))) continue
      if (signature.exactly && countDataFields(values) !== names.length) continue
      return signature.logType
    }
  }
  return undefined
}

/** Fields other than ts and the JSON writer's _path/_write_ts metadata. */
function countDataFields(values: ZeekValues): number {
  let count = 0
  for (const name of values.keys()) if (name !== 'ts' && !name.startsWith('_')) count++
  return count
}

export interface ZeekEventFields {
  fields: EventFieldValues
  extra: ExtraFields
}

/**
 * ECS fields for one record of the given log type (undefined: not known), plus every original field in
 * extra as zeek.<name>: booleans as 'true'/'false', sets and vectors comma-joined.
 */
export function describeZeekRecord(logType: string | undefined, values: ZeekValues): ZeekEventFields {
  const fields: EventFieldValues = {
    'event.kind': logType === 'notice' ? 'alert' : 'event',
    'event.module': 'zeek',
    'event.dataset': `zeek.${logType ?? 'unknown'}`,
    'event.category': (logType !== undefined && CATEGORY_BY_LOG_TYPE[logType]) || 'network'
  }
  applyRules(COMMON_RULES, values, fields)
  if (logType !== undefined) {
    const rules = RULES_BY_LOG_TYPE[logType]
    if (rules !== undefined) applyRules(rules, values, fields)
  }
  addTotals(fields)
  describeByLogType(logType, values, fields)
  const protocol = logType === undefined ? undefined : PROTOCOL_BY_LOG_TYPE[logType]
  if (protocol !== undefined && fields['network.protocol'] === undefined)
    fields['network.protocol'] = protocol
  if (fields['message'] === undefined) fields['message'] = summarise(logType, values, fields)

  const extra: ExtraFields = {}
  for (const [name, value] of values) {
    if (name === '_path') continue
    extra[extraKey(name)] = extraValue(value)
  }
  return { fields, extra }
}

/**
 * zeek.<name> keys, built once per field name: a concatenation made afresh for every record would have to
 * be flattened and hashed again before it could key an object. Bounded, as JSON field names are input.
 */
const EXTRA_KEYS = new Map<string, string>()
const MAX_EXTRA_KEYS = 4096

function extraKey(name: string): string {
  let key = EXTRA_KEYS.get(name)
  if (key === undefined) {
    key = `zeek.${name}`
    if (EXTRA_KEYS.size < MAX_EXTRA_KEYS) EXTRA_KEYS.set(name, key)
  }
  return key
}

function applyRules(rules: readonly FieldRule[], values: ZeekValues, fields: EventFieldValues): void {
  for (const [zeekField, ecsField, reader] of rules) {
    if (fields[ecsField] !== undefined) continue
    const value = values.get(zeekField)
    if (value === undefined) continue
    const read = readValue(value, reader)
    if (read !== undefined) fields[ecsField] = read
  }
}

function readValue(value: ZeekValue, reader: Reader): string | number | undefined {
  switch (reader) {
    case 'text':
      return textOf(value)
    case 'lowercase':
      return textOf(value)?.toLowerCase()
    case 'ip':
      return ipOf(value)
    case 'count':
      // Zeek writes counts as numbers, zeek-cut output without #types as digits.
      return countOf(value)
    case 'domain':
      return domainOf(value)
    case 'singleIp':
      return Array.isArray(value) && value.length === 1 ? ipOf(value[0]) : undefined
  }
}

/** A Host header names a domain, possibly with a port; url.domain holds the domain alone. */
function domainOf(value: ZeekValue): string | undefined {
  const host = textOf(value)
  if (host === undefined) return undefined
  const colon = host.lastIndexOf(':')
  if (colon > 0 && host.indexOf(':') === colon && /^\d+$/.test(host.slice(colon + 1))) {
    return host.slice(0, colon)
  }
  return host
}

function addTotals(fields: EventFieldValues): void {
  const sourceBytes = fields['source.bytes']
  const destinationBytes = fields['destination.bytes']
  if (typeof sourceBytes === 'number' && typeof destinationBytes === 'number') {
    fields['network.bytes'] = sourceBytes + destinationBytes
  }
  const sourcePackets = fields['source.packets']
  const destinationPackets = fields['destination.packets']
  if (typeof sourcePackets === 'number' && typeof destinationPackets === 'number') {
    fields['network.packets'] = sourcePackets + destinationPackets
  }
}

/** What a record means beyond field renames: outcomes, authentication attempts, URL parts. */
function describeByLogType(logType: string | undefined, values: ZeekValues, fields: EventFieldValues): void {
  switch (logType) {
    case 'http': {
      // uri is the request target as sent: path, then the query.
      const uri = fields['url.original']
      if (typeof uri === 'string') splitRequestTarget(uri, fields)
      const status = fields['http.response.status_code']
      if (typeof status === 'number') fields['event.outcome'] = outcomeOfStatus(status)
      return
    }
    case 'ssh': {
      // auth_success is Zeek's inference from the encrypted session, so it is the attempt's outcome;
      // unset means Zeek could not tell, and the record is then no login attempt.
      const success = values.get('auth_success')
      if (typeof success === 'boolean') {
        setAuthAction({ fields, extra: {} }, 'authentication', 'ssh_login', success ? 'success' : 'failure')
      }
      return
    }
    case 'ntlm':
    case 'kerberos': {
      const success = values.get('success')
      if (typeof success === 'boolean') fields['event.outcome'] = success ? 'success' : 'failure'
      if (logType === 'kerberos') describeKerberosClient(textOf(values.get('client')), fields)
      return
    }
  }
}

/** Kerberos names the client as principal/REALM. */
function describeKerberosClient(client: string | undefined, fields: EventFieldValues): void {
  if (client === undefined) return
  const slash = client.lastIndexOf('/')
  const name = slash === -1 ? client : client.slice(0, slash)
  if (name !== '') fields['user.name'] = name
  if (slash !== -1 && slash + 1 < client.length) fields['user.domain'] = client.slice(slash + 1)
}

/** TCP connection states as conn.log abbreviates them, in words a responder can read at a glance. */
const CONN_STATES: Readonly<Record<string, string>> = {
  S0: 'attempt, no reply',
  S1: 'established, not closed',
  SF: 'established and closed',
  REJ: 'rejected',
  S2: 'established, originator closed, no reply',
  S3: 'established, responder closed, no reply',
  RSTO: 'originator reset',
  RSTR: 'responder reset',
  RSTOS0: 'originator SYN then reset, no SYN-ACK',
  RSTRH: 'responder SYN-ACK then reset, no SYN',
  SH: 'originator SYN then FIN, no SYN-ACK',
  SHR: 'responder SYN-ACK then FIN, no SYN',
  OTH: 'no SYN seen, midstream traffic'
}

/** The one-line message: what happened, then between whom. */
function summarise(logType: string | undefined, values: ZeekValues, fields: EventFieldValues): string {
  const what = describeWhat(logType, (name) => textOf(values.get(name)), fields)
  const source = fields['source.ip']
  const destination = fields['destination.ip']
  const from = source === undefined ? undefined : endpoint(source, fields['source.port'])
  const to = destination === undefined ? undefined : endpoint(destination, fields['destination.port'])
  if (from !== undefined && to !== undefined) return `${what} (${from} -> ${to})`
  if (from !== undefined) return `${what} (from ${from})`
  return to === undefined ? what : `${what} (to ${to})`
}

function describeWhat(
  logType: string | undefined,
  text: (name: string) => string | undefined,
  fields: EventFieldValues
): string {
  switch (logType) {
    case 'conn': {
      const state = text('conn_state')
      const meaning = state === undefined ? undefined : CONN_STATES[state]
      const bytes = fields['network.bytes'] === undefined ? undefined : `${fields['network.bytes']} bytes`
      return words(text('proto'), text('service'), state, meaning && `(${meaning})`, bytes)
    }
    case 'dns': {
      const answers = text('answers')
      return (
        words('DNS', text('qtype_name'), text('query'), text('rcode_name')) + (answers ? `: ${answers}` : '')
      )
    }
    case 'http':
      return words(text('method'), `${text('host') ?? ''}${text('uri') ?? ''}`, text('status_code'))
    case 'ssl':
      return words('TLS', text('version'), text('server_name') ?? 'without SNI')
    case 'ssh': {
      const outcome = fields['event.outcome']
      const authentication =
        outcome === undefined ? 'outcome unknown' : outcome === 'success' ? 'succeeded' : 'failed'
      return `${words('SSH', text('client'), labelled('to', text('server')))}: authentication ${authentication}`
    }
    case 'files':
      return words('file', text('filename') ?? text('fuid'), text('mime_type'), text('sha256'))
    case 'weird': {
      const addl = text('addl')
      return words('weird', text('name')) + (addl ? `: ${addl}` : '')
    }
    case 'x509':
      return words(
        'certificate',
        text('certificate.subject'),
        labelled('issued by', text('certificate.issuer'))
      )
    case 'ftp':
      return words('FTP', text('user'), text('command'), text('arg'), text('reply_code'), text('reply_msg'))
    case 'smtp':
      return words(
        'SMTP',
        labelled('from', text('mailfrom')),
        labelled('to', text('rcptto')),
        text('subject')
      )
    case 'kerberos':
      return words(
        'Kerberos',
        text('request_type'),
        text('client'),
        labelled('for', text('service')),
        fields['event.outcome'],
        text('error_msg')
      )
    case 'ntlm': {
      const domain = text('domainname')
      const user = text('username')
      const account = user === undefined ? undefined : domain === undefined ? user : `${domain}\\${user}`
      return words('NTLM', account, labelled('to', text('server_nb_computer_name')), fields['event.outcome'])
    }
    case 'rdp':
      return words('RDP', text('cookie'), text('security_protocol'), text('result'))
    case 'smb_mapping':
      return words('SMB tree', text('path'), text('share_type'))
    case 'smb_files':
      return words('SMB', text('action'), text('path'), text('name'))
    case 'dce_rpc':
      return words('DCE-RPC', text('endpoint'), text('operation'))
    case 'dpd':
      return words(text('analyzer'), 'protocol violation:', text('failure_reason'))
    case 'snmp':
      return words('SNMP', labelled('version', text('version')), labelled('community', text('community')))
    case 'pe':
      return words('PE', text('machine'), text('os'), text('subsystem'))
    case 'software':
      return words('software', text('software_type'), text('unparsed_version'), labelled('on', text('host')))
    case 'known_hosts':
      return words('known host', text('host'))
    case 'known_services':
      return words('known service', text('service'))
    default:
      return logType ?? 'Zeek record'
  }
}

/** The value as text: sets and vectors comma-joined, booleans as true/false; undefined for nothing. */
function textOf(value: ZeekValue | undefined): string | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value.length === 0 ? undefined : value.join(',')
}

function extraValue(value: ZeekValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return value.join(',')
}

const EPOCH_FORM = 'epoch seconds like 1521911720.865716'

/**
 * Milliseconds of a Zeek `time` written as epoch seconds (1521911720.865716) in text, read digit by digit
 * so no float rounding moves a record across a millisecond; null when the text is not such a time.
 */
export function zeekEpochTextToMs(text: string): number | null {
  const length = text.length
  let position = 0
  let seconds = 0
  while (position < length) {
    const digit = text.charCodeAt(position) - 48
    if (digit < 0 || digit > 9) break
    seconds = seconds * 10 + digit
    position++
  }
  if (position === 0 || position > 12) return null
  let ms = 0
  if (position < length) {
    if (text.charCodeAt(position) !== 46) return null
    const fractionStart = ++position
    let scale = 100
    while (position < length) {
      const digit = text.charCodeAt(position) - 48
      if (digit < 0 || digit > 9) return null
      if (scale >= 1) ms += digit * scale
      scale /= 10
      position++
    }
    if (position === fractionStart) return null
  }
  return seconds * 1000 + ms
}

/** Milliseconds of epoch seconds as a JSON number, truncated to the millisecond like the text form. */
export function zeekEpochNumberToMs(seconds: number): number | null {
  if (!Number.isFinite(seconds) || seconds < 0 || seconds >= 1e12) return null
  // Round to the microsecond Zeek wrote first: 1521911720.865 * 1000 is 1521911720864.9998 in binary.
  return Math.floor(Math.round(seconds * 1e6) / 1000)
}

/** Why a ts was refused, naming btest's masked timestamps (XXXXXXXXXX.XXXXXX) as what they are. */
export function describeZeekTimeProblem(quoted: string): string {
  if (/^X+(\.X+)?$/.test(quoted)) {
    return `ts '${quoted}' is masked (a test baseline hides the time): the record cannot be placed on a timeline`
  }
  return `ts '${quoted}' is not ${EPOCH_FORM} or an ISO 8601 time`
}
