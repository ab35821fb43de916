// Timestamp detection for JSON of unknown schema: which field, which notation, which unit, which zone.
// Expected instants were computed independently with Python's datetime (fromisoformat(...).timestamp()).

import { describe, expect, it } from 'vitest'
import {
  findTimestamp,
  JsonTimestampReader,
  parseTimestampValue,
  timestampFieldRank
} from '../../../../src-main/core/ingest/parsers/jsonTimestamp'

/** 2026-03-14T09:12:01Z, from python3 datetime.fromisoformat('2026-03-14T09:12:01+00:00').timestamp(). */
const AT = 1_773_479_521_000

describe('parseTimestampValue', () => {
  it('reads RFC 3339 with Z, offsets, and fractions down to nanoseconds (truncated to ms)', () => {
    expect(parseTimestampValue('2026-03-14T09:12:01Z', 'UTC')).toBe(AT)
    expect(parseTimestampValue('2026-03-14T09:12:01.123456789Z', 'UTC')).toBe(AT + 123)
    expect(parseTimestampValue('2026-03-14T10:12:01+01:00', 'UTC')).toBe(AT)
    expect(parseTimestampValue('2026-03-14T04:12:01-0500', 'UTC')).toBe(AT)
    expect(parseTimestampValue('2026-03-14t09:12:01z', 'UTC')).toBe(AT)
  })

  it('reads the common log forms: space separator, comma fraction, slashes, minutes only, UTC suffix', () => {
    expect(parseTimestampValue('2026-03-14 09:12:01,123', 'UTC')).toBe(AT + 123)
    expect(parseTimestampValue('2026/03/14 09:12:01', 'UTC')).toBe(AT)
    expect(parseTimestampValue('2026-03-14 09:12 UTC', 'UTC')).toBe(AT - 1000)
    expect(parseTimestampValue('2026-03-14 09:12:01 +0000', 'UTC')).toBe(AT)
    expect(parseTimestampValue('14/Mar/2026:10:12:01 +0100', 'UTC')).toBe(AT)
    expect(parseTimestampValue('Sat, 14 Mar 2026 09:12:01 GMT', 'UTC')).toBe(AT)
    expect(parseTimestampValue('/Date(1773479521000)/', 'UTC')).toBe(AT)
    expect(parseTimestampValue('/Date(1773479521000+0100)/', 'UTC')).toBe(AT)
  })

  it('reads a time without zone in the declared zone, and refuses it when no zone is given', () => {
    // Europe/Berlin is UTC+1 on 14 March 2026 (summer time starts on 29 March).
    expect(parseTimestampValue('2026-03-14T10:12:01', 'Europe/Berlin')).toBe(AT)
    expect(parseTimestampValue('2026-03-14 09:12:01.5', 'UTC')).toBe(AT + 500)
    expect(parseTimestampValue('2026-03-14T09:12:01', undefined)).toBeNull()
    expect(parseTimestampValue('2026-03-14T09:12:01Z', undefined)).toBe(AT)
  })

  it('decides the epoch unit by magnitude, for numbers and numeric strings', () => {
    expect(parseTimestampValue(1_773_479_521, 'UTC')).toBe(AT)
    expect(parseTimestampValue(1_773_479_521.25, 'UTC')).toBe(AT + 250)
    expect(parseTimestampValue(1_773_479_521_000, 'UTC')).toBe(AT)
    expect(parseTimestampValue(1_773_479_521_000_123, 'UTC')).toBe(AT)
    expect(parseTimestampValue(1_773_479_521_000_000_000, 'UTC')).toBe(AT)
    expect(parseTimestampValue('1773479521', 'UTC')).toBe(AT)
    expect(parseTimestampValue('1773479521123', 'UTC')).toBe(AT + 123)
  })

  it('refuses what is not a time: dates alone, durations, impossible dates, other types', () => {
    expect(parseTimestampValue('2026-03-14', 'UTC')).toBeNull()
    expect(parseTimestampValue(0.25, 'UTC')).toBeNull()
    expect(parseTimestampValue(42, 'UTC')).toBeNull()
    expect(parseTimestampValue(20260314, 'UTC')).toBeNull()
    expect(parseTimestampValue('2026-02-30T00:00:00Z', 'UTC')).toBeNull()
    expect(parseTimestampValue('2026-03-14T25:00:00Z', 'UTC')).toBeNull()
    expect(parseTimestampValue('2026-03-14T09:12:01 Mars', 'UTC')).toBeNull()
    expect(parseTimestampValue('yesterday at noon', 'UTC')).toBeNull()
    expect(parseTimestampValue(true, 'UTC')).toBeNull()
    expect(parseTimestampValue(null, 'UTC')).toBeNull()
    expect(parseTimestampValue(Number.NaN, 'UTC')).toBeNull()
  })
})

describe('timestampFieldRank', () => {
  it('ranks candidates by name, case-insensitively, whole keys before nested ones', () => {
    expect(timestampFieldRank('@timestamp')).toBeLessThan(timestampFieldRank('timestamp'))
    expect(timestampFieldRank('TIME')).toBe(timestampFieldRank('time'))
    expect(timestampFieldRank('time')).toBeLessThan(timestampFieldRank('http.time'))
    expect(timestampFieldRank('event.created')).toBeGreaterThanOrEqual(0)
    expect(timestampFieldRank('Event.System.TimeCreated.#attributes.SystemTime')).toBeGreaterThanOrEqual(0)
    expect(timestampFieldRank('message')).toBe(-1)
  })
})

describe('findTimestamp and JsonTimestampReader', () => {
  const doc = (entries: Record<string, unknown>) => new Map(Object.entries(entries))

  it('picks the best-ranked usable candidate, skipping unusable ones', () => {
    expect(findTimestamp(doc({ date: '2026-03-14T09:12:01Z', ts: 'soon' }), 'UTC')).toEqual({
      timestamp: AT,
      field: 'date'
    })
    expect(findTimestamp(doc({ 'event.created': 1773479521, msg: 'x' }), 'UTC')).toEqual({
      timestamp: AT,
      field: 'event.created'
    })
  })

  it('explains a document with no candidate or no usable value', () => {
    expect(findTimestamp(doc({ msg: 'x' }), 'UTC')).toEqual({
      problem: expect.stringMatching(
        /^no timestamp: the document has none of the fields @timestamp/
      ) as string
    })
    expect(findTimestamp(doc({ time: 'soon' }), 'UTC')).toEqual({
      problem: `no usable timestamp: 'time' holds "soon", which is not a date-time or an epoch time`
    })
  })

  it('fixes the field from the first dated document and falls back per document without changing it', () => {
    const reader = new JsonTimestampReader('UTC')
    expect(reader.read(doc({ msg: 'undated' }))).toHaveProperty('problem')
    expect(reader.field).toBeNull()
    expect(reader.read(doc({ time: '2000-01-01T00:00:00Z', timestamp: AT }))).toEqual({
      timestamp: AT,
      field: 'timestamp'
    })
    expect(reader.field).toBe('timestamp')
    // '@timestamp' outranks 'timestamp', but the file's field stays the one chosen first.
    expect(reader.read(doc({ '@timestamp': AT, timestamp: '2000-01-01T00:00:00Z' }))).toEqual({
      timestamp: 946_684_800_000,
      field: 'timestamp'
    })
    expect(reader.read(doc({ ts: AT / 1000 }))).toEqual({ timestamp: AT, field: 'ts' })
    expect(reader.field).toBe('timestamp')
  })
})
