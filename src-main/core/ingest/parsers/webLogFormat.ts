// Web access logs in whatever layout the server was configured with: an Apache `LogFormat` or nginx
// `log_format` pattern is compiled once into a line parser producing the same ECS web events as the combined
// parser (apacheAccess.ts). Also the vhost_combined format, which is such a pattern, and the named presets.

import type { LogFormat } from '../../../common/domain'
import { CairnError } from '../../../common/errors'
import { describeTimestampProblem, isTimestampProblem } from '../../time/timestamps'
import { assertTimeZone } from '../../time/zonedTime'
import {
  acceptedShare,
  lineRecordParser,
  type LineParseResult,
  type LineParser,
  type ParserOptions,
  type TextFormatDefinition
} from '../parser'
import { accept, excerpt, reject } from './results'
import { completeRequestFields, unescapeQuoted } from './webAccessFields'
import { apacheDirective, nginxVariable, type DirectiveMeaning } from './webLogFormatDirectives'
import { LineMatcher, type Delimiting, type FieldLayout, type PatternLayout } from './webLogMatcher'
import { lexWebLogPattern, type LexedPattern, type PatternDirective } from './webLogPattern'
import { TimeParts } from './webLogTime'
import { toExtra, type EventDraft, type ValueWriter } from './webLogValues'

export interface WebLogFormatPreset {
  id: 'combined' | 'common' | 'vhost_combined' | 'nginx_main'
  label: string
  pattern: string
}

/** The layouts servers ship with, for the import screen to offer before a responder types their own. */
export function webLogFormatPresets(): readonly WebLogFormatPreset[] {
  return PRESETS
}

const PRESETS: readonly WebLogFormatPreset[] = [
  {
    id: 'combined',
    label: 'Apache combined',
    pattern: '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"'
  },
  { id: 'common', label: 'Apache common (CLF), Tomcat common', pattern: '%h %l %u %t "%r" %>s %b' },
  {
    id: 'vhost_combined',
    label: 'Apache vhost_combined',
    pattern: '%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i"'
  },
  {
    id: 'nginx_main',
    label: 'nginx main',
    pattern:
      '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"'
  }
]

const VHOST_COMBINED = PRESETS[2].pattern

/** One directive ready to run: where its text lies and what to do with it. */
interface CompiledField extends FieldLayout {
  write: ValueWriter
  early: boolean
}

/** A compiled pattern: the layout the matcher follows and everything the writers need. */
interface CompiledPattern {
  layout: PatternLayout
  fields: readonly CompiledField[]
  /** Field indexes in the order their values are written: the request line first, then pattern order. */
  writeOrder: readonly number[]
  /** The first directive giving the date, quoted when a line's time is not one. */
  timeField: number
  dataset: string
}

/**
 * Compiles an Apache `LogFormat` or nginx `log_format` string (bare, or the whole configuration line) into a
 * line parser. Throws BAD_REQUEST naming the directive and its position when the pattern cannot be read:
 * an unknown directive, two values with nothing between them, or no directive giving the date.
 */
export function compileWebLogFormat(pattern: string, format: LogFormat, options: ParserOptions): LineParser {
  assertTimeZone(options.timeZone)
  const compiled = compilePattern(lexWebLogPattern(pattern))
  const matcher = new LineMatcher(compiled.layout)
  const time = new TimeParts()
  return { format, parse: (line) => parseLine(line, compiled, matcher, time, options.timeZone) }
}

function compilePattern(lexed: LexedPattern): CompiledPattern {
  const ns = `${lexed.dialect}.access`
  const meanings = lexed.directives.map((directive) =>
    lexed.dialect === 'apache' ? apacheDirective(directive, ns) : nginxVariable(directive, ns)
  )
  const claimed = claimFields(lexed.directives, meanings)
  const fields = meanings.map((meaning, index): CompiledField => {
    return {
      ...layoutField(lexed, meanings, index),
      write: claimed[index] ? meaning.write : toExtra(meaning.extraKey),
      early: meaning.early && claimed[index]
    }
  })
  const timeField = meanings.findIndex((meaning, index) => meaning.dates && claimed[index])
  if (timeField === -1) {
    throw new CairnError(
      'BAD_REQUEST',
      'the pattern has no directive giving the date (%t, a %{…}t with year, month and day, $time_local, $time_iso8601 or $msec): every event needs a time'
    )
  }
  const early = fields.flatMap((field, index) => (field.early ? [index] : []))
  const rest = fields.flatMap((field, index) => (field.early ? [] : [index]))
  return {
    layout: { literals: lexed.literals, fields, optionalFrom: optionalRunStart(fields, meanings) },
    fields,
    writeOrder: [...early, ...rest],
    timeField,
    dataset: ns
  }
}

/**
 * Which directives fill their ECS fields: by rank, then pattern order, the first to ask for a field gets it
 * (%>s before %s, %a before %h, %r before %U); the others keep their values in `extra`.
 */
