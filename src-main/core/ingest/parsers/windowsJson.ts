// Windows event logs exported as JSON, in the shapes responders are handed: evtx_dump's rendering of the
// event XML, Winlogbeat/ECS documents (and Winlogbeat 6's flat ones), flattened exports (nxlog, the OTRF
// datasets, Azure Log Analytics) and PowerShell's `Get-WinEvent | ConvertTo-Json`. Each document's shape is
// recognised on its own, read into a WindowsEvent, and mapped by windowsEventMapping, the one place that
// says what a Windows event means.

import type { EventField, EventFieldValues } from '../../../common/event'
import { assertTimeZone } from '../../time/zonedTime'
import { acceptedDocumentShare, isJsonObject, jsonObjectParser, type JsonObject } from '../jsonFraming'
import type { LineParseResult, ParserOptions, RecordParser, TextFormatDefinition } from '../parser'
import { assignJsonField, emitResult, flattenJson } from './jsonGeneric'
import { parseTimestampValue } from './jsonTimestamp'
import { jsonText } from './jsonValues'
import { accept, excerpt, reject, type ExtraFields } from './results'
import { mapWindowsEvent, type WindowsEvent } from './windowsEventMapping'

const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon'
const SECURITY_PROVIDER = 'Microsoft-Windows-Security-Auditing'

/**
 * EventData names of events whose Get-WinEvent Properties come without names, by provider and id, in
 * template order. Later versions of an event append fields, so a shorter list still names the first ones;
 * the rest are param<N>.
 */
const PROPERTY_NAMES = new Map<string, readonly string[]>([
  [
    `${SECURITY_PROVIDER}/4624`,
    [
      'SubjectUserSid',
      'SubjectUserName',
      'SubjectDomainName',
      'SubjectLogonId',
      'TargetUserSid',
      'TargetUserName',
      'TargetDomainName',
      'TargetLogonId',
      'LogonType',
      'LogonProcessName',
      'AuthenticationPackageName',
      'WorkstationName',
      'LogonGuid',
      'TransmittedServices',
      'LmPackageName',
      'KeyLength',
      'ProcessId',
      'ProcessName',
      'IpAddress',
      'IpPort',
      'ImpersonationLevel',
      'RestrictedAdminMode',
      'TargetOutboundUserName',
      'TargetOutboundDomainName',
      'VirtualAccount',
      'TargetLinkedLogonId',
      'ElevatedToken'
    ]
  ],
  [
    `${SECURITY_PROVIDER}/4625`,
    [
      'SubjectUserSid',
      'SubjectUserName',
      'SubjectDomainName',
      'SubjectLogonId',
      'TargetUserSid',
      'TargetUserName',
      'TargetDomainName',
      'Status',
      'FailureReason',
      'SubStatus',
      'LogonType',
      'LogonProcessName',
      'AuthenticationPackageName',
      'WorkstationName',
      'TransmittedServices',
      'LmPackageName',
      'KeyLength',
      'ProcessId',
      'ProcessName',
      'IpAddress',
      'IpPort'
    ]
  ],
  [
    `${SECURITY_PROVIDER}/4634`,
    ['TargetUserSid', 'TargetUserName', 'TargetDomainName', 'TargetLogonId', 'LogonType']
  ],
  [
    `${SECURITY_PROVIDER}/4648`,
    [
      'SubjectUserSid',
      'SubjectUserName',
      'SubjectDomainName',
      'SubjectLogonId',
      'LogonGuid',
      'TargetUserName',
      'TargetDomainName',
      'TargetLogonGuid',
      'TargetServerName',
      'TargetInfo',
      'ProcessId',
      'ProcessName',
      'IpAddress',
      'IpPort'
    ]
  ],
  [
    `${SECURITY_PROVIDER}/4672`,
    ['SubjectUserSid', 'SubjectUserName', 'SubjectDomainName', 'SubjectLogonId', 'PrivilegeList']
  ],
  [
    `${SECURITY_PROVIDER}/4688`,
    [
      'SubjectUserSid',
      'SubjectUserName',
      'SubjectDomainName',
      'SubjectLogonId',
      'NewProcessId',
      'NewProcessName',
      'TokenElevationType',
      'ProcessId',
      'CommandLine',
      'TargetUserSid',
      'TargetUserName',
      'TargetDomainName',
      'TargetLogonId',
      'ParentProcessName',
      'MandatoryLabel'
    ]
  ],
  ['Service Control Manager/7045', ['ServiceName', 'ImagePath', 'ServiceType', 'StartType', 'AccountName']],
  [
    'Microsoft-Windows-PowerShell/4104',
    ['MessageNumber', 'MessageTotal', 'ScriptBlockText', 'ScriptBlockId', 'Path']
  ]
])

