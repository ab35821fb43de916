// The one mapping from a Windows event (its System element, EventData and UserData) to a Cairn event. Every
// reader of Windows events — evtx_dump, Winlogbeat, nxlog and Get-WinEvent JSON, and the native EVTX reader
// — first normalises its input to WindowsEvent, so the same event means the same fields whatever carried it.
//
// 1. Every original value under winlog.* (windowsOriginalFields.ts), readable SID names beside them.
// 2. System → columns:
//      EventID → event.code; Provider Name (else EventSourceName) → event.provider; Channel →
//      winlog.channel; Computer → host.name; Level → log.level (0 and 4 information, 1 critical, 2 error,
//      3 warning, 5 verbose); Keywords → event.outcome (the Audit Success / Audit Failure bits);
//      always event.kind 'event', event.module 'windows'
// 3. What the event is, by provider (or, when the source names none, its channel) and id: event.category,
//    extra event.type (ECS values, comma-separated), event.action, event.outcome, and whose account
//    user.* is — windowsSecurityMapping, windowsSysmonMapping, windowsSystemMapping,
//    windowsPowerShellMapping, windowsDefenderMapping, windowsRemoteAccessMapping hold their tables.
// 4. EventData names every channel shares → process, user, network, DNS, file and service columns
//    (windowsCommonFields.ts), then what only that id carries (readable logon types and failure codes
//    among them, windowsReadableValues.ts).
// 5. message: the rendered message, else `Provider id: the most telling data value`.

import type { EventFieldValues } from '../../../common/event'
import type { ExtraFields } from './results'
import { mapCommonFields } from './windowsCommonFields'
import { DEFENDER_EVENTS } from './windowsDefenderMapping'
import type {
  DataValue,
  EventKinds,
  MappedWindowsEvent,
  WindowsEvent,
  WindowsEventKind,
  WindowsSystem
} from './windowsMappingContext'
import { recordOriginalFields } from './windowsOriginalFields'
import { CLASSIC_POWERSHELL_EVENTS, POWERSHELL_EVENTS } from './windowsPowerShellMapping'
import { RDP_CONNECTION_EVENTS, RDP_SESSION_EVENTS, WMI_EVENTS } from './windowsRemoteAccessMapping'
import { SECURITY_EVENTS } from './windowsSecurityMapping'
import { EVENTLOG_EVENTS, SERVICE_CONTROL_EVENTS } from './windowsSystemMapping'
import { SYSMON_EVENTS } from './windowsSysmonMapping'

export type { MappedWindowsEvent, WindowsEvent, WindowsSystem } from './windowsMappingContext'

const LEVEL_NAMES = ['information', 'critical', 'error', 'warning', 'information', 'verbose']
const AUDIT_FAILURE = 0x10000000000000n
const AUDIT_SUCCESS = 0x20000000000000n

const EVENTS_BY_PROVIDER = new Map<string, EventKinds>([
  ['Microsoft-Windows-Security-Auditing', SECURITY_EVENTS],
  ['Microsoft-Windows-Sysmon', SYSMON_EVENTS],
  ['Service Control Manager', SERVICE_CONTROL_EVENTS],
  ['Microsoft-Windows-Eventlog', EVENTLOG_EVENTS],
  ['Microsoft-Windows-PowerShell', POWERSHELL_EVENTS],
  ['PowerShellCore', POWERSHELL_EVENTS],
  ['PowerShell', CLASSIC_POWERSHELL_EVENTS],
  ['Microsoft-Windows-Windows Defender', DEFENDER_EVENTS],
  ['Microsoft-Windows-TerminalServices-RemoteConnectionManager', RDP_CONNECTION_EVENTS],
  ['Microsoft-Windows-TerminalServices-LocalSessionManager', RDP_SESSION_EVENTS],
  ['Microsoft-Windows-WMI-Activity', WMI_EVENTS]
])

