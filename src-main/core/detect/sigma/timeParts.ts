// The Sigma time modifiers (`minute` … `year`) take one number out of a date value. The specification does
// no zone conversion, so Cairn reads the parts in UTC, the zone every stored timestamp is in.

import type { FieldValue } from './eventView'
import type { TimePart } from './valueModifiers'

/** Milliseconds below this are taken as seconds since the epoch (a 10-digit Unix time). */
const SECONDS_LIMIT = 1e11

export function timePartOf(value: Exclude<FieldValue, undefined>, part: TimePart): number {
  const millis =
    typeof value === 'number' ? (value < SECONDS_LIMIT ? value * 1000 : value) : Date.parse(value)
  if (!Number.isFinite(millis)) return Number.NaN
  const date = new Date(millis)
  switch (part) {
    case 'minute':
      return date.getUTCMinutes()
    case 'hour':
      return date.getUTCHours()
    case 'day':
      return date.getUTCDate()
    case 'month':
      return date.getUTCMonth() + 1
    case 'year':
      return date.getUTCFullYear()
    case 'week':
      return isoWeek(date)
  }
}

/** ISO 8601 week number: weeks start on Monday and week 1 holds the year's first Thursday. */
function isoWeek(date: Date): number {
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()))
  thursday.setUTCDate(thursday.getUTCDate() + 3 - ((thursday.getUTCDay() + 6) % 7))
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1)
  return 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000))
}
