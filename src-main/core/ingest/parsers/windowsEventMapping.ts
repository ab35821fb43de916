// The one mapping from a Windows event (its System element, EventData and UserData) to a Cairn event. Every
// reader of Windows events — evtx_dump, Winlogbeat, nxlog and Get-WinEvent JSON today, a native EVTX parser
// later — first normalises its input to WindowsEvent, so the same event means the same fields whatever
// carried it. Sigma rules name Windows fields as Windows does, so every value is also kept under that name.
//
// System → fields                       System → extra (Windows names)
//   EventID          → event.code         EventID, Qualifiers, Version, Level, Task, Opcode, Keywords,
//   Provider Name    → event.provider     TimeCreated, EventRecordID, ActivityID, RelatedActivityID,
//   Channel          → winlog.channel     Execution_ProcessID, Execution_ThreadID, Channel, Computer,
//   Computer         → host.name          UserID (Security), Provider_Name, Provider_Guid, EventSourceName
//   Level            → log.level (0 and 4 information, 1 critical, 2 error, 3 warning, 5 verbose)
//   Keywords         → event.outcome (the Audit Success / Audit Failure bits)
//   always             event.kind 'event', event.module 'windows'
//
// EventData and UserData → fields (Sysmon and Security names; '-' and '' count as absent)
//   Image, SourceImage, ProcessName         → process.executable, process.name (its base name)
//   ProcessId, SourceProcessId              → process.pid (decimal or 0x hex)
//   CommandLine                             → process.command_line
//   ParentImage, ParentCommandLine, ParentProcessId → process.parent.executable / command_line / pid
//   NewProcessName, NewProcessId (4688)     → process.executable, process.name, process.pid; there
//                                             ProcessId and ParentProcessName are the parent's
//   User (DOMAIN\name)                      → user.domain, user.name
//   SubjectUserName, SubjectDomainName, SubjectUserSid → user.name, user.domain, user.id
//   TargetUserName                          → user.target.name (TargetDomainName → user.domain if unset);
//                                             for logons (4624, 4625, 4634) the target is the user:
//                                             user.name, user.domain, user.id
//   IpAddress, SourceIp, SourceAddress      → source.ip (valid addresses only); IpPort, SourcePort → source.port
//   DestinationIp, DestAddress              → destination.ip; DestinationPort, DestPort → destination.port
//   SourceHostname, DestinationHostname     → source.domain, destination.domain
//   Protocol (tcp/udp, or 6/17/1)           → network.transport
//   QueryName                               → dns.question.name
//   TargetFilename, else ImageLoaded        → file.path, file.name
//   Hashes, Hash (SHA1=…,MD5=…,SHA256=…)    → file.hash.sha1 / md5 / sha256 (lower case)
//   ServiceName                             → service.name
//   everything (LogonType, WorkstationName, TargetObject, …) → extra under its own name; a name that
//   clashes with a System name is kept as EventData.<name>
// Event ids also set event.category (Sysmon and a few Security ids) and, for 4624/4625, event.action.

import type { EventFieldValues } from '../../../common/event'
import { isHostname, normaliseIp } from './addresses'
import type { ExtraFields } from './results'

/** The System element, as each reader found it. */
export interface WindowsSystem {
  providerName?: string
  providerGuid?: string
  eventSourceName?: string
  eventId?: number
  qualifiers?: number
  version?: number
  /** 0–5 as Windows writes it, or the level's name when the source only has that ('Information'). */
  level?: number | string
  task?: number | string
  opcode?: number | string
  /** A hex mask ('0x8020000000000000') or the keyword names ('Audit Success'). */
  keywords?: string
  /** TimeCreated's SystemTime as the source wrote it. */
  timeCreated?: string
  eventRecordId?: number
  activityId?: string
  relatedActivityId?: string
  /** Execution ProcessID and ThreadID: the process that logged the event. */
  processId?: number
  threadId?: number
  channel?: string
  computer?: string
  /** Security UserID: the SID the event was logged under. */
  userId?: string
}

export interface WindowsEvent {
  system: WindowsSystem
  /** EventData by name; unnamed Data elements are named param1, param2 … (as Winlogbeat names them). */
  eventData: Readonly<Record<string, string>>
  /** UserData as a nested object under its root element (e.g. LogFileCleared). */
  userData?: Readonly<Record<string, unknown>>
  /** The rendered message, when the source carries one. */
  message?: string
}

export interface MappedWindowsEvent {
  fields: EventFieldValues
  extra: ExtraFields
}

