// The original Windows fields of an event, grouped the way the event itself is built: System (who logged
// it, when, where), EventData, UserData, and the readable forms the mapping adds (logon type names, status
// texts, names of well-known SIDs). The mapping keeps them under `winlog.*` keys; imports made before it did kept them under the bare
// Windows names, told apart here by the fixed set of System names.

import type { StoredEvent } from '../../../src-main/common/event'

export type WinlogGroup = 'system' | 'eventData' | 'userData' | 'readable'

export interface WinlogField {
  /** The name as Windows (or the mapping's readable form) calls it, without the group's prefix. */
  name: string
  /** The key the event stores it under, for searching and for Sigma rules. */
  key: string
  value: string | number
}

export const WINLOG_GROUP_TITLES: Record<WinlogGroup, string> = {
  system: 'System',
  eventData: 'EventData',
  userData: 'UserData',
  readable: 'Readable forms'
}

/** Key prefixes, most specific first, with the part of the key a field's shown name leaves out. */
const PREFIXES: readonly { prefix: string; group: WinlogGroup; shownFrom: number }[] = [
  { prefix: 'winlog.event_data.', group: 'eventData', shownFrom: 'winlog.event_data.'.length },
  { prefix: 'winlog.user_data.', group: 'userData', shownFrom: 'winlog.user_data.'.length },
  { prefix: 'winlog.readable.', group: 'readable', shownFrom: 'winlog.readable.'.length },
  { prefix: 'winlog.logon.failure.', group: 'readable', shownFrom: 'winlog.'.length },
  { prefix: 'winlog.logon.type', group: 'readable', shownFrom: 'winlog.'.length },
  { prefix: 'winlog.', group: 'system', shownFrom: 'winlog.'.length }
]

/** System values as the mapping named them before they moved under `winlog.*`. */
const BARE_SYSTEM_NAMES: ReadonlySet<string> = new Set([
  'EventID',
  'Qualifiers',
  'Version',
  'Level',
  'Task',
  'Opcode',
  'Keywords',
  'TimeCreated',
  'EventRecordID',
  'ActivityID',
  'RelatedActivityID',
  'Execution_ProcessID',
  'Execution_ThreadID',
  'Channel',
  'Computer',
  'UserID',
  'Provider_Name',
  'Provider_Guid',
  'EventSourceName',
  'LevelDisplayName',
  'TaskDisplayName',
  'OpcodeDisplayName',
  'KeywordsDisplayNames'
])

/** Whether the event came through the Windows mapping (every reader of Windows events marks it so). */
export function isWindowsEvent(event: StoredEvent): boolean {
  return event.fields['event.module'] === 'windows'
}

/**
 * The event's extra fields in their Windows groups, each in name order, empty groups left out. Extras that
 * belong to no group (a JSON export's own additions) come back under `other`.
 */
export function groupWinlogFields(extra: Readonly<Record<string, string | number>>): {
  groups: { group: WinlogGroup; title: string; fields: WinlogField[] }[]
  other: WinlogField[]
} {
  const byGroup = new Map<WinlogGroup, WinlogField[]>()
  const other: WinlogField[] = []
  const keys = Object.keys(extra)
  const mappedUnderWinlog =
    Object.hasOwn(extra, 'winlog.event_id') || keys.some((key) => key.startsWith('winlog.event_data.'))
  for (const [key, value] of Object.entries(extra)) {
    const placed = placeOf(key, mappedUnderWinlog)
    if (!placed) {
      other.push({ name: key, key, value })
      continue
    }
    const fields = byGroup.get(placed.group) ?? []
    fields.push({ name: placed.name, key, value })
    byGroup.set(placed.group, fields)
  }
  const byName = (a: WinlogField, b: WinlogField) => a.name.localeCompare(b.name)
  const order: WinlogGroup[] = ['system', 'eventData', 'userData', 'readable']
  return {
    groups: order
      .filter((group) => byGroup.has(group))
      .map((group) => ({
        group,
        title: WINLOG_GROUP_TITLES[group],
        fields: byGroup.get(group)!.sort(byName)
      })),
    other: other.sort(byName)
  }
}

function placeOf(key: string, mappedUnderWinlog: boolean): { group: WinlogGroup; name: string } | null {
  for (const { prefix, group, shownFrom } of PREFIXES) {
    if (key.startsWith(prefix)) return { group, name: key.slice(shownFrom) }
  }
  if (mappedUnderWinlog) return null
  // Older imports: bare Windows names, EventData and UserData leaves side by side; dotted names are the
  // source document's own fields (a Winlogbeat document's `agent.type`), not Windows ones.
  if (BARE_SYSTEM_NAMES.has(key)) return { group: 'system', name: key }
  if (key.startsWith('EventData.')) return { group: 'eventData', name: key.slice('EventData.'.length) }
  if (key.includes('.') || key.startsWith('@')) return null
  return { group: 'eventData', name: key }
}