/** Winlogbeat keys the mapping reads into WindowsEvent and records again under the same names. */
const WINLOG_SYSTEM_KEYS = new Set([
  'winlog.provider_name',
  'winlog.provider_guid',
  'winlog.event_id',
  'winlog.version',
  'winlog.task',
  'winlog.opcode',
  'winlog.keywords',
  'winlog.record_id',
  'winlog.activity_id',
  'winlog.related_activity_id',
  'winlog.process.pid',
  'winlog.process.thread.id',
  'winlog.channel',
  'winlog.computer_name',
  'winlog.user.identifier'
])

/** Get-WinEvent's names for the System codes it renders, kept beside the codes (winlog.task is 12544). */
const DISPLAY_NAMES = [
  ['LevelDisplayName', 'winlog.level_name'],
  ['TaskDisplayName', 'winlog.task_name'],
  ['OpcodeDisplayName', 'winlog.opcode_name']
] as const

/** Keys of a flattened export (nxlog, OTRF, Azure) that are System values, not EventData. */
const FLAT_SYSTEM_KEYS = new Set([
  'EventID',
  'Channel',
  'EventLog',
  'Source',
  'Hostname',
  'Computer',
  'SourceName',
  'ProviderName',
  'Provider',
  'EventSourceName',
  'ProviderGuid',
  'Version',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'RecordNumber',
  'EventRecordID',
  'ExecutionProcessID',
  'ExecutionThreadID',
  'ThreadID',
  'UserID',
  'ActivityID',
  'RelatedActivityID',
  'TimeCreated',
  'Message',
  'EventData'
])

/** Where a flattened export keeps its time: zoned values first, then local times in the declared zone. */
const FLAT_TIME_KEYS = ['TimeCreated', '@timestamp', 'TimeGenerated', 'EventTime'] as const

const NOT_WINDOWS =
  'not a Windows event: expected Event.System (evtx_dump), winlog.event_id or event_id with log_name ' +
  '(Winlogbeat 7 or 6), EventID with ' +
  'Channel or a provider (nxlog and other flat exports), or Id with ProviderName (Get-WinEvent)'

type TimeRead = number | string

function createWindowsJsonParser(options: ParserOptions): RecordParser {
  assertTimeZone(options.timeZone)
  return jsonObjectParser('windows_json', (object, record, emit) =>
    emitResult(readWindowsObject(object, record.text, options.timeZone), record, emit)
  )
}

/** One document in any of the four shapes, as an event or a rejection. */
export function readWindowsObject(object: JsonObject, raw: string, timeZone: string): LineParseResult {
  const event = object['Event']
  if (isJsonObject(event) && isJsonObject(event['System'])) {
    return readEvtxDump(event, event['System'], raw, timeZone)
  }
  const winlog = object['winlog']
  if (isJsonObject(winlog) && winlog['event_id'] !== undefined)
    return readWinlogbeat(object, winlog, raw, timeZone)
  if (
    object['event_id'] !== undefined &&
    (object['log_name'] !== undefined || object['source_name'] !== undefined)
  )
    return readWinlogbeat6(object, raw, timeZone)
  if (object['EventID'] !== undefined && isFlatExport(object)) return readFlatExport(object, raw, timeZone)
  if (
    typeof object['Id'] === 'number' &&
    (object['ProviderName'] !== undefined || object['LogName'] !== undefined)
  ) {
    return readGetWinEvent(object, raw, timeZone)
  }
  return reject(NOT_WINDOWS)
}

function isFlatExport(object: JsonObject): boolean {
  return (
    object['Channel'] !== undefined ||
    object['EventLog'] !== undefined ||
    object['Source'] !== undefined ||
    object['SourceName'] !== undefined ||
    object['ProviderName'] !== undefined ||
    object['Provider'] !== undefined ||
    object['EventSourceName'] !== undefined
  )
}

