// Turns an EventQuery into a parameterised SQL WHERE clause. Field names only ever reach SQL through the
// fixed column table, and every value is a bound parameter: no query text is built from user input.

import type { EventQuery, FieldFilter } from '../../common/domain'
import { NUMERIC_EVENT_FIELDS } from '../../common/event'
import { CairnError } from '../../common/errors'
import { parseQuery } from '../../common/query/queryParser'
import { FIELD_COLUMNS } from './eventColumns'
import { compileQueryLanguage, type CompiledQueryLanguage } from './queryLanguage'

export type SqlValue = string | number | null

export interface CompiledWhere {
  sql: string
  params: SqlValue[]
  /** Columns compared by value (worth an index in each shard read). */
  columns: string[]
  /** True when the query needs the full-text index. */
  fullText: boolean
  /** The time window every match lies in (ms UTC, `to` exclusive): query.from/to and the query text's. */
  from?: number
  to?: number
}

export function compileWhere(query: EventQuery): CompiledWhere {
  const clauses: string[] = []
  const params: SqlValue[] = []
  const columns: string[] = []
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
    if (INDEX_FRIENDLY_OPS.has(filter.op)) columns.push(FIELD_COLUMNS[filter.field])
  }
  if (query.text) {
    clauses.push("raw LIKE ? ESCAPE '\\'")
    params.push(`%${escapeLike(query.text)}%`)
  }
  const match = query.match === undefined ? '' : ftsMatchExpression(query.match)
  if (match) {
    clauses.push('id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?)')
    params.push(match)
  }
  const language = compileQueryText(query.query)
  if (language) {
    clauses.push(language.sql)
    params.push(...language.params)
    columns.push(...language.columns)
  }
  return {
    sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
    columns,
    fullText: !!match || !!language?.fullText,
    ...definedBound('from', tighter(query.from, language?.from, Math.max)),
    ...definedBound('to', tighter(query.to, language?.to, Math.min))
  }
}

/** The query language's condition; a query that does not parse is the caller's error (the contract checks it). */
function compileQueryText(text: string | undefined): CompiledQueryLanguage | null {
  if (text === undefined) return null
  const parsed = parseQuery(text)
  if (!parsed.ok) {
    const { message, position } = parsed.error
    throw new CairnError('BAD_REQUEST', `query: ${message} (at character ${position + 1})`)
  }
  return parsed.ast ? compileQueryLanguage(parsed.ast) : null
}

function tighter(
  a: number | undefined,
  b: number | undefined,
  pick: (x: number, y: number) => number
): number | undefined {
  return a === undefined ? b : b === undefined ? a : pick(a, b)
}

function definedBound(key: 'from' | 'to', value: number | undefined): { from?: number; to?: number } {
  return value === undefined ? {} : { [key]: value }
}

const INDEX_FRIENDLY_OPS: ReadonlySet<FieldFilter['op']> = new Set(['eq', 'in', 'gte', 'lte', 'prefix'])

/**
 * An FTS4 MATCH expression from an analyst's words, never passed through as FTS syntax: every word and
 * quoted phrase becomes a quoted string (all must occur), a trailing `*` makes a word a prefix.
 */
export function ftsMatchExpression(text: string): string {
  const terms: string[] = []
  for (const [, phrase, word] of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    const value = phrase ?? word
    const prefix = phrase === undefined && value.endsWith('*')
    const body = (prefix ? value.slice(0, -1) : value).replace(/"/g, ' ').trim()
    if (body) terms.push(`"${body}${prefix ? '*' : ''}"`)
  }
  return terms.join(' ')
}

function compileFilter(filter: FieldFilter): { sql: string; params: SqlValue[] } {
  const column = FIELD_COLUMNS[filter.field]
  const numeric = NUMERIC_EVENT_FIELDS.has(filter.field)
  const coerce = (value: string | number): SqlValue => (numeric ? Number(value) : String(value))
  // Text compares without regard to case, as in the query language (and as the text indexes are built).
  const collate = numeric ? '' : ' COLLATE NOCASE'
  const values = Array.isArray(filter.value) ? filter.value : [filter.value]
  const single = coerce(values[0] ?? '')
  switch (filter.op) {
    case 'eq':
      return { sql: `${column} = ?${collate}`, params: [single] }
    case 'neq':
      return { sql: `(${column} IS NULL OR ${column} <> ?${collate})`, params: [single] }
    case 'contains':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`%${escapeLike(String(values[0] ?? ''))}%`] }
    case 'prefix':
      return { sql: `${column} LIKE ? ESCAPE '\\'`, params: [`${escapeLike(String(values[0] ?? ''))}%`] }
    case 'gte':
      return { sql: `${column} >= ?${collate}`, params: [single] }
    case 'lte':
      return { sql: `${column} <= ?${collate}`, params: [single] }
    case 'in':
      if (values.length === 0) return { sql: '0', params: [] }
      return {
        sql: `${column}${collate} IN (${values.map(() => '?').join(', ')})`,
        params: values.map(coerce)
      }
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => '\\' + char)
}
