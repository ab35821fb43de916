// Compiles a parsed query (common/query) to a parameterised SQL condition on a shard's events table. Field
// names reach SQL only through FIELD_COLUMNS or as a bound JSON path into `extra`; every value is bound.
// Text compares case-insensitively (COLLATE NOCASE, LIKE: ASCII letters only), numeric columns as numbers.

import { EVENT_FIELDS, NUMERIC_EVENT_FIELDS } from '../../common/event'
import type { EventField } from '../../common/event'
import type { FieldNode, FieldTest, QueryNode, RangeBound, TimeNode } from '../../common/query/queryAst'
import { FIELD_COLUMNS } from './eventColumns'
import type { SqlValue } from './queryCompiler'

export interface CompiledQueryLanguage {
  /** A condition (no `WHERE`), never NULL at a NOT, so `NOT field:x` matches events without the field. */
  sql: string
  params: SqlValue[]
  /** Columns compared by value in a way an index on the column serves (equality and ranges). */
  columns: string[]
  fullText: boolean
  /** The @timestamp bounds that every match satisfies (from top-level ANDed terms), for shard pruning. */
  from?: number
  to?: number
}

const COLUMN_FIELDS: ReadonlySet<string> = new Set(EVENT_FIELDS)
/** Field names the parser admits; checked again here because a name becomes part of a JSON path. */
const SAFE_FIELD_NAME = /^[A-Za-z0-9_.@-]+$/
/** Windows event data lives under this prefix in extra; a bare name like LogonType is looked up there first. */
const WINDOWS_EVENT_DATA = 'winlog.event_data.'
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

interface Compilation {
  params: SqlValue[]
  columns: Set<string>
  fullText: boolean
}

export function compileQueryLanguage(ast: QueryNode): CompiledQueryLanguage {
  const state: Compilation = { params: [], columns: new Set(), fullText: false }
  const sql = compileNode(ast, state)
  return {
    sql,
    params: state.params,
    columns: [...state.columns],
    fullText: state.fullText,
    ...requiredTimeBounds(ast)
  }
}

function compileNode(node: QueryNode, state: Compilation): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${node.children.map((child) => compileNode(child, state)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`
    case 'not':
      return `NOT coalesce(${compileNode(node.child, state)}, 0)`
    case 'text':
      state.fullText = true
      state.params.push(ftsPhrase(node.value, node.prefix))
      return 'id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?)'
    case 'time':
      return compileTime(node, state)
    case 'field':
      return compileField(node, state)
  }
}

/** One FTS4 phrase, quoted so no FTS operator in the analyst's text is ever read as syntax. */
function ftsPhrase(value: string, prefix: boolean): string {
  return `"${value.replace(/"/g, ' ').trim()}${prefix ? '*' : ''}"`
}

function compileTime(node: TimeNode, state: Compilation): string {
  const parts: string[] = []
  if (node.from !== undefined) {
    parts.push('ts >= ?')
    state.params.push(node.from)
  }
  if (node.to !== undefined) {
    parts.push('ts < ?')
    state.params.push(node.to)
  }
  return parts.length ? `(${parts.join(' AND ')})` : '1'
}

/** Where a field's value is read: its column, or a JSON path into extra (repeated params per use). */
interface FieldTarget {
  /** Emits the value expression, binding its JSON paths in the order they appear. */
  read(): string
  kind: 'number' | 'text' | 'extra'
  column?: string
}

function fieldTarget(field: string, state: Compilation): FieldTarget {
  if (COLUMN_FIELDS.has(field)) {
    const column = FIELD_COLUMNS[field as EventField]
    return {
      read: () => column,
      kind: NUMERIC_EVENT_FIELDS.has(field as EventField) ? 'number' : 'text',
      column
    }
  }
  if (!SAFE_FIELD_NAME.test(field)) throw new Error(`unsafe field name ${JSON.stringify(field)}`)
  const paths = field.includes('.') ? [`$."${field}"`] : [`$."${WINDOWS_EVENT_DATA}${field}"`, `$."${field}"`]
  const read = () => {
    state.params.push(...paths)
    return paths.length === 1
      ? 'json_extract(extra, ?)'
      : 'coalesce(json_extract(extra, ?), json_extract(extra, ?))'
  }
  return { read, kind: 'extra' }
}

