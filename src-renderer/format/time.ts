// Every time a responder reads is shown in the case's display zone with the zone spelled out, because a
// timeline that mixes unlabelled local and UTC times is how incidents get misread. Stored times are UTC ms;
// these helpers convert between them and wall-clock text in any IANA zone without a date library.

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const partFormatters = new Map<string, Intl.DateTimeFormat>()

function partFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(zone)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit'
    })
    partFormatters.set(zone, formatter)
  }
  return formatter
}

function wallClock(ms: number, zone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of partFormatter(zone).formatToParts(ms)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value)
  }
  return wall
}

const DAY_MS = 86_400_000

const pad = (value: number, width = 2): string => String(value).padStart(width, '0')

/** The zone's offset from UTC at that instant, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const wall = wallClock(ms, zone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC'
}

/** "UTC" for UTC itself, otherwise the offset in force at that instant: "UTC+01:00", "UTC-04:00". */
export function zoneLabel(ms: number, zone: string): string {
  if (isUtc(zone)) return 'UTC'
  const offset = zoneOffsetMinutes(ms, zone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  return `UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** "2026-03-14 03:12:44 UTC": date, time and the zone it is shown in. */
export function formatInstant(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)} ${zoneLabel(ms, zone)}`
}

/** "03:12:44 UTC": for status lines about the present, where the date is obvious. */
export function formatClockTime(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)} ${zoneLabel(ms, zone)}`
}

/** The unambiguous UTC form, with milliseconds, for tooltips and copy-paste into other tools. */
export function formatIsoUtc(ms: number): string {
  return new Date(ms).toISOString()
}

/** The value of an `<input type="datetime-local" step="1">` showing this instant in the zone. */
export function toWallInput(ms: number, zone: string): string {
  const wall = wallClock(ms, zone)
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`
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
  const zones = Intl.supportedValuesOf('timeZone').filter((zone) => !isUtc(zone))
  return ['UTC', ...zones]
}

/** The zone this computer is set to, as a sensible default for a new case. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
