// An event's fields for a Sigma alert: the fields the rule reads come first, marked, in the rule's order;
// the rest follow alphabetically. Rules name fields as the source writes them, so a key that differs from
// the rule's only in case still counts as read.

import type { StoredEvent } from '../../../src-main/common/event'

export interface EventFieldEntry {
  name: string
  value: string | number
  /** Whether the rule reads this field. */
  matched: boolean
}

export function fieldsMatchedFirst(event: StoredEvent, ruleFields: readonly string[]): EventFieldEntry[] {
  const entries = [...Object.entries(event.fields), ...Object.entries(event.extra ?? {})].flatMap(
    ([name, value]) => (value === undefined ? [] : [{ name, value }])
  )
  const rank = new Map(ruleFields.map((field, index) => [field.toLowerCase(), index]))
  const rankOf = (name: string): number | undefined => rank.get(name.toLowerCase())
  const matched = entries
    .filter((entry) => rankOf(entry.name) !== undefined)
    .sort((a, b) => (rankOf(a.name) ?? 0) - (rankOf(b.name) ?? 0) || a.name.localeCompare(b.name))
    .map((entry) => ({ ...entry, matched: true }))
  const others = entries
    .filter((entry) => rankOf(entry.name) === undefined)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((entry) => ({ ...entry, matched: false }))
  return [...matched, ...others]
}
