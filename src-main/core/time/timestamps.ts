// Timestamp reading shared by the line parsers: RFC 3339 date-times (RFC 5424 syslog, rsyslog's precise
// format) and one wording for why a timestamp was refused, so every rejection reads the same way.

import { civilToEpochMs, isValidCivilDate } from './civil'
import { digitsAt, isDigit } from './digits'
import { parseFixedOffset, zonedWallTimeToUtc } from './zonedTime'

/** Why a timestamp was refused: its shape is wrong, or its shape is right but no such time exists. */
export type TimestampProblem = 'malformed' | 'impossible'

export function isTimestampProblem(value: number | TimestampProblem): value is TimestampProblem {
  return typeof value === 'string'
}

/** The rejection reason for a refused timestamp, quoting it and the form that was expected. */
export function describeTimestampProblem(problem: TimestampProblem, timestamp: string, form: string): string {
  return problem === 'impossible'
    ? `timestamp '${timestamp}' is not a date`
    : `timestamp '${timestamp}' is not in the form ${form}`
}

export function isValidTimeOfDay(hour: number, minute: number, second: number): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60
}

export const RFC3339_FORM = 'yyyy-mm-ddThh:mm:ss[.fff](Z|±hh:mm)'

/**
 * UTC ms of an RFC 3339 date-time in text[start, end). A time without an offset is read in
 * `zoneWithoutOffset` (the declared zone) when one is given and refused as malformed otherwise.
 * Fractions beyond milliseconds are truncated.
 */
export function parseRfc3339(
  text: string,
  start: number,
  end: number,
  zoneWithoutOffset?: string
): number | TimestampProblem {
  if (end - start < 19) return 'malformed'
  const year = digitsAt(text, start, 4)
  const month = digitsAt(text, start + 5, 2)
  const day = digitsAt(text, start + 8, 2)
  const hour = digitsAt(text, start + 11, 2)
  const minute = digitsAt(text, start + 14, 2)
  const second = digitsAt(text, start + 17, 2)
  const separator = text.charCodeAt(start + 10)
  if (
    year < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    text.charCodeAt(start + 4) !== 45 ||
    text.charCodeAt(start + 7) !== 45 ||
    (separator !== 84 && separator !== 116) ||
    text.charCodeAt(start + 13) !== 58 ||
    text.charCodeAt(start + 16) !== 58
  ) {
    return 'malformed'
  }
  let position = start + 19
  let ms = 0
  if (position < end && text.charCodeAt(position) === 46) {
    const fractionStart = ++position
    while (position < end && isDigit(text.charCodeAt(position))) position++
    const fractionDigits = position - fractionStart
    if (fractionDigits === 0 || fractionDigits > 9) return 'malformed'
    ms = fractionToMs(text, fractionStart, fractionDigits)
  }
  if (year < 1 || !isValidCivilDate(year, month, day) || !isValidTimeOfDay(hour, minute, second)) {
    return 'impossible'
  }
  if (position === end) {
    if (zoneWithoutOffset === undefined) return 'malformed'
    return zonedWallTimeToUtc(year, month, day, hour, minute, second, ms, zoneWithoutOffset)
  }
  const offset = parseFixedOffset(text, position, end)
  if (offset === null) return 'malformed'
  return civilToEpochMs(year, month, day, hour, minute, second, ms) - offset
}

/** Milliseconds of the fraction-of-a-second digits at text[start, start + digits), truncated; 0 for none. */
export function fractionToMs(text: string, start: number, digits: number): number {
  if (digits === 0) return 0
  const used = Math.min(digits, 3)
  return digitsAt(text, start, used) * 10 ** (3 - used)
}
