// Turns a stream of text lines into JSON documents, the records of the JSON formats: one document per line
// (JSON lines), pretty-printed objects back to back (evtx_dump), or the elements of a top-level array. It
// only counts brackets outside strings and never parses, so a broken document costs that document alone.

import type { LogFormat } from '../../common/domain'
import type { EmitOutcome, RecordParser, SourceRecord } from './parser'
import { excerpt } from './parsers/results'

/** Longest document kept whole (in UTF-16 code units, about 64 MiB of ASCII); longer ones are cut there. */
export const MAX_DOCUMENT_CHARS = 64 * 1024 * 1024

const TAB = 9
const SPACE = 32
const QUOTE = 34
const COMMA = 44
const OPEN_BRACKET = 91
const BACKSLASH = 92
const CLOSE_BRACKET = 93
const OPEN_BRACE = 123
const CLOSE_BRACE = 125
const BYTE_ORDER_MARK = 0xfeff

/**
 * UTF-8 bytes of text[start, end): what a document's byte offset within its line needs. Text the line reader
 * decoded from invalid UTF-8 holds U+FFFD (3 bytes) where the file had other bytes, so offsets after such a
 * character in the same line may be off by those few bytes.
 */
export function utf8ByteLength(text: string, start = 0, end = text.length): number {
  let bytes = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4
        i++
      } else bytes += 3
    } else bytes += 3
  }
  return bytes
}

export interface JsonFramerOptions {
  /** Longest document kept whole, in characters; defaults to MAX_DOCUMENT_CHARS. */
  maxDocumentChars?: number
}

/**
 * Frames documents from lines given in order. A document still open when a line starts a new one at or
 * left of its own first column (`{` or `[` at column 0 in JSON lines) is broken: it is emitted as it is,
 * to be rejected by its parser, and framing resumes with the new line. That rule is not applied to a
 * document written without indentation (one with a continuation line as far left as its start), where
 * columns say nothing. JSON strings never span lines, so a string still open at the end of a line ends
 * there too. Commas between top-level documents are tolerated; other stray text becomes a record of its
 * own (the rest of its line), so it is rejected rather than lost.
 */
export class JsonFramer {
  private readonly maxDocumentChars: number
  /** Inside a top-level array, whose elements are the documents. */
  private inArray = false
  private depth = 0
  private inString = false
  private parts: string[] = []
  private size = 0
  private startLine = 0
  private startOffset = 0
  private startColumn = 0
  private unindented = false
  // The line being read, and how far into it byte offsets have been counted.
  private line = ''
  private lineOffset = 0
  private countedIndex = 0
  private countedBytes = 0

  constructor(options: JsonFramerOptions = {}) {
    this.maxDocumentChars = options.maxDocumentChars ?? MAX_DOCUMENT_CHARS
  }

  push(line: string, lineNumber: number, offset: number, emit: (record: SourceRecord) => void): void {
    this.line = line
    this.lineOffset = offset
    this.countedIndex = 0
    this.countedBytes = 0
    let position = 0
    if (this.depth > 0) {
      position = this.continueDocument(emit)
      if (position === -1) return
    }
    const length = line.length
    while (position < length) {
      const code = line.charCodeAt(position)
      if (code === SPACE || code === TAB || code === COMMA || code === 13 || code === BYTE_ORDER_MARK) {
        position++
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (code === OPEN_BRACKET && !this.inArray) {
          this.inArray = true
          position++
          continue
        }
        this.open(position, lineNumber)
        position = this.scan(position + 1)
        if (this.depth > 0) {
          this.holdLineEnd(position, emit)
          return
        }
        this.emitDocument(line.slice(this.startColumn, position), emit)
      } else if (code === CLOSE_BRACKET && this.inArray) {
        this.inArray = false
        position++
      } else {
        position = this.emitStray(position, lineNumber, emit)
      }
    }
  }

  /** End of input: a document still open is emitted as it is (it was cut short). */
  end(emit: (record: SourceRecord) => void): void {
    if (this.depth > 0) this.emitDocument(this.parts.join('\n'), emit)
    this.inArray = false
  }

