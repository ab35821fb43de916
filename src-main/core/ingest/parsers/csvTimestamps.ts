// Reads the times CSV/TSV exports write: ISO 8601, 'yyyy-mm-dd hh:mm:ss', US and European numeric dates,
// month names with or without a year (syslog, ctime), compact 'yymmdd hhmmss' and epoch seconds or ms. One
// reader serves one file: the day/month order (learnt from its first rows) and the year of yearless dates
// carry from row to row. It scans characters in place, since it runs once per row on large exports.

import type { WallClock } from '../../../common/timeFormat'
import { civilToEpochMs, isValidCivilDate } from '../../time/civil'
import { isDigit } from '../../time/digits'
import { fractionToMs, isValidTimeOfDay, type TimestampProblem } from '../../time/timestamps'
import { parseFixedOffset } from '../../time/zonedTime'
import { SyslogClock, SyslogYearInference } from './syslogYear'

/** How a numeric date with a one- or two-digit first part is read: 03/04 is 4 March or 3 April. */
export type DateOrder = 'month-first' | 'day-first'

/** The forms the reader accepts, for rejection reasons. */
export const CSV_TIMESTAMP_FORMS =
  'ISO 8601, yyyy-mm-dd hh:mm:ss, mm/dd/yyyy hh:mm:ss [AM|PM], dd.mm.yyyy hh:mm:ss, Mon dd [yyyy] hh:mm:ss, epoch seconds or ms'

export interface CsvTimestampSettings {
  /** IANA zone for times that carry no offset. */
  timeZone: string
  dateOrder: DateOrder
  /** Year of the first yearless date (see SyslogYearInference). */
  referenceYear: number
  referenceMonth?: number
}

const SPACE = 32
const PLUS = 43
const COMMA = 44
const DASH = 45
const DOT = 46
const SLASH = 47
const COLON = 58

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december'
  ].flatMap((name, index) => [
    [name, index + 1],
    [name.slice(0, 3), index + 1]
  ])
)
const WEEKDAYS: ReadonlySet<string> = new Set(
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].flatMap((name) => [
    name,
    name.slice(0, 3)
  ])
)

/** The fields of one timestamp as read; year 0 means the text gave none. */
interface WallTime extends WallClock {
  ms: number
  /** Offset east of UTC in ms, or null when the text names no zone. */
  offset: number | null
}

/** Reads one file's timestamps; yearless dates and zone-less times depend on the rows before, so never share. */
export class CsvTimestampReader {
  private readonly years: SyslogYearInference
  private readonly clock: SyslogClock
  private readonly dateOrder: DateOrder
  /** Reused for every row, so reading a time allocates next to nothing. */
  private readonly wall: WallTime = {
    year: 0,
    month: 0,
    day: 0,
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    offset: null
  }
  private text = ''
  private position = 0
  private end = 0

  constructor(settings: CsvTimestampSettings) {
    this.years = new SyslogYearInference(settings.referenceYear, settings.referenceMonth)
    this.clock = new SyslogClock(settings.timeZone)
    this.dateOrder = settings.dateOrder
  }

  /** UTC ms of the timestamp in `text` (surrounding spaces ignored), or why it cannot be read. */
  read(text: string): number | TimestampProblem {
    // Trimmed by slicing, so no look-ahead past the end can meet a trailing space.
    const padded = text.charCodeAt(0) === SPACE || text.charCodeAt(text.length - 1) === SPACE
    this.text = padded ? text.trim() : text
    this.position = 0
    this.end = this.text.length
    if (this.end === 0) return 'malformed'
    const wall = this.wall
    wall.year = 0
    wall.hour = wall.minute = wall.second = wall.ms = 0
    wall.offset = null
    if (isDigit(this.text.charCodeAt(0))) {
      const epoch = this.readEpoch()
      if (epoch !== null) return epoch
      if (!this.readNumericDate()) return 'malformed'
    } else if (!this.readNamedDate()) {
      return 'malformed'
    }
    return this.toUtc(wall)
  }

