// Every value of a Windows event kept as it was written, under Winlogbeat's winlog.* names, so nothing the
// mapping did not understand is lost and Sigma rules (which name Windows fields) can still read it. A
// well-known SID also gets its readable name beside it, under winlog.readable.<the rest of its name>.
//
// System                      → extra
//   EventID                     winlog.event_id            (also the event.code column)
//   EventID Qualifiers          winlog.qualifiers          (a System value, so not under event_data)
//   Provider Name, Guid         winlog.provider_name, winlog.provider_guid
//   Provider EventSourceName    winlog.event_source_name
//   Version, Level, Task, Opcode, Keywords   winlog.version, winlog.level, winlog.task, winlog.opcode,
//                                            winlog.keywords (as written: numbers, names or a hex mask)
//   TimeCreated SystemTime      winlog.time_created
//   EventRecordID               winlog.record_id
//   Correlation ActivityID, RelatedActivityID   winlog.activity_id, winlog.related_activity_id
//   Execution ProcessID, ThreadID               winlog.process.pid, winlog.process.thread.id
//   Computer                    winlog.computer_name       (also the host.name column)
//   Security UserID             winlog.user.identifier     (its name: winlog.readable.user.identifier)
//   Channel                     the winlog.channel column only
// EventData <Name>              winlog.event_data.<Name>   (unnamed Data: param1, param2 …)
// UserData leaves               winlog.user_data.<path below the root element, dotted>; a leaf's
//                               attributes are left out, an element with attributes keeps its text

import type { ExtraFields } from './results'
import type { WindowsEvent, WindowsSystem } from './windowsMappingContext'
import { wellKnownSidName } from './windowsReadableValues'

const READABLE = 'winlog.readable.'
/**
 * winlog.event_data.<Name> and winlog.user_data.<path> keys by name. Events repeat a few hundred names, so
 * building each key once (not per value) keeps the hot path to one lookup; bounded against odd data.
 */
const EVENT_DATA_KEYS = new Map<string, string>()
const USER_DATA_KEYS = new Map<string, string>()
const MAX_CACHED_KEYS = 4096

/**
 * Records the event's original values in `extra` and returns its data values by name for the mapping:
 * EventData and UserData leaves together (EventData wins a clash).
 */
export function recordOriginalFields(
  event: WindowsEvent,
  extra: ExtraFields
): Readonly<Record<string, string>> {
  recordSystem(event.system, extra)
  const { eventData, userData } = event
  for (const name in eventData) {
    if (Object.hasOwn(eventData, name))
      keepValue(extra, EVENT_DATA_KEYS, 'event_data.', name, eventData[name])
  }
  if (userData === undefined) return eventData
  const leaves: Record<string, string> = {}
  for (const key in userData) {
    const root = userData[key]
    if (key !== '#attributes' && isPlainObject(root)) flattenUserData(root, '', leaves)
  }
  for (const path in leaves) keepValue(extra, USER_DATA_KEYS, 'user_data.', path, leaves[path])
  for (const name in eventData) if (Object.hasOwn(eventData, name)) leaves[name] = eventData[name]
  return leaves
}

function recordSystem(system: WindowsSystem, extra: ExtraFields): void {
  put(extra, 'winlog.event_id', system.eventId)
  put(extra, 'winlog.qualifiers', system.qualifiers)
  put(extra, 'winlog.provider_name', system.providerName)
  put(extra, 'winlog.provider_guid', system.providerGuid)
  put(extra, 'winlog.event_source_name', system.eventSourceName)
  put(extra, 'winlog.version', system.version)
  put(extra, 'winlog.level', system.level)
  put(extra, 'winlog.task', system.task)
  put(extra, 'winlog.opcode', system.opcode)
  put(extra, 'winlog.keywords', system.keywords)
  put(extra, 'winlog.time_created', system.timeCreated)
  put(extra, 'winlog.record_id', system.eventRecordId)
  put(extra, 'winlog.activity_id', system.activityId)
  put(extra, 'winlog.related_activity_id', system.relatedActivityId)
  put(extra, 'winlog.process.pid', system.processId)
  put(extra, 'winlog.process.thread.id', system.threadId)
  put(extra, 'winlog.computer_name', system.computer)
  put(extra, 'winlog.user.identifier', system.userId)
  if (system.userId !== undefined) keepSidName(extra, 'user.identifier', system.userId)
}

function put(extra: ExtraFields, name: string, value: string | number | undefined): void {
  if (value !== undefined) extra[name] = value
}

/** `section` is 'event_data.' or 'user_data.', and `keys` its cache. */
function keepValue(
  extra: ExtraFields,
  keys: Map<string, string>,
  section: string,
  name: string,
  value: string
): void {
  let key = keys.get(name)
  if (key === undefined) {
    key = `winlog.${section}${name}`
    if (keys.size < MAX_CACHED_KEYS) keys.set(name, key)
  }
  extra[key] = value
  // A SID is 'S-1-…'; checking the first two characters keeps this off every other value's path.
  if (value.length > 4 && value.charCodeAt(0) === 83 && value.charCodeAt(1) === 45) {
    keepSidName(extra, section + name, value)
  }
}

function keepSidName(extra: ExtraFields, name: string, sid: string): void {
  const readable = wellKnownSidName(sid)
  if (readable !== undefined) extra[READABLE + name] = readable
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
