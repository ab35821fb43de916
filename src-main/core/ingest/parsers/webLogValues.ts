// The kinds of value a web access log directive writes, and how each becomes ECS fields: how its text ends in
// a line (a token, free text, or a value that knows its own length), what it must look like, and where it
// goes. The Apache and nginx catalogues (webLogFormatDirectives.ts) are built from these pieces.

import type { EventField, EventFieldValues } from '../../../common/event'
import { digitsAt } from '../../time/digits'
import {
  describeTimestampProblem,
  isTimestampProblem,
  parseRfc3339,
  RFC3339_FORM
} from '../../time/timestamps'
import { normaliseIp, recordSourceAddress } from './addresses'
import { excerpt, type ExtraFields } from './results'
import {
  CLF_TIMESTAMP_FORM,
  CLF_TIMESTAMP_LENGTH,
  describeRequest,
  describeTarget,
  httpVersionOf,
  isHttpMethod,
  outcomeOfStatus,
  parseClfTimestamp
} from './webAccessFields'
import { decimalSecondsToMs, type TimeParts, type TimeScanner } from './webLogTime'

/** The event one line is becoming, handed to each directive's writer in turn. */
export interface EventDraft {
  fields: EventFieldValues
  extra: ExtraFields
  time: TimeParts
  /** The declared zone, for times written without an offset. */
  zone: string
}

/** Writes one directive's value into the draft; returns why the line must be refused, or null. */
export type ValueWriter = (value: string, draft: EventDraft) => string | null

/** How a directive's text is found in a line, and what it must look like there. */
export interface ValueReader {
  /**
   * 'token' never holds a space and ends at the first character of what follows it in the pattern; 'text'
   * runs to the whole literal that follows it; 'self' knows its own length (a timestamp).
   */
  shape: 'token' | 'text' | 'self'
  /** For 'self': the index after the value starting at `start`, or -1 when no value starts there. */
  consume?: (line: string, start: number) => number
  /** Whether line[start, end) can be this value: how the matcher chooses among places a value might end. */
  fits?: (line: string, start: number, end: number) => boolean
  /** What a valid value looks like, for rejection reasons. */
  expected?: string
  /** A character the value starts with (only when present, if optional): lets it follow a directive directly. */
  opener?: { code: number; optional: boolean }
}

export const TOKEN: ValueReader = { shape: 'token' }
export const TEXT: ValueReader = { shape: 'text' }

export const NON_EMPTY_TOKEN: ValueReader = {
  shape: 'token',
  fits: (_line, start, end) => end > start,
  expected: 'a client address or host name'
}

export const STATUS: ValueReader = {
  shape: 'token',
  fits: (line, start, end) =>
    isDash(line, start, end) || (end - start === 3 && digitsAt(line, start, 3) >= 0),
  expected: "a 3-digit HTTP status code or '-'"
}

export const COUNT: ValueReader = {
  shape: 'token',
  fits: (line, start, end) => isDash(line, start, end) || isDigits(line, start, end),
  expected: "a whole number or '-'"
}

export const DECIMAL: ValueReader = {
  shape: 'token',
  fits: (line, start, end) => isDash(line, start, end) || isDecimal(line, start, end),
  expected: "a number of seconds such as 0.004, or '-'"
}

/** Seconds (or ms, µs) since the epoch, or the digits of a fraction of a second. */
export const DIGITS: ValueReader = {
  shape: 'token',
  fits: (line, start, end) => isDigits(line, start, end),
  expected: 'digits'
}

/** nginx's $msec: `1700000000.123`. */
export const EPOCH_SECONDS: ValueReader = {
  shape: 'token',
  fits: (line, start, end) => isDecimal(line, start, end),
  expected: 'seconds since the epoch such as 1700000000.123'
}

/** Apache's %t: `[10/Oct/2000:13:55:36 -0700]`, brackets included. */
export const BRACKETED_CLF_TIME: ValueReader = {
  shape: 'self',
  consume: (line, start) => {
    if (line.charCodeAt(start) !== 91) return -1
    const close = line.indexOf(']', start + 1)
    return close === -1 ? -1 : close + 1
  },
  expected: "'[dd/Mon/yyyy:HH:MM:SS ±hhmm]'",
  opener: { code: 91, optional: false }
}

