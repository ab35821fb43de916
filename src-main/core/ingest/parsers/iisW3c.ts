// Microsoft IIS logs in the W3C extended format: `#Fields:` names the space-separated columns and may change
// mid-file (a restart after the site's logging fields were changed writes a new header block), so the parser
// keeps the field list in force. Times are UTC unless the server was set to log local time, so they are read
// in the declared zone (UTC by default). Columns map to the same ECS web fields as the Apache parsers.

import type { WallClock } from '../../../common/timeFormat'
import type { EventFieldValues } from '../../../common/event'
import { isValidCivilDate } from '../../time/civil'
import { digitsAt } from '../../time/digits'
import {
  describeTimestampProblem,
  fractionToMs,
  isValidTimeOfDay,
  type TimestampProblem
} from '../../time/timestamps'
import { assertTimeZone, zonedWallTimeToUtc } from '../../time/zonedTime'
import type {
  EmitOutcome,
  LineParseResult,
  ParserOptions,
  RecordOutcome,
  RecordParser,
  SourceRecord,
  TextFormatDefinition
} from '../parser'
import { normaliseIp, recordSourceAddress } from './addresses'
import { accept, excerpt, reject, type ExtraFields } from './results'
import { completeRequestFields, httpVersionOf, outcomeOfStatus } from './webAccessFields'

/** The fields IIS 7 and later log by default: what lines before any #Fields directive are read with. */
const DEFAULT_FIELDS =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'

const DIRECTIVES = new Set(['Software', 'Version', 'Date', 'Fields', 'Start-Date', 'End-Date', 'Remark'])
const NS = 'iis.access'
const HASH = 35

/** One line's values as its columns are read. */
/** Civil date and time of day (-1 until the date and time columns are read) and what the line says. */
interface IisDraft extends WallClock {
  fields: EventFieldValues
  extra: ExtraFields
  ms: number
}

/** Reads one column's value into the draft; returns why the line must be refused, or null. */
type ColumnReader = (value: string, draft: IisDraft) => string | null

/** The field list in force: from a #Fields directive, or IIS's default before any. */
interface IisLayout {
  names: readonly string[]
  readers: readonly ColumnReader[]
  /** Where the list came from, for rejection reasons. */
  origin: string
  hasDate: boolean
  hasTime: boolean
}

/** An IIS W3C parser for one file: it keeps the #Fields list and #Date, so never share one between files. */
export function createIisW3cParser(options: ParserOptions): RecordParser {
  assertTimeZone(options.timeZone)
  return new IisW3cReader(options.timeZone)
}

class IisW3cReader implements RecordParser {
  readonly format = 'iis_w3c'
  private layout = compileLayout(
    DEFAULT_FIELDS.split(' '),
    'the IIS default field list (no #Fields line yet)'
  )
  /** The date of the last #Date directive: the day for layouts that log a time but no date. */
  private directiveDate: CivilDate | null = null

  constructor(private readonly zone: string) {}

  read(record: SourceRecord, emit: EmitOutcome): void {
    emit(this.settle(record))
  }

  end(): void {}

  private settle(record: SourceRecord): RecordOutcome {
    const line = record.text
    if (line.charCodeAt(0) === HASH) return this.readDirective(record)
    const result = line.trim() === '' ? reject('blank line') : this.readData(line)
    return result.ok
      ? { kind: 'event', event: result.event, record }
      : { kind: 'rejected', reason: result.reason, record }
  }

  private readDirective(record: SourceRecord): RecordOutcome {
    const line = record.text
    const colon = line.indexOf(':')
    const name = colon === -1 ? '' : line.slice(1, colon)
    if (!DIRECTIVES.has(name)) {
      return { kind: 'skipped', reason: 'comment line (not an IIS directive)', record }
    }
    const value = line.slice(colon + 1).trim()
    if (name === 'Fields') {
      if (value === '') {
        return {
          kind: 'rejected',
          reason: `#Fields names no fields; ${this.layout.origin} stays in force`,
          record
        }
      }
      this.layout = compileLayout(value.split(/\s+/), `the #Fields line (line ${record.line})`)
    } else if (name === 'Date') {
      const date = readDate(value)
      if (typeof date === 'string') {
        const reason = `#Date: ${describeTimestampProblem(date, excerpt(value, 0), 'yyyy-mm-dd hh:mm:ss')}`
        return { kind: 'rejected', reason, record }
      }
      this.directiveDate = date
    }
    return { kind: 'skipped', reason: `IIS directive (#${name})`, record }
  }

