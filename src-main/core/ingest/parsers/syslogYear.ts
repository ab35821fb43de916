// RFC 3164 timestamps have no year. Files are written in time order, so each line takes the year that puts
// it at or just after the previous line: the year advances when the calendar goes backwards (Dec → Jan) and
// stays put for small steps back, which are late-delivered messages, not a new year.

import { civilToEpochMs, isValidCivilDate } from '../../time/civil'

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
