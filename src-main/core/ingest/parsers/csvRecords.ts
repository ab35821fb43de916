// Turns the lines of a CSV/TSV file into records of cells the RFC 4180 way: quoted cells may hold the
// delimiter, doubled quotes and line breaks, so one record can span several lines. The splitter holds such a
// record until its closing quote arrives, and gives up on it after a cap so a stray quote cannot swallow the
// rest of the file: the line that opened it is rejected and the lines it held are read again.

import type { SourceRecord } from '../parser'
import { excerpt } from './results'

export const CSV_DELIMITERS = [',', '\t', ';', '|'] as const
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number]

/** How far a quoted cell may run before its opening quote is taken for a stray one. */
export interface RecordLimits {
  maxLines: number
  maxCharacters: number
}

export const DEFAULT_RECORD_LIMITS: RecordLimits = { maxLines: 10_000, maxCharacters: 1_048_576 }

/** What the splitter hands on: a whole record, a blank line, or the line of a quote that never closed. */
export type CsvPiece =
  | {
      kind: 'record'
      cells: string[]
      /** The line the record starts on. */
      first: SourceRecord
      /** Lines the record's quoted cells ran on to (usually none). */
      continuation: readonly SourceRecord[]
      /** The record's text, its lines joined with '\n'. */
      text: string
    }
  | { kind: 'blank'; record: SourceRecord }
  | { kind: 'unclosed'; record: SourceRecord; reason: string }

export type EmitPiece = (piece: CsvPiece) => void

const QUOTE = 34
const BYTE_ORDER_MARK = 0xfeff
const NO_LINES: readonly SourceRecord[] = []

export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === BYTE_ORDER_MARK ? text.slice(1) : text
}

/**
 * The delimiter of a header and the rows after it: of comma, tab, semicolon and pipe (outside quotes), the
 * one the header has whose count the most rows repeat, then the most frequent; comma when the header has
 * none of them (a single column).
 */
export function detectDelimiter(header: string, rows: readonly string[]): CsvDelimiter {
  let best: CsvDelimiter = ','
  let bestConsistent = -1
  let bestCount = 0
  for (const delimiter of CSV_DELIMITERS) {
    const code = delimiter.charCodeAt(0)
    const count = countOutsideQuotes(header, code)
    if (count === 0) continue
    let consistent = 0
    for (const row of rows) if (countOutsideQuotes(row, code) === count) consistent++
    if (consistent > bestConsistent || (consistent === bestConsistent && count > bestCount)) {
      best = delimiter
      bestConsistent = consistent
      bestCount = count
    }
  }
  return best
}

function countOutsideQuotes(line: string, code: number): number {
  let count = 0
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const char = line.charCodeAt(index)
    if (char === QUOTE) quoted = !quoted
    else if (char === code && !quoted) count++
  }
  return count
}

/** Splits the lines of one file into records as they arrive; create one per file. */
export class CsvRecordSplitter {
  private readonly delimiter: string
  private readonly delimiterCode: number
  private atFileStart = true
  /** The record being read: set while a quoted cell runs on past the end of its line. */
  private first: SourceRecord | null = null
  private continuation: SourceRecord[] = []
  private firstText = ''
  private text = ''
  private cells: string[] = []
  /** The open quoted cell's text so far. */
  private cell = ''
  /** Where the first line's open quoted cell starts, for the reason when it never closes. */
  private openQuote = 0
  /** Lines to read again after a held record was given up, in order. */
  private replay: SourceRecord[] = []

  constructor(
    delimiter: CsvDelimiter,
    private readonly limits: RecordLimits = DEFAULT_RECORD_LIMITS
  ) {
    this.delimiter = delimiter
    this.delimiterCode = delimiter.charCodeAt(0)
  }

  push(line: SourceRecord, emit: EmitPiece): void {
    this.read(line, emit)
    while (this.replay.length > 0) this.read(this.replay.shift() as SourceRecord, emit)
  }

  /** End of input: a record still held has a quote that never closed. */
  finish(emit: EmitPiece): void {
    while (this.first !== null) {
      this.giveUp('before the end of the file', emit)
      while (this.replay.length > 0) this.read(this.replay.shift() as SourceRecord, emit)
    }
  }

