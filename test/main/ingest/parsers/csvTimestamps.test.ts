// The CSV time reader: each form it promises, the declared zone for times without one, day/month order
// learnt from the values, yearless dates taking the reference year, and impossible or foreign text refused.

import { describe, expect, it } from 'vitest'
import {
  CsvTimestampReader,
  inferDateOrder,
  type CsvTimestampSettings
} from '../../../../src-main/core/ingest/parsers/csvTimestamps'

function reader(settings: Partial<CsvTimestampSettings> = {}): CsvTimestampReader {
  return new CsvTimestampReader({
    timeZone: 'UTC',
    dateOrder: 'month-first',
    referenceYear: 2026,
    ...settings
  })
}

function iso(value: number | string): string {
  return typeof value === 'number' ? new Date(value).toISOString() : value
}

describe('CsvTimestampReader', () => {
  it('reads ISO 8601 with Z, offsets or no zone (then the declared zone), with fractions', () => {
    const berlin = reader({ timeZone: 'Europe/Berlin' })
    expect(iso(berlin.read('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00.000Z')
    expect(iso(berlin.read('2026-03-01T10:00:00.123456+01:00'))).toBe('2026-03-01T09:00:00.123Z')
    expect(iso(berlin.read('2026-03-01T10:00:00-0500'))).toBe('2026-03-01T15:00:00.000Z')
    expect(iso(berlin.read('2026-07-01T10:00:00'))).toBe('2026-07-01T08:00:00.000Z')
    expect(iso(berlin.read('2026-07-01 10:00:00,5'))).toBe('2026-07-01T08:00:00.500Z')
    expect(iso(berlin.read('2026-07-01 10:00'))).toBe('2026-07-01T08:00:00.000Z')
    expect(iso(berlin.read('2026/07/01 10:00:00 UTC'))).toBe('2026-07-01T10:00:00.000Z')
    expect(iso(berlin.read('2026-07-01'))).toBe('2026-06-30T22:00:00.000Z')
    expect(iso(berlin.read('  2026-03-01T10:00:00Z  '))).toBe('2026-03-01T10:00:00.000Z')
  })

  it('reads US and European numeric dates in the order it is given, with AM/PM', () => {
    const us = reader({ dateOrder: 'month-first' })
    expect(iso(us.read('03/01/2026 02:15:00 PM'))).toBe('2026-03-01T14:15:00.000Z')
    expect(iso(us.read('3/1/2026 12:05:09 am'))).toBe('2026-03-01T00:05:09.000Z')
    expect(iso(us.read('03/01/2026 12:00 PM'))).toBe('2026-03-01T12:00:00.000Z')
    expect(us.read('03/01/2026 13:00:00 PM')).toBe('malformed')
    const european = reader({ dateOrder: 'day-first' })
    expect(iso(european.read('03.01.2026 14:15:00'))).toBe('2026-01-03T14:15:00.000Z')
    expect(iso(european.read('31.12.2026 23:59:59'))).toBe('2026-12-31T23:59:59.000Z')
  })

  it('reads epoch seconds (with a fraction) and milliseconds', () => {
    const epoch = reader()
    expect(iso(epoch.read('1772362800'))).toBe('2026-03-01T11:00:00.000Z')
    expect(iso(epoch.read('1772362800.25'))).toBe('2026-03-01T11:00:00.250Z')
    expect(iso(epoch.read('1772362800123'))).toBe('2026-03-01T11:00:00.123Z')
    expect(epoch.read('17723628')).toBe('malformed')
  })

  it('reads month names with a weekday, a year before or after the time, and a zone word (ctime, Java)', () => {
    const named = reader()
    expect(iso(named.read('Sun Dec 04 04:47:44 2005'))).toBe('2005-12-04T04:47:44.000Z')
    expect(iso(named.read('Sun Dec 04 04:47:44 UTC 2005'))).toBe('2005-12-04T04:47:44.000Z')
    expect(iso(named.read('Jan 5, 2026 10:00:00 PM'))).toBe('2026-01-05T22:00:00.000Z')
    expect(iso(named.read('Tuesday, March 3 2026 10:00:00 +02:00'))).toBe('2026-03-03T08:00:00.000Z')
  })

  it('takes the reference year for yearless dates and moves to the next year when the calendar wraps', () => {
    const yearless = reader({ referenceYear: 2015 })
    expect(iso(yearless.read('Dec 31 23:59:00'))).toBe('2015-12-31T23:59:00.000Z')
    expect(iso(yearless.read('Jan  1 00:01:00'))).toBe('2016-01-01T00:01:00.000Z')
    const proxifier = reader({ referenceYear: 2016 })
    expect(iso(proxifier.read('10.30 16:49:06'))).toBe('2016-10-30T16:49:06.000Z')
  })

  it("reads compact 'yymmdd hhmmss' and 'yyyymmdd hh:mm:ss' (a Date column and a Time column joined)", () => {
    const compact = reader()
    expect(iso(compact.read('081109 203615'))).toBe('2008-11-09T20:36:15.000Z')
    expect(iso(compact.read('20260301 10:00:00'))).toBe('2026-03-01T10:00:00.000Z')
  })

  it('refuses impossible dates as impossible and foreign text as malformed', () => {
    const strict = reader()
    expect(strict.read('2026-02-30 09:00:00')).toBe('impossible')
    expect(strict.read('2026-03-01 24:00:00')).toBe('impossible')
    expect(strict.read('Feb 30 10:00:00')).toBe('impossible')
    for (const text of [
      '',
      'yesterday at noon',
      '06:55:46',
      '10.30',
      '2026-03-01T10:00:00 +99:00',
      'Dec 10'
    ]) {
      expect(strict.read(text), text).toBe('malformed')
    }
  })
})

describe('inferDateOrder', () => {
  it('learns the order from a part above 12, else from the separator', () => {
    expect(inferDateOrder(['03/01/2026 10:00', '13/01/2026 10:00'])).toBe('day-first')
    expect(inferDateOrder(['03.01.2026', '01.13.2026'])).toBe('month-first')
    expect(inferDateOrder(['10.30 16:49:06'])).toBe('month-first')
    expect(inferDateOrder(['03/01/2026 10:00'])).toBe('month-first')
    expect(inferDateOrder(['03.01.2026 10:00'])).toBe('day-first')
    expect(inferDateOrder(['2026-03-01'])).toBe('month-first')
  })
})
