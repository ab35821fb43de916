// Times in custom web access log patterns: Apache's %{strftime}t (and its sec/msec/usec forms), nginx's
// $msec and $time_iso8601. A pattern may spread one time over several directives (`%{%F %T}t.%{msec_frac}t`),
// so each directive fills in parts of a TimeParts and the event's instant is settled once the line is read.

import { CairnError } from '../../../common/errors'
import { civilToEpochMs, isValidCivilDate, monthFromAbbreviation } from '../../time/civil'
import { digitsAt } from '../../time/digits'
import { isValidTimeOfDay, type TimestampProblem } from '../../time/timestamps'
import { parseFixedOffset, zonedWallTimeToUtc } from '../../time/zonedTime'

/** The pieces of one line's time, NaN until a directive supplies them. */
export class TimeParts {
  /** A complete instant (ms since the epoch, UTC) from %t, $time_local, $msec and the like. */
  instant = Number.NaN
  /** Milliseconds within the second, from %{msec_frac}t or %{usec_frac}t. */
  fractionMs = Number.NaN
  year = Number.NaN
  month = Number.NaN
  day = Number.NaN
  hour = Number.NaN
  minute = Number.NaN
  second = Number.NaN
  /** Hour on a 12-hour clock (%I), combined with `afternoon` (%p). */
  hour12 = Number.NaN
  afternoon = false
  /** UTC offset in ms (%z); without one the wall time is read in the declared zone. */
  offsetMs = Number.NaN

  reset(): void {
    this.instant = Number.NaN
    this.fractionMs = Number.NaN
    this.year = Number.NaN
    this.month = Number.NaN
    this.day = Number.NaN
    this.hour = Number.NaN
    this.minute = Number.NaN
    this.second = Number.NaN
    this.hour12 = Number.NaN
    this.afternoon = false
    this.offsetMs = Number.NaN
  }

  /** The instant these parts name; a wall time without %z is read in `zone`. */
  resolve(zone: string): number | TimestampProblem {
    const fraction = Number.isNaN(this.fractionMs) ? 0 : this.fractionMs
    if (!Number.isNaN(this.instant)) {
      const instant = this.instant + fraction
      return Math.abs(instant) <= LATEST_DATE_MS ? instant : 'impossible'
    }
    if (Number.isNaN(this.year) || Number.isNaN(this.month) || Number.isNaN(this.day)) return 'malformed'
    const hour = this.hourOfDay()
    const minute = Number.isNaN(this.minute) ? 0 : this.minute
    const second = Number.isNaN(this.second) ? 0 : this.second
    if (
      this.year < 1 ||
      this.year > 9999 ||
      !isValidCivilDate(this.year, this.month, this.day) ||
      !isValidTimeOfDay(hour, minute, second)
    ) {
      return 'impossible'
    }
    if (!Number.isNaN(this.offsetMs)) {
      return civilToEpochMs(this.year, this.month, this.day, hour, minute, second, fraction) - this.offsetMs
    }
    return zonedWallTimeToUtc(this.year, this.month, this.day, hour, minute, second, fraction, zone)
  }

  /** The hour on a 24-hour clock: %H, or %I with %p (12 AM is midnight); -1 for a 12-hour clock past 12. */
  private hourOfDay(): number {
    if (Number.isNaN(this.hour12)) return Number.isNaN(this.hour) ? 0 : this.hour
    if (this.hour12 < 1 || this.hour12 > 12) return -1
    return (this.hour12 % 12) + (this.afternoon ? 12 : 0)
  }
}

/** The largest instant a JavaScript Date holds (±100,000,000 days around the epoch), in ms. */
const LATEST_DATE_MS = 8_640_000_000_000_000

/** Reads one strftime-formatted time starting at `start`: the index after it, or -1 if the text does not fit. */
export type TimeScanner = (line: string, start: number, parts: TimeParts | null) => number

export interface CompiledTimeFormat {
  scan: TimeScanner
  /** True when the format names a whole day (year, month and day, or seconds since the epoch). */
  givesDate: boolean
}

type Step = (line: string, position: number, parts: TimeParts | null) => number

/**
 * Compiles a strftime(3) format as Apache writes it with %{format}t. Names of days are read and ignored;
 * %Z (a zone abbreviation such as CEST) is refused because it does not determine an offset.
 */
export function compileStrftime(format: string, label: string): CompiledTimeFormat {
  const spelt = format.replace(/%([TFDRh%])/g, (_match, shorthand: string) => SHORTHANDS[shorthand])
  const steps: Step[] = []
  const covered = new Set<string>()
  for (let i = 0; i < spelt.length; i++) {
    if (spelt[i] !== '%') {
      steps.push(literalStep(spelt.charCodeAt(i)))
      continue
    }
    const conversion = spelt[++i]
    if (conversion === '%') {
      steps.push(literalStep(37))
      continue
    }
    const definition = conversion === undefined ? undefined : CONVERSIONS[conversion]
    if (definition === undefined) throw new CairnError('BAD_REQUEST', unreadableConversion(conversion, label))
    steps.push(definition.step)
    for (const part of definition.covers) covered.add(part)
  }
  const scan: TimeScanner = (line, start, parts) => {
    let position = start
    for (let i = 0; i < steps.length && position >= 0; i++) position = steps[i](line, position, parts)
    return position
  }
  const givesDate =
    covered.has('epoch') || (covered.has('year') && covered.has('month') && covered.has('day'))
  return { scan, givesDate }
}

function unreadableConversion(conversion: string | undefined, label: string): string {
  if (conversion === undefined) return `${label}: the time format ends with a lone '%'`
  if (conversion === 'Z') {
    return `${label}: %Z (a zone name such as CEST) does not give a UTC offset; log the time with %z instead`
  }
  return `${label}: '%${conversion}' is not a strftime conversion Cairn reads (use %Y %m %d %H %M %S %z %b %T and the like)`
}

