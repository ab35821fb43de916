// Finds where each directive's value lies in one line of a compiled custom web log pattern. It scans with
// indexOf and char codes; the only search is over the quotes that might close a quoted value (Apache 1.3 and
// Tomcat write quotes inside the request raw), tried in order until the rest of the line fits, within a budget.

import { excerpt } from './results'
import { findClosingQuote, isEscaped } from './webAccessFields'
import type { ValueReader } from './webLogValues'

/**
 * How a value's end is found: 'self' values know their length, 'quoted' ones end at a closing quote,
 * 'closed' ones at the bracket the pattern puts after them, 'token' ones at a space or the next literal's
 * first character, 'text' at the next literal.
 */
export type Delimiting = 'self' | 'quoted' | 'closed' | 'token' | 'text'

export interface FieldLayout {
  label: string
  reader: ValueReader
  delimiting: Delimiting
  /** What follows the value in the pattern ('' at the end of the pattern, where a value runs to the end). */
  stop: string
  /** The first character of `stop`, or -1. */
  stopCode: number
  /** An optional directive's opener that may also end the value (the '?' of %q after %U), or ''. */
  altStop: string
  /** The char code of `altStop`, or -1. */
  altStopCode: number
}

export interface PatternLayout {
  /** literals[i] comes before fields[i]; the last literal ends the pattern. */
  literals: readonly string[]
  fields: readonly FieldLayout[]
  /**
   * Index of the first field of the optional run of quoted header values that ends the pattern (the length
   * of `fields` when there is none). The line may stop anywhere in this run, and what does not fit it is
   * kept as trailing text.
   */
  optionalFrom: number
}

/** Quote positions tried per line before giving up on a line full of quotes. */
const QUOTE_ATTEMPT_BUDGET = 256

const SPACE = 32

type FailureKind = 'literal' | 'value' | 'unclosed' | 'no-stop' | 'self' | 'budget'

/** Matches lines against one layout; reuses its buffers, so one matcher serves one parser. */
export class LineMatcher {
  /** Start of each field's value in the last matched line, or -1 when the line stopped before it. */
  readonly starts: Int32Array
  readonly ends: Int32Array
  /** Where text beyond the pattern starts in the last matched line, or -1. */
  trailingStart = -1
  private line = ''
  private budget = 0
  /**
   * How far through the pattern the match got before the problem: twice the directive's index, plus one
   * once its literal matched. The reason describes the first problem found furthest through the pattern,
   * so a bad status is reported as such, not as a later quote that also failed to close the request.
   */
  private failureProgress = -1
  private failureKind: FailureKind = 'literal'
  private failureIndex = 0
  /** The text the reason quotes: the value that did not fit, or where a literal was expected. */
  private failureStart = 0
  private failureEnd = 0

  constructor(private readonly layout: PatternLayout) {
    this.starts = new Int32Array(layout.fields.length)
    this.ends = new Int32Array(layout.fields.length)
  }

  match(line: string): boolean {
    this.line = line
    this.budget = QUOTE_ATTEMPT_BUDGET
    this.failureProgress = -1
    this.trailingStart = -1
    this.starts.fill(-1)
    return this.matchFrom(0, 0)
  }

  /** Why the last line did not match: the first problem found furthest through the pattern. */
  failureReason(): string {
    const { line, layout } = this
    const start = this.failureStart
    const field = layout.fields[this.failureIndex]
    switch (this.failureKind) {
      case 'literal':
        return this.describeMissingLiteral(this.failureIndex, start)
      case 'value':
        return `${field.label} '${excerpt(line, start, this.failureEnd)}' is not ${field.reader.expected ?? 'readable'}`
      case 'self':
        return start >= line.length
          ? `the line ends where ${field.label} should be`
          : `expected ${field.label} as ${field.reader.expected ?? 'a value'}, found '${excerpt(line, start)}'`
      case 'unclosed':
        return field.delimiting === 'quoted'
          ? `${field.label} has no closing quote`
          : `no '${field.stop[0]}' closes ${field.label}`
      case 'no-stop':
        return `no '${field.stop}' follows ${field.label}`
      case 'budget':
        return `the line holds too many quotes to tell where ${field.label} ends`
    }
  }

  private describeMissingLiteral(index: number, start: number): string {
    const literal = this.layout.literals[index]
    const where = index === 0 ? 'at the start of the line' : `after ${this.layout.fields[index - 1].label}`
    return literal.startsWith(this.line.slice(start))
      ? `the line ends where '${literal}' should come ${where}`
      : `expected '${literal}' ${where}, found '${excerpt(this.line, start)}'`
  }