/** The mapped event, or the time's problem; `addFromShape` adds what only that document shape holds. */
function finish(
  windows: WindowsEvent,
  time: TimeRead,
  raw: string,
  addFromShape?: (fields: EventFieldValues, extra: ExtraFields) => void
): LineParseResult {
  if (typeof time === 'string') return reject(time)
  const { fields, extra } = mapWindowsEvent(windows)
  addFromShape?.(fields, extra)
  return accept(time, fields, extra, raw)
}

// evtx_dump: {"Event":{"#attributes":{xmlns},"System":{…},"EventData":{…}|"UserData":{…}}}

function readEvtxDump(event: JsonObject, system: JsonObject, raw: string, timeZone: string): LineParseResult {
  const provider = attributes(system['Provider'])
  const eventId = system['EventID']
  const correlation = attributes(system['Correlation'])
  const execution = attributes(system['Execution'])
  const timeCreated = jsonText(attributes(system['TimeCreated'])['SystemTime'])
  const windows: WindowsEvent = {
    system: {
      providerName: jsonText(provider['Name']),
      providerGuid: jsonText(provider['Guid']),
      eventSourceName: jsonText(provider['EventSourceName']),
      eventId: integer(nodeText(eventId)),
      qualifiers: integer(attributes(eventId)['Qualifiers']),
      version: integer(nodeText(system['Version'])),
      level: integer(nodeText(system['Level'])),
      task: integer(nodeText(system['Task'])),
      opcode: integer(nodeText(system['Opcode'])),
      keywords: jsonText(nodeText(system['Keywords'])),
      timeCreated,
      eventRecordId: integer(nodeText(system['EventRecordID'])),
      activityId: jsonText(correlation['ActivityID']),
      relatedActivityId: jsonText(correlation['RelatedActivityID']),
      processId: integer(execution['ProcessID']),
      threadId: integer(execution['ThreadID']),
      channel: jsonText(nodeText(system['Channel'])),
      computer: jsonText(nodeText(system['Computer'])),
      userId: jsonText(attributes(system['Security'])['UserID'])
    },
    eventData: readEvtxEventData(event['EventData']),
    userData: isJsonObject(event['UserData']) ? event['UserData'] : undefined
  }
  return finish(windows, readTime(timeCreated, 'System.TimeCreated.SystemTime', timeZone), raw)
}

/** An element's XML attributes as evtx_dump writes them (`#attributes`), or none. */
function attributes(node: unknown): JsonObject {
  if (!isJsonObject(node)) return {}
  const found = node['#attributes']
  return isJsonObject(found) ? found : {}
}

/** An element's text: the value itself, or `#text` when the element also has attributes. */
function nodeText(node: unknown): unknown {
  return isJsonObject(node) ? node['#text'] : node
}

/**
 * EventData as evtx_dump renders it: named Data elements as keys; unnamed ones as `Data` (a value, a
 * list, or `{"#text": …}`), named param1, param2 …; `#attributes` of EventData itself is left out.
 */
function readEvtxEventData(node: unknown): Record<string, string> {
  const data: Record<string, string> = {}
  if (node === null || node === undefined) return data
  if (!isJsonObject(node)) {
    data['param1'] = dataText(node)
    return data
  }
  for (const key in node) {
    if (!Object.hasOwn(node, key) || key === '#attributes') continue
    if (key === 'Data') readUnnamedData(node[key], data)
    else data[key] = dataText(node[key])
  }
  return data
}

function readUnnamedData(node: unknown, data: Record<string, string>): void {
  const items: unknown[] = Array.isArray(node)
    ? node
    : isJsonObject(node) && Array.isArray(node['#text'])
      ? node['#text']
      : [node]
  items.forEach((item, index) => {
    const name = jsonText(attributes(item)['Name'])
    data[name ?? `param${index + 1}`] = dataText(item)
  })
}

/** A data value as text: scalars as written, `#text` of an element, anything else as JSON. */
function dataText(value: unknown): string {
  if (typeof value === 'string') return value
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (isJsonObject(value) && value['#text'] !== undefined) return dataText(value['#text'])
  return JSON.stringify(value)
}

// Winlogbeat / ECS: {"@timestamp":…,"winlog":{"event_id":…,"channel":…,"event_data":{…}},"event":{…},…}

