// The shapes the Windows mapping modules share: a Windows event as every reader hands it over (System,
// EventData, UserData), the event being built, and what one channel's mapping says about an event id.
// windowsEventMapping.ts ties them together; each windows*Mapping.ts module knows one channel.

import type { EventFieldValues } from '../../../common/event'
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

/** An EventData or UserData value by name, trimmed; '-' and '' (Windows' "none") read as absent. */
export type DataValue = (name: string) => string | undefined

/** One event being mapped: what it carries, and the fields and extra being filled. */
export interface WindowsMapping {
  readonly system: WindowsSystem
  readonly value: DataValue
  readonly fields: EventFieldValues
  readonly extra: ExtraFields
}

/**
 * Whose account user.* is. Most events name the account that acted (Subject, or Sysmon's User) and the
 * account acted on (Target → user.target.*). A logon's Target is the account that logged on, so it is the
 * user. In a group membership change the Target is the group (group.*) and the Member is the target.
 */
export type AccountRole = 'subject' | 'logon' | 'membership'

/** What one event id of one provider is: ECS classification, then anything only that event carries. */
export interface WindowsEventKind {
  category: string
  /** ECS event.type values, comma-separated ('user,creation'). */
  type: string
  action: string
  outcome?: 'success' | 'failure'
  account?: AccountRole
  map?: (mapping: WindowsMapping) => void
}

export type EventKinds = ReadonlyMap<number, WindowsEventKind>

export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1)
}

export function setExecutable(fields: EventFieldValues, executable: string): void {
  fields['process.executable'] = executable
  fields['process.name'] = baseName(executable)
}

/** file.path, and file.name unless the path is a folder ('C:\\'). */
export function setFilePath(fields: EventFieldValues, path: string): void {
  fields['file.path'] = path
  const name = baseName(path)
  if (name !== '') fields['file.name'] = name
}

/** `DOMAIN\name` (or a bare name) as user.domain and user.name. */
export function setAccount(fields: EventFieldValues, account: string): void {
  const slash = account.indexOf('\\')
  fields['user.name'] = account.slice(slash + 1)
  if (slash > 0) fields['user.domain'] = account.slice(0, slash)
}

/** Windows writes process ids in decimal (Sysmon) or as 0x hex (Security). */
export function setPid(
  fields: EventFieldValues,
  field: 'process.pid' | 'process.parent.pid',
  text?: string
): void {
  if (text === undefined) return
  const pid = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN
  // 0 is how Windows writes "no process" (the Idle process never acts).
  if (Number.isSafeInteger(pid) && pid > 0) fields[field] = pid
}

/**
 * `key=value` (or `key = value`) lines of a PowerShell context block or WMI text, by key. Keys are kept
 * as written with their spaces removed ('Host Application' → 'HostApplication').
 */
export function keyValueLines(text: string): Map<string, string> {
  const pairs = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const equals = line.indexOf('=')
    if (equals <= 0) continue
    const key = line.slice(0, equals).replace(/\s+/g, '')
    if (/^[A-Za-z]+$/.test(key) && !pairs.has(key)) pairs.set(key, line.slice(equals + 1).trim())
  }
  return pairs
}