/** For sources that name the channel but not the provider (some flat exports). */
const EVENTS_BY_CHANNEL = new Map<string, EventKinds>([
  ['Security', SECURITY_EVENTS],
  ['Microsoft-Windows-Sysmon/Operational', SYSMON_EVENTS],
  ['System', SERVICE_CONTROL_EVENTS],
  ['Microsoft-Windows-PowerShell/Operational', POWERSHELL_EVENTS],
  ['PowerShellCore/Operational', POWERSHELL_EVENTS],
  ['Windows PowerShell', CLASSIC_POWERSHELL_EVENTS],
  ['Microsoft-Windows-Windows Defender/Operational', DEFENDER_EVENTS],
  ['Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational', RDP_CONNECTION_EVENTS],
  ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational', RDP_SESSION_EVENTS],
  ['Microsoft-Windows-WMI-Activity/Operational', WMI_EVENTS]
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
  'TaskName',
  'ObjectName',
  'PipeName',
  'TargetImage',
  'CONSUMER',
  'Operation',
  'Threat Name',
  'TargetUserName',
  'Image'
]
const MAX_MESSAGE_CHARS = 200

export function mapWindowsEvent(event: WindowsEvent): MappedWindowsEvent {
  const { system } = event
  const fields: EventFieldValues = { 'event.kind': 'event', 'event.module': 'windows' }
  const extra: ExtraFields = {}
  const data = recordOriginalFields(event, extra)
  const value: DataValue = (name) => {
    const found = Object.hasOwn(data, name) ? data[name].trim() : ''
    return found === '' || found === '-' ? undefined : found
  }
  recordSystemColumns(system, fields)
  const kind = eventKind(system)
  const mapping = { system, value, fields, extra }
  mapCommonFields(mapping, kind?.account ?? 'subject')
  if (kind !== undefined) {
    fields['event.category'] = kind.category
    extra['event.type'] = kind.type
    fields['event.action'] = kind.action
    if (kind.outcome !== undefined) fields['event.outcome'] = kind.outcome
    kind.map?.(mapping)
  }
  const message = event.message?.trim()
  fields['message'] = message !== undefined && message !== '' ? message : headline(system, value, fields)
  return { fields, extra }
}

function recordSystemColumns(system: WindowsSystem, fields: EventFieldValues): void {
  const provider = providerOf(system)
  if (system.eventId !== undefined) fields['event.code'] = String(system.eventId)
  if (provider !== undefined) fields['event.provider'] = provider
  if (system.channel !== undefined) fields['winlog.channel'] = system.channel
  if (system.computer !== undefined) fields['host.name'] = system.computer
  const level = levelName(system.level)
  if (level !== undefined) fields['log.level'] = level
  const outcome = auditOutcome(system.keywords)
  if (outcome !== undefined) fields['event.outcome'] = outcome
}

function eventKind(system: WindowsSystem): WindowsEventKind | undefined {
  if (system.eventId === undefined) return undefined
  const provider = providerOf(system)
  const kinds =
    provider !== undefined
      ? EVENTS_BY_PROVIDER.get(provider)
      : system.channel === undefined
        ? undefined
        : EVENTS_BY_CHANNEL.get(system.channel)
  return kinds?.get(system.eventId)
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

function providerOf(system: WindowsSystem): string | undefined {
  return system.providerName ?? system.eventSourceName
}

/**
 * `Provider 4688: the most telling data value` (or the command line the mapping found in a PowerShell
 * context block), for events whose source rendered no message.
 */
function headline(system: WindowsSystem, value: DataValue, fields: EventFieldValues): string {
  const source = providerOf(system) ?? system.channel ?? 'Windows'
  const title = system.eventId === undefined ? source : `${source} ${system.eventId}`
  let found: string | number | undefined
  for (let index = 0; index < HEADLINE_NAMES.length && found === undefined; index++) {
    found = value(HEADLINE_NAMES[index])
  }
  found ??= fields['process.command_line']
  if (found === undefined) return title
  const line = `${title}: ${found}`
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS)}…` : line
}