  private toUtc(wall: WallTime): number | TimestampProblem {
    if (!isValidTimeOfDay(wall.hour, wall.minute, wall.second)) return 'impossible'
    if (wall.year === 0) {
      const year = this.years.yearOf(wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms)
      if (year === null) return 'impossible'
      wall.year = year
    }
    if (wall.year < 1 || wall.year > 9999 || !isValidCivilDate(wall.year, wall.month, wall.day)) {
      return 'impossible'
    }
    if (wall.offset === null) {
      return this.clock.toUtc(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms)
    }
    return (
      civilToEpochMs(wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second, wall.ms) -
      wall.offset
    )
  }

  /** Epoch seconds (9–10 digits, optional fraction) or milliseconds (12–13 digits), or null for neither. */
  private readEpoch(): number | null {
    const text = this.text
    const digitsEnd = this.digitRunEnd(this.position)
    const digits = digitsEnd - this.position
    if (digitsEnd === this.end && digits >= 12 && digits <= 13)
      return Number(text.slice(this.position, this.end))
    if (digits < 9 || digits > 10) return null
    if (digitsEnd === this.end) return Number(text.slice(this.position, this.end)) * 1000
    if (text.charCodeAt(digitsEnd) !== DOT) return null
    const fractionEnd = this.digitRunEnd(digitsEnd + 1)
    if (fractionEnd !== this.end || fractionEnd === digitsEnd + 1) return null
    const seconds = Number(text.slice(this.position, digitsEnd))
    return seconds * 1000 + fractionToMs(text, digitsEnd + 1, fractionEnd - digitsEnd - 1)
  }

  /**
   * yyyy-mm-dd (or / or .) with an optional time; d/m/yyyy in the file's order, with or without the year
   * (then a time must follow); compact yyyymmdd or yymmdd followed by a time.
   */
  private readNumericDate(): boolean {
    const text = this.text
    const wall = this.wall
    const start = this.position
    const firstEnd = this.digitRunEnd(start)
    const firstLength = firstEnd - start
    const separator = text.charCodeAt(firstEnd)
    if ((firstLength === 6 || firstLength === 8) && separator === SPACE) {
      const century = firstLength === 6 ? 2000 : 0
      wall.year = century + this.numberAt(start, firstLength - 4)
      wall.month = this.numberAt(firstEnd - 4, 2)
      wall.day = this.numberAt(firstEnd - 2, 2)
      this.position = firstEnd + 1
      return this.readCompactOrColonTime() && this.readZone()
    }
    if (separator !== DASH && separator !== SLASH && separator !== DOT) return false
    const secondEnd = this.digitRunEnd(firstEnd + 1)
    const secondLength = secondEnd - firstEnd - 1
    if (secondLength < 1 || secondLength > 2) return false
    const second = this.numberAt(firstEnd + 1, secondLength)
    if (firstLength === 4) {
      if (text.charCodeAt(secondEnd) !== separator) return false
      const dayEnd = this.digitRunEnd(secondEnd + 1)
      if (dayEnd - secondEnd - 1 < 1 || dayEnd - secondEnd - 1 > 2) return false
      wall.year = this.numberAt(start, 4)
      wall.month = second
      wall.day = this.numberAt(secondEnd + 1, dayEnd - secondEnd - 1)
      this.position = dayEnd
      return this.readOptionalTime(true)
    }
    if (firstLength > 2) return false
    const first = this.numberAt(start, firstLength)
    wall.month = this.dateOrder === 'month-first' ? first : second
    wall.day = this.dateOrder === 'month-first' ? second : first
    this.position = secondEnd
    if (text.charCodeAt(secondEnd) === separator) {
      const yearEnd = this.digitRunEnd(secondEnd + 1)
      if (yearEnd - secondEnd - 1 !== 4) return false
      wall.year = this.numberAt(secondEnd + 1, 4)
      this.position = yearEnd
      return this.readOptionalTime(false)
    }
    // A date without a year says nothing without its time (Proxifier's '10.30 16:49:06').
    return text.charCodeAt(secondEnd) === SPACE && this.readOptionalTime(false)
  }