/** nginx's $time_local: `10/Oct/2000:13:55:36 -0700`, always 26 characters. */
export const CLF_TIME: ValueReader = {
  shape: 'self',
  consume: (line, start) => (hasClfShape(line, start) ? start + CLF_TIMESTAMP_LENGTH : -1),
  expected: CLF_TIMESTAMP_FORM
}

/** Whether the separators of a CLF timestamp sit where they should; the digits are read when it is written. */
function hasClfShape(line: string, start: number): boolean {
  const sign = line.charCodeAt(start + 21)
  return (
    start + CLF_TIMESTAMP_LENGTH <= line.length &&
    line.charCodeAt(start + 2) === 47 &&
    line.charCodeAt(start + 6) === 47 &&
    line.charCodeAt(start + 11) === 58 &&
    line.charCodeAt(start + 14) === 58 &&
    line.charCodeAt(start + 17) === 58 &&
    line.charCodeAt(start + 20) === 32 &&
    (sign === 43 || sign === 45)
  )
}

/** Apache's %q: `?query`, or nothing at all when the request had no query. */
export const OPTIONAL_QUERY: ValueReader = { shape: 'text', opener: { code: 63, optional: true } }

/** nginx's $is_args: '?' when the request had arguments, otherwise nothing. */
export const QUESTION_MARK_IF_ANY: ValueReader = {
  shape: 'self',
  consume: (line, start) => (line.charCodeAt(start) === 63 ? start + 1 : start),
  opener: { code: 63, optional: true }
}

export function strftimeReader(scan: TimeScanner, format: string): ValueReader {
  return { shape: 'self', consume: (line, start) => scan(line, start, null), expected: format }
}

export function isPresent(value: string): boolean {
  return value !== '-' && value !== ''
}

function isDash(line: string, start: number, end: number): boolean {
  return end - start === 1 && line.charCodeAt(start) === 45
}

/** Longest digit run read as a number: 16 digits hold microseconds since the epoch, and stay finite. */
const MAX_DIGITS = 16

function isDigits(line: string, start: number, end: number): boolean {
  if (end === start || end - start > MAX_DIGITS) return false
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i)
    if (code < 48 || code > 57) return false
  }
  return true
}

function isDecimal(line: string, start: number, end: number): boolean {
  const point = line.indexOf('.', start)
  if (point === -1 || point >= end) return isDigits(line, start, end)
  return isDigits(line, start, point) && isDigits(line, point + 1, end)
}

// Writers. Each keeps '-' (what servers write for "none") out of the event.

export function toField(field: EventField): ValueWriter {
  return (value, draft) => {
    if (isPresent(value)) draft.fields[field] = value
    return null
  }
}

/** A number; the reader has checked the digits. */
export function toNumber(field: EventField): ValueWriter {
  return (value, draft) => {
    if (isPresent(value)) draft.fields[field] = Number(value)
    return null
  }
}

/** Apache's %b writes '-' for a response with no body: that is 0 bytes, not "unknown". */
export const clfBodyBytes: ValueWriter = (value, draft) => {
  draft.fields['http.response.body.bytes'] = value === '-' ? 0 : Number(value)
  return null
}

export function toExtra(key: string): ValueWriter {
  return (value, draft) => {
    if (isPresent(value)) draft.extra[key] = value
    return null
  }
}

export function numberToExtra(key: string): ValueWriter {
  return (value, draft) => {
    if (isPresent(value)) draft.extra[key] = Number(value)
    return null
  }
}

/** A valid IP into `field`; anything else the server wrote is kept under `extraKey`. */
export function toIp(field: EventField, extraKey: string): ValueWriter {
  return (value, draft) => {
    const ip = normaliseIp(value)
    if (ip !== null) draft.fields[field] = ip
    else if (isPresent(value)) draft.extra[extraKey] = value
    return null
  }
}

export const sourceAddress: ValueWriter = (value, draft) => {
  recordSourceAddress(value, draft.fields, draft.extra)
  return null
}