function readWinlogbeat(
  object: JsonObject,
  winlog: JsonObject,
  raw: string,
  timeZone: string
): LineParseResult {
  const process = isJsonObject(winlog['process']) ? winlog['process'] : {}
  const thread = isJsonObject(process['thread']) ? process['thread'] : {}
  const user = isJsonObject(winlog['user']) ? winlog['user'] : {}
  const log = isJsonObject(object['log']) ? object['log'] : {}
  const keywords = winlog['keywords']
  const windows: WindowsEvent = {
    system: {
      providerName: jsonText(winlog['provider_name']),
      providerGuid: jsonText(winlog['provider_guid']),
      eventId: integer(winlog['event_id']),
      version: integer(winlog['version']),
      level: jsonText(log['level']),
      task: jsonText(winlog['task']),
      opcode: jsonText(winlog['opcode']),
      keywords: Array.isArray(keywords) ? keywords.join(', ') : jsonText(keywords),
      eventRecordId: integer(winlog['record_id']),
      activityId: jsonText(winlog['activity_id']),
      relatedActivityId: jsonText(winlog['related_activity_id']),
      processId: integer(process['pid']),
      threadId: integer(thread['id']),
      channel: jsonText(winlog['channel']),
      computer: jsonText(winlog['computer_name']),
      userId: jsonText(user['identifier'])
    },
    eventData: stringValues(winlog['event_data']),
    userData: isJsonObject(winlog['user_data']) ? { UserData: winlog['user_data'] } : undefined,
    message: jsonText(object['message'])
  }
  return finish(windows, readTime(object['@timestamp'], '@timestamp', timeZone), raw, (fields, extra) =>
    keepOtherEcsFields(object, fields, extra)
  )
}

// Winlogbeat 6: {"@timestamp":…,"event_id":…,"log_name":…,"source_name":…,"computer_name":…,"event_data":{…}}

function readWinlogbeat6(object: JsonObject, raw: string, timeZone: string): LineParseResult {
  const keywords = object['keywords']
  const windows: WindowsEvent = {
    system: {
      providerName: jsonText(object['source_name']),
      providerGuid: jsonText(object['provider_guid']),
      eventId: integer(object['event_id']),
      version: integer(object['version']),
      level: jsonText(object['level']),
      task: jsonText(object['task']),
      opcode: jsonText(object['opcode']),
      keywords: Array.isArray(keywords) ? keywords.join(', ') : jsonText(keywords),
      eventRecordId: integer(object['record_number']),
      activityId: jsonText(object['activity_id']),
      relatedActivityId: jsonText(object['related_activity_id']),
      processId: integer(object['process_id']),
      threadId: integer(object['thread_id']),
      channel: jsonText(object['log_name']),
      computer: jsonText(object['computer_name']),
      userId: isJsonObject(object['user']) ? jsonText(object['user']['identifier']) : undefined
    },
    eventData: stringValues(object['event_data']),
    userData: isJsonObject(object['user_data']) ? { UserData: object['user_data'] } : undefined,
    message: jsonText(object['message'])
  }
  return finish(windows, readTime(object['@timestamp'], '@timestamp', timeZone), raw)
}

/**
 * The rest of a Winlogbeat document: ECS fields Winlogbeat's own processors set (event.action, source.ip
 * …) fill columns the mapping left empty, and anything else stays in `extra` by its dotted name.
 */
function keepOtherEcsFields(object: JsonObject, fields: EventFieldValues, extra: ExtraFields): void {
  const found: EventFieldValues = {}
  const rest: ExtraFields = {}
  for (const [key, value] of flattenJson(object)) {
    if (
      !WINLOG_SYSTEM_KEYS.has(key) &&
      !key.startsWith('winlog.event_data.') &&
      !key.startsWith('winlog.user_data.')
    ) {
      assignJsonField(key, value, found, rest)
    }
  }
  for (const field in found) {
    const column = field as EventField
    fields[column] ??= found[column]
  }
  for (const name in rest) if (!Object.hasOwn(extra, name)) extra[name] = rest[name]
}

// Flattened exports: {"EventID":4663,"Channel":"Security","Hostname":…,"TimeCreated":…,"SubjectUserName":…}