  /** [Weekday[,]] Month d[d][,] ( yyyy time | time [AM|PM] [zone] [yyyy] ). */
  private readNamedDate(): boolean {
    const wall = this.wall
    let word = this.readWord()
    if (WEEKDAYS.has(word)) {
      if (this.text.charCodeAt(this.position) === COMMA) this.position++
      if (!this.skipSpaces()) return false
      word = this.readWord()
    }
    const month = MONTH_BY_NAME.get(word)
    if (month === undefined || !this.skipSpaces()) return false
    wall.month = month
    const dayEnd = this.digitRunEnd(this.position)
    if (dayEnd - this.position < 1 || dayEnd - this.position > 2) return false
    wall.day = this.numberAt(this.position, dayEnd - this.position)
    this.position = dayEnd
    if (this.text.charCodeAt(this.position) === COMMA) this.position++
    if (!this.skipSpaces()) return false
    const yearEnd = this.digitRunEnd(this.position)
    if (yearEnd - this.position === 4 && this.text.charCodeAt(yearEnd) === SPACE) {
      wall.year = this.numberAt(this.position, 4)
      this.position = yearEnd + 1
      return this.readClockTime() && this.readMeridiem() && this.readZone()
    }
    if (!this.readClockTime() || !this.readMeridiem() || !this.readZoneThenYear()) return false
    return this.position === this.end
  }

  /**
   * After a date: the end, or 'T'/space and a time with optional AM/PM and zone. A date alone (midnight) is
   * accepted only for year-first dates, the unambiguous ISO form.
   */
  private readOptionalTime(dateAloneAllowed: boolean): boolean {
    if (this.position === this.end) return dateAloneAllowed
    const separator = this.text.charCodeAt(this.position)
    if (separator !== SPACE && separator !== 84 && separator !== 116) return false
    this.position++
    if (separator === SPACE) this.skipSpaces()
    return this.readClockTime() && this.readMeridiem() && this.readZone()
  }

  /** h[h]:mm[:ss[(.|,)fraction]] into the wall time. */
  private readClockTime(): boolean {
    const text = this.text
    const wall = this.wall
    const hourEnd = this.digitRunEnd(this.position)
    if (hourEnd - this.position < 1 || hourEnd - this.position > 2 || text.charCodeAt(hourEnd) !== COLON) {
      return false
    }
    wall.hour = this.numberAt(this.position, hourEnd - this.position)
    if (this.digitRunEnd(hourEnd + 1) !== hourEnd + 3) return false
    wall.minute = this.numberAt(hourEnd + 1, 2)
    this.position = hourEnd + 3
    if (text.charCodeAt(this.position) !== COLON) return true
    if (this.digitRunEnd(this.position + 1) !== this.position + 3) return false
    wall.second = this.numberAt(this.position + 1, 2)
    this.position += 3
    const mark = text.charCodeAt(this.position)
    if (mark === DOT || mark === COMMA) {
      const fractionEnd = this.digitRunEnd(this.position + 1)
      const digits = fractionEnd - this.position - 1
      if (digits < 1 || digits > 9) return false
      wall.ms = fractionToMs(text, this.position + 1, digits)
      this.position = fractionEnd
    }
    return true
  }

  /** Compact hhmmss, or a colon-separated time, after a compact date. */
  private readCompactOrColonTime(): boolean {
    const digitsEnd = this.digitRunEnd(this.position)
    if (
      digitsEnd - this.position !== 6 ||
      (digitsEnd < this.end && this.text.charCodeAt(digitsEnd) !== SPACE)
    ) {
      return this.readClockTime()
    }
    this.wall.hour = this.numberAt(this.position, 2)
    this.wall.minute = this.numberAt(this.position + 2, 2)
    this.wall.second = this.numberAt(this.position + 4, 2)
    this.position = digitsEnd
    return true
  }

  /** An optional ' AM'/' PM' (any case) turning a 12-hour clock into 24 hours. */
  private readMeridiem(): boolean {
    let cursor = this.position
    while (cursor < this.end && this.text.charCodeAt(cursor) === SPACE) cursor++
    if (cursor + 2 > this.end) return true
    const letter = this.text.charCodeAt(cursor) | 0x20
    if ((letter !== 97 && letter !== 112) || (this.text.charCodeAt(cursor + 1) | 0x20) !== 109) return true
    if (cursor + 2 < this.end && this.text.charCodeAt(cursor + 2) !== SPACE) return true
    const hour = this.wall.hour
    if (hour < 1 || hour > 12) return false
    this.wall.hour = letter === 112 ? (hour % 12) + 12 : hour % 12
    this.position = cursor + 2
    return true
  }

