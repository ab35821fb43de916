// Calendar arithmetic on wall-clock fields (proleptic Gregorian, no zone). Parsers validate the dates they
// read here before converting them, so an impossible date like 31 February is rejected instead of being
// silently rolled into March the way Date.UTC would.

const MS_PER_400_YEARS = 12_622_780_800_000
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec'
]

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]
}

/** True when year-month-day is a real calendar date (month 1–12). */
export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/**
 * Month number (1–12) of the English three-letter abbreviation logs write ('Jan') at text[start, start+3),
 * or 0. Compares characters in place: it runs once per line.
 */
export function monthFromAbbreviation(text: string, start: number): number {
  if (start < 0 || start + 3 > text.length) return 0
  for (let index = 0; index < 12; index++) {
    const name = MONTH_ABBREVIATIONS[index]
    if (
      text.charCodeAt(start) === name.charCodeAt(0) &&
      text.charCodeAt(start + 1) === name.charCodeAt(1) &&
      text.charCodeAt(start + 2) === name.charCodeAt(2)
    ) {
      return index + 1
    }
  }
  return 0
}

/**
 * The wall-clock fields read as if they were UTC, in ms since the epoch. Date.UTC maps years 0–99 to
 * 1900–1999, so those are computed one full Gregorian cycle (400 years) later and shifted back.
 */
export function civilToEpochMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number
): number {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms)
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - MS_PER_400_YEARS
}
