// Picks a file's format from its content, never its name: every v1 parser tries the sample and the share
// of lines it accepts is its confidence. The factory here is the one place that maps a LogFormat to the
// parser that reads it, so ingest, the CLI and tests all construct parsers the same way.

import { LOG_FORMATS, type LogFormat } from '../../common/domain'
import { assertTimeZone } from '../time/zonedTime'
import type { FormatGuess, LineParser, ParserOptions } from './parser'
import { createApacheAccessParser } from './parsers/apacheAccess'
import { createRfc3164Parser, createRfc5424Parser } from './parsers/syslog'
import { createApacheErrorParser, createNginxErrorParser } from './parsers/webServerError'

/**
 * On equal confidence the stricter format wins: a common-format file is also accepted in full by the
 * combined parser (which tolerates missing referrer and user agent), so common must come first.
 */
const TIE_BREAK_RANK: Record<LogFormat, number> = {
  syslog_rfc5424: 0,
  apache_common: 1,
  apache_combined: 2,
  apache_error: 3,
  nginx_error: 4,
  syslog_rfc3164: 5
}

/** Options for trial parsing. Zone and year do not decide whether a line parses; a leap year keeps Feb 29. */
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', referenceYear: 2000 }

/**
 * A fresh parser for one evidence file. The declared zone is checked whatever the format, so a mistyped
 * zone is reported at once rather than only when it is first needed; unknown zones throw BAD_REQUEST.
 */
export function createLineParser(format: LogFormat, options: ParserOptions): LineParser {
  assertTimeZone(options.timeZone)
  switch (format) {
    case 'apache_combined':
      return createApacheAccessParser('combined')
    case 'apache_common':
      return createApacheAccessParser('common')
    case 'syslog_rfc3164':
      return createRfc3164Parser(options)
    case 'syslog_rfc5424':
      return createRfc5424Parser()
    case 'apache_error':
      return createApacheErrorParser(options)
    case 'nginx_error':
      return createNginxErrorParser(options)
  }
}

/**
 * Every format that accepts at least one of the sample's non-empty lines, best first, with confidence the
 * fraction of non-empty lines it accepts.
 */
export function sniffFormat(sampleLines: readonly string[]): FormatGuess[] {
  const lines = sampleLines.filter((line) => line.trim() !== '')
  if (lines.length === 0) return []
  const guesses: FormatGuess[] = []
  for (const format of LOG_FORMATS) {
    const parser = createLineParser(format, SNIFF_OPTIONS)
    let accepted = 0
    for (const line of lines) if (parser.parse(line).ok) accepted++
    if (accepted > 0) guesses.push({ format, confidence: accepted / lines.length })
  }
  return guesses.sort(
    (a, b) => b.confidence - a.confidence || TIE_BREAK_RANK[a.format] - TIE_BREAK_RANK[b.format]
  )
}
