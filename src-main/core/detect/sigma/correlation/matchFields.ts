// Reads the values a correlation groups and aggregates by. A name that is an alias reads, for a match of a
// rule the alias names, that rule's own field; otherwise the field of that name. Values compare as strings,
// case-sensitively, so the number 5 and the text '5' fall in the same group.

import type { RuleMatch } from './correlationTypes'
import type { PlannedCorrelation } from './correlationPlan'

type FieldValue = string | number | undefined
type FieldReader = (match: RuleMatch<unknown>) => FieldValue
type KeyReader = (match: RuleMatch<unknown>) => string | undefined

export function fieldReader(plan: PlannedCorrelation, name: string): FieldReader {
  const perRule = plan.aliasFields.get(name)
  if (perRule === undefined) return (match) => match.field(name)
  return (match) => match.field(perRule.get(match.ruleId) ?? name)
}

/**
 * A reader of the identity of a combination of fields: undefined when any field is absent. One field keys
 * by its text; several by a JSON array of texts, which `valueLabel` turns back into something readable.
 */
export function valueKeyReader(plan: PlannedCorrelation, names: readonly string[]): KeyReader {
  const readers = names.map((name) => fieldReader(plan, name))
  if (readers.length === 0) return () => ''
  if (readers.length === 1) {
    const read = readers[0]
    return (match) => {
      const value = read(match)
      return value === undefined ? undefined : String(value)
    }
  }
  return (match) => {
    const texts: string[] = []
    for (const read of readers) {
      const value = read(match)
      if (value === undefined) return undefined
      texts.push(String(value))
    }
    return JSON.stringify(texts)
  }
}

/** How a key from `valueKeyReader` over `fieldCount` fields is shown to an analyst. */
export function valueLabel(key: string, fieldCount: number): string {
  if (fieldCount <= 1) return key
  return `(${(JSON.parse(key) as string[]).join(', ')})`
}

/** The group key of a match, or undefined when a group-by value is missing. */
export function groupKeyReader(plan: PlannedCorrelation): KeyReader {
  return valueKeyReader(plan, plan.rule.groupBy)
}

/** The group-by values of a match that has them all, by group-by name (own properties, even '__proto__'). */
export function groupValues(
  plan: PlannedCorrelation,
  match: RuleMatch<unknown>
): Record<string, string | number> {
  const pairs: [string, string | number][] = []
  for (const name of plan.rule.groupBy) {
    const value = fieldReader(plan, name)(match)
    if (value !== undefined) pairs.push([name, value])
  }
  return Object.fromEntries(pairs)
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** A field value as a number: numbers and decimal text count; anything else is not a number. */
export function numericValue(value: FieldValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (value === undefined) return undefined
  const text = value.trim()
  if (!DECIMAL.test(text)) return undefined
  const number = Number(text)
  return Number.isFinite(number) ? number : undefined
}
