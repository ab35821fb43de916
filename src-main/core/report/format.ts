// How the report prints times, sizes and counts. Every time is shown in a named zone and every size has a
// unit (STYLE.md); nothing depends on the machine's locale or zone, so one snapshot always prints the same.

import { formatWallDateTime, pad2, utcOffsetLabel, wallClock } from '../../common/timeFormat'

const countFormat = new Intl.NumberFormat('en-US')

/** `2026-03-14` in the given zone. */
export function formatDate(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone)
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}`
}

/** `2026-03-14 09:21:07` in the given zone; callers state the zone once, in a heading or a label. */
export const formatDateTime = formatWallDateTime

/** `03-14 09:21` in the given zone: short enough for a chart axis. */
export function formatShortDateTime(ms: number, timeZone: string): string {
  const w = wallClock(ms, timeZone)
  return `${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}`
}

/** `UTC+01:00`, or `UTC` for UTC itself, at the given instant (offsets change with daylight saving). */
export const utcOffset = utcOffsetLabel

/**
 * `Europe/Paris (UTC+01:00)`, or `Europe/Paris (UTC+01:00 / UTC+02:00)` when the offset differs between the
 * given instants (daylight saving); just `UTC` for UTC itself.
 */
export function zoneLabel(timeZone: string, instants: number[]): string {
  const offsets = [...new Set(instants.map((at) => utcOffset(at, timeZone)))]
  return timeZone === 'UTC' ? 'UTC' : `${timeZone} (${offsets.join(' / ')})`
}

/**
 * At most `max` characters of text, with what was cut said at the end. Table cells and titles print
 * values that can come from logs, i.e. from an attacker; pdfmake's layout time grows quadratically with
 * the length of an unbroken word, so a report must never try to set a megabyte-long "user name".
 */
export function clipText(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${formatCount(text.length - max)} more characters)`
}

/** `1,234,567`. */
export function formatCount(value: number): string {
  return countFormat.format(value)
}

const BYTE_UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const

/** `512 B`, `23.5 KiB`, `1.4 GiB`: binary units, three significant figures at most. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  let value = bytes
  let unit: (typeof BYTE_UNITS)[number] = BYTE_UNITS[0]
  for (const next of BYTE_UNITS) {
    value /= 1024
    unit = next
    if (value < 1024) break
  }
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${unit}`
}

/** `45 minutes`, `5.2 hours`, `3.4 days`: how long a span of activity lasted. */
export function formatSpan(ms: number): string {
  if (ms < 3_600_000) {
    const minutes = Math.round(ms / 60_000)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`
  }
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} hours`
  return `${(ms / 86_400_000).toFixed(1)} days`
}

const DURATION_UNITS = [
  { ms: 86_400_000, one: 'day', many: 'days' },
  { ms: 3_600_000, one: 'hour', many: 'hours' },
  { ms: 60_000, one: 'minute', many: 'minutes' },
  { ms: 1_000, one: 'second', many: 'seconds' }
] as const

/** `hour`, `5 minutes`, `2 days`: the width of a histogram bucket as a chart axis names it. */
export function formatBucketWidth(ms: number): string {
  const unit = DURATION_UNITS.find((candidate) => ms >= candidate.ms && ms % candidate.ms === 0)
  if (!unit) return `${formatCount(ms)} ms`
  const amount = ms / unit.ms
  return amount === 1 ? unit.one : `${formatCount(amount)} ${unit.many}`
}
