// Every format Cairn reads, declared once: the one place that maps a LogFormat to its definition, so the
// import, the preview, the CLI and the tests all sniff and construct parsers the same way. Formats are
// chosen by content, never by file name: binary formats by magic number, text formats by how much of a
// sample their parser accepts.

import type { LogFormat } from '../../common/domain'
import { CairnError } from '../../common/errors'
import { assertTimeZone } from '../time/zonedTime'
import type { FormatDefinition, FormatGuess, LineParser, ParserOptions, TextFormatDefinition } from './parser'
import { acceptedShare, lineRecordParser } from './parser'
import { createApacheAccessParser } from './parsers/apacheAccess'
import { auditdFormat } from './parsers/auditd'
import { cloudTrailFormat } from './parsers/cloudTrail'
import { csvFormat } from './parsers/csv'
import { iisW3cFormat } from './parsers/iisW3c'
import { journaldJsonFormat } from './parsers/journaldJson'
import { jsonFormat } from './parsers/jsonGeneric'
import { evtxFormat } from './parsers/evtx/evtxFormat'
import { pcapFormat } from './parsers/pcap'
import { suricataEveFormat } from './parsers/suricataEve'
import { createRfc3164Parser, createRfc5424Parser } from './parsers/syslog'
import { apacheVhostCombinedFormat, webCustomFormat } from './parsers/webLogFormat'
import { createApacheErrorParser, createNginxErrorParser } from './parsers/webServerError'
import { windowsJsonFormat } from './parsers/windowsJson'
import { zeekJsonFormat } from './parsers/zeekJson'
import { zeekTsvFormat } from './parsers/zeekTsv'

/** Options for trial parsing. Zone and year do not decide whether a line parses; a leap year keeps Feb 29. */
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', referenceYear: 2000 }

/** A line format whose parser needs nothing from the options but the zone and year. */
function lineFormat(format: LogFormat, create: (options: ParserOptions) => LineParser): TextFormatDefinition {
  return {
    kind: 'text',
    format,
    framing: 'line',
    sniff: (sample) => acceptedShare(sample, create(SNIFF_OPTIONS)),
    create: (options) => lineRecordParser(create(options))
  }
}

export const FORMAT_DEFINITIONS: Readonly<Record<LogFormat, FormatDefinition>> = {
  apache_combined: lineFormat('apache_combined', () => createApacheAccessParser('combined')),
  apache_common: lineFormat('apache_common', () => createApacheAccessParser('common')),
  apache_vhost_combined: apacheVhostCombinedFormat,
  web_custom: webCustomFormat,
  iis_w3c: iisW3cFormat,
  apache_error: lineFormat('apache_error', createApacheErrorParser),
  nginx_error: lineFormat('nginx_error', createNginxErrorParser),
  syslog_rfc3164: lineFormat('syslog_rfc3164', createRfc3164Parser),
  syslog_rfc5424: lineFormat('syslog_rfc5424', () => createRfc5424Parser()),
  auditd: auditdFormat,
  journald_json: journaldJsonFormat,
  json: jsonFormat,
  cloudtrail: cloudTrailFormat,
  windows_json: windowsJsonFormat,
  csv: csvFormat,
  zeek_tsv: zeekTsvFormat,
  zeek_json: zeekJsonFormat,
  suricata_eve: suricataEveFormat,
  pcap: pcapFormat,
  evtx: evtxFormat
}

/**
 * On equal confidence the stricter or more specific format wins: a common-format file is also read in full
 * by the combined parser, and any JSON document is also generic JSON, so those come later.
 */
const TIE_BREAK_ORDER: readonly LogFormat[] = [
  'pcap',
  'evtx',
  'iis_w3c',
  'zeek_tsv',
  'syslog_rfc5424',
  'apache_common',
  'apache_combined',
  'apache_vhost_combined',
  'apache_error',
  'nginx_error',
  'auditd',
  'syslog_rfc3164',
  'windows_json',
  'cloudtrail',
  'suricata_eve',
  'zeek_json',
  'journald_json',
  'json',
  'csv',
  'web_custom'
]

/**
 * Formats whose records can be read from any line on, with no state from the lines before: a large plain
 * file in one of these is split into byte ranges read side by side on every core.
 */
export const SPLITTABLE_FORMATS: ReadonlySet<LogFormat> = new Set<LogFormat>([
  'apache_combined',
  'apache_common',
  'apache_vhost_combined',
  'web_custom',
  'apache_error',
  'nginx_error',
  'syslog_rfc5424'
])

/** Text formats below this confidence are not chosen on their own: the analyst must pick the format. */
export const MIN_SNIFF_CONFIDENCE = 0.5

/** What the first bytes of a source say about it: a binary format, or null for "text: sniff it". */
export function identifyByMagic(head: Uint8Array): { format: LogFormat } | null {
  for (const definition of Object.values(FORMAT_DEFINITIONS)) {
    if (definition.kind === 'binary' && definition.matches(head)) return { format: definition.format }
  }
  return null
}

/** Every text format that reads some of the sample, best first. */
export function sniffText(sampleLines: readonly string[]): FormatGuess[] {
  const lines = sampleLines.filter((line) => line.trim() !== '')
  if (lines.length === 0) return []
  const guesses: FormatGuess[] = []
  for (const definition of Object.values(FORMAT_DEFINITIONS)) {
    if (definition.kind !== 'text') continue
    const confidence = definition.sniff(lines)
    if (confidence > 0) guesses.push({ format: definition.format, confidence })
  }
  return guesses.sort(
    (a, b) =>
      b.confidence - a.confidence || TIE_BREAK_ORDER.indexOf(a.format) - TIE_BREAK_ORDER.indexOf(b.format)
  )
}

/**
 * The definition for a format, with the declared zone checked whatever the format, so a mistyped zone is
 * reported at once rather than only when it is first needed (unknown zones throw BAD_REQUEST).
 */
export function formatDefinition(format: LogFormat, options: ParserOptions): FormatDefinition {
  assertTimeZone(options.timeZone)
  const definition = FORMAT_DEFINITIONS[format] as FormatDefinition | undefined
  if (!definition) throw new CairnError('BAD_REQUEST', `'${format}' is not a format Cairn reads`)
  return definition
}
