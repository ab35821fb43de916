// Turns wall-clock times read from logs into UTC instants. RFC 3164 syslog lines carry no offset, so their
// times only mean something in the zone the analyst declares. This runs once per line on million-line files,
// so each zone's offsets are cached per wall-clock hour and Intl is consulted only for new hours.

import { CairnError } from '../../common/errors'
import { civilToEpochMs, isValidCivilDate } from './civil'
import { digitsAt } from './digits'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
/** Bounds the per-zone cache (about 11 years of distinct hours); it is rebuilt from scratch when full. */
const MAX_CACHED_HOURS = 100_000

/** How an hour bucket is marked when a DST transition falls inside it and every time needs exact resolution. */
const HOUR_HAS_TRANSITION = Number.NaN

interface Resolution {
  /** UTC offset in ms (wall = utc + offset). */
  offset: number
  /** True when exactly one instant has this wall time (not in a DST fold or gap). */
  unique: boolean
}

/** Offsets of one IANA zone, learnt lazily from Intl and cached by wall-clock hour. */
class ZoneOffsets {
  private readonly formatter: Intl.DateTimeFormat
  private readonly offsetByWallHour = new Map<number, number>()
  private lastWallHour = Number.NaN
  private lastOffset = 0

  constructor(zone: string) {
    this.formatter = createFormatter(zone)
  }

  wallToUtc(wallMs: number): number {
    const wallHour = Math.floor(wallMs / HOUR_MS)
    if (wallHour === this.lastWallHour) return wallMs - this.lastOffset
    let offset = this.offsetByWallHour.get(wallHour)
    if (offset === undefined) {
      offset = this.offsetForWholeHour(wallHour)
      if (this.offsetByWallHour.size >= MAX_CACHED_HOURS) this.offsetByWallHour.clear()
      this.offsetByWallHour.set(wallHour, offset)
    }
    if (Number.isNaN(offset)) return wallMs - this.resolve(wallMs).offset
    this.lastWallHour = wallHour
    this.lastOffset = offset
    return wallMs - offset
  }

  /** The offset shared by every wall time in the hour, or HOUR_HAS_TRANSITION when they do not share one. */
  private offsetForWholeHour(wallHour: number): number {
    const first = this.resolve(wallHour * HOUR_MS)
    const last = this.resolve((wallHour + 1) * HOUR_MS - 1)
    return first.unique && last.unique && first.offset === last.offset ? first.offset : HOUR_HAS_TRANSITION
  }

  /**
   * Resolves a wall time with the rule java.time and Temporal ('compatible') use: in a fold (clocks turned
   * back) the earlier instant wins; in a gap (clocks turned forward) the time is read with the offset in force
   * before the gap, which moves it forward by the gap's length (02:30 on a spring-forward night is 03:30).
   * Assumes at most one transition within a day either side, which holds for every zone in the tz database.
   */
  private resolve(wallMs: number): Resolution {
    const before = this.offsetAt(wallMs - DAY_MS)
    const after = this.offsetAt(wallMs + DAY_MS)
    if (before === after) return { offset: before, unique: true }
    const validBefore = this.offsetAt(wallMs - before) === before
    const validAfter = this.offsetAt(wallMs - after) === after
    if (validBefore && validAfter) return { offset: Math.max(before, after), unique: false }
    if (validBefore) return { offset: before, unique: true }
    if (validAfter) return { offset: after, unique: true }
    return { offset: before, unique: false }
  }

  /** The zone's UTC offset in ms at an instant, to the second (the precision Intl reports). */
  private offsetAt(utcMs: number): number {
    const wholeSecondMs = Math.floor(utcMs / 1000) * 1000
    let year = 0
    let month = 0
    let day = 0
    let hour = 0
    let minute = 0
    let second = 0
    for (const part of this.formatter.formatToParts(wholeSecondMs)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value)
          break
        case 'month':
          month = Number(part.value)
          break
        case 'day':
          day = Number(part.value)
          break
        case 'hour':
          hour = Number(part.value)
          break
        case 'minute':
          minute = Number(part.value)
          break
        case 'second':
          second = Number(part.value)
          break
      }
    }
    return civilToEpochMs(year, month, day, hour, minute, second, 0) - wholeSecondMs
  }
}

function createFormatter(zone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    })
  } catch {
    throw new CairnError(
      'BAD_REQUEST',
      `unknown time zone '${zone}': use an IANA zone name such as 'Europe/Berlin', 'America/New_York' or 'UTC'`
    )
  }
}

const zoneOffsetsByName = new Map<string, ZoneOffsets>()

function zoneOffsets(zone: string): ZoneOffsets {
  let offsets = zoneOffsetsByName.get(zone)
  if (offsets === undefined) {
    offsets = new ZoneOffsets(zone)
    zoneOffsetsByName.set(zone, offsets)
  }
  return offsets
}

/** Throws a BAD_REQUEST CairnError naming the zone unless it is an IANA zone this runtime knows. */
export function assertTimeZone(zone: string): void {
  zoneOffsets(zone)
}

export function isTimeZone(zone: string): boolean {
  try {
    zoneOffsets(zone)
    return true
  } catch {
    return false
  }
}

/**
 * UTC milliseconds of a wall-clock time in an IANA zone. Month is 1-12; second may be 60 (a leap second,
 * read as the next second's first instant). DST folds resolve to the earlier instant and gaps move forward
 * by the gap's length (see ZoneOffsets.resolve). Throws RangeError for out-of-range fields and a BAD_REQUEST
 * CairnError for an unknown zone.
 */
export function zonedWallTimeToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string
): number {
  if (
    !isValidCivilDate(year, month, day) ||
    year < 1 ||
    year > 9999 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    ms < 0 ||
    ms > 999
  ) {
    throw new RangeError(
      `wall time ${year}-${month}-${day} ${hour}:${minute}:${second}.${ms} is not a valid date and time`
    )
  }
  return zoneOffsets(zone).wallToUtc(civilToEpochMs(year, month, day, hour, minute, second, ms))
}

/**
 * A fixed UTC offset in ms east of UTC from 'Z', '±hh', '±hhmm' or '±hh:mm' in text[start, end), or null
 * when the text is none of these. Reads in place so per-line callers need not slice.
 */
export function parseFixedOffset(text: string, start = 0, end = text.length): number | null {
  const length = end - start
  if (length === 1 && (text.charCodeAt(start) === 90 || text.charCodeAt(start) === 122)) return 0
  const sign = text.charCodeAt(start)
  if ((sign !== 43 && sign !== 45) || (length !== 3 && length !== 5 && length !== 6)) return null
  const hours = digitsAt(text, start + 1, 2)
  let minutes = 0
  if (length === 5) minutes = digitsAt(text, start + 3, 2)
  if (length === 6) minutes = text.charCodeAt(start + 3) === 58 ? digitsAt(text, start + 4, 2) : -1
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return null
  const offset = (hours * 60 + minutes) * 60_000
  return sign === 45 ? -offset : offset
}
