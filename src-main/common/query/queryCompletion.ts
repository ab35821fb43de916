// What the query bar offers at the cursor: field names while a term is being started, AND/OR/NOT after a
// complete term, and for a value the field and what was typed (the renderer fetches the field's top values
// for it). Works on unfinished text, so it reads tokens itself rather than asking the parser.

import { EVENT_FIELDS } from '../event'
import { TIMESTAMP_FIELD } from './queryAst'
import { lexQuery, unescapedIndexOf, unescapeWord } from './queryLexer'
import type { QueryToken } from './queryLexer'

export interface QueryCompletion {
  /** The text from..to is what a chosen suggestion replaces. */
  from: number
  to: number
  kind: 'field' | 'value' | 'operator'
  /** What was typed of the name, value or operator, unescaped. */
  prefix: string
  /** For a value: the field it belongs to (absent inside a full-text phrase). */
  field?: string
  suggestions: string[]
}

const OPERATORS = ['AND', 'OR', 'NOT']
const COMPARATOR = /^(>=|<=|>|<)/

/**
 * Field names matching a prefix come first (case-insensitively), then names with a later dotted part that
 * does (`status` offers http.response.status_code). `extraFields` are names seen in the case's extra fields.
 */
export function completeQuery(text: string, cursor: number, extraFields: readonly string[]): QueryCompletion {
  const before = text.slice(0, cursor)
  const to = wordEnd(text, cursor)
  const lexed = lexQuery(before)
  if (!lexed.ok) {
    const quote = lexed.error.position
    // A lone trailing backslash: the next character is still to come, so there is nothing to offer.
    if (before[quote] !== '"') return { from: cursor, to, kind: 'field', prefix: '', suggestions: [] }
    const field = fieldBefore(before, quote)
    const prefix = before.slice(quote + 1).replace(/\\(["\\])/g, '$1')
    return {
      from: quote,
      to: phraseEnd(text, cursor),
      kind: 'value',
      prefix,
      ...(field && { field }),
      suggestions: []
    }
  }
  const tokens = lexed.tokens
  const last = tokens[tokens.length - 1]
  if (last?.type === 'word' && last.end === cursor) {
    const previous = tokens[tokens.length - 2]
    return completeWord(last, previous, to, extraFields)
  }
  if (last?.type === 'word' && unescapedIndexOf(last.raw, ':') === last.raw.length - 1) {
    return { from: cursor, to, kind: 'value', prefix: '', field: last.raw.slice(0, -1), suggestions: [] }
  }
  if (last && completesTerm(last)) {
    return { from: cursor, to, kind: 'operator', prefix: '', suggestions: [...OPERATORS] }
  }
  return { from: cursor, to, kind: 'field', prefix: '', suggestions: matchingFields('', extraFields) }
}

function completeWord(
  word: QueryToken & { type: 'word' },
  previous: QueryToken | undefined,
  to: number,
  extraFields: readonly string[]
): QueryCompletion {
  const colon = unescapedIndexOf(word.raw, ':')
  if (colon >= 0) {
    const rest = word.raw.slice(colon + 1)
    const skip = colon + 1 + (COMPARATOR.exec(rest)?.[1].length ?? 0)
    const field = word.raw.slice(0, colon).replace(/^-/, '')
    const prefix = unescapeWord(word.raw.slice(skip))
    return { from: word.position + skip, to, kind: 'value', prefix, field, suggestions: [] }
  }
  if (previous && completesTerm(previous)) {
    const operators = OPERATORS.filter((operator) => operator.startsWith(word.raw))
    if (operators.length)
      return { from: word.position, to, kind: 'operator', prefix: word.raw, suggestions: operators }
  }
  const negated = word.raw.startsWith('-') ? 1 : 0
  const prefix = unescapeWord(word.raw.slice(negated))
  return {
    from: word.position + negated,
    to,
    kind: 'field',
    prefix,
    suggestions: matchingFields(prefix, extraFields)
  }
}

function matchingFields(prefix: string, extraFields: readonly string[]): string[] {
  const wanted = prefix.toLowerCase()
  const names = [...new Set([TIMESTAMP_FIELD, ...EVENT_FIELDS, ...[...extraFields].sort()])]
  const starts = names.filter((name) => name.toLowerCase().startsWith(wanted))
  const partStarts = names.filter(
    (name) =>
      !name.toLowerCase().startsWith(wanted) &&
      name
        .toLowerCase()
        .split('.')
        .some((part, index) => index > 0 && part.startsWith(wanted))
  )
  return [...starts, ...partStarts]
}

/** Whether a token ends a term, so what follows may be an operator. */
function completesTerm(token: QueryToken): boolean {
  if (token.type === 'bracket') return token.text === ')' || token.text === ']' || token.text === '}'
  if (token.type === 'phrase') return true
  return !OPERATORS.includes(token.raw) && !token.raw.endsWith(':') && token.raw !== '-'
}

/** The field whose value a quote at `quote` opens: the `name:` word right before it, if any. */
function fieldBefore(before: string, quote: number): string | undefined {
  const match = /(?:^|[\s(])-?([A-Za-z0-9_.@-]+):(?:>=|<=|>|<)?$/.exec(before.slice(0, quote))
  return match?.[1]
}

/** Where the word under the cursor ends: the next space, bracket or quote. */
function wordEnd(text: string, cursor: number): number {
  let end = cursor
  while (end < text.length && !/[\s()[\]{}"]/.test(text[end])) end += text[end] === '\\' ? 2 : 1
  return Math.min(end, text.length)
}

/** Where a phrase the cursor is inside ends: after its closing quote, or at the end of the text. */
function phraseEnd(text: string, cursor: number): number {
  for (let at = cursor; at < text.length; at++) {
    if (text[at] === '\\') at++
    else if (text[at] === '"') return at + 1
  }
  return text.length
}
