// Wall-clock → UTC conversion for declared zones: hand-checked DST transitions (gaps move forward, folds take
// the earlier instant), zones with odd offsets, the per-hour cache, and a round trip against Intl.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/common/errors'
import {
  assertTimeZone,
  isTimeZone,
  parseFixedOffset,
  zonedWallTimeToUtc
} from '../../../src-main/core/time/zonedTime'

const HOUR = 3_600_000

function utc(iso: string): number {
  return Date.parse(iso)
}

function wall(text: string, zone: string): number {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))?$/.exec(text)
  if (match === null) throw new Error(`bad wall time in test: ${text}`)
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number)
  return zonedWallTimeToUtc(year, month, day, hour, minute, second, Number(match[7] ?? 0), zone)
}

describe('zonedWallTimeToUtc', () => {
  it('converts ordinary times with the zone offset in force', () => {
    expect(wall('2026-01-15 12:00:00', 'Europe/Berlin')).toBe(utc('2026-01-15T11:00:00Z'))
    expect(wall('2026-07-15 12:00:00.250', 'Europe/Berlin')).toBe(utc('2026-07-15T10:00:00.250Z'))
    expect(wall('2026-06-01 12:00:00', 'Asia/Kolkata')).toBe(utc('2026-06-01T06:30:00Z'))
    expect(wall('2026-06-01 12:00:00', 'UTC')).toBe(utc('2026-06-01T12:00:00Z'))
    expect(wall('2026-01-10 12:00:00', 'Australia/Sydney')).toBe(utc('2026-01-10T01:00:00Z'))
  })

  it('moves a time in a spring-forward gap forward by the gap length', () => {
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(wall('2026-03-08 01:59:59', 'America/New_York')).toBe(utc('2026-03-08T06:59:59Z'))
    expect(wall('2026-03-08 02:30:00', 'America/New_York')).toBe(utc('2026-03-08T07:30:00Z'))
    expect(wall('2026-03-08 03:00:00', 'America/New_York')).toBe(utc('2026-03-08T07:00:00Z'))
    // Lord Howe Island shifts by 30 minutes: 02:00 +10:30 becomes 02:30 +11:00 on 4 October 2026.
    expect(wall('2026-10-04 02:15:00', 'Australia/Lord_Howe')).toBe(utc('2026-10-03T15:45:00Z'))
    // Samoa skipped 30 December 2011 entirely (UTC-10 → UTC+14).
    expect(wall('2011-12-30 12:00:00', 'Pacific/Apia')).toBe(utc('2011-12-30T22:00:00Z'))
  })

  it('takes the earlier instant for a time in a fall-back fold', () => {
    // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST, so 01:30 happens twice.
    expect(wall('2026-11-01 01:30:00', 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'))
    expect(wall('2026-11-01 00:59:59', 'America/New_York')).toBe(utc('2026-11-01T04:59:59Z'))
    expect(wall('2026-11-01 02:00:00', 'America/New_York')).toBe(utc('2026-11-01T07:00:00Z'))
    // London, 25 October 2026: 02:00 BST becomes 01:00 GMT.
    expect(wall('2026-10-25 01:00:00', 'Europe/London')).toBe(utc('2026-10-25T00:00:00Z'))
    expect(wall('2026-10-25 01:59:59.999', 'Europe/London')).toBe(utc('2026-10-25T00:59:59.999Z'))
  })

  it('gives the same answers whatever order hours are first seen in (the cache is per wall hour)', () => {
    const times = ['2026-11-01 01:30:00', '2026-11-01 00:15:00', '2026-11-01 02:45:00', '2026-11-01 01:05:00']
    const forward = times.map((time) => wall(time, 'America/Chicago'))
    const backward = [...times].reverse().map((time) => wall(time, 'America/Chicago'))
    expect(backward.reverse()).toEqual(forward)
    expect(forward).toEqual([
      utc('2026-11-01T06:30:00Z'),
      utc('2026-11-01T05:15:00Z'),
      utc('2026-11-01T08:45:00Z'),
      utc('2026-11-01T06:05:00Z')
    ])
  })

  it('round-trips every instant through its wall-clock reading, folds resolving to the earlier one', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'America/Sao_Paulo',
      'Asia/Tehran'
    ]
    const readers = new Map(
      zones.map((zone) => [
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric'
        })
      ])
    )
    const wallFields = (instant: number, zone: string): number[] => {
      const parts = readers.get(zone)!.formatToParts(instant)
      const part = (type: string): number => Number(parts.find((candidate) => candidate.type === type)!.value)
      return [part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second')]
    }
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1990-01-01T00:00:00Z') / 1000, max: utc('2037-12-31T00:00:00Z') / 1000 }),
        fc.constantFrom(...zones),
        (seconds, zone) => {
          const instant = seconds * 1000
          const [year, month, day, hour, minute, second] = wallFields(instant, zone)
          const result = zonedWallTimeToUtc(year, month, day, hour, minute, second, 0, zone)
          expect(wallFields(result, zone)).toEqual([year, month, day, hour, minute, second])
          expect(result === instant || (result < instant && instant - result <= 2 * HOUR)).toBe(true)
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('refuses an unknown zone with an error naming it', () => {
    let thrown: unknown
    try {
      zonedWallTimeToUtc(2026, 1, 1, 0, 0, 0, 0, 'Mars/Olympus_Mons')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(CairnError)
    expect((thrown as CairnError).code).toBe('BAD_REQUEST')
    expect((thrown as CairnError).message).toMatch(/unknown time zone 'Mars\/Olympus_Mons'/)
    expect(() => assertTimeZone('Europe/Berlin')).not.toThrow()
    expect(isTimeZone('Europe/Berlin')).toBe(true)
    expect(isTimeZone('+02:00')).toBe(false)
  })

  it('refuses wall times that do not exist on any calendar', () => {
    expect(() => zonedWallTimeToUtc(2026, 2, 29, 0, 0, 0, 0, 'UTC')).toThrow(RangeError)
    expect(() => zonedWallTimeToUtc(2026, 13, 1, 0, 0, 0, 0, 'UTC')).toThrow(RangeError)
    expect(() => zonedWallTimeToUtc(2026, 1, 1, 24, 0, 0, 0, 'UTC')).toThrow(RangeError)
    expect(zonedWallTimeToUtc(2024, 2, 29, 0, 0, 0, 0, 'UTC')).toBe(utc('2024-02-29T00:00:00Z'))
  })
})

describe('parseFixedOffset', () => {
  it('reads Z, ±hh, ±hhmm and ±hh:mm as milliseconds east of UTC', () => {
    expect(parseFixedOffset('Z')).toBe(0)
    expect(parseFixedOffset('+0200')).toBe(2 * HOUR)
    expect(parseFixedOffset('-07:00')).toBe(-7 * HOUR)
    expect(parseFixedOffset('+0530')).toBe(5.5 * HOUR)
    expect(parseFixedOffset('-03')).toBe(-3 * HOUR)
  })

  it('reads an offset in place inside a longer string', () => {
    const line = '[10/Oct/2000:13:55:36 -0700]'
    expect(parseFixedOffset(line, 22, 27)).toBe(-7 * HOUR)
  })

  it('returns null for anything else', () => {
    for (const text of ['', '0200', '+2400', '+0260', '+02:0', '+02-00', 'UTC', '+020', 'z0']) {
      expect(parseFixedOffset(text), text).toBeNull()
    }
  })
})