  /**
   * Reads the current line as the continuation of an open document: the index where the document closed,
   * or -1 when it is still open at the end of the line.
   */
  private continueDocument(emit: (record: SourceRecord) => void): number {
    const line = this.line
    let first = 0
    while (first < line.length && isBlank(line.charCodeAt(first))) first++
    if (first < line.length && first <= this.startColumn && !this.unindented) {
      const code = line.charCodeAt(first)
      if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.emitDocument(this.parts.join('\n'), emit)
        return first
      }
      if (code !== CLOSE_BRACE && code !== CLOSE_BRACKET) this.unindented = true
    }
    const end = this.scan(0)
    if (this.depth > 0) {
      this.parts.push(line)
      this.size += line.length + 1
      this.endLine(emit)
      return -1
    }
    this.parts.push(line.slice(0, end))
    this.emitDocument(this.parts.join('\n'), emit)
    return end
  }

  private open(position: number, lineNumber: number): void {
    this.depth = 1
    this.inString = false
    this.parts = []
    this.size = 0
    this.startLine = lineNumber
    this.startOffset = this.byteOffset(position)
    this.startColumn = position
    this.unindented = false
  }

  /** Follows brackets and strings from `start`; the index just past the close, or the line's length. */
  private scan(start: number): number {
    const line = this.line
    const length = line.length
    let position = start
    while (position < length) {
      if (this.inString) {
        const quote = closingQuote(line, position)
        if (quote === -1) return length
        this.inString = false
        position = quote + 1
        continue
      }
      const code = line.charCodeAt(position++)
      if (code === QUOTE) this.inString = true
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.depth++
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --this.depth === 0) return position
    }
    return length
  }

  /** The document is still open at the end of its first line: keep that part and check the size cap. */
  private holdLineEnd(position: number, emit: (record: SourceRecord) => void): void {
    const part = this.line.slice(this.startColumn, position)
    this.parts.push(part)
    this.size += part.length + 1
    this.endLine(emit)
  }

  private endLine(emit: (record: SourceRecord) => void): void {
    this.inString = false
    if (this.size > this.maxDocumentChars) this.emitDocument(this.parts.join('\n'), emit)
  }

  /**
   * Text that starts no document: a bare value in an array (up to its end) or anything else (the rest of
   * the line). Returns where reading goes on.
   */
  private emitStray(position: number, lineNumber: number, emit: (record: SourceRecord) => void): number {
    const line = this.line
    let end = line.length
    if (this.inArray) {
      if (line.charCodeAt(position) === QUOTE) {
        const quote = closingQuote(line, position + 1)
        end = quote === -1 ? line.length : quote + 1
      } else {
        end = position
        while (end < line.length && !endsBareValue(line.charCodeAt(end))) end++
      }
    } else {
      while (end > position && isBlank(line.charCodeAt(end - 1))) end--
    }
    emit({ text: line.slice(position, end), line: lineNumber, offset: this.byteOffset(position) })
    return end
  }

  private emitDocument(text: string, emit: (record: SourceRecord) => void): void {
    emit({ text, line: this.startLine, offset: this.startOffset })
    this.depth = 0
    this.inString = false
    this.parts = []
    this.size = 0
  }

  /** Byte offset of line[index] in the stream; indexes only grow within a line, so counting is linear. */
  private byteOffset(index: number): number {
    this.countedBytes += utf8ByteLength(this.line, this.countedIndex, index)
    this.countedIndex = index
    return this.lineOffset + this.countedBytes
  }
}

/** Index of the quote closing a string whose text starts at `start`, skipping escaped quotes; -1 if none. */
function closingQuote(line: string, start: number): number {
  let quote = line.indexOf('"', start)
  while (quote !== -1) {
    let backslashes = 0
    while (line.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++
    if (backslashes % 2 === 0) return quote
    quote = line.indexOf('"', quote + 1)
  }
  return -1
}

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === 13 || code === BYTE_ORDER_MARK
}

function endsBareValue(code: number): boolean {
  return code === COMMA || code === CLOSE_BRACKET || isBlank(code)
}

/**
 * The complete documents within a sample's lines, for sniffing: a document the sample cuts off is left
 * out rather than reported as broken.
 */
export function frameJsonSample(lines: readonly string[]): string[] {
  const framer = new JsonFramer()
  const documents: string[] = []
  lines.forEach((line, index) => framer.push(line, index + 1, 0, (record) => documents.push(record.text)))
  return documents
}

export type JsonObject = { [key: string]: unknown }

export type JsonObjectRead = { ok: true; object: JsonObject } | { ok: false; reason: string }

/**
 * How a format words a document that is not a JSON object: from JSON.parse's message when it is not JSON,
 * or from the value it holds instead. Formats whose rejections predate readJsonObject keep their wording.
 */
export interface JsonObjectProblems {
  invalid(text: string, parseMessage: string): string
  notObject(text: string, value: unknown): string
}

const DOCUMENT_PROBLEMS: JsonObjectProblems = {
  invalid: describeJsonError,
  notObject: (_text, value) =>
    `the document is ${describeJsonValue(value)}, not a JSON object: each event must be an object`
}

/** A framed document read as a JSON object, or why it is not one (JSON.parse's reason and where). */
export function readJsonObject(text: string, problems = DOCUMENT_PROBLEMS): JsonObjectRead {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return {
      ok: false,
      reason: problems.invalid(text, error instanceof Error ? error.message : String(error))
    }
  }
  if (isJsonObject(value)) return { ok: true, object: value }
  return { ok: false, reason: problems.notObject(text, value) }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeJsonError(text: string, message: string): string {
  const position = /at position (\d+)/.exec(message)
  if (position === null) return `not valid JSON (${message}): '${excerpt(text, 0)}'`
  const at = Number(position[1])
  return `not valid JSON (${message}) near '${excerpt(text, Math.max(0, at - 20), at + 20)}'`
}

function describeJsonValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  return `a ${typeof value} (${excerpt(JSON.stringify(value), 0)})`
}

/** Maps one JSON object to its events (or a rejection) for the record it came from. */
export type JsonObjectReader = (object: JsonObject, record: SourceRecord, emit: EmitOutcome) => void

/** A record parser for JSON documents: every record is read as an object first, and rejected if it is not. */
export function jsonObjectParser(format: LogFormat, readObject: JsonObjectReader): RecordParser {
  return {
    format,
    read(record, emit) {
      const read = readJsonObject(record.text)
      if (read.ok) readObject(read.object, record, emit)
      else emit({ kind: 'rejected', reason: read.reason, record })
    },
    end() {}
  }
}

/** The share of a sample's documents that are objects `accepts` recognises: the usual JSON format sniff. */
export function acceptedDocumentShare(
  sample: readonly string[],
  accepts: (object: JsonObject) => boolean
): number {
  const documents = frameJsonSample(sample)
  if (documents.length === 0) return 0
  let accepted = 0
  for (const text of documents) {
    const read = readJsonObject(text)
    if (read.ok && accepts(read.object)) accepted++
  }
  return accepted / documents.length
}
