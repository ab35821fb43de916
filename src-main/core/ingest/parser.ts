// The contracts every format implements. Text formats read records (a line, or a JSON document framed from
// one or more lines) and settle each one as events, a rejection with its reason, or a skip (a header or
// comment, or a record folded into an event another record carries, like an auditd event's later records).
// Binary formats (packet captures) read bytes and settle their own records (packets) the same way. A format
// is declared once, as data, in a FormatDefinition: how to frame it, how sure it is of a sample, how to
// build its parser. Parsers are created per evidence file and may keep state (a #Fields header, a year).

import type { ColumnTarget, LogFormat, RecordUnit } from '../../common/domain'
import type { NormalisedEvent } from '../../common/event'

export type { ColumnTarget, FormatGuess } from '../../common/domain'

export type LineParseResult = { ok: true; event: NormalisedEvent } | { ok: false; reason: string }

export interface ParserOptions {
  /** IANA zone for timestamps that carry no offset. */
  timeZone: string
  /** Year to assume for the first RFC 3164 line (usually the year the file was last written). */
  referenceYear: number
  /**
   * Month (1–12) the file was last written, when known: a first line from a later month than this must be
   * from the year before (a log spanning New Year, last written in January).
   */
  referenceMonth?: number
  /** An Apache `LogFormat` or nginx `log_format` string, for the web_custom format. */
  logFormatPattern?: string
  /** CSV/TSV column (header name) → what it holds, chosen by the analyst; unmapped columns go to extra. */
  columnMap?: Readonly<Record<string, ColumnTarget>>
}

/** A line parser: one line in, one event or one reason out. Most text formats are this simple. */
export interface LineParser {
  readonly format: LogFormat
  parse(line: string): LineParseResult
}

/** One unit of evidence a parser reads: a text line or a JSON document, or a packet of a capture. */
export interface SourceRecord {
  /** The record's text (for a packet: a one-line description). Kept raw with every event and rejection. */
  text: string
  /** 1-based line where the record starts in the (decompressed) stream; for a packet its 1-based number. */
  line: number
  /** Byte offset of the record's first byte in the (decompressed) stream. */
  offset: number
}

/**
 * What became of a record. A record settles exactly once as rejected or skipped, or one or more times as
 * events (a CloudTrail document holds many); a record folded into another record's event is skipped with a
 * reason saying where it went.
 */
export type RecordOutcome =
  | { kind: 'event'; event: NormalisedEvent; record: SourceRecord }
  | { kind: 'rejected'; reason: string; record: SourceRecord }
  | { kind: 'skipped'; reason: string; record: SourceRecord }

export type EmitOutcome = (outcome: RecordOutcome) => void

/** Reads records in order; may hold some back (a multi-record event) and must settle them all by end(). */
export interface RecordParser {
  readonly format: LogFormat
  read(record: SourceRecord, emit: EmitOutcome): void
  /** End of input: settles every record still held back. */
  end(emit: EmitOutcome): void
}

/** Reads a binary format from its bytes, in order, settling records (packets) as it goes. */
export interface BinaryRecordReader {
  readonly format: LogFormat
  write(chunk: Uint8Array, emit: EmitOutcome): void
  /** End of input: settles everything still held (open flows) and reports a truncated last record. */
  end(emit: EmitOutcome): void
}

export interface TextFormatDefinition {
  readonly kind: 'text'
  readonly format: LogFormat
  /** How the stream becomes records: one per line, or one per JSON document (which may span lines). */
  readonly framing: 'line' | 'json'
  /**
   * How sure this format is that the sample is its own, 0..1: usually the share of sample records its
   * parser accepts. The sample is the first non-empty lines of the file, as text.
   */
  sniff(sample: readonly string[]): number
  create(options: ParserOptions): RecordParser
}

export interface BinaryFormatDefinition {
  readonly kind: 'binary'
  readonly format: LogFormat
  /** What one record of the format is: a captured packet, a Windows event record. */
  readonly recordUnit: Extract<RecordUnit, 'packet' | 'event_record'>
  /** True when the file's first bytes (up to 64) identify this format, by magic number. */
  matches(head: Uint8Array): boolean
  create(options: ParserOptions): BinaryRecordReader
}

export type FormatDefinition = TextFormatDefinition | BinaryFormatDefinition

/** A line parser as a record parser: every line settles at once as one event or one rejection. */
export function lineRecordParser(parser: LineParser): RecordParser {
  return {
    format: parser.format,
    read(record, emit) {
      if (record.text.trim() === '') {
        emit({ kind: 'rejected', reason: 'blank line', record })
        return
      }
      const result = parser.parse(record.text)
      if (result.ok) emit({ kind: 'event', event: result.event, record })
      else emit({ kind: 'rejected', reason: result.reason, record })
    },
    end() {}
  }
}

/** The share of non-empty sample lines a fresh line parser accepts: the usual sniff for line formats. */
export function acceptedShare(sample: readonly string[], parser: LineParser): number {
  if (sample.length === 0) return 0
  let accepted = 0
  for (const line of sample) if (parser.parse(line).ok) accepted++
  return accepted / sample.length
}
