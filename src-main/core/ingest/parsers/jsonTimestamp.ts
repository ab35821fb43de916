// Finds the time of a JSON document whose schema nobody declared: which field holds it (@timestamp, ts,
// TimeCreated, event.created …) and how it is written (RFC 3339, '2026-03-14 09:12:01,123', epoch seconds
// to nanoseconds, .NET's /Date(ms)/). The field is chosen once per file, from its first dated document.

import { civilToEpochMs, isValidCivilDate, monthFromAbbreviation } from '../../time/civil'
import { digitsAt, isDigit } from '../../time/digits'
import { fractionToMs, isValidTimeOfDay } from '../../time/timestamps'
import { parseFixedOffset, zonedWallTimeToUtc } from '../../time/zonedTime'
import { excerpt } from './results'

/**
 * Names of fields that hold an event's time, most likely first, compared case-insensitively with a whole
 * dotted key and then with its last part (so Event.System.TimeCreated.SystemTime is found as systemtime).
 */
export const TIMESTAMP_FIELD_NAMES = [
  '@timestamp',
  'timestamp',
  'time',
  'ts',
  'datetime',
  'date',
  'eventtime',
  'timecreated',
  'systemtime',
  'timegenerated',
  'event.created',
  'created_at',
  'createdat',
  '_time',
  'utctime',
  'logtime',
  'log_time',
  'time_local',
  'event.start',
  'start_time',
  'starttime',
  'when'
] as const

const FIELD_RANK = new Map<string, number>(TIMESTAMP_FIELD_NAMES.map((name, index) => [name, index]))

/** Epoch times outside 1973-03-03 … 2286-11-20 are taken for counters or durations, not times. */
const MIN_EPOCH_MS = 1e11
const MAX_EPOCH_MS = 1e13

const SPACE = 32
const COMMA = 44
const DASH = 45
const DOT = 46
const SLASH = 47
const COLON = 58

/**
 * UTC ms of a timestamp value, or null when it is not one. Numbers (and strings of digits) are epoch
 * times whose unit follows from their size: seconds, milliseconds, microseconds or nanoseconds. A date-time
 * without a zone is read in `timeZone`, or refused when no zone is given.
 */
export function parseTimestampValue(value: unknown, timeZone: string | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? epochToMs(value) : null
  if (typeof value !== 'string') return null
  let start = 0
  let end = value.length
  while (start < end && value.charCodeAt(start) === SPACE) start++
  while (end > start && value.charCodeAt(end - 1) === SPACE) end--
  if (end - start < 6) return null
  const first = value.charCodeAt(start)
  if (isDigit(first)) {
    if (isDecimal(value, start, end)) return epochToMs(Number(value.slice(start, end)))
    const separator = value.charCodeAt(start + 4)
    if (separator === DASH || separator === SLASH) return parseIsoLike(value, start, end, timeZone)
    if (value.charCodeAt(start + 2) === SLASH) return parseCommonLogTime(value.slice(start, end))
    return null
  }
  if (first === SLASH) return parseDotNetDate(value.slice(start, end))
  return parseRfc1123(value.slice(start, end))
}

function epochToMs(value: number): number | null {
  const magnitude = Math.abs(value)
  const ms =
    magnitude < 1e11 ? value * 1000 : magnitude < 1e14 ? value : magnitude < 1e17 ? value / 1e3 : value / 1e6
  return ms >= MIN_EPOCH_MS && ms < MAX_EPOCH_MS ? Math.floor(ms) : null
}

/** Digits with at most one decimal point. */
function isDecimal(text: string, start: number, end: number): boolean {
  let dots = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code === DOT) {
      if (++dots > 1 || i === start || i === end - 1) return false
    } else if (!isDigit(code)) return false
  }
  return true
}

/**
 * `yyyy-mm-dd[T ]hh:mm[:ss][.fff|,fff][ ][Z|UTC|GMT|±hh[:]mm]` (also with slashes in the date): RFC 3339
 * and the forms log4j, Python logging and most databases write. A bare date is not an event time.
 */
function parseIsoLike(text: string, start: number, end: number, timeZone: string | undefined): number | null {
  const separator = text.charCodeAt(start + 4)
  const year = digitsAt(text, start, 4)
  const month = digitsAt(text, start + 5, 2)
  const day = digitsAt(text, start + 8, 2)
  const between = text.charCodeAt(start + 10)
  const hour = digitsAt(text, start + 11, 2)
  const minute = digitsAt(text, start + 14, 2)
  if (
    year < 1 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    text.charCodeAt(start + 7) !== separator ||
    (between !== 84 && between !== 116 && between !== SPACE) ||
    text.charCodeAt(start + 13) !== COLON
  ) {
    return null
  }
  let position = start + 16
  let second = 0
  if (text.charCodeAt(position) === COLON) {
    second = digitsAt(text, position + 1, 2)
    if (second < 0) return null
    position += 3
  }
  let ms = 0
  const mark = text.charCodeAt(position)
  if (position < end && (mark === DOT || mark === COMMA)) {
    const fractionStart = ++position
    while (position < end && isDigit(text.charCodeAt(position))) position++
    const digits = position - fractionStart
    if (digits === 0 || digits > 9) return null
    ms = fractionToMs(text, fractionStart, digits)
  }
  if (!isValidCivilDate(year, month, day) || !isValidTimeOfDay(hour, minute, second)) return null
  while (position < end && text.charCodeAt(position) === SPACE) position++
  if (position === end) {
    if (timeZone === undefined) return null
    return zonedWallTimeToUtc(year, month, day, hour, minute, second, ms, timeZone)
  }
  const zone = text.slice(position, end)
  const offset = zone === 'UTC' || zone === 'GMT' ? 0 : parseFixedOffset(text, position, end)
  if (offset === null) return null
  return civilToEpochMs(year, month, day, hour, minute, second, ms) - offset
}