function readFlatExport(object: JsonObject, raw: string, timeZone: string): LineParseResult {
  const eventData: Record<string, string> = {}
  for (const key in object) {
    if (Object.hasOwn(object, key) && !FLAT_SYSTEM_KEYS.has(key) && object[key] !== null) {
      eventData[key] = dataText(object[key])
    }
  }
  mergeEmbeddedEventData(object['EventData'], eventData)
  const windows: WindowsEvent = {
    system: {
      providerName:
        jsonText(object['SourceName']) ??
        jsonText(object['ProviderName']) ??
        jsonText(object['Provider']) ??
        jsonText(object['Source']),
      providerGuid: jsonText(object['ProviderGuid']),
      eventSourceName: jsonText(object['EventSourceName']),
      eventId: integer(object['EventID']),
      version: integer(object['Version']),
      level: integer(object['Level']) ?? jsonText(object['Level']),
      task: integer(object['Task']) ?? jsonText(object['Task']),
      opcode: integer(object['Opcode']) ?? jsonText(object['Opcode']),
      keywords: keywordsText(object['Keywords']),
      timeCreated: jsonText(object['TimeCreated']),
      eventRecordId: integer(object['RecordNumber']) ?? integer(object['EventRecordID']),
      activityId: jsonText(object['ActivityID']),
      relatedActivityId: jsonText(object['RelatedActivityID']),
      processId: integer(object['ExecutionProcessID']),
      threadId: integer(object['ThreadID']) ?? integer(object['ExecutionThreadID']),
      channel: jsonText(object['Channel']) ?? jsonText(object['EventLog']),
      computer: jsonText(object['Hostname']) ?? jsonText(object['Computer']),
      userId: jsonText(object['UserID'])
    },
    eventData,
    message: jsonText(object['Message'])
  }
  return finish(windows, readFlatTime(object, timeZone), raw)
}

/**
 * EventData that a flat export kept as one string: JSON (Azure WindowsEvent) or the event XML's
 * `<Data Name="…">` elements (Azure SecurityEvent). Top-level fields win over embedded ones.
 */
function mergeEmbeddedEventData(value: unknown, eventData: Record<string, string>): void {
  let embedded: Record<string, string> = {}
  if (isJsonObject(value)) embedded = stringValues(value)
  else if (typeof value === 'string' && value.startsWith('{')) {
    try {
      embedded = stringValues(JSON.parse(value))
    } catch {
      embedded = { EventData: value }
    }
  } else if (typeof value === 'string' && value.startsWith('<')) embedded = readDataElements(value)
  else if (value !== undefined && value !== null) embedded = { EventData: dataText(value) }
  for (const name in embedded) if (!Object.hasOwn(eventData, name)) eventData[name] = embedded[name]
}

const DATA_ELEMENT = /<Data Name="([^"]+)"(?:\s*\/>|>([^<]*)<\/Data>)/g
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function readDataElements(xml: string): Record<string, string> {
  const data: Record<string, string> = {}
  for (const match of xml.matchAll(DATA_ELEMENT)) {
    data[match[1]] = (match[2] ?? '').replace(
      /&(lt|gt|amp|quot|apos);/g,
      (_, name: string) => XML_ENTITIES[name]
    )
  }
  return data
}

function readFlatTime(object: JsonObject, timeZone: string): TimeRead {
  for (const key of FLAT_TIME_KEYS) {
    const timestamp = parseTimestampValue(object[key], undefined)
    if (timestamp !== null) return timestamp
  }
  for (const key of FLAT_TIME_KEYS) {
    if (object[key] !== undefined) return readTime(object[key], key, timeZone)
  }
  return `no event time: the document has none of ${FLAT_TIME_KEYS.join(', ')}`
}

// Get-WinEvent | ConvertTo-Json: {"Id":4624,"ProviderName":…,"LogName":…,"TimeCreated":"/Date(…)/","Properties":[{"Value":…}]}

