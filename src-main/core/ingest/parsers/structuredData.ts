// RFC 5424 STRUCTURED-DATA (`[id name="value" …][id2 …]`). The event store has no columns for it, so each
// parameter is kept in `extra` as log.syslog.structured_data.<id>.<name>, searchable and exported as is.

import type { ExtraFields } from './results'

const SPACE = 32
const QUOTE = 34
const EQUALS = 61
const OPEN = 91
const BACKSLASH = 92
const CLOSE = 93
const MAX_NAME_LENGTH = 32

export const STRUCTURED_DATA_PREFIX = 'log.syslog.structured_data.'

/** Where structured data ends (after '-' or the last ']'), or why it is not well formed. */
export type StructuredDataRead = { end: number } | { problem: string }

/** Reads STRUCTURED-DATA starting at `start` into `extra`. Repeated parameters are joined with ', '. */
export function readStructuredData(line: string, start: number, extra: ExtraFields): StructuredDataRead {
  if (line.charCodeAt(start) === 45) return { end: start + 1 }
  if (line.charCodeAt(start) !== OPEN) return { problem: "expected structured data ('-' or '[id …]')" }
  let position = start
  while (line.charCodeAt(position) === OPEN) {
    const idEnd = nameEnd(line, position + 1)
    if (idEnd === position + 1)
      return { problem: `structured data element at column ${position + 1} has no id` }
    const id = line.slice(position + 1, idEnd)
    const elementKey = STRUCTURED_DATA_PREFIX + id
    position = idEnd
    let hasParameters = false
    while (line.charCodeAt(position) === SPACE) {
      const parameterStart = position + 1
      const parameterNameEnd = nameEnd(line, parameterStart)
      if (
        parameterNameEnd === parameterStart ||
        line.charCodeAt(parameterNameEnd) !== EQUALS ||
        line.charCodeAt(parameterNameEnd + 1) !== QUOTE
      ) {
        return { problem: `parameter at column ${parameterStart + 1} of [${id}] is not name="value"` }
      }
      const valueEnd = closingQuote(line, parameterNameEnd + 2)
      if (valueEnd === -1) return { problem: `a value in [${id}] has no closing quote` }
      const key = `${elementKey}.${line.slice(parameterStart, parameterNameEnd)}`
      const value = unescapeValue(line.slice(parameterNameEnd + 2, valueEnd))
      const previous = extra[key]
      extra[key] = previous === undefined ? value : `${previous}, ${value}`
      hasParameters = true
      position = valueEnd + 1
    }
    if (line.charCodeAt(position) !== CLOSE) return { problem: `element [${id}] is not closed with ']'` }
    if (!hasParameters && extra[elementKey] === undefined) extra[elementKey] = ''
    position++
  }
  return { end: position }
}

/** End of an SD-ID or PARAM-NAME: up to 32 printable characters other than '=', ' ', ']' and '"'. */
function nameEnd(line: string, start: number): number {
  let position = start
  while (position < line.length && position - start < MAX_NAME_LENGTH) {
    const code = line.charCodeAt(position)
    if (code <= SPACE || code > 126 || code === EQUALS || code === CLOSE || code === QUOTE) break
    position++
  }
  return position
}

/** Index of the quote ending a PARAM-VALUE, skipping the escapes \" \\ and \]. */
function closingQuote(line: string, start: number): number {
  for (let position = start; position < line.length; position++) {
    const code = line.charCodeAt(position)
    if (code === BACKSLASH) position++
    else if (code === QUOTE) return position
  }
  return -1
}

function unescapeValue(value: string): string {
  return value.indexOf('\\') === -1 ? value : value.replace(/\\(["\\\]])/g, '$1')
}
