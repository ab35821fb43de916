// The contract every line parser implements. A parser is created per evidence file (it may keep state,
// such as the year inferred for RFC 3164 syslog) and turns one line into one normalised event or a
// specific reason why it could not.

import type { LogFormat } from '../../common/domain'
import type { NormalisedEvent } from '../../common/event'

export type LineParseResult = { ok: true; event: NormalisedEvent } | { ok: false; reason: string }

export interface ParserOptions {
  /** IANA zone for timestamps that carry no offset (RFC 3164 syslog). */
  timeZone: string
  /** Year to assume for the first RFC 3164 line (usually the year the file was last written). */
  referenceYear: number
  /**
   * Month (1–12) the file was last written, when known: a first line from a later month than this must be
   * from the year before (a log spanning New Year, last written in January).
   */
  referenceMonth?: number
}

export interface LineParser {
  readonly format: LogFormat
  parse(line: string): LineParseResult
}

export interface FormatGuess {
  format: LogFormat
  /** Fraction of sampled lines the format's parser accepts, 0..1. */
  confidence: number
}
