// Decides what each column of a CSV/TSV export holds: header names are matched to Cairn's ECS fields (exact
// ECS names first, then common spellings, ignoring case and punctuation), and the time is found by name
// first, then by value, possibly split over Date and Time columns. The import dialog shows this plan and the
// analyst's edits (ParserOptions.columnMap) override it for the columns they name.

import { EVENT_FIELDS, NUMERIC_EVENT_FIELDS, type EventField } from '../../../common/event'
import type { ColumnTarget } from '../parser'
import { detectDelimiter, splitSampleRecords, type CsvDelimiter } from './csvRecords'
import { CsvTimestampReader, inferDateOrder, type DateOrder } from './csvTimestamps'

/** Where a column goes: a ColumnTarget, or into extra under its (sanitised) header name. */
export type SuggestedTarget = ColumnTarget | 'extra'

export interface ColumnPlan {
  /** One per header column, in header order. */
  targets: SuggestedTarget[]
  /** The columns the time is read from, in header order, their cells joined by spaces; empty when none. */
  timeColumns: number[]
  dateOrder: DateOrder
}

export interface ColumnSuggestion {
  delimiter: CsvDelimiter
  columns: { name: string; target: SuggestedTarget; sample: string }[]
}

/** Common spellings of each field, compared after normaliseColumnName. */
const FIELD_SPELLINGS: Partial<Record<EventField, readonly string[]>> = {
  'source.ip': [
    'srcip',
    'src',
    'srcaddr',
    'srcaddress',
    'sourceaddress',
    'sourceipaddress',
    'clientip',
    'clientipaddress',
    'clientaddress',
    'cip',
    'remoteip',
    'remoteaddr',
    'remoteaddress',
    'callerip',
    'ip',
    'ipaddress'
  ],
  'source.port': ['srcport', 'sport', 'clientport', 'remoteport', 'sourceport'],
  'source.domain': ['srchost', 'sourcehost', 'sourcehostname', 'clienthost', 'workstationname'],
  'destination.ip': [
    'dstip',
    'dst',
    'dstaddr',
    'dstaddress',
    'destip',
    'destaddr',
    'destinationaddress',
    'destinationipaddress',
    'serverip',
    'sip'
  ],
  'destination.port': ['dstport', 'dport', 'destport', 'serverport'],
  'destination.domain': ['dsthost', 'desthost', 'destinationhost', 'desthostname'],
  'user.name': [
    'user',
    'username',
    'usr',
    'account',
    'accountname',
    'login',
    'csusername',
    'subjectusername'
  ],
  'user.target.name': ['targetusername', 'targetuser'],
  'user.id': ['userid', 'uid', 'usersid'],
  'user.domain': ['userdomain', 'subjectdomainname'],
  'host.name': ['host', 'hostname', 'computer', 'computername', 'machine', 'machinename', 'device', 'node'],
  message: ['message', 'msg', 'content', 'text', 'description', 'details', 'logmessage', 'eventmessage'],
  'event.code': ['eventid', 'eventcode', 'eventtypeid'],
  'event.action': ['action', 'eventname', 'operation', 'activity', 'eventaction'],
  'event.reason': ['reason', 'failurereason'],
  'event.provider': ['provider', 'providername', 'sourcename'],
  'log.level': ['level', 'loglevel', 'severity'],
  'http.response.status_code': [
    'status',
    'statuscode',
    'httpstatus',
    'httpstatuscode',
    'scstatus',
    'responsecode'
  ],
  'http.request.method': ['method', 'httpmethod', 'requestmethod', 'csmethod', 'verb'],
  'http.request.referrer': ['referer', 'referrer', 'csreferer', 'httpreferer', 'httpreferrer'],
  'http.response.body.bytes': ['scbytes', 'bytessent', 'responsesize', 'responsebytes', 'bodybytes'],
  'url.original': ['url', 'uri', 'requesturl', 'requesturi', 'csuri'],
  'url.path': ['csuristem', 'uristem'],
  'url.query': ['csuriquery', 'uriquery', 'querystring'],
  'url.domain': ['cshost', 'urlhost', 'vhost'],
  'user_agent.original': [
    'useragent',
    'ua',
    'agent',
    'csuseragent',
    'httpuseragent',
    'requestuseragent',
    'clientuseragent'
  ],
  'process.name': ['process', 'processname', 'program', 'app', 'application', 'procname'],
  'process.pid': ['pid', 'processid', 'procid'],
  'process.executable': ['image', 'executable', 'exe', 'processpath', 'newprocessname'],
  'process.command_line': ['commandline', 'cmdline', 'command', 'cmd'],
  'process.parent.pid': ['ppid', 'parentpid', 'parentprocessid'],
  'process.parent.executable': ['parentimage', 'parentprocessname', 'parentexecutable'],
  'process.parent.command_line': ['parentcommandline', 'parentcmdline'],
  'service.name': ['service', 'servicename'],
  'file.path': ['filepath', 'targetfilename', 'file'],
  'file.name': ['filename'],
  'file.hash.md5': ['md5'],
  'file.hash.sha1': ['sha1'],
  'file.hash.sha256': ['sha256'],
  'network.transport': ['proto', 'transport', 'ipprotocol'],
  'network.protocol': ['protocol', 'appprotocol'],
  'network.bytes': ['bytes', 'totalbytes'],
  'network.packets': ['packets', 'pkts', 'totalpackets'],
  'source.bytes': ['srcbytes', 'sentbytes', 'bytesout', 'origbytes'],
  'destination.bytes': ['dstbytes', 'receivedbytes', 'bytesin', 'respbytes'],
  'dns.question.name': ['qname', 'queryname', 'dnsquery', 'dnsname'],
  'dns.question.type': ['qtype', 'qtypename', 'querytype'],
  'dns.response_code': ['rcode', 'rcodename', 'responsecodename'],
  'dns.answers': ['answers', 'answer'],
  'tls.client.server_name': ['sni', 'servername'],
  'rule.id': ['ruleid', 'signatureid', 'sigid'],
  'rule.name': ['rule', 'rulename', 'signature', 'alertname'],
  'rule.category': ['rulecategory'],
  'winlog.channel': ['channel', 'logname'],
  'cloud.region': ['region', 'awsregion'],
  'cloud.account.id': ['accountid', 'awsaccountid', 'recipientaccountid'],
  'cloud.provider': ['cloudprovider']
}

