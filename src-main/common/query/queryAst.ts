// The parsed form of the explorer's query language: what the parser hands the store's compiler. It holds
// field names and values as the analyst wrote them (unescaped) and times already read as ms UTC; it knows
// nothing of columns or SQL, so the renderer can parse for errors and completion without the store.

export type QueryNode = AllOfNode | AnyOfNode | NotNode | FullTextNode | FieldNode | TimeNode

/** Every child must match (`a AND b`, or `a b`). */
export interface AllOfNode {
  kind: 'and'
  children: QueryNode[]
}

/** At least one child must match (`a OR b`). */
export interface AnyOfNode {
  kind: 'or'
  children: QueryNode[]
}

/** The child must not match; an event without the field matches `NOT field:value`. */
export interface NotNode {
  kind: 'not'
  child: QueryNode
}

/** A word or quoted phrase searched in the message through the full-text index. */
export interface FullTextNode {
  kind: 'text'
  /** The word or the phrase's words, unescaped. */
  value: string
  /** A trailing `*` on a word: words starting with `value`. */
  prefix: boolean
}

/** A test of one field: an event field (column) or any other name, read from the event's extra fields. */
export interface FieldNode {
  kind: 'field'
  field: string
  test: FieldTest
}

export type FieldTest =
  | { op: 'exists' }
  | { op: 'equals'; value: string }
  /** `*` any run of characters, `?` one character, `\` makes the next character literal. */
  | { op: 'wildcard'; pattern: string }
  /** `>=500` is a range with only a lower bound; `[a TO *]` likewise. */
  | { op: 'range'; lower: RangeBound | null; upper: RangeBound | null }

export interface RangeBound {
  value: string
  inclusive: boolean
}

/**
 * A test of `@timestamp`: events with `from <= ts < to`, ms UTC (either side may be open). A time stands for
 * the whole period it names: `2026-03-14` is that day, so `@timestamp:<=2026-03-14` takes in the whole day.
 */
export interface TimeNode {
  kind: 'time'
  from?: number
  to?: number
}

/** The field name that tests time; every other name is an event field or an extra field. */
export const TIMESTAMP_FIELD = '@timestamp'

/** At most this many terms (field tests and full-text terms), so a query stays far below SQLite's limits. */
export const MAX_QUERY_TERMS = 200
/** At most this many nested groups and NOTs, so parsing and compiling cannot exhaust the stack. */
export const MAX_QUERY_DEPTH = 32
