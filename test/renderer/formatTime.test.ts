// Times on screen always carry their zone, and times typed in the display zone become the right instant,
// including around daylight-saving changes.

import { describe, expect, it } from 'vitest'
import {
  formatClockTime,
  formatInstant,
  fromWallInput,
  toWallInput,
  zoneLabel
} from '../../src-renderer/format/time'
import { formatBytes, formatQuantity } from '../../src-renderer/format/numbers'

const T = Date.UTC(2026, 2, 14, 3, 12, 44)

describe('time formatting', () => {
  it('shows instants with the zone written out', () => {
    expect(formatInstant(T, 'UTC')).toBe('2026-03-14 03:12:44 UTC')
    expect(formatInstant(T, 'Europe/Berlin')).toBe('2026-03-14 04:12:44 UTC+01:00')
    expect(formatInstant(T, 'America/New_York')).toBe('2026-03-13 23:12:44 UTC-04:00')
    expect(formatInstant(T, 'Asia/Kolkata')).toBe('2026-03-14 08:42:44 UTC+05:30')
    expect(formatClockTime(T, 'UTC')).toBe('03:12:44 UTC')
  })

  it('uses the offset in force at that instant', () => {
    expect(zoneLabel(Date.UTC(2026, 0, 10), 'Europe/Berlin')).toBe('UTC+01:00')
    expect(zoneLabel(Date.UTC(2026, 6, 10), 'Europe/Berlin')).toBe('UTC+02:00')
  })

  it('round-trips wall-clock input in a zone', () => {
    expect(toWallInput(T, 'Europe/Berlin')).toBe('2026-03-14T04:12:44')
    expect(fromWallInput('2026-03-14T04:12:44', 'Europe/Berlin')).toBe(T)
    expect(fromWallInput('2026-03-14T03:12', 'UTC')).toBe(Date.UTC(2026, 2, 14, 3, 12))
    expect(fromWallInput('14/03/2026', 'UTC')).toBeNull()
  })

  it('resolves readings that a daylight-saving change skips or repeats', () => {
    // 02:30 does not exist in Berlin on 2026-03-29; it is read as 03:30 local (01:30 UTC).
    expect(fromWallInput('2026-03-29T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30))
    // 02:30 happens twice on 2026-10-25; the earlier (summer time, 00:30 UTC) is taken.
    expect(fromWallInput('2026-10-25T02:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30))
  })
})

describe('number formatting', () => {
  it('gives every figure a unit', () => {
    expect(formatQuantity(1, 'line')).toBe('1 line')
    expect(formatQuantity(12_345, 'line')).toBe('12,345 lines')
    expect(formatBytes(512)).toBe('512 bytes')
    expect(formatBytes(1536)).toBe('1.50 KiB')
    expect(formatBytes(250 * 1024 * 1024)).toBe('250.0 MiB')
  })
})