const LEVEL_NAMES = ['information', 'critical', 'error', 'warning', 'information', 'verbose']
const AUDIT_FAILURE = 0x10000000000000n
const AUDIT_SUCCESS = 0x20000000000000n
const SECURITY_PROVIDER = 'Microsoft-Windows-Security-Auditing'
const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon'
/** Security logon events, where the Target is the account that logged on and the Subject a service. */
const LOGON_EVENTS = new Set([4624, 4625, 4634])
const SYSMON_CATEGORIES = new Map<number, string>([
  [1, 'process'],
  [2, 'file'],
  [3, 'network'],
  [5, 'process'],
  [6, 'driver'],
  [7, 'library'],
  [8, 'process'],
  [10, 'process'],
  [11, 'file'],
  [12, 'registry'],
  [13, 'registry'],
  [14, 'registry'],
  [15, 'file'],
  [22, 'network'],
  [23, 'file'],
  [26, 'file'],
  [29, 'file']
])
const SECURITY_CATEGORIES = new Map<number, string>([
  [4624, 'authentication'],
  [4625, 'authentication'],
  [4634, 'session'],
  [4648, 'authentication'],
  [4688, 'process'],
  [4689, 'process'],
  [4720, 'iam'],
  [4726, 'iam'],
  [4732, 'iam'],
  [4768, 'authentication'],
  [4769, 'authentication'],
  [4776, 'authentication']
])
const TRANSPORTS = new Map([
  ['1', 'icmp'],
  ['6', 'tcp'],
  ['17', 'udp']
])
/** Data names that best say what an event was about, for a message when the source rendered none. */
const HEADLINE_NAMES = [
  'CommandLine',
  'ScriptBlockText',
  'TargetFilename',
  'TargetObject',
  'QueryName',
  'ImageLoaded',
  'ServiceName',
  'TargetUserName',
  'Image'
]
const MAX_MESSAGE_CHARS = 200

type DataValue = (name: string) => string | undefined

export function mapWindowsEvent(event: WindowsEvent): MappedWindowsEvent {
  const { system } = event
  const fields: EventFieldValues = { 'event.kind': 'event', 'event.module': 'windows' }
  const extra: ExtraFields = {}
  recordSystem(system, fields, extra)
  const data = event.userData === undefined ? event.eventData : withUserData(event.eventData, event.userData)
  for (const name in data) {
    if (Object.hasOwn(data, name)) extra[Object.hasOwn(extra, name) ? `EventData.${name}` : name] = data[name]
  }
  const value: DataValue = (name) => {
    const found = Object.hasOwn(data, name) ? data[name].trim() : ''
    return found === '' || found === '-' ? undefined : found
  }
  mapProcess(value, fields)
  mapUser(value, fields, system)
  mapNetwork(value, fields)
  mapFile(value, fields)
  categorise(system, fields)
  const message = event.message?.trim()
  fields['message'] = message !== undefined && message !== '' ? message : headline(system, value)
  return { fields, extra }
}

function recordSystem(system: WindowsSystem, fields: EventFieldValues, extra: ExtraFields): void {
  const provider = system.providerName ?? system.eventSourceName
  if (system.eventId !== undefined) fields['event.code'] = String(system.eventId)
  if (provider !== undefined) fields['event.provider'] = provider
  if (system.channel !== undefined) fields['winlog.channel'] = system.channel
  if (system.computer !== undefined) fields['host.name'] = system.computer
  const level = levelName(system.level)
  if (level !== undefined) fields['log.level'] = level
  const outcome = auditOutcome(system.keywords)
  if (outcome !== undefined) fields['event.outcome'] = outcome
  const named: [string, string | number | undefined][] = [
    ['EventID', system.eventId],
    ['Qualifiers', system.qualifiers],
    ['Version', system.version],
    ['Level', system.level],
    ['Task', system.task],
    ['Opcode', system.opcode],
    ['Keywords', system.keywords],
    ['TimeCreated', system.timeCreated],
    ['EventRecordID', system.eventRecordId],
    ['ActivityID', system.activityId],
    ['RelatedActivityID', system.relatedActivityId],
    ['Execution_ProcessID', system.processId],
    ['Execution_ThreadID', system.threadId],
    ['Channel', system.channel],
    ['Computer', system.computer],
    ['UserID', system.userId],
    ['Provider_Name', system.providerName],
    ['Provider_Guid', system.providerGuid],
    ['EventSourceName', system.eventSourceName]
  ]
  for (const [name, value] of named) if (value !== undefined) extra[name] = value
}