  private read(line: SourceRecord, emit: EmitPiece): void {
    let text = line.text
    if (this.atFileStart) {
      this.atFileStart = false
      text = stripByteOrderMark(text)
    }
    if (this.first === null) {
      if (isBlank(text)) {
        emit({ kind: 'blank', record: line })
        return
      }
      this.cells = []
      this.text = text
      if (this.scan(text, false)) {
        emit({ kind: 'record', cells: this.cells, first: line, continuation: NO_LINES, text })
        return
      }
      this.first = line
      this.firstText = text
      this.continuation = []
      return
    }
    const lines = this.continuation.length + 2
    if (lines > this.limits.maxLines) {
      this.giveUp(`within ${this.limits.maxLines} lines`, emit, line)
      return
    }
    if (this.text.length + text.length + 1 > this.limits.maxCharacters) {
      this.giveUp(`within ${this.limits.maxCharacters} characters`, emit, line)
      return
    }
    this.continuation.push(line)
    this.text += '\n' + text
    if (this.scan(text, true)) {
      emit({
        kind: 'record',
        cells: this.cells,
        first: this.first,
        continuation: this.continuation,
        text: this.text
      })
      this.first = null
    }
  }

  /**
   * Rejects the held record's first line and queues the lines it held, and the line that found the cap
   * (`arriving`), to be read again ahead of the rest.
   */
  private giveUp(where: string, emit: EmitPiece, arriving?: SourceRecord): void {
    const again = arriving === undefined ? this.continuation : [...this.continuation, arriving]
    const count = again.length
    const rereading =
      count === 0 ? '' : `; the ${count === 1 ? 'line' : `${count} lines`} after it read again as records`
    emit({
      kind: 'unclosed',
      record: this.first as SourceRecord,
      reason: `the quoted cell '${excerpt(this.firstText, this.openQuote)}' is not closed ${where}: a stray '"'? Line rejected${rereading}`
    })
    this.first = null
    this.cell = ''
    this.continuation = []
    this.replay = again.concat(this.replay)
  }

  /**
   * Reads one line's cells into this.cells, continuing an open quoted cell when `continued`. True when the
   * record ends with the line, false when a quoted cell runs on to the next line.
   */
  private scan(text: string, continued: boolean): boolean {
    const length = text.length
    let position = 0
    if (continued) {
      this.cell += '\n'
      position = this.readQuoted(text, 0)
      if (position === -1) return false
      if (position > length) return true
    }
    for (;;) {
      if (position < length && text.charCodeAt(position) === QUOTE) {
        this.cell = ''
        if (!continued) this.openQuote = position
        position = this.readQuoted(text, position + 1)
        if (position === -1) return false
        if (position > length) return true
        continue
      }
      const next = text.indexOf(this.delimiter, position)
      if (next === -1) {
        this.cells.push(text.slice(position))
        return true
      }
      this.cells.push(text.slice(position, next))
      position = next + 1
    }
  }

  /**
   * Reads a quoted cell from `position` (just past its opening quote, or the start of a continued line).
   * Returns where the next cell starts, length + 1 when the record ends with this cell, or -1 when the cell
   * runs on past the line. Text after the closing quote up to the delimiter is kept (as Python's csv does).
   */
  private readQuoted(text: string, position: number): number {
    const length = text.length
    let from = position
    for (;;) {
      const quote = text.indexOf('"', from)
      if (quote === -1) {
        this.cell += text.slice(from)
        return -1
      }
      this.cell += text.slice(from, quote)
      if (text.charCodeAt(quote + 1) === QUOTE) {
        this.cell += '"'
        from = quote + 2
        continue
      }
      let after = quote + 1
      if (after < length && text.charCodeAt(after) !== this.delimiterCode) {
        const next = text.indexOf(this.delimiter, after)
        const stop = next === -1 ? length : next
        this.cell += text.slice(after, stop)
        after = stop
      }
      this.cells.push(this.cell)
      this.cell = ''
      return after >= length ? length + 1 : after + 1
    }
  }
}

/** The cells of each complete record in a few sample lines (for sniffing and the import dialog). */
export function splitSampleRecords(lines: readonly string[], delimiter: CsvDelimiter): string[][] {
  const splitter = new CsvRecordSplitter(delimiter)
  const records: string[][] = []
  const collect: EmitPiece = (piece) => {
    if (piece.kind === 'record') records.push(piece.cells)
  }
  lines.forEach((text, index) => splitter.push({ text, line: index + 1, offset: 0 }, collect))
  splitter.finish(collect)
  return records
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true
  const first = text.charCodeAt(0)
  return (first === 32 || first === 9 || first === 13) && text.trim() === ''
}
