// Reads the value side of a field term — `*`, a comparison, a wildcard, a range or a plain value — into a
// field test, checking numbers on numeric event fields and reading `@timestamp` values as times. Split
// from the parser, which owns AND/OR/NOT and groups; both walk the same token cursor.

import { NUMERIC_EVENT_FIELDS } from '../event'
import type { EventField } from '../event'
import type { FieldNode, FieldTest, TimeNode } from './queryAst'
import { TIMESTAMP_FIELD } from './queryAst'
import { hasWildcard, unescapeWord } from './queryLexer'
import type { QuerySyntaxError, QueryToken } from './queryLexer'
import { parseQueryTime } from './queryTime'

export interface Span {
  position: number
  /** Exclusive. */
  end: number
}

/** The field a value belongs to: `name:` in the query, at `position`. */
export interface FieldContext extends Span {
  name: string
}

/** Thrown inside the parser and turned into a QueryParse error at its entry point. */
export class QuerySyntaxFailure extends Error {
  readonly detail: QuerySyntaxError
  constructor(message: string, span: Span) {
    super(message)
    this.detail = { message, position: span.position, length: span.end - span.position }
  }
}

export class TokenCursor {
  private index = 0
  constructor(private readonly tokens: readonly QueryToken[]) {}
  peek(): QueryToken | undefined {
    return this.tokens[this.index]
  }
  take(): QueryToken | undefined {
    return this.tokens[this.index++]
  }
  atEnd(): boolean {
    return this.index >= this.tokens.length
  }
}

interface Bound {
  text: string
  inclusive: boolean
  span: Span
}

type DraftTest =
  | { op: 'exists' }
  | { op: 'equals'; text: string; span: Span }
  | { op: 'wildcard'; pattern: string; span: Span }
  | { op: 'range'; lower: Bound | null; upper: Bound | null; span: Span }

const COMPARATOR = /^(>=|<=|>|<)/
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/
const TIME_EXAMPLE = 'a time such as 2026-03-14 or 2026-03-14T09:00:00Z (UTC unless a zone is given)'

/** One value token (a word or a phrase) after `field:` or inside `field:( … )`. */
export function readFieldValue(
  cursor: TokenCursor,
  token: QueryToken,
  field: FieldContext
): FieldNode | TimeNode {
  if (token.type === 'phrase') return finish(field, { op: 'equals', text: token.value, span: token })
  if (token.type !== 'word') throw new QuerySyntaxFailure(`expected a value for '${field.name}'`, token)
  if (token.raw === '*') return finish(field, { op: 'exists' })
  const comparator = COMPARATOR.exec(token.raw)?.[1]
  if (comparator) {
    let value: Bound = {
      text: unescapeWord(token.raw.slice(comparator.length)),
      inclusive: comparator.length === 2,
      span: { position: token.position + comparator.length, end: token.end }
    }
    if (value.text === '') {
      const next = cursor.peek()
      if (!next || next.type === 'bracket' || (next.type === 'word' && /^(AND|OR|NOT)$/.test(next.raw))) {
        throw new QuerySyntaxFailure(`expected a value after '${comparator}'`, token)
      }
      cursor.take()
      value = { ...value, text: next.type === 'word' ? unescapeWord(next.raw) : next.value, span: next }
    }
    const lower = comparator.startsWith('>') ? value : null
    const upper = comparator.startsWith('<') ? value : null
    return finish(field, {
      op: 'range',
      lower,
      upper,
      span: { position: token.position, end: value.span.end }
    })
  }
  if (hasWildcard(token.raw)) return finish(field, { op: 'wildcard', pattern: token.raw, span: token })
  return finish(field, { op: 'equals', text: unescapeWord(token.raw), span: token })
}