  private readData(line: string): LineParseResult {
    const { layout } = this
    let count = 1
    for (let space = line.indexOf(' '); space !== -1; space = line.indexOf(' ', space + 1)) count++
    if (count !== layout.names.length) {
      return reject(`the line has ${count} fields but ${layout.origin} lists ${layout.names.length}`)
    }
    if (!layout.hasTime || (!layout.hasDate && this.directiveDate === null)) {
      return reject(`${layout.origin} has no date and time fields: the line has no time`)
    }
    const draft: IisDraft = {
      fields: { 'event.kind': 'event', 'event.category': 'web', 'event.dataset': NS },
      extra: {},
      year: -1,
      month: -1,
      day: -1,
      hour: -1,
      minute: -1,
      second: -1,
      ms: 0
    }
    let start = 0
    for (let column = 0; column < count; column++) {
      let end = line.indexOf(' ', start)
      if (end === -1) end = line.length
      const problem = layout.readers[column](line.slice(start, end), draft)
      if (problem !== null) return reject(problem)
      start = end + 1
    }
    if (!layout.hasDate && this.directiveDate !== null) {
      draft.year = this.directiveDate.year
      draft.month = this.directiveDate.month
      draft.day = this.directiveDate.day
    }
    const timestamp = zonedWallTimeToUtc(
      draft.year,
      draft.month,
      draft.day,
      draft.hour,
      draft.minute,
      draft.second,
      draft.ms,
      this.zone
    )
    completeRequestFields(draft.fields)
    return accept(timestamp, draft.fields, draft.extra, line)
  }
}

function compileLayout(names: readonly string[], origin: string): IisLayout {
  return {
    names,
    readers: names.map(columnReader),
    origin,
    hasDate: names.includes('date'),
    hasTime: names.includes('time')
  }
}

function isPresent(value: string): boolean {
  return value !== '-' && value !== ''
}

/** IIS writes a space inside a header value as '+' (a space would split the column). */
function withSpaces(value: string): string {
  return value.indexOf('+') === -1 ? value : value.replace(/\+/g, ' ')
}

function columnReader(name: string): ColumnReader {
  const known = COLUMN_READERS[name.toLowerCase()]
  if (known !== undefined) return known
  const header = /^(cs|sc)\((.+)\)$/i.exec(name)
  if (header !== null) {
    const direction = header[1].toLowerCase() === 'cs' ? 'request' : 'response'
    return toExtra(`http.${direction}.headers.${header[2].toLowerCase()}`, withSpaces)
  }
  return toExtra(`${NS}.${name.toLowerCase()}`)
}

function toExtra(key: string, decode: (value: string) => string = (value) => value): ColumnReader {
  return (value, draft) => {
    if (isPresent(value)) draft.extra[key] = decode(value)
    return null
  }
}

/** Digits into a numeric field; anything else the server wrote is kept in extra under the column's name. */
function toNumber(field: 'destination.port' | 'http.response.body.bytes', column: string): ColumnReader {
  return (value, draft) => {
    if (isDigits(value)) draft.fields[field] = Number(value)
    else if (isPresent(value)) draft.extra[`${NS}.${column}`] = value
    return null
  }
}

/** Digits into extra[key] (times `scale`); anything else is kept as logged under the column's name. */
function numberToExtra(key: string, column: string, scale = 1): ColumnReader {
  return (value, draft) => {
    if (isDigits(value)) draft.extra[key] = Number(value) * scale
    else if (isPresent(value)) draft.extra[`${NS}.${column}`] = value
    return null
  }
}

function isDigits(value: string): boolean {
  return value.length > 0 && value.length < 16 && digitsAt(value, 0, value.length) >= 0
}

const COLUMN_READERS: Readonly<Record<string, ColumnReader>> = {
  date: (value, draft) => {
    const date = readDate(value)
    if (typeof date === 'string')
      return `date: ${describeTimestampProblem(date, excerpt(value, 0), 'yyyy-mm-dd')}`
    draft.year = date.year
    draft.month = date.month
    draft.day = date.day
    return null
  },
  time: readTime,
  's-ip': (value, draft) => {
    const ip = normaliseIp(value)
    if (ip !== null) draft.fields['destination.ip'] = ip
    else if (isPresent(value)) draft.extra[`${NS}.s-ip`] = value
    return null
  },
  'c-ip': (value, draft) => {
    recordSourceAddress(value, draft.fields, draft.extra)
    return null
  },
  'cs-method': (value, draft) => {
    if (isPresent(value)) draft.fields['http.request.method'] = value
    return null
  },
  'cs-uri-stem': (value, draft) => {
    if (isPresent(value)) draft.fields['url.path'] = value
    return null
  },
  // The query is kept as sent: a '+' in it is the client's own encoding of a space, not IIS's.
  'cs-uri-query': (value, draft) => {
    if (isPresent(value)) draft.fields['url.query'] = value
    return null
  },
  's-port': toNumber('destination.port', 's-port'),
  'cs-username': (value, draft) => {
    if (!isPresent(value)) return null
    const separator = value.indexOf('\\')
    if (separator > 0) draft.fields['user.domain'] = value.slice(0, separator)
    draft.fields['user.name'] = separator > 0 ? value.slice(separator + 1) : value
    return null
  },
  'cs(user-agent)': (value, draft) => {
    if (isPresent(value)) draft.fields['user_agent.original'] = withSpaces(value)
    return null
  },
  // A referrer is a URL, where '+' is the URL's own; it is kept as logged.
  'cs(referer)': (value, draft) => {
    if (isPresent(value)) draft.fields['http.request.referrer'] = value
    return null
  },
  'cs-host': (value, draft) => {
    if (isPresent(value)) draft.fields['url.domain'] = value.replace(/:\d+$/, '').toLowerCase()
    return null
  },
  'cs-version': (value, draft) => {
    const version = httpVersionOf(value)
    if (version !== null) draft.fields['http.version'] = version
    else if (isPresent(value)) draft.extra[`${NS}.cs-version`] = value
    return null
  },
  'sc-status': (value, draft) => {
    if (value === '-') return null
    if (!isDigits(value)) return `sc-status '${excerpt(value, 0)}' is not an HTTP status code`
    const status = Number(value)
    draft.fields['http.response.status_code'] = status
    draft.fields['event.outcome'] = outcomeOfStatus(status)
    return null
  },
  'sc-substatus': numberToExtra(`${NS}.sub_status`, 'sc-substatus'),
  'sc-win32-status': numberToExtra(`${NS}.win32_status`, 'sc-win32-status'),
  // time-taken is in milliseconds; ECS event.duration is in nanoseconds.
  'time-taken': numberToExtra('event.duration', 'time-taken', 1_000_000),
  'sc-bytes': toNumber('http.response.body.bytes', 'sc-bytes'),
  'cs-bytes': numberToExtra('http.request.bytes', 'cs-bytes'),
  's-computername': (value, draft) => {
    if (isPresent(value)) draft.fields['host.name'] = value
    return null
  },
  's-sitename': toExtra(`${NS}.site_name`)
}