  /** Notes a problem with directive (or literal) `index`, quoting line[start, end) in the reason. */
  private fail(kind: FailureKind, index: number, start: number, end = start): false {
    // Running out of quote attempts ends the search, so it is the reason whatever was found before.
    const progress = kind === 'budget' ? Number.MAX_SAFE_INTEGER : 2 * index + (kind === 'literal' ? 0 : 1)
    if (progress > this.failureProgress) {
      this.failureProgress = progress
      this.failureKind = kind
      this.failureIndex = index
      this.failureStart = start
      this.failureEnd = end
    }
    return false
  }

  private matchFrom(first: number, from: number): boolean {
    const { line, layout } = this
    const fields = layout.fields
    let position = from
    for (let index = first; index < fields.length; index++) {
      if (index >= layout.optionalFrom) return this.matchOptionalRun(index, position)
      const literal = layout.literals[index]
      if (!line.startsWith(literal, position)) {
        return this.fail('literal', index, position)
      }
      position += literal.length
      const field = fields[index]
      this.starts[index] = position
      let end: number
      switch (field.delimiting) {
        case 'quoted':
          return this.matchQuoted(index, position)
        case 'self':
          end = field.reader.consume === undefined ? -1 : field.reader.consume(line, position)
          if (end < 0) return this.fail('self', index, position)
          break
        case 'closed':
          end = line.indexOf(field.stop[0], position)
          if (end < 0) return this.fail('unclosed', index, position)
          break
        case 'token':
          end = tokenEnd(line, position, field)
          break
        case 'text':
          end = textEnd(line, position, field)
          if (end < 0) return this.fail('no-stop', index, position)
          break
      }
      if (field.reader.fits !== undefined && !field.reader.fits(line, position, end)) {
        return this.fail('value', index, position, end)
      }
      this.ends[index] = end
      position = end
    }
    const last = layout.literals[fields.length]
    if (!line.startsWith(last, position)) {
      return this.fail('literal', fields.length, position)
    }
    this.keepTrailing(position + last.length)
    return true
  }

  /**
   * A quoted value ends at a quote after which the rest of the line fits the pattern. Unescaped quotes are
   * tried first, in order; a backslash-escaped one only when none of them fits (a request ending in '\').
   */
  private matchQuoted(index: number, start: number): boolean {
    const { line } = this
    let sawQuote = false
    for (let pass = 0; pass < 2; pass++) {
      const escaped = pass === 1
      for (let quote = line.indexOf('"', start); quote !== -1; quote = line.indexOf('"', quote + 1)) {
        sawQuote = true
        if (isEscaped(line, quote, start) !== escaped) continue
        if (--this.budget < 0) return this.fail('budget', index, start)
        const fits = this.layout.fields[index].reader.fits
        if (fits !== undefined && !fits(line, start, quote)) {
          this.fail('value', index, start, quote)
          continue
        }
        this.ends[index] = quote
        if (this.matchFrom(index + 1, quote)) return true
      }
    }
    return sawQuote ? false : this.fail('unclosed', index, start)
  }

  /**
   * The optional run of quoted values at the end of the pattern: each may be missing (the line ends), cut
   * short (no closing quote: the value runs to the end of the line), or followed by text that does not fit,
   * which is kept as trailing text.
   */
  private matchOptionalRun(first: number, from: number): boolean {
    const { line, layout } = this
    let position = from
    for (let index = first; index <= layout.fields.length; index++) {
      const literal = layout.literals[index]
      const matched = matchedLength(line, literal, position)
      if (matched < literal.length) {
        if (position + matched < line.length) this.trailingStart = position + matched
        return true
      }
      position += literal.length
      if (index === layout.fields.length) break
      this.starts[index] = position
      const close = findClosingQuote(line, position)
      if (close === -1) {
        this.ends[index] = line.length
        return true
      }
      this.ends[index] = close
      position = close
    }
    this.keepTrailing(position)
    return true
  }

  /** Text after the pattern, less the one space that separates it, is kept rather than refused. */
  private keepTrailing(position: number): void {
    const start = this.line.charCodeAt(position) === SPACE ? position + 1 : position
    if (start < this.line.length) this.trailingStart = start
  }
}

/** How many characters of `literal` match the line at `position`. */
function matchedLength(line: string, literal: string, position: number): number {
  let matched = 0
  while (matched < literal.length && line.charCodeAt(position + matched) === literal.charCodeAt(matched))
    matched++
  return matched
}

function tokenEnd(line: string, start: number, field: FieldLayout): number {
  let end = start
  for (; end < line.length; end++) {
    const code = line.charCodeAt(end)
    if (code === SPACE || code === field.stopCode || code === field.altStopCode) break
  }
  return end
}

function textEnd(line: string, start: number, field: FieldLayout): number {
  const end = field.stop === '' ? line.length : line.indexOf(field.stop, start)
  if (field.altStop === '') return end
  const alternative = line.indexOf(field.altStop, start)
  return alternative !== -1 && (end === -1 || alternative < end) ? alternative : end
}
