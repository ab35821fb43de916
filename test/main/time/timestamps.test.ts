// RFC 3339 reading as the syslog parsers use it, and the wording of timestamp rejection reasons.

import { describe, expect, it } from 'vitest'
import { describeTimestampProblem, parseRfc3339 } from '../../../src-main/core/time/timestamps'

function read(text: string, zone?: string): number | string {
  return parseRfc3339(text, 0, text.length, zone)
}

describe('parseRfc3339', () => {
  it('reads Z and numeric offsets, with or without a fraction', () => {
    expect(read('2003-10-11T22:14:15.003Z')).toBe(Date.parse('2003-10-11T22:14:15.003Z'))
    expect(read('2026-03-14T22:14:18.123456-07:00')).toBe(Date.parse('2026-03-15T05:14:18.123Z'))
    expect(read('2026-03-14T22:14:18.5+01:00')).toBe(Date.parse('2026-03-14T21:14:18.500Z'))
    expect(read('2026-03-14t22:14:18z')).toBe(Date.parse('2026-03-14T22:14:18Z'))
  })

  it('reads a time without an offset in the declared zone, and refuses it when none is declared', () => {
    expect(read('2026-07-01T12:00:00', 'Europe/Paris')).toBe(Date.parse('2026-07-01T10:00:00Z'))
    expect(read('2026-07-01T12:00:00')).toBe('malformed')
  })

  it('reads in place inside a longer line', () => {
    const line = '<14>1 2026-03-14T22:14:15Z host'
    expect(parseRfc3339(line, 6, 26)).toBe(Date.parse('2026-03-14T22:14:15Z'))
  })

  it('tells a wrong shape from an impossible date', () => {
    expect(read('2026-02-29T10:00:00Z')).toBe('impossible')
    expect(read('2026-04-31T10:00:00Z')).toBe('impossible')
    expect(read('2026-01-01T24:00:00Z')).toBe('impossible')
    expect(read('2026-01-01 10:00:00Z')).toBe('malformed')
    expect(read('2026-1-01T10:00:00Z')).toBe('malformed')
    expect(read('2026-01-01T10:00:00.Z')).toBe('malformed')
    expect(read('2026-01-01T10:00:00+0200x')).toBe('malformed')
    expect(read('-')).toBe('malformed')
  })
})

describe('describeTimestampProblem', () => {
  it('quotes the timestamp and, for a wrong shape, the expected form', () => {
    expect(
      describeTimestampProblem('impossible', '31/Feb/2026:10:00:00 +0000', 'dd/Mon/yyyy:HH:MM:SS ±hhmm')
    ).toBe("timestamp '31/Feb/2026:10:00:00 +0000' is not a date")
    expect(describeTimestampProblem('malformed', 'yesterday', 'Mmm dd hh:mm:ss')).toBe(
      "timestamp 'yesterday' is not in the form Mmm dd hh:mm:ss"
    )
  })
})