/** .NET's JSON date, `/Date(1700000000000)/` or `/Date(1700000000000+0100)/`: the number is UTC ms. */
function parseDotNetDate(text: string): number | null {
  const match = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/.exec(text)
  return match === null ? null : Number(match[1])
}

/** The access-log form `10/Oct/2000:13:55:36 -0700`. */
function parseCommonLogTime(text: string): number | null {
  if (text.length !== 26 || text.charCodeAt(11) !== COLON || text.charCodeAt(20) !== SPACE) return null
  const day = digitsAt(text, 0, 2)
  const month = monthFromAbbreviation(text, 3)
  const year = digitsAt(text, 7, 4)
  const hour = digitsAt(text, 12, 2)
  const minute = digitsAt(text, 15, 2)
  const second = digitsAt(text, 18, 2)
  const offset = parseFixedOffset(text, 21, 26)
  if (month === 0 || year < 1 || offset === null || !isValidCivilDate(year, month, day)) return null
  if (!isValidTimeOfDay(hour, minute, second)) return null
  return civilToEpochMs(year, month, day, hour, minute, second, 0) - offset
}

const RFC1123 =
  /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|Z|[+-]\d{4})$/

/** The mail and HTTP form `Sat, 14 Mar 2026 09:12:01 GMT` (a zone is required). */
function parseRfc1123(text: string): number | null {
  const match = RFC1123.exec(text)
  if (match === null) return null
  const [, day, monthName, year, hour, minute, second, zone] = match
  const month = monthFromAbbreviation(monthName, 0)
  const offset = zone === 'GMT' || zone === 'UTC' ? 0 : parseFixedOffset(zone)
  const values = [Number(year), month, Number(day), Number(hour), Number(minute), Number(second)] as const
  if (month === 0 || offset === null || !isValidCivilDate(values[0], month, values[2])) return null
  if (!isValidTimeOfDay(values[3], values[4], values[5])) return null
  return civilToEpochMs(values[0], month, values[2], values[3], values[4], values[5], 0) - offset
}

/**
 * Where a key ranks as a timestamp field (lower is likelier), or -1. A whole-key match ranks before a
 * match on the key's last part, so `time` beats `http.time` and `event.created` is found as such.
 */
export function timestampFieldRank(key: string): number {
  const lower = key.toLowerCase()
  const whole = FIELD_RANK.get(lower)
  if (whole !== undefined) return whole * 2
  const dot = lower.lastIndexOf('.')
  if (dot === -1) return -1
  const last = FIELD_RANK.get(lower.slice(dot + 1))
  return last === undefined ? -1 : last * 2 + 1
}

export type TimestampRead = { timestamp: number; field: string } | { problem: string }

/**
 * Reads the timestamps of one file's flattened documents (dotted key → value). The first document with a
 * usable timestamp fixes the field for the file; a document without a usable value there falls back to
 * the best candidate it has, without changing the choice.
 */
export class JsonTimestampReader {
  private chosen: string | null = null

  constructor(private readonly timeZone: string) {}

  get field(): string | null {
    return this.chosen
  }

  read(document: ReadonlyMap<string, unknown>): TimestampRead {
    if (this.chosen !== null) {
      const timestamp = parseTimestampValue(document.get(this.chosen), this.timeZone)
      if (timestamp !== null) return { timestamp, field: this.chosen }
    }
    const found = findTimestamp(document, this.timeZone)
    if ('timestamp' in found && this.chosen === null) this.chosen = found.field
    return found
  }
}

/** The best-ranked candidate field with a usable value, or why there is none. */
export function findTimestamp(document: ReadonlyMap<string, unknown>, timeZone: string): TimestampRead {
  const candidates: { key: string; rank: number; depth: number }[] = []
  for (const key of document.keys()) {
    const rank = timestampFieldRank(key)
    if (rank !== -1) candidates.push({ key, rank, depth: key.split('.').length })
  }
  if (candidates.length === 0) {
    return {
      problem: `no timestamp: the document has none of the fields ${TIMESTAMP_FIELD_NAMES.slice(0, 8).join(', ')} …`
    }
  }
  candidates.sort((a, b) => a.rank - b.rank || a.depth - b.depth)
  for (const { key } of candidates) {
    const timestamp = parseTimestampValue(document.get(key), timeZone)
    if (timestamp !== null) return { timestamp, field: key }
  }
  const best = candidates[0].key
  const value = JSON.stringify(document.get(best)) ?? 'nothing'
  return {
    problem: `no usable timestamp: '${best}' holds ${excerpt(value, 0)}, which is not a date-time or an epoch time`
  }
}
