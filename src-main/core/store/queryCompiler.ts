// Turns an EventQuery into a parameterised SQL WHERE clause. Field names only ever reach SQL through the
// fixed column table, and every value is a bound parameter: no query text is built from user input.

import type { EventQuery, FieldFilter } from '../../common/domain'
import { NUMERIC_EVENT_FIELDS } from '../../common/event'
import { FIELD_COLUMNS } from './eventColumns'

export type SqlValue = string | number | null

export interface CompiledWhere {
  sql: string
  params: SqlValue[]
}

export function compileWhere(query: EventQuery): CompiledWhere {
  const clauses: string[] = []
  const params: SqlValue[] = []
  if (query.from !== undefined) {
    clauses.push('ts >= ?')
    params.push(query.from)
  }
  if (query.to !== undefined) {
    clauses.push('ts < ?')
    params.push(query.to)
  }
  for (const filter of query.filters ?? []) {
    const compiled = compileFilter(filter)
    clauses.push(compiled.sql)
    params.push(...compiled.params)
  }
  if (query.text) {
    clauses.push("raw LIKE ? ESCAPE '\\'")
    params.push(`%${escapeLike(query.text)}%`)
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

function compileFilter(filter: FieldFilter): CompiledWhere {
  const column = FIELD_COLUMNS[filter.field]
  const numeric = NUMERIC_EVENT_FIELDS.has(filter.field)
  const coerce = (value: string | number): SqlValue => (numeric ? Number(value) : String(value))
  const values = Array.isArray(filter.value) ? filter.value : [filter.value]
  const single = coerce(values[0] ?? '')
  switch (filter.op) {
    case 'eq':
      return { sql: `${column} = ?`, params: [single] }
    case 'neq':
      return { sql: `(${column} IS NULL OR ${column} <> ?)`, params: [single] }
    case 'contains':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(String(values[0] ?? ''))}%`] }
    case 'prefix':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`${escapeLike(String(values[0] ?? ''))}%`] }
    case 'gte':
      return { sql: `${column} >= ?`, params: [single] }
    case 'lte':
      return { sql: `${column} <= ?`, params: [single] }
    case 'in':
      if (values.length === 0) return { sql: '0', params: [] }
      return { sql: `${column} IN (${values.map(() => '?').join(', ')})`, params: values.map(coerce) }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => '\\' + char)
}