/** `[a TO b]` inclusive, `{a TO b}` exclusive (mixable); `*` leaves a side open. */
export function readRange(cursor: TokenCursor, open: QueryToken, field: FieldContext): FieldNode | TimeNode {
  const unclosed = (): never => {
    throw new QuerySyntaxFailure("unclosed range: expected ']' or '}'", open)
  }
  const lowerToken = cursor.take() ?? unclosed()
  if (lowerToken.type === 'word' && lowerToken.raw === 'TO') {
    throw new QuerySyntaxFailure("expected a lower bound before 'TO'", lowerToken)
  }
  const lower = readBound(lowerToken, open.type === 'bracket' && open.text === '[')
  const to = cursor.take() ?? unclosed()
  if (to.type !== 'word' || to.raw !== 'TO') {
    throw new QuerySyntaxFailure("expected 'TO' between the range's bounds", to)
  }
  const upperToken = cursor.take() ?? unclosed()
  const close = cursor.take() ?? unclosed()
  if (close.type !== 'bracket' || (close.text !== ']' && close.text !== '}')) {
    throw new QuerySyntaxFailure("expected ']' or '}' to close the range", close)
  }
  const upper = readBound(upperToken, close.text === ']')
  const span = { position: open.position, end: close.end }
  if (!lower && !upper) return finish(field, { op: 'exists' })
  return finish(field, { op: 'range', lower, upper, span })
}

function readBound(token: QueryToken, inclusive: boolean): Bound | null {
  if (token.type === 'phrase') return { text: token.value, inclusive, span: token }
  if (token.type === 'bracket' || token.raw === 'TO') {
    throw new QuerySyntaxFailure('expected a bound: a value or *', token)
  }
  return token.raw === '*' ? null : { text: unescapeWord(token.raw), inclusive, span: token }
}

function finish(field: FieldContext, draft: DraftTest): FieldNode | TimeNode {
  if (field.name === TIMESTAMP_FIELD) return timeTest(draft)
  if (NUMERIC_EVENT_FIELDS.has(field.name as EventField)) checkNumbers(field.name, draft)
  return { kind: 'field', field: field.name, test: fieldTest(draft) }
}

function fieldTest(draft: DraftTest): FieldTest {
  const bound = (b: Bound | null) => (b ? { value: b.text, inclusive: b.inclusive } : null)
  switch (draft.op) {
    case 'exists':
      return draft
    case 'equals':
      return { op: 'equals', value: draft.text }
    case 'wildcard':
      return { op: 'wildcard', pattern: draft.pattern }
    case 'range':
      return { op: 'range', lower: bound(draft.lower), upper: bound(draft.upper) }
  }
}

function checkNumbers(name: string, draft: DraftTest): void {
  const values = draft.op === 'equals' ? [draft] : draft.op === 'range' ? [draft.lower, draft.upper] : []
  for (const value of values) {
    if (value && !NUMBER.test(value.text)) {
      throw new QuerySyntaxFailure(
        `${name} holds numbers: expected a number, not '${value.text}'`,
        value.span
      )
    }
  }
  if (
    draft.op === 'range' &&
    draft.lower &&
    draft.upper &&
    Number(draft.lower.text) > Number(draft.upper.text)
  ) {
    throw new QuerySyntaxFailure(
      `the range is empty: ${draft.lower.text} is above ${draft.upper.text}`,
      draft.span
    )
  }
}

/** A time stands for the period it names: `<=2026-03-14` takes in the whole day, `>2026-03-14` starts after it. */
function timeTest(draft: DraftTest): TimeNode {
  const period = (value: { text: string; span: Span }) => {
    const time = parseQueryTime(value.text)
    if (!time)
      throw new QuerySyntaxFailure(`'${value.text}' is not a time: expected ${TIME_EXAMPLE}`, value.span)
    return time
  }
  switch (draft.op) {
    case 'exists':
      return { kind: 'time' }
    case 'wildcard':
      throw new QuerySyntaxFailure(`@timestamp takes no wildcards: expected ${TIME_EXAMPLE}`, draft.span)
    case 'equals': {
      const { start, end } = period(draft)
      return { kind: 'time', from: start, to: end }
    }
    case 'range': {
      const node: TimeNode = { kind: 'time' }
      if (draft.lower) node.from = draft.lower.inclusive ? period(draft.lower).start : period(draft.lower).end
      if (draft.upper) node.to = draft.upper.inclusive ? period(draft.upper).end : period(draft.upper).start
      if (node.from !== undefined && node.to !== undefined && node.from >= node.to) {
        throw new QuerySyntaxFailure('the time range is empty: its start is not before its end', draft.span)
      }
      return node
    }
  }
}
