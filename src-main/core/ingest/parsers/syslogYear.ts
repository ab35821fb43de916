// RFC 3164 timestamps have no year and no zone. Files are written in time order, so each line takes the year
// that puts it at or just after the previous line: the year advances when the calendar goes backwards (Dec →
// Jan) and stays put for small steps back, which are late-delivered messages, not a new year. The same
// reasoning reads the hour a DST fall-back repeats: a step back into it is the second pass, not the past.

import { civilToEpochMs, isValidCivilDate } from '../../time/civil'
import { zonedWallTimeToUtc } from '../../time/zonedTime'

/** How far a line may fall behind the previous one and still be read as out of order, not as next year. */
export const OUT_OF_ORDER_TOLERANCE_MS = 7 * 86_400_000

export class SyslogYearInference {
  private year: number
  private previousWallMs: number | null = null

  /**
   * `referenceYear` is the year of the file's first line, unless `referenceMonth` (the month the file was last
   * written) says the first line's month is later than that: then the file spans New Year and began the year
   * before.
   */
  constructor(
    referenceYear: number,
    private readonly referenceMonth?: number
  ) {
    this.year = referenceYear
  }

  /** The current year, which is the one a line would be placed in if it fitted there. */
  get currentYear(): number {
    return this.year
  }

  /**
   * The year of a line with this month, day and time, or null when no nearby year has that date (Feb 29
   * with no leap year in reach). Remembers the line as the new "previous line".
   */
  yearOf(
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms: number
  ): number | null {
    const previous = this.previousWallMs
    let chosenYear: number | null = null
    let chosenWallMs = 0
    if (previous === null) {
      if (this.referenceMonth !== undefined && month > this.referenceMonth) this.year -= 1
      if (isValidCivilDate(this.year, month, day)) {
        chosenYear = this.year
        chosenWallMs = civilToEpochMs(this.year, month, day, hour, minute, second, ms)
      }
    } else {
      for (let year = this.year - 1; year <= this.year + 1; year++) {
        if (!isValidCivilDate(year, month, day)) continue
        const wallMs = civilToEpochMs(year, month, day, hour, minute, second, ms)
        chosenYear = year
        chosenWallMs = wallMs
        if (wallMs >= previous - OUT_OF_ORDER_TOLERANCE_MS) break
      }
    }
    if (chosenYear === null) return null
    this.year = chosenYear
    this.previousWallMs = chosenWallMs
    return chosenYear
  }
}

const DAY_MS = 86_400_000
/** zonedWallTimeToUtc reads years up to 9999; the overlap check looks a day ahead, so it stops short of that. */
const LAST_CHECKED_WALL_MS = Date.UTC(9999, 11, 30)

/**
 * Wall times of one file in its declared zone, in file order. A wall time in a spring-forward gap does not
 * exist and reads as the gap's length later (zonedWallTimeToUtc's rule). A wall time in a fall-back overlap
 * happened twice and reads as the first occurrence, unless that would put the line before the previous one:
 * a log that steps back in wall time inside the repeated hour has moved on to its second pass, so the line
 * takes the later occurrence and the file's order stays monotonic.
 */
export class SyslogClock {
  private previousUtc = Number.NEGATIVE_INFINITY

  constructor(private readonly zone: string) {}

  toUtc(
    year: number,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    ms: number
  ): number {
    let utc = zonedWallTimeToUtc(year, month, day, hour, minute, second, ms, this.zone)
    if (utc < this.previousUtc) {
      const wallMs = civilToEpochMs(year, month, day, hour, minute, second, ms)
      utc = this.secondOccurrence(wallMs, utc) ?? utc
    }
    this.previousUtc = utc
    return utc
  }

  /**
   * The later instant of a wall time read at its earlier one (`firstUtc`), or null when the wall time is not
   * in a fall-back overlap. The overlap lasts `repeat` = offset before − offset after; a wall time W is inside
   * it exactly when W + repeat reads 2 × repeat after W's first instant (W + repeat is past the overlap),
   * rather than 1 × (W is before the overlap).
   */
  private secondOccurrence(wallMs: number, firstUtc: number): number | null {
    if (wallMs > LAST_CHECKED_WALL_MS) return null
    const offsetBefore = wallMs - firstUtc
    const offsetAfter = wallMs + DAY_MS - this.wallMsToUtc(wallMs + DAY_MS)
    const repeat = offsetBefore - offsetAfter
    if (repeat <= 0) return null
    return this.wallMsToUtc(wallMs + repeat) - firstUtc === 2 * repeat ? wallMs - offsetAfter : null
  }

  private wallMsToUtc(wallMs: number): number {
    const wall = new Date(wallMs)
    return zonedWallTimeToUtc(
      wall.getUTCFullYear(),
      wall.getUTCMonth() + 1,
      wall.getUTCDate(),
      wall.getUTCHours(),
      wall.getUTCMinutes(),
      wall.getUTCSeconds(),
      wall.getUTCMilliseconds(),
      this.zone
    )
  }
}
