// Every time a responder reads is shown in the case's display zone with the zone spelled out, because a
// timeline that mixes unlabelled local and UTC times is how incidents get misread. Stored times are UTC ms;
// these helpers convert between them and wall-clock text in any IANA zone without a date library.

import {
  formatWallDateTime,
  isUtcZone,
  pad2,
  utcOffsetLabel,
  wallClock,
  zoneOffsetMinutes
} from '../../src-main/common/timeFormat'

const DAY_MS = 86_400_000

/** "UTC" for UTC itself, otherwise the offset in force at that instant: "UTC+01:00", "UTC-04:00". */
export const zoneLabel = utcOffsetLabel

/** "2026-03-14 03:12:44 UTC": date, time and the zone it is shown in. */
export function formatInstant(ms: number, zone: string): string {
  return `${formatWallDateTime(ms, zone)} ${zoneLabel(ms, zone)}`
}

/** "03:12:44 UTC": for status lines about the present, where the date is obvious. */
export function formatClockTime(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return `${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)} ${zoneLabel(ms, zone)}`
}

/** The unambiguous UTC form, with milliseconds, for tooltips and copy-paste into other tools. */
export function formatIsoUtc(ms: number): string {
  return new Date(ms).toISOString()
}

/** The value of an `<input type="datetime-local" step="1">` showing this instant in the zone. */
export function toWallInput(ms: number, zone: string): string {
  return formatWallDateTime(ms, zone).replace(' ', 'T')
}

/**
 * The instant a wall-clock reading ("2026-03-14T03:12[:44]") denotes in the zone, or null if the text is
 * not such a reading. In a DST gap the reading is moved forward; in an overlap the earlier instant wins.
 */
export function fromWallInput(text: string, zone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text)
  if (!match) return null
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0))
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  if (Number.isNaN(asUtc)) return null
  // Offsets a day either side bracket any transition near this reading; a candidate is right when the
  // zone's offset at that instant is the one used to reach it.
  const before = asUtc - zoneOffsetMinutes(asUtc - DAY_MS, zone) * 60_000
  const after = asUtc - zoneOffsetMinutes(asUtc + DAY_MS, zone) * 60_000
  const valid = [before, after].filter(
    (instant) => instant + zoneOffsetMinutes(instant, zone) * 60_000 === asUtc
  )
  return valid.length > 0 ? Math.min(...valid) : before
}

/** Every IANA zone this runtime knows, UTC first. */
export function knownTimeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => !isUtcZone(zone))
  return ['UTC', ...zones]
}

/** Whether the runtime knows the zone: the test the contract applies to every zone it is sent. */
export function isTimeZone(zone: string): boolean {
  if (zone === '' || zone.length > 64) return false
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The zone this computer is set to, as a sensible default for a new case. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
