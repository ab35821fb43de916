// Turns a Sigma field name into a reader of Cairn events for one logsource entry: an explicit mapping
// first, then the entry's prefix in extra (zeek.query), then an ECS column of that name, then extra under
// the name as written (every Windows EventData value is kept that way; Defender's spaced names are found
// from Sigma's unspaced ones).

import { EVENT_FIELDS } from '../../../common/event'
import type { EventField } from '../../../common/event'
import type { FieldGetter } from './eventView'
import type { LogsourceEntry } from './logsourceMap'

const COLUMNS: ReadonlySet<string> = new Set(EVENT_FIELDS)
const TIMESTAMP_NAMES = new Set(['@timestamp'])

export interface ResolvedField {
  /** Identifies what is read, so two names reading the same thing share one cache slot. */
  key: string
  get: FieldGetter
  /** The value is a list with this separator, whose elements are matched one by one. */
  listSeparator?: string
}

export function resolveField(entry: LogsourceEntry | null, name: string): ResolvedField {
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
  const direct = readTarget(name)
  const spaced = name.replace(/([a-z])([A-Z])/g, '$1 $2')
  if (entry?.spacedFieldNames === true && spaced !== name && direct.key.startsWith('extra:')) {
    return { key: `${direct.key}|${spaced}`, get: (event) => event.extra?.[name] ?? event.extra?.[spaced] }
  }
  if (entry?.fieldPrefix === undefined) return direct
  const prefixed = `${entry.fieldPrefix}${name}`
  return {
    key: `prefixed:${prefixed}|${direct.key}`,
    get: (event) => event.extra?.[prefixed] ?? direct.get(event)
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