function compileField(node: FieldNode, state: Compilation): string {
  const target = fieldTarget(node.field, state)
  const test = node.test
  switch (test.op) {
    case 'exists':
      return `${target.read()} IS NOT NULL`
    case 'wildcard': {
      const sql = `${target.read()} LIKE ? ESCAPE '\\'`
      state.params.push(likePattern(test.pattern))
      return sql
    }
    case 'equals':
    case 'range':
      return compileComparison(target, test, state)
  }
}

function compileComparison(
  target: FieldTarget,
  test: Extract<FieldTest, { op: 'equals' | 'range' }>,
  state: Compilation
): string {
  const bounds: [string, RangeBound][] =
    test.op === 'equals' ? [['=', { value: test.value, inclusive: true }]] : []
  if (test.op === 'range') {
    if (test.lower) bounds.push([test.lower.inclusive ? '>=' : '>', test.lower])
    if (test.upper) bounds.push([test.upper.inclusive ? '<=' : '<', test.upper])
  }
  const numeric =
    target.kind === 'number' ||
    (target.kind === 'extra' && test.op === 'range' && bounds.every(([, b]) => NUMBER.test(b.value)))
  const parts: string[] = []
  if (target.kind === 'extra' && numeric) parts.push(looksNumeric(target))
  for (const [operator, bound] of bounds) {
    const value = target.kind === 'extra' ? extraValue(target, numeric) : target.read()
    parts.push(`${value} ${operator} ?${numeric ? '' : ' COLLATE NOCASE'}`)
    state.params.push(numeric ? Number(bound.value) : bound.value)
  }
  if (target.kind !== 'extra' && target.column) state.columns.add(target.column)
  return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`
}

/** Extra values are JSON text or numbers: compared as numbers when the query's bounds are numbers, else as text. */
function extraValue(target: FieldTarget, numeric: boolean): string {
  return numeric ? `CAST(${target.read()} AS REAL)` : `CAST(${target.read()} AS TEXT)`
}

/** Extra text that reads as a number (a JSON number, or text such as "3"), so `CAST(… AS REAL)` means it. */
function looksNumeric(target: FieldTarget): string {
  return `(${target.read()} GLOB '*[0-9]*' AND ${target.read()} NOT GLOB '*[^0-9.eE+-]*')`
}

/** A query wildcard (`*`, `?`, `\` escapes) as a LIKE pattern with `\` as its escape character. */
export function likePattern(wildcard: string): string {
  let pattern = ''
  for (let at = 0; at < wildcard.length; at++) {
    const char = wildcard[at]
    if (char === '\\') pattern += escapeLikeChar(wildcard[++at] ?? '')
    else if (char === '*') pattern += '%'
    else if (char === '?') pattern += '_'
    else pattern += escapeLikeChar(char)
  }
  return pattern
}

function escapeLikeChar(char: string): string {
  return char === '\\' || char === '%' || char === '_' ? '\\' + char : char
}

/** The time window implied by @timestamp terms ANDed at the top of the query (OR and NOT imply none). */
function requiredTimeBounds(node: QueryNode): { from?: number; to?: number } {
  if (node.kind === 'time') {
    return {
      ...(node.from !== undefined && { from: node.from }),
      ...(node.to !== undefined && { to: node.to })
    }
  }
  if (node.kind !== 'and') return {}
  let from: number | undefined
  let to: number | undefined
  for (const child of node.children) {
    const bounds = requiredTimeBounds(child)
    if (bounds.from !== undefined) from = Math.max(from ?? -Infinity, bounds.from)
    if (bounds.to !== undefined) to = Math.min(to ?? Infinity, bounds.to)
  }
  return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) }
}