/** Shorthand conversions, spelt out ('%%' stays a literal percent sign). */
const SHORTHANDS: Record<string, string> = {
  T: '%H:%M:%S',
  F: '%Y-%m-%d',
  D: '%m/%d/%y',
  R: '%H:%M',
  h: '%b',
  '%': '%%'
}

function literalStep(code: number): Step {
  return (line, position) => (line.charCodeAt(position) === code ? position + 1 : -1)
}

type NumericPart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'hour12'

/** Exactly `width` digits into `part` (a space may stand for a leading zero, as %e writes it). */
function digitsStep(part: NumericPart, width: number, spacePadded = false): Step {
  return (line, position, parts) => {
    let start = position
    let count = width
    if (spacePadded && line.charCodeAt(position) === 32) {
      start++
      count--
    }
    const value = digitsAt(line, start, count)
    if (value < 0) return -1
    if (parts !== null) parts[part] = value
    return start + count
  }
}

function twoDigitYearStep(): Step {
  return (line, position, parts) => {
    const value = digitsAt(line, position, 2)
    if (value < 0) return -1
    // POSIX strptime: 69–99 are 1969–1999, 00–68 are 2000–2068.
    if (parts !== null) parts.year = value >= 69 ? 1900 + value : 2000 + value
    return position + 2
  }
}

function lettersEnd(line: string, position: number): number {
  let end = position
  for (
    let code = line.charCodeAt(end);
    (code | 32) >= 97 && (code | 32) <= 122;
    code = line.charCodeAt(++end)
  );
  return end
}

/** A month name, abbreviated or full: read by its first three letters. */
function monthStep(): Step {
  return (line, position, parts) => {
    const end = lettersEnd(line, position)
    const month = end - position >= 3 ? monthFromAbbreviation(line, position) : 0
    if (month === 0) return -1
    if (parts !== null) parts.month = month
    return end
  }
}

/** A day name (%a, %A): read and ignored, the date says which day it was. */
function dayNameStep(): Step {
  return (line, position) => {
    const end = lettersEnd(line, position)
    return end - position >= 3 ? end : -1
  }
}

function meridiemStep(): Step {
  return (line, position, parts) => {
    const first = line.charCodeAt(position) | 32
    if ((first !== 97 && first !== 112) || (line.charCodeAt(position + 1) | 32) !== 109) return -1
    if (parts !== null) parts.afternoon = first === 112
    return position + 2
  }
}

/** %z: ±hhmm. */
function offsetStep(): Step {
  return (line, position, parts) => {
    const offset = parseFixedOffset(line, position, position + 5)
    if (offset === null) return -1
    if (parts !== null) parts.offsetMs = offset
    return position + 5
  }
}

/** %s: seconds since the epoch. */
function epochSecondsStep(): Step {
  return (line, position, parts) => {
    const end = digitRunEnd(line, position)
    if (end === position || end - position > 12) return -1
    if (parts !== null) parts.instant = digitsAt(line, position, end - position) * 1000
    return end
  }
}

function digitRunEnd(line: string, position: number): number {
  let end = position
  for (let code = line.charCodeAt(end); code >= 48 && code <= 57; code = line.charCodeAt(++end));
  return end
}

const CONVERSIONS: Record<string, { step: Step; covers: string[] }> = {
  Y: { step: digitsStep('year', 4), covers: ['year'] },
  y: { step: twoDigitYearStep(), covers: ['year'] },
  m: { step: digitsStep('month', 2), covers: ['month'] },
  b: { step: monthStep(), covers: ['month'] },
  B: { step: monthStep(), covers: ['month'] },
  d: { step: digitsStep('day', 2), covers: ['day'] },
  e: { step: digitsStep('day', 2, true), covers: ['day'] },
  H: { step: digitsStep('hour', 2), covers: [] },
  I: { step: digitsStep('hour12', 2), covers: [] },
  p: { step: meridiemStep(), covers: [] },
  M: { step: digitsStep('minute', 2), covers: [] },
  S: { step: digitsStep('second', 2), covers: [] },
  z: { step: offsetStep(), covers: [] },
  a: { step: dayNameStep(), covers: [] },
  A: { step: dayNameStep(), covers: [] },
  s: { step: epochSecondsStep(), covers: ['epoch'] }
}

/** Apache's %{sec}t, %{msec}t, %{usec}t and their _frac forms: how many of each unit make a millisecond. */
export const EPOCH_UNITS: Readonly<Record<string, { perMs: number; fraction: boolean }>> = {
  sec: { perMs: 1 / 1000, fraction: false },
  msec: { perMs: 1, fraction: false },
  usec: { perMs: 1000, fraction: false },
  msec_frac: { perMs: 1, fraction: true },
  usec_frac: { perMs: 1000, fraction: true }
}

/**
 * Milliseconds in a decimal number of seconds such as nginx's `1700000000.123` ($msec) or `0.004`
 * ($request_time), read digit by digit so no floating-point error creeps in; NaN when it is not one.
 */
export function decimalSecondsToMs(text: string): number {
  const point = text.indexOf('.')
  const wholeEnd = point === -1 ? text.length : point
  const whole = wholeEnd > 0 ? digitsAt(text, 0, wholeEnd) : -1
  if (whole < 0 || wholeEnd > 12) return Number.NaN
  if (point === -1) return whole * 1000
  const fractionDigits = text.length - point - 1
  if (fractionDigits === 0 || digitsAt(text, point + 1, fractionDigits) < 0) return Number.NaN
  const used = Math.min(fractionDigits, 3)
  return whole * 1000 + digitsAt(text, point + 1, used) * 10 ** (3 - used)
}