function readGetWinEvent(object: JsonObject, raw: string, timeZone: string): LineParseResult {
  const eventId = integer(object['Id'])
  const providerName = jsonText(object['ProviderName'])
  const message = jsonText(object['Message'])
  const keywordNames = object['KeywordsDisplayNames']
  const userId = object['UserId']
  const created = object['TimeCreated']
  const createdValue = isJsonObject(created) ? created['value'] : created
  const windows: WindowsEvent = {
    system: {
      providerName,
      providerGuid: jsonText(object['ProviderId']),
      eventId,
      qualifiers: integer(object['Qualifiers']),
      version: integer(object['Version']),
      level: integer(object['Level']),
      task: integer(object['Task']),
      opcode: integer(object['Opcode']),
      keywords: keywordsText(object['Keywords']) ?? keywordNamesText(keywordNames),
      timeCreated: jsonText(createdValue),
      eventRecordId: integer(object['RecordId']),
      activityId: jsonText(object['ActivityId']),
      relatedActivityId: jsonText(object['RelatedActivityId']),
      processId: integer(object['ProcessId']),
      threadId: integer(object['ThreadId']),
      channel: jsonText(object['LogName']),
      computer: jsonText(object['MachineName']),
      userId: isJsonObject(userId) ? jsonText(userId['Value']) : jsonText(userId)
    },
    eventData: nameProperties(object['Properties'], providerName, eventId, message),
    message
  }
  return finish(windows, readTime(createdValue, 'TimeCreated', timeZone), raw, (_fields, extra) => {
    for (const [key, name] of DISPLAY_NAMES) {
      const value = jsonText(object[key])
      if (value !== undefined) extra[name] = value
    }
    const names = keywordNamesText(keywordNames)
    if (names !== undefined) extra['winlog.keyword_names'] = names
  })
}

/**
 * Names Get-WinEvent's positional Properties. Sysmon renders every field as `Name: value` in its message,
 * in template order, so the message names them; for a few other events the template is known here;
 * otherwise they are param1, param2 …
 */
function nameProperties(
  properties: unknown,
  provider: string | undefined,
  eventId: number | undefined,
  message: string | undefined
): Record<string, string> {
  const data: Record<string, string> = {}
  if (!Array.isArray(properties)) return data
  const values = properties.map((property) =>
    dataText(isJsonObject(property) && 'Value' in property ? propertyValue(property['Value']) : property)
  )
  let names: readonly string[] = PROPERTY_NAMES.get(`${provider}/${eventId}`) ?? []
  if (provider === SYSMON_PROVIDER && message !== undefined) {
    const fromMessage = sysmonMessageNames(message)
    if (fromMessage.length === values.length) names = fromMessage
  }
  values.forEach((value, index) => {
    data[names[index] ?? `param${index + 1}`] = value
  })
  return data
}

/** A property value: a SID or GUID object serialises with its text in `Value`. */
function propertyValue(value: unknown): unknown {
  return isJsonObject(value) && value['Value'] !== undefined ? value['Value'] : value
}

function sysmonMessageNames(message: string): string[] {
  const names: string[] = []
  for (const line of message.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(': ')
    const name = colon === -1 ? line.replace(/:$/, '') : line.slice(0, colon)
    if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) names.push(name)
  }
  return names
}

function readTime(value: unknown, label: string, timeZone: string): TimeRead {
  if (value === undefined || value === null) return `no event time: the document has no ${label}`
  const timestamp = parseTimestampValue(value, timeZone)
  if (timestamp !== null) return timestamp
  return `${label} '${excerpt(String(value), 0)}' is not a date-time`
}

/**
 * Keywords as Windows shows them, a 64-bit hex mask. Exports write the mask as a signed decimal that
 * JSON numbers cannot hold exactly, but keyword masks use only high bits, which survive the rounding.
 */
function keywordsText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return `0x${BigInt.asUintN(64, BigInt(value)).toString(16).padStart(16, '0')}`
  }
  return jsonText(value)
}

function keywordNamesText(names: unknown): string | undefined {
  return Array.isArray(names) && names.length > 0 ? names.join(', ') : undefined
}

function stringValues(value: unknown): Record<string, string> {
  const data: Record<string, string> = {}
  if (!isJsonObject(value)) return data
  for (const key in value)
    if (Object.hasOwn(value, key) && value[key] !== null) data[key] = dataText(value[key])
  return data
}

function integer(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value)) return Number(value)
  return undefined
}

function isWindowsDocument(object: JsonObject): boolean {
  return readWindowsObject(object, '', 'UTC').ok
}

export const windowsJsonFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'windows_json',
  framing: 'json',
  sniff: (sample) => acceptedDocumentShare(sample, isWindowsDocument),
  create: createWindowsJsonParser
}