/** Names that say a column holds the whole time, best first (after normaliseColumnName). */
const TIME_COLUMN_NAMES: readonly string[] = [
  'timestamp',
  'datetime',
  'eventtime',
  'eventdatetime',
  'eventtimestamp',
  'timecreated',
  'timegenerated',
  'utctime',
  'time',
  'ts',
  'logtime',
  'createdat',
  'creationtime',
  'receivedtime',
  'starttime'
]

/** Names of columns that may each hold part of the time (Month + Day + Time, Date + Time). */
const DATE_PART_NAMES: ReadonlySet<string> = new Set(['year', 'month', 'date', 'day', 'time'])

const FIELD_BY_ECS_NAME: ReadonlyMap<string, EventField> = new Map(
  EVENT_FIELDS.map((field) => [field.toLowerCase(), field])
)
const FIELD_BY_NAME: ReadonlyMap<string, EventField> = buildFieldsByName()

function buildFieldsByName(): Map<string, EventField> {
  const byName = new Map<string, EventField>()
  for (const [field, spellings] of Object.entries(FIELD_SPELLINGS) as [EventField, readonly string[]][]) {
    for (const spelling of spellings) byName.set(spelling, field)
  }
  // Punctuation-free ECS names ('Source IP', 'user_agent_original') where no common spelling claims the
  // name: 'EventID' is event.code by Windows habit, so only the exact 'event.id' reaches event.id.
  for (const field of EVENT_FIELDS) {
    const name = normaliseColumnName(field)
    if (!byName.has(name)) byName.set(name, field)
  }
  return byName
}

/** A header name reduced to lower-case letters and digits: 'Source IP', 'src_ip', 'c-ip' → 'sourceip', … */
export function normaliseColumnName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '')
}

/** The field a header name stands for, or null: an exact ECS name first, then a common spelling. */
export function fieldForColumnName(name: string): EventField | null {
  return (
    FIELD_BY_ECS_NAME.get(name.trim().toLowerCase()) ?? FIELD_BY_NAME.get(normaliseColumnName(name)) ?? null
  )
}

/**
 * What each column holds, from the header and the first rows. An analyst's `columnMap` decides for the
 * columns it names; a field or the time it assigns is then taken from any column the automatic plan gave it
 * to (those go to extra), so a field is never filled from two columns.
 */
export function planColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  columnMap?: Readonly<Record<string, ColumnTarget>>
): ColumnPlan {
  const chosen = header.map((name) =>
    columnMap !== undefined && Object.hasOwn(columnMap, name) ? columnMap[name] : undefined
  )
  const analystTime = chosen.includes('timestamp')
  const claimed = new Set<SuggestedTarget>(chosen.filter((target) => target !== undefined))
  const automaticTime = analystTime ? null : chooseTimeColumns(header, rows, chosen)
  const targets = header.map((name, index): SuggestedTarget => {
    const analystTarget = chosen[index]
    if (analystTarget !== undefined) return analystTarget
    if (automaticTime?.includes(index)) return 'timestamp'
    const field = fieldForColumnName(name)
    if (field === null || claimed.has(field) || !valuesFit(field, rows, index)) return 'extra'
    claimed.add(field)
    return field
  })
  const timeColumns: number[] = []
  targets.forEach((target, index) => {
    if (target === 'timestamp') timeColumns.push(index)
  })
  return { targets, timeColumns, dateOrder: inferDateOrder(joinedValues(rows, timeColumns)) }
}

