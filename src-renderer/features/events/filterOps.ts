// Field filters as the analyst writes them: an operator label for the chip, and the typed value the
// contract expects (numbers for numeric fields, a list for "in").

import type { FieldFilter, FilterOp } from '../../../src-main/common/domain'
import type { EventField } from '../../../src-main/common/event'
import { NUMERIC_EVENT_FIELDS } from '../../../src-main/common/event'

export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  eq: '=',
  neq: '≠',
  contains: 'contains',
  prefix: 'starts with',
  gte: '≥',
  lte: '≤',
  in: 'is one of'
}

/** The filter for what was typed, or a reason it cannot be one. */
export function parseFieldFilter(field: EventField, op: FilterOp, typed: string): FieldFilter | string {
  const numeric = NUMERIC_EVENT_FIELDS.has(field)
  const parseOne = (text: string): string | number | null => {
    if (!numeric) return text
    const value = Number(text)
    return text !== '' && Number.isFinite(value) ? value : null
  }
  if (op === 'in') {
    const parts = typed
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
    const values = parts.map(parseOne)
    if (parts.length === 0) return 'Enter one or more values separated by commas.'
    if (values.some((value) => value === null)) return `${field} takes numbers.`
    return { field, op, value: values as (string | number)[] }
  }
  const value = parseOne(typed.trim())
  if (typed.trim() === '') return 'Enter a value to filter on.'
  if (value === null) return `${field} takes a number.`
  return { field, op, value }
}

export function describeFilter(filter: FieldFilter): string {
  const value = Array.isArray(filter.value) ? filter.value.join(', ') : String(filter.value)
  return `${filter.field} ${FILTER_OP_LABELS[filter.op]} ${value}`
}
