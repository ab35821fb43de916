// The query bar's text work, kept out of the component so it is tested without a DOM: where a syntax error
// sits in the typed text, which of a field's top values fit what was typed, and how choosing a suggestion
// rewrites the text and moves the cursor.

import type { EventField } from '../../../src-main/common/event'
import { EVENT_FIELDS } from '../../../src-main/common/event'
import type { QueryCompletion } from '../../../src-main/common/query/queryCompletion'
import type { QuerySyntaxError } from '../../../src-main/common/query/queryParser'

/** The typed text cut around the error's span, so the span can be marked in place. */
export interface MarkedError {
  before: string
  marked: string
  after: string
  /** "expected a term after 'AND' at character 12": the parser's message and a 1-based position. */
  message: string
}

export function markError(text: string, error: QuerySyntaxError): MarkedError {
  const end = error.position + Math.max(error.length, 1)
  return {
    before: text.slice(0, error.position),
    // An error at the very end (an unfinished query) still needs something visible to underline.
    marked: text.slice(error.position, end).padEnd(end - error.position, ' '),
    after: text.slice(end),
    message: `${error.message} at character ${error.position + 1}`
  }
}

export function isEventField(name: string | undefined): name is EventField {
  return (EVENT_FIELDS as readonly string[]).includes(name ?? '')
}

/** Values starting with what was typed come first, then values containing it; case does not matter. */
export function matchingValues(values: readonly string[], prefix: string): string[] {
  const wanted = prefix.toLowerCase()
  const starts = values.filter((value) => value.toLowerCase().startsWith(wanted))
  const contains = values.filter(
    (value) => !value.toLowerCase().startsWith(wanted) && value.toLowerCase().includes(wanted)
  )
  return [...starts, ...contains]
}

const PLAIN_VALUE = /^[A-Za-z0-9_.@/+%-]+$/

/** A value as query text: bare when it is one plain word, otherwise a quoted phrase (an exact match). */
export function quoteValue(value: string): string {
  if (PLAIN_VALUE.test(value) && !value.startsWith('-')) return value
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`
}

export interface CompletedText {
  text: string
  cursor: number
}

/**
 * Replaces text[from, to] with the chosen suggestion: a field gets its `:` so its values are offered next,
 * a value is quoted if it must be, and a value or operator at the end gets a space for the next term.
 */
export function applySuggestion(
  text: string,
  completion: QueryCompletion,
  suggestion: string
): CompletedText {
  let to = completion.to
  let inserted: string
  if (completion.kind === 'field') {
    // The word under the cursor may run on into `:value`; only the name before its colon is replaced.
    const colon = text.slice(completion.from, to).indexOf(':')
    if (colon >= 0) to = completion.from + colon + 1
    inserted = `${suggestion}:`
  } else {
    inserted = completion.kind === 'value' ? quoteValue(suggestion) : suggestion
    if (to === text.length) inserted += ' '
  }
  const next = text.slice(0, completion.from) + inserted + text.slice(to)
  return { text: next, cursor: completion.from + inserted.length }
}