function levelName(level: number | string | undefined): string | undefined {
  if (typeof level === 'number') return LEVEL_NAMES[level]
  return level === undefined || level === '' ? undefined : level.toLowerCase()
}

/** Security events carry their result in two keyword bits; other events say nothing about outcome. */
function auditOutcome(keywords: string | undefined): 'success' | 'failure' | undefined {
  if (keywords === undefined) return undefined
  if (/^0x[0-9a-f]{1,16}$/i.test(keywords)) {
    const mask = BigInt(keywords)
    if ((mask & AUDIT_FAILURE) !== 0n) return 'failure'
    if ((mask & AUDIT_SUCCESS) !== 0n) return 'success'
    return undefined
  }
  if (keywords.includes('Audit Failure')) return 'failure'
  if (keywords.includes('Audit Success')) return 'success'
  return undefined
}

/** EventData with UserData's leaves, named by their path below the root element (EventData wins a clash). */
function withUserData(
  eventData: Readonly<Record<string, string>>,
  userData: Readonly<Record<string, unknown>>
): Record<string, string> {
  const data: Record<string, string> = {}
  for (const key in userData) {
    const root = userData[key]
    if (key !== '#attributes' && isPlainObject(root)) flattenUserData(root, '', data)
  }
  for (const name in eventData) if (Object.hasOwn(eventData, name)) data[name] = eventData[name]
  return data
}

