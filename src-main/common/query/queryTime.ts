// Reads the times analysts write in queries: ISO 8601 from a year down to a fraction of a second, with `Z`
// or an offset, UTC when no zone is given. A time names a period (a day, a minute …), returned as
// [start, end) in ms UTC, so `@timestamp:2026-03-14` means the whole day.

const ISO_TIME =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i

export interface TimePeriod {
  start: number
  /** Exclusive. */
  end: number
}

export function parseQueryTime(text: string): TimePeriod | null {
  const match = ISO_TIME.exec(text)
  if (!match) return null
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  // A zone belongs to a time of day; `2026-03-14Z` is not ISO 8601.
  if (zone !== undefined && hour === undefined) return null
  const y = Number(year)
  const mo = Number(month ?? 1)
  const d = Number(day ?? 1)
  const h = Number(hour ?? 0)
  const mi = Number(minute ?? 0)
  const s = Number(second ?? 0)
  const ms = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000)
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms)
  const check = new Date(local)
  if (
    check.getUTCFullYear() !== y ||
    check.getUTCMonth() !== mo - 1 ||
    check.getUTCDate() !== d ||
    check.getUTCHours() !== h ||
    check.getUTCMinutes() !== mi ||
    check.getUTCSeconds() !== s
  ) {
    return null
  }
  const offset = zoneOffsetMs(zone)
  if (offset === null) return null
  const start = local - offset
  if (fraction !== undefined) return { start, end: start + 1 }
  if (second !== undefined) return { start, end: start + 1000 }
  if (minute !== undefined) return { start, end: start + 60_000 }
  if (day !== undefined) return { start, end: start + 86_400_000 }
  if (month !== undefined) return { start, end: Date.UTC(y, mo, 1) }
  return { start, end: Date.UTC(y + 1, 0, 1) }
}

/** `Z` or no zone is UTC; `+05:30`, `+0530` and `+05` are offsets east of UTC. */
function zoneOffsetMs(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0
  const digits = zone.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2) || '0')
  if (hours > 23 || minutes > 59) return null
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000
}