  /** The rest of the text as an optional zone: Z, ±hh[:mm], ±hhmm, UTC or GMT (a space before is allowed). */
  private readZone(): boolean {
    let cursor = this.position
    while (cursor < this.end && this.text.charCodeAt(cursor) === SPACE) cursor++
    if (cursor === this.end) return true
    if (this.isUtcWord(cursor, this.end)) {
      this.wall.offset = 0
    } else {
      const offset = parseFixedOffset(this.text, cursor, this.end)
      if (offset === null) return false
      this.wall.offset = offset
    }
    this.position = this.end
    return true
  }

  /** After a named-month time: an optional zone (word or offset), then an optional year (ctime, Java). */
  private readZoneThenYear(): boolean {
    if (!this.skipSpaces()) return this.position === this.end
    const tokenEnd = this.indexOfSpace(this.position)
    const sign = this.text.charCodeAt(this.position)
    if (this.isUtcWord(this.position, tokenEnd) || sign === PLUS || sign === DASH) {
      const offset = this.isUtcWord(this.position, tokenEnd)
        ? 0
        : parseFixedOffset(this.text, this.position, tokenEnd)
      if (offset === null) return false
      this.wall.offset = offset
      this.position = tokenEnd
      if (this.position === this.end) return true
      if (!this.skipSpaces()) return false
    }
    if (this.digitRunEnd(this.position) !== this.position + 4) return false
    this.wall.year = this.numberAt(this.position, 4)
    this.position += 4
    return true
  }

  private isUtcWord(start: number, end: number): boolean {
    if (end - start === 1) return (this.text.charCodeAt(start) | 0x20) === 122
    if (end - start !== 3) return false
    const word = this.text.slice(start, end).toUpperCase()
    return word === 'UTC' || word === 'GMT'
  }

  /** Lower-cased letters from the cursor, which moves past them. */
  private readWord(): string {
    const start = this.position
    while (this.position < this.end && isLetter(this.text.charCodeAt(this.position))) this.position++
    return this.text.slice(start, this.position).toLowerCase()
  }

  /** Moves past one or more spaces; false when there were none. */
  private skipSpaces(): boolean {
    const start = this.position
    while (this.position < this.end && this.text.charCodeAt(this.position) === SPACE) this.position++
    return this.position > start
  }

  private indexOfSpace(from: number): number {
    const space = this.text.indexOf(' ', from)
    return space === -1 ? this.end : space
  }

  private digitRunEnd(from: number): number {
    let cursor = from
    while (cursor < this.end && isDigit(this.text.charCodeAt(cursor))) cursor++
    return cursor
  }

  private numberAt(start: number, count: number): number {
    let value = 0
    for (let index = start; index < start + count; index++)
      value = value * 10 + this.text.charCodeAt(index) - 48
    return value
  }
}

/**
 * The day/month order of a column's numeric dates, from its values: a first part above 12 can only be a day,
 * a second part above 12 only a day too. Without such a value, slashes read month-first (US exports) and
 * dots or dashes day-first (European exports).
 */
export function inferDateOrder(values: Iterable<string>): DateOrder {
  let fallback: DateOrder = 'month-first'
  let sawAmbiguous = false
  for (const value of values) {
    const text = value.trimStart()
    let firstEnd = 0
    while (firstEnd < text.length && isDigit(text.charCodeAt(firstEnd))) firstEnd++
    if (firstEnd < 1 || firstEnd > 2) continue
    const separator = text.charCodeAt(firstEnd)
    if (separator !== SLASH && separator !== DOT && separator !== DASH) continue
    let secondEnd = firstEnd + 1
    while (secondEnd < text.length && isDigit(text.charCodeAt(secondEnd))) secondEnd++
    if (secondEnd - firstEnd - 1 < 1 || secondEnd - firstEnd - 1 > 2) continue
    const first = Number(text.slice(0, firstEnd))
    const second = Number(text.slice(firstEnd + 1, secondEnd))
    if (first > 12 && second <= 12) return 'day-first'
    if (second > 12 && first <= 12) return 'month-first'
    if (!sawAmbiguous) {
      sawAmbiguous = true
      fallback = separator === SLASH ? 'month-first' : 'day-first'
    }
  }
  return fallback
}

function isLetter(code: number): boolean {
  const lower = code | 0x20
  return lower >= 97 && lower <= 122
}
