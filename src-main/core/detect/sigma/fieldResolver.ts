// Turns a Sigma field name into a reader of Cairn events for one logsource entry: an explicit mapping
// first; else, for an entry with prefixes, the name under each prefix in extra (winlog.event_data.,
// winlog.user_data.; zeek.), then an ECS column of that name, then — a dotted name only, which can be an
// extra Cairn names itself (group.name) — extra under the name as written; for an entry without prefixes,
// the column or extra under the name as written. Where a name can be is decided here, once per rule, so
// reading an event is a few property lookups. With spacedFieldNames an absent name is also looked up with
// its words spaced (Defender's 'Threat Name' for Sigma's ThreatName), under the first prefix. A numbered
// field reads every value of prefix1, prefix2 … as one list (classic PowerShell's unnamed Data).

import { EVENT_FIELDS } from '../../../common/event'
import type { EventField } from '../../../common/event'
import type { FieldGetter, FieldValue } from './eventView'
import type { LogsourceEntry } from './logsourceMap'

const COLUMNS: ReadonlySet<string> = new Set(EVENT_FIELDS)
const TIMESTAMP_NAMES = new Set(['@timestamp'])

export interface ResolvedField {
  /**
   * Identifies what is read, so two names reading the same thing share one cache slot: the places read in
   * order, joined by '|' (`column:…`, `extra:…`, `prefixed:…`, and `spaced:…` for a spelling fallback).
   */
  key: string
  get: FieldGetter
  /** The value is a list with this separator, whose elements are matched one by one. */
  listSeparator?: string
}

/** Joins the values of a numbered field: NUL never occurs in a Windows string value (it ends one). */
const NUMBERED_SEPARATOR = '\u0000'

export function resolveField(entry: LogsourceEntry | null, name: string): ResolvedField {
  const numbered = entry?.numberedFields?.get(name)
  if (numbered !== undefined) return numberedField(numbered)
  const targets = entry?.fields[name]
  if (targets !== undefined) {
    const readers = targets.map(readTarget)
    const listSeparator = entry?.listFields?.get(name)
    if (listSeparator !== undefined) return { ...readers[0], listSeparator }
    if (readers.length === 1) return readers[0]
    return {
      key: readers.map((reader) => reader.key).join('|'),
      get: (event) => {
        for (const reader of readers) {
          const value = reader.get(event)
          if (value !== undefined) return value
        }
        return undefined
      }
    }
  }
  const prefixes = entry?.fieldPrefixes ?? []
  const direct = readTarget(name)
  const spaced = entry?.spacedFieldNames === true ? name.replace(/([a-z])([A-Z])/g, '$1 $2') : name
  if (prefixes.length === 0) {
    if (spaced === name || !direct.key.startsWith('extra:')) return direct
    return { key: `${direct.key}|spaced:${spaced}`, get: firstInExtra([name, spaced], undefined) }
  }
  const reads = prefixes.map((prefix) => `${prefix}${name}`)
  const keys = reads.map((read) => `prefixed:${read}`)
  if (spaced !== name) {
    reads.push(`${prefixes[0]}${spaced}`)
    keys.push(`spaced:${prefixes[0]}${spaced}`)
  }
  // A plain name lives under the prefixes; a dotted one may be a column or an extra Cairn names itself.
  const fallback = !direct.key.startsWith('extra:') || name.includes('.') ? direct : undefined
  if (fallback !== undefined) keys.push(fallback.key)
  return { key: keys.join('|'), get: firstInExtra(reads, fallback?.get) }
}

/** Every value of `prefix`1, `prefix`2 … in extra, as one list; absent when there is not even the first. */
function numberedField(prefix: string): ResolvedField {
  return {
    key: `numbered:${prefix}`,
    listSeparator: NUMBERED_SEPARATOR,
    get: (event) => {
      const extra = event.extra
      const first = extra?.[`${prefix}1`]
      if (extra === undefined || first === undefined) return undefined
      let values = String(first)
      for (let index = 2; extra[`${prefix}${index}`] !== undefined; index++) {
        values += NUMBERED_SEPARATOR + String(extra[`${prefix}${index}`])
      }
      return values
    }
  }
}

/** Reads the first of `names` present in extra, else what `fallback` reads. */
function firstInExtra(names: readonly string[], fallback: FieldGetter | undefined): FieldGetter {
  // The Windows shapes (EventData, UserData, EventData spaced), without a loop.
  if (names.length === 2 && fallback === undefined) {
    const [first, second] = names
    return (event) => {
      const extra = event.extra
      return extra === undefined ? undefined : (extra[first] ?? extra[second])
    }
  }
  if (names.length === 3 && fallback === undefined) {
    const [first, second, third] = names
    return (event) => {
      const extra = event.extra
      return extra === undefined ? undefined : (extra[first] ?? extra[second] ?? extra[third])
    }
  }
  return (event) => {
    const extra = event.extra
    if (extra !== undefined) {
      for (let index = 0; index < names.length; index++) {
        const value: FieldValue = extra[names[index]]
        if (value !== undefined) return value
      }
    }
    return fallback?.(event)
  }
}

function readTarget(target: string): ResolvedField {
  if (TIMESTAMP_NAMES.has(target)) return { key: 'timestamp', get: (event) => event.timestamp }
  if (COLUMNS.has(target)) {
    const column = target as EventField
    return { key: `column:${column}`, get: (event) => event.fields[column] }
  }
  return { key: `extra:${target}`, get: (event) => event.extra?.[target] }
}
