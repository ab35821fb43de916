// JSON value helpers the parsers share beyond jsonFraming's: what counts as a scalar and as text when a
// document is flattened or mapped, and the rejection wording of the one-object-per-line formats (Suricata EVE,
// Zeek JSON), which quote the start of the line rather than the place JSON.parse stopped.

import type { JsonObjectProblems } from '../jsonFraming'
import { excerpt } from './results'

export type JsonScalar = string | number | boolean

export function isJsonScalar(value: unknown): value is JsonScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
}

/** A string or number as text; an empty string, or any other value, is none. */
export function jsonText(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number') return String(value)
  return undefined
}

/** Why a line is not `expected` (such as 'one EVE event object'), quoting the line's start. */
export function lineObjectProblems(expected: string): JsonObjectProblems {
  return {
    invalid: (text, parseMessage) => `not valid JSON (${parseMessage}): '${excerpt(text, 0)}'`,
    notObject: (text, value) =>
      `a JSON ${jsonKind(value)} where ${expected} was expected: '${excerpt(text, 0)}'`
  }
}

function jsonKind(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
}
