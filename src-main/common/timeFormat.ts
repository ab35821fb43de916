// Wall-clock reading of a UTC instant in any IANA zone, shared by the screens and the report so both print
// the same time the same way. Only Intl: no date library, nothing from the machine's own zone or locale.

export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone)
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
    formatters.set(zone, formatter)
  }
  return formatter
}

export function wallClock(ms: number, zone: string): WallClock {
  const wall: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const part of formatterFor(zone).formatToParts(ms)) {
    if (part.type in wall) wall[part.type as keyof WallClock] = Number(part.value)
  }
  return wall
}

export const pad2 = (value: number): string => String(value).padStart(2, '0')

/** `2026-03-14 03:12:44` in the zone; callers say which zone, next to it or in a heading. */
export function formatWallDateTime(ms: number, zone: string): string {
  const w = wallClock(ms, zone)
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`
}

/** The zone's offset from UTC at that instant, in minutes (east positive). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const w = wallClock(ms, zone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000)
}

export function isUtcZone(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC'
}

/** "UTC" for UTC itself, otherwise the offset in force at that instant: "UTC+01:00", "UTC-04:00". */
export function utcOffsetLabel(ms: number, zone: string): string {
  if (isUtcZone(zone)) return 'UTC'
  const offset = zoneOffsetMinutes(ms, zone)
  const abs = Math.abs(offset)
  return `UTC${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`
}