interface CivilDate {
  year: number
  month: number
  day: number
}

/** `yyyy-mm-dd` at the start of `text` (alone, or followed by a space and a time as #Date writes it). */
function readDate(text: string): CivilDate | TimestampProblem {
  const year = digitsAt(text, 0, 4)
  const month = digitsAt(text, 5, 2)
  const day = digitsAt(text, 8, 2)
  if (year < 0 || month < 0 || day < 0 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
    return 'malformed'
  }
  if (text.length !== 10 && text.charCodeAt(10) !== 32) return 'malformed'
  return year >= 1 && isValidCivilDate(year, month, day) ? { year, month, day } : 'impossible'
}

/** `hh:mm:ss`, or `hh:mm:ss.fff` as IIS advanced logging writes it. */
function readTime(text: string, draft: IisDraft): string | null {
  const hour = digitsAt(text, 0, 2)
  const minute = digitsAt(text, 3, 2)
  const second = digitsAt(text, 6, 2)
  const fractionDigits = text.length - 9
  const shaped =
    text.charCodeAt(2) === 58 &&
    text.charCodeAt(5) === 58 &&
    (text.length === 8 ||
      (text.charCodeAt(8) === 46 && fractionDigits > 0 && digitsAt(text, 9, fractionDigits) >= 0))
  if (!shaped || hour < 0 || minute < 0 || second < 0 || !isValidTimeOfDay(hour, minute, second)) {
    return `time '${excerpt(text, 0)}' is not a time of day in the form hh:mm:ss[.fff]`
  }
  draft.hour = hour
  draft.minute = minute
  draft.second = second
  draft.ms = text.length === 8 ? 0 : fractionToMs(text, 9, fractionDigits)
  return null
}

/** Options for trial parsing: the zone does not decide whether a line parses. */
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', referenceYear: 2000 }
/**
 * A headerless sample (a fragment cut from a log) scores this share of what it would with its #Fields or
 * #Software line: a line fitting the default field list is very likely IIS, but only the directives say so.
 */
const HEADERLESS_CONFIDENCE = 0.6
const IIS_SOFTWARE = '#Software: Microsoft Internet Information Services'

/**
 * How much of a sample reads as IIS W3C: directive lines and the data lines the parser accepts, as a share
 * of the sample. Without a #Fields or IIS #Software line only data lines count, scaled down.
 */
function sniffIisW3c(sample: readonly string[]): number {
  if (sample.length === 0) return 0
  const parser = createIisW3cParser(SNIFF_OPTIONS)
  let directives = 0
  let accepted = 0
  let vouched = false
  const count = (outcome: RecordOutcome) => {
    if (outcome.kind === 'event') accepted++
  }
  sample.forEach((text, index) => {
    if (text.startsWith('#Fields:') || text.startsWith(IIS_SOFTWARE)) vouched = true
    if (text.charCodeAt(0) === HASH) directives++
    parser.read({ text, line: index + 1, offset: 0 }, count)
  })
  return vouched
    ? (directives + accepted) / sample.length
    : (accepted / sample.length) * HEADERLESS_CONFIDENCE
}

export const iisW3cFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'iis_w3c',
  framing: 'line',
  sniff: sniffIisW3c,
  create: createIisW3cParser
}