function claimFields(
  directives: readonly PatternDirective[],
  meanings: readonly DirectiveMeaning[]
): boolean[] {
  const order = meanings.map((_meaning, index) => index)
  order.sort((a, b) => meanings[a].rank - meanings[b].rank || directives[a].position - directives[b].position)
  const taken = new Set<string>()
  const claimed = meanings.map(() => false)
  for (const index of order) {
    const fills = meanings[index].fills
    if (fills.some((field) => taken.has(field))) continue
    claimed[index] = true
    for (const field of fills) taken.add(field)
  }
  return claimed
}

/** Decides how the value of directive `index` is delimited in a line, from the literals around it. */
function layoutField(lexed: LexedPattern, meanings: readonly DirectiveMeaning[], index: number): FieldLayout {
  const { literals, directives } = lexed
  const directive = directives[index]
  const reader = meanings[index].reader
  const before = literals[index]
  let stop = literals[index + 1]
  let altStop = ''
  const next = meanings[index + 1]?.reader.opener
  if (next !== undefined && !next.optional) stop += String.fromCharCode(next.code)
  let delimiting: Delimiting = reader.shape
  if (reader.shape !== 'self') {
    if (before.endsWith('"') && stop.startsWith('"')) delimiting = 'quoted'
    else if (before.endsWith('[') && stop.startsWith(']')) delimiting = 'closed'
  }
  if (stop === '' && index + 1 < directives.length && (delimiting === 'token' || delimiting === 'text')) {
    if (next === undefined) {
      throw new CairnError(
        'BAD_REQUEST',
        `${directive.label} at position ${directive.position} is followed directly by ${directives[index + 1].label}: with nothing between them Cairn cannot tell where one value ends and the next begins`
      )
    }
    altStop = String.fromCharCode(next.code)
    stop = literals.slice(index + 2).find((literal) => literal !== '') ?? ''
  }
  return {
    label: directive.label,
    reader,
    delimiting,
    stop,
    stopCode: stop === '' ? -1 : stop.charCodeAt(0),
    altStop,
    altStopCode: altStop === '' ? -1 : altStop.charCodeAt(0)
  }
}

/** Where the run of quoted header values that may be missing from the end of a line begins. */
function optionalRunStart(fields: readonly FieldLayout[], meanings: readonly DirectiveMeaning[]): number {
  let start = fields.length
  while (start > 0 && fields[start - 1].delimiting === 'quoted' && meanings[start - 1].optionalAtEnd) start--
  return start
}

function parseLine(
  line: string,
  compiled: CompiledPattern,
  matcher: LineMatcher,
  time: TimeParts,
  zone: string
): LineParseResult {
  if (line.length === 0) return reject('empty line')
  if (!matcher.match(line)) return reject(matcher.failureReason())
  time.reset()
  const draft: EventDraft = {
    fields: { 'event.kind': 'event', 'event.category': 'web', 'event.dataset': compiled.dataset },
    extra: {},
    time,
    zone
  }
  const { starts, ends } = matcher
  for (const index of compiled.writeOrder) {
    const start = starts[index]
    if (start < 0) continue
    const field = compiled.fields[index]
    const value =
      field.delimiting === 'quoted'
        ? unescapeQuoted(line, start, ends[index])
        : line.slice(start, ends[index])
    const problem = field.write(value, draft)
    if (problem !== null) return reject(`${field.label}: ${problem}`)
  }
  if (matcher.trailingStart >= 0) {
    draft.extra[`${compiled.dataset}.trailing_fields`] = line.slice(matcher.trailingStart)
  }
  const timestamp = time.resolve(zone)
  if (isTimestampProblem(timestamp)) {
    const field = compiled.fields[compiled.timeField]
    const text = excerpt(line, starts[compiled.timeField], ends[compiled.timeField])
    const form = field.reader.expected ?? 'the pattern gives'
    return reject(`${field.label}: ${describeTimestampProblem(timestamp, text, form)}`)
  }
  completeRequestFields(draft.fields)
  return accept(timestamp, draft.fields, draft.extra, line)
}

/** Web access logs in a layout the responder gives (Apache LogFormat or nginx log_format). */
export const webCustomFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'web_custom',
  framing: 'line',
  // A custom layout is chosen by the responder with its pattern, never guessed from content.
  sniff: () => 0,
  create(options) {
    if (options.logFormatPattern === undefined || options.logFormatPattern.trim() === '') {
      throw new CairnError(
        'BAD_REQUEST',
        "the web_custom format needs the server's LogFormat or log_format pattern (for example the combined preset)"
      )
    }
    return lineRecordParser(compileWebLogFormat(options.logFormatPattern, 'web_custom', options))
  }
}

/** A parser for trial parsing: vhost_combined times carry their offset, so the zone does not matter. */
const vhostSniffParser = compileWebLogFormat(VHOST_COMBINED, 'apache_vhost_combined', {
  timeZone: 'UTC',
  referenceYear: 2000
})

/** Apache's vhost_combined: combined with `host:port` of the virtual host in front (url.domain, destination.port). */
export const apacheVhostCombinedFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'apache_vhost_combined',
  framing: 'line',
  sniff: (sample) => acceptedShare(sample, vhostSniffParser),
  create: (options) => lineRecordParser(compileWebLogFormat(VHOST_COMBINED, 'apache_vhost_combined', options))
}