/**
 * The columns holding the time: a column named for it whose values mostly read as times; else the date-part
 * columns together (Month + Date + Time); else the first column whose values all read as times. Null when
 * no column does. Columns the analyst assigned are left alone.
 */
function chooseTimeColumns(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  chosen: readonly (ColumnTarget | undefined)[]
): number[] | null {
  const free = header.map((_, index) => index).filter((index) => chosen[index] === undefined)
  const names = header.map(normaliseColumnName)
  const named = free
    .filter((index) => TIME_COLUMN_NAMES.includes(names[index]))
    .sort((a, b) => TIME_COLUMN_NAMES.indexOf(names[a]) - TIME_COLUMN_NAMES.indexOf(names[b]) || a - b)
  for (const index of named) if (readsAsTime(rows, [index], 'mostly')) return [index]
  const parts = free.filter((index) => DATE_PART_NAMES.has(names[index]))
  if (parts.length >= 2 && readsAsTime(rows, parts, 'mostly')) return parts
  for (const index of free) {
    if (named.includes(index) || fieldForColumnName(header[index]) !== null) continue
    if (readsAsTime(rows, [index], 'all')) return [index]
  }
  return null
}

/**
 * Whether the columns' joined cells read as times: 'mostly' (at least half of the non-empty ones, or there
 * are none to say otherwise) for columns named for the time, 'all' (and at least one) for any other column.
 */
function readsAsTime(
  rows: readonly (readonly string[])[],
  columns: readonly number[],
  share: 'mostly' | 'all'
): boolean {
  const values = joinedValues(rows, columns)
  const reader = new CsvTimestampReader({
    timeZone: 'UTC',
    dateOrder: inferDateOrder(values),
    referenceYear: 2000
  })
  let read = 0
  for (const value of values) if (typeof reader.read(value) === 'number') read++
  if (share === 'all') return read > 0 && read === values.length
  return read * 2 >= values.length
}

/** Each row's cells in `columns` joined by spaces, for rows where any of them is non-empty. */
function joinedValues(rows: readonly (readonly string[])[], columns: readonly number[]): string[] {
  const values: string[] = []
  if (columns.length === 0) return values
  for (const row of rows) {
    const value = columns
      .map((index) => row[index] ?? '')
      .filter((cell) => cell.trim() !== '')
      .join(' ')
    if (value !== '') values.push(value)
  }
  return values
}

/**
 * Numeric fields take a column only when most of its sample values are numbers ('-' and empty cells
 * aside); the odd cell that is not a number is kept in extra when the row is read.
 */
function valuesFit(field: EventField, rows: readonly (readonly string[])[], index: number): boolean {
  if (!NUMERIC_EVENT_FIELDS.has(field)) return true
  let numbers = 0
  let others = 0
  for (const row of rows) {
    const cell = (row[index] ?? '').trim()
    if (cell === '' || cell === '-') continue
    if (readNumber(cell) === null) others++
    else numbers++
  }
  return numbers >= others
}

/** A decimal number cell as a number, or null. */
export function readNumber(cell: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : null
}

/** Header cells as column names: trimmed, so ' Source IP' and 'Source IP' are one column to the analyst. */
export function columnNames(headerCells: readonly string[]): string[] {
  return headerCells.map((cell) => cell.trim())
}

/**
 * Keys for columns kept in extra: the header name with runs of other characters than letters, digits,
 * '_', '.', '-' and '@' turned into '_'; unnamed columns become column_N and repeats get _2, _3….
 */
export function extraKeys(names: readonly string[]): string[] {
  const used = new Set<string>()
  return names.map((name, index) => {
    const base =
      name.replace(/[^\p{L}\p{N}_.@-]+/gu, '_').replace(/^[_.]+|[_.]+$/g, '') || `column_${index + 1}`
    let key = base
    for (let repeat = 2; used.has(key); repeat++) key = `${base}_${repeat}`
    used.add(key)
    return key
  })
}

/**
 * The import dialog's starting point: the delimiter and, per column, where it would go and a sample value.
 * `sampleRows` are the lines after the header (quoted cells may span them).
 */
export function suggestColumnMap(headerLine: string, sampleRows: string[]): ColumnSuggestion {
  const delimiter = detectDelimiter(headerLine, sampleRows)
  const records = splitSampleRecords([headerLine, ...sampleRows], delimiter)
  const names = columnNames(records[0] ?? [])
  const rows = records.slice(1)
  const plan = planColumns(names, rows)
  return {
    delimiter,
    columns: names.map((name, index) => ({
      name,
      target: plan.targets[index],
      sample: rows.find((row) => (row[index] ?? '').trim() !== '')?.[index] ?? ''
    }))
  }
}