export const status: ValueWriter = (value, draft) => {
  if (value === '-') return null
  const code = Number(value)
  draft.fields['http.response.status_code'] = code
  draft.fields['event.outcome'] = outcomeOfStatus(code)
  return null
}

export const requestLine: ValueWriter = (value, draft) => {
  if (!isPresent(value)) return null
  draft.fields['message'] = value
  describeRequest(value, draft.fields)
  return null
}

/** A request target alone (nginx's $request_uri): path and query, or an absolute URL. */
export const requestTarget: ValueWriter = (value, draft) => {
  if (isPresent(value)) describeTarget(value, draft.fields)
  return null
}

export function method(extraKey: string): ValueWriter {
  return (value, draft) => {
    if (isHttpMethod(value)) draft.fields['http.request.method'] = value
    else if (isPresent(value)) draft.extra[extraKey] = value
    return null
  }
}

export function protocol(extraKey: string): ValueWriter {
  return (value, draft) => {
    const version = httpVersionOf(value)
    if (version !== null) draft.fields['http.version'] = version
    else if (isPresent(value)) draft.extra[extraKey] = value
    return null
  }
}

/** %q and $args: the query without the '?' Apache puts in front of it. */
export const query: ValueWriter = (value, draft) => {
  const text = value.charCodeAt(0) === 63 ? value.slice(1) : value
  if (text !== '') draft.fields['url.query'] = text
  return null
}

/** A virtual host or server name: the domain the request was served under. */
export const serverName: ValueWriter = (value, draft) => {
  if (isPresent(value)) draft.fields['url.domain'] = value.toLowerCase()
  return null
}

/** A duration in a whole number of `unitNs` nanoseconds, kept as ECS event.duration (ns). */
export function duration(unitNs: number): ValueWriter {
  return (value, draft) => {
    if (isPresent(value)) draft.extra['event.duration'] = Number(value) * unitNs
    return null
  }
}

/** nginx's $request_time: seconds with millisecond resolution (`0.004`), kept as ECS event.duration (ns). */
export const decimalSecondsDuration: ValueWriter = (value, draft) => {
  if (!isPresent(value)) return null
  const ms = decimalSecondsToMs(value)
  if (Number.isNaN(ms)) return `'${excerpt(value, 0)}' is more seconds than any request takes`
  draft.extra['event.duration'] = ms * 1_000_000
  return null
}

export const bracketedClfTime: ValueWriter = (value, draft) => clfTime(value, 1, value.length - 1, draft)

export const bareClfTime: ValueWriter = (value, draft) => clfTime(value, 0, value.length, draft)

function clfTime(value: string, start: number, end: number, draft: EventDraft): string | null {
  const instant = parseClfTimestamp(value, start, end)
  if (isTimestampProblem(instant)) {
    return describeTimestampProblem(instant, excerpt(value, start, end), CLF_TIMESTAMP_FORM)
  }
  draft.time.instant = instant
  return null
}

export const isoTime: ValueWriter = (value, draft) => {
  const instant = parseRfc3339(value, 0, value.length, draft.zone)
  if (isTimestampProblem(instant)) return describeTimestampProblem(instant, excerpt(value, 0), RFC3339_FORM)
  draft.time.instant = instant
  return null
}

/** nginx's $msec: seconds since the epoch with milliseconds, `1700000000.123`. */
export const epochSecondsDecimal: ValueWriter = (value, draft) => {
  draft.time.instant = decimalSecondsToMs(value)
  return null
}

/** Apache's %{sec}t, %{msec}t and %{usec}t: a whole number of units since the epoch. */
export function epochCount(unitsPerMs: number): ValueWriter {
  return (value, draft) => {
    draft.time.instant = Math.floor(Number(value) / unitsPerMs)
    return null
  }
}

/** Apache's %{msec_frac}t and %{usec_frac}t: the part of the second, in milliseconds. */
export function secondFraction(unitsPerMs: number): ValueWriter {
  return (value, draft) => {
    draft.time.fractionMs = Math.floor(Number(value) / unitsPerMs)
    return null
  }
}

export function strftimeTime(scan: TimeScanner): ValueWriter {
  return (value, draft) => {
    scan(value, 0, draft.time)
    return null
  }
}
