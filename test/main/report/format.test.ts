// Report formatting: times in a named zone whatever the machine's, offsets that follow daylight saving,
// sizes with units.

import { describe, expect, it } from 'vitest'
import {
  formatBucketWidth,
  formatBytes,
  formatDateTime,
  formatSpan,
  zoneLabel
} from '../../../src-main/core/report/format'

const WINTER = Date.UTC(2026, 0, 15, 23, 30, 5)
const SUMMER = Date.UTC(2026, 6, 15, 23, 30, 5)

describe('report formatting', () => {
  it('prints times as wall-clock time in the given zone', () => {
    expect(formatDateTime(WINTER, 'UTC')).toBe('2026-01-15 23:30:05')
    expect(formatDateTime(WINTER, 'Europe/Paris')).toBe('2026-01-16 00:30:05')
    expect(formatDateTime(SUMMER, 'America/New_York')).toBe('2026-07-15 19:30:05')
  })

  it('labels a zone with every offset in force across the given instants', () => {
    expect(zoneLabel('Europe/Paris', [WINTER])).toBe('Europe/Paris (UTC+01:00)')
    expect(zoneLabel('Europe/Paris', [WINTER, SUMMER, WINTER])).toBe('Europe/Paris (UTC+01:00 / UTC+02:00)')
    expect(zoneLabel('Asia/Kolkata', [SUMMER])).toBe('Asia/Kolkata (UTC+05:30)')
    expect(zoneLabel('UTC', [SUMMER])).toBe('UTC')
  })

  it('prints sizes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MiB')
    expect(formatBytes(3 * 1024 ** 4)).toBe('3.0 TiB')
  })

  it('names bucket widths and activity spans', () => {
    expect(formatBucketWidth(3_600_000)).toBe('hour')
    expect(formatBucketWidth(300_000)).toBe('5 minutes')
    expect(formatBucketWidth(2 * 86_400_000)).toBe('2 days')
    expect(formatSpan(60_000)).toBe('1 minute')
    expect(formatSpan(5.2 * 3_600_000)).toBe('5.2 hours')
    expect(formatSpan(3.4 * 86_400_000)).toBe('3.4 days')
  })
})