function flattenUserData(node: Record<string, unknown>, prefix: string, into: Record<string, string>): void {
  for (const key in node) {
    if (!Object.hasOwn(node, key) || key === '#attributes') continue
    const value = node[key]
    const name = key === '#text' && prefix !== '' ? prefix.slice(0, -1) : prefix + key
    if (isPlainObject(value)) flattenUserData(value, `${name}.`, into)
    else if (value !== null && value !== undefined) {
      into[name] = typeof value === 'object' ? JSON.stringify(value) : String(value)
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function mapProcess(value: DataValue, fields: EventFieldValues): void {
  const newProcess = value('NewProcessName')
  if (newProcess !== undefined) {
    setExecutable(fields, newProcess)
    setPid(fields, 'process.pid', value('NewProcessId'))
    setPid(fields, 'process.parent.pid', value('ProcessId'))
    const parent = value('ParentProcessName')
    if (parent !== undefined) fields['process.parent.executable'] = parent
  } else {
    const executable = value('Image') ?? value('SourceImage') ?? value('ProcessName')
    if (executable !== undefined) setExecutable(fields, executable)
    setPid(fields, 'process.pid', value('ProcessId') ?? value('SourceProcessId'))
  }
  const commandLine = value('CommandLine')
  if (commandLine !== undefined) fields['process.command_line'] = commandLine
  const parentImage = value('ParentImage')
  if (parentImage !== undefined) fields['process.parent.executable'] = parentImage
  const parentCommandLine = value('ParentCommandLine')
  if (parentCommandLine !== undefined) fields['process.parent.command_line'] = parentCommandLine
  if (fields['process.parent.pid'] === undefined) {
    setPid(fields, 'process.parent.pid', value('ParentProcessId'))
  }
}

function setExecutable(fields: EventFieldValues, executable: string): void {
  fields['process.executable'] = executable
  fields['process.name'] = baseName(executable)
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1)
}

/** Windows writes process ids in decimal (Sysmon) or as 0x hex (Security). */
function setPid(fields: EventFieldValues, field: 'process.pid' | 'process.parent.pid', text?: string): void {
  if (text === undefined) return
  const pid = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN
  // 0 is how Windows writes "no process" (the Idle process never acts).
  if (Number.isSafeInteger(pid) && pid > 0) fields[field] = pid
}

function mapUser(value: DataValue, fields: EventFieldValues, system: WindowsSystem): void {
  const isLogon =
    system.eventId !== undefined &&
    LOGON_EVENTS.has(system.eventId) &&
    providerOf(system) === SECURITY_PROVIDER
  if (isLogon) {
    setText(fields, 'user.name', value('TargetUserName'))
    setText(fields, 'user.domain', value('TargetDomainName'))
    setText(fields, 'user.id', value('TargetUserSid'))
    return
  }
  const user = value('User')
  if (user !== undefined) {
    const slash = user.indexOf('\\')
    fields['user.name'] = user.slice(slash + 1)
    if (slash > 0) fields['user.domain'] = user.slice(0, slash)
  } else {
    setText(fields, 'user.name', value('SubjectUserName'))
    setText(fields, 'user.domain', value('SubjectDomainName'))
    setText(fields, 'user.id', value('SubjectUserSid'))
  }
  setText(fields, 'user.target.name', value('TargetUserName'))
  if (fields['user.domain'] === undefined) setText(fields, 'user.domain', value('TargetDomainName'))
}

function mapNetwork(value: DataValue, fields: EventFieldValues): void {
  const sourceIp = normaliseIp(value('IpAddress') ?? value('SourceIp') ?? value('SourceAddress') ?? '')
  if (sourceIp !== null) fields['source.ip'] = sourceIp
  setPort(fields, 'source.port', value('IpPort') ?? value('SourcePort'))
  const destinationIp = normaliseIp(value('DestinationIp') ?? value('DestAddress') ?? '')
  if (destinationIp !== null) fields['destination.ip'] = destinationIp
  setPort(fields, 'destination.port', value('DestinationPort') ?? value('DestPort'))
  const sourceHost = value('SourceHostname')
  if (sourceHost !== undefined && isHostname(sourceHost)) fields['source.domain'] = sourceHost
  const destinationHost = value('DestinationHostname')
  if (destinationHost !== undefined && isHostname(destinationHost)) {
    fields['destination.domain'] = destinationHost
  }
  const protocol = value('Protocol')
  if (protocol !== undefined) {
    const transport =
      TRANSPORTS.get(protocol) ?? (/^[a-z]+$/i.test(protocol) ? protocol.toLowerCase() : undefined)
    if (transport !== undefined) fields['network.transport'] = transport
  }
  setText(fields, 'dns.question.name', value('QueryName'))
}

function setPort(fields: EventFieldValues, field: 'source.port' | 'destination.port', text?: string): void {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return
  const port = Number(text)
  if (port > 0 && port <= 65535) fields[field] = port
}

function mapFile(value: DataValue, fields: EventFieldValues): void {
  const path = value('TargetFilename') ?? value('ImageLoaded')
  if (path !== undefined) {
    fields['file.path'] = path
    fields['file.name'] = baseName(path)
  }
  const hashes = value('Hashes') ?? value('Hash')
  if (hashes !== undefined) {
    for (const pair of hashes.split(',')) {
      const equals = pair.indexOf('=')
      const algorithm = pair.slice(0, equals).trim().toUpperCase()
      const digest = pair
        .slice(equals + 1)
        .trim()
        .toLowerCase()
      if (equals === -1 || !/^[0-9a-f]+$/.test(digest)) continue
      if (algorithm === 'MD5') fields['file.hash.md5'] = digest
      else if (algorithm === 'SHA1') fields['file.hash.sha1'] = digest
      else if (algorithm === 'SHA256') fields['file.hash.sha256'] = digest
    }
  }
  setText(fields, 'service.name', value('ServiceName'))
}

function categorise(system: WindowsSystem, fields: EventFieldValues): void {
  if (system.eventId === undefined) return
  const provider = providerOf(system)
  const category =
    provider === SYSMON_PROVIDER
      ? SYSMON_CATEGORIES.get(system.eventId)
      : provider === SECURITY_PROVIDER
        ? SECURITY_CATEGORIES.get(system.eventId)
        : undefined
  if (category !== undefined) fields['event.category'] = category
  if (provider !== SECURITY_PROVIDER) return
  // Logon events say their result by id as well as by keyword; the id is what always survives export.
  if (system.eventId === 4624) {
    fields['event.action'] = 'logged-in'
    fields['event.outcome'] = 'success'
  } else if (system.eventId === 4625) {
    fields['event.action'] = 'logon-failed'
    fields['event.outcome'] = 'failure'
  }
}

function providerOf(system: WindowsSystem): string | undefined {
  return system.providerName ?? system.eventSourceName
}

function setText(
  fields: EventFieldValues,
  field: 'user.name' | 'user.domain' | 'user.id' | 'user.target.name' | 'dns.question.name' | 'service.name',
  text: string | undefined
): void {
  if (text !== undefined) fields[field] = text
}

/** `Provider 4688: the most telling data value`, for events whose source rendered no message. */
function headline(system: WindowsSystem, value: DataValue): string {
  const source = providerOf(system) ?? system.channel ?? 'Windows'
  const title = system.eventId === undefined ? source : `${source} ${system.eventId}`
  for (const name of HEADLINE_NAMES) {
    const found = value(name)
    if (found !== undefined) {
      const line = `${title}: ${found}`
      return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line
    }
  }
  return title
}
