// The import speed shown per source: rates smoothed over wall time, reports too close together folded into
// the next, restarts starting afresh, the time left from bytes, and how both read on screen.

import { describe, expect, it } from 'vitest'
import {
  advanceRate,
  formatDuration,
  formatRate,
  secondsLeft
} from '../../src-renderer/features/ingest/importRate'
import type { ProgressSample, RateEstimate } from '../../src-renderer/features/ingest/importRate'

function feed(samples: ProgressSample[]): RateEstimate | null {
  return samples.reduce<RateEstimate | null>((estimate, sample) => advanceRate(estimate, sample), null)
}

describe('import rate', () => {
  it('knows no rate from one report, and the exact rate from two', () => {
    const first = feed([{ at: 0, bytes: 0, records: 0 }])
    expect(first).toMatchObject({ bytesPerSecond: null, recordsPerSecond: null })

    const second = feed([
      { at: 0, bytes: 0, records: 0 },
      { at: 2_000, bytes: 2_000_000, records: 10_000 }
    ])
    expect(second?.bytesPerSecond).toBeCloseTo(1_000_000)
    expect(second?.recordsPerSecond).toBeCloseTo(5_000)
  })

  it('smooths a sudden change instead of jumping to it', () => {
    const steady = feed(
      Array.from({ length: 11 }, (_, index) => ({
        at: index * 1000,
        bytes: index * 1000,
        records: index * 10
      }))
    )
    expect(steady?.recordsPerSecond).toBeCloseTo(10)
    const burst = advanceRate(steady, { at: 11_000, bytes: 11_000, records: 300 })
    // One second of 200 records/s moves a 10/s average part of the way, weighted by 1 - e^(-1/3).
    const expected = 10 + (1 - Math.exp(-1 / 3)) * (200 - 10)
    expect(burst.recordsPerSecond).toBeCloseTo(expected)
    expect(burst.recordsPerSecond).toBeLessThan(200)
  })

  it('folds reports closer together than a quarter second into the next one', () => {
    const estimate = feed([
      { at: 0, bytes: 0, records: 0 },
      { at: 16, bytes: 5_000, records: 50 },
      { at: 32, bytes: 9_000, records: 90 },
      { at: 1_000, bytes: 100_000, records: 1_000 }
    ])
    expect(estimate?.last.at).toBe(1_000)
    expect(estimate?.bytesPerSecond).toBeCloseTo(100_000)
    expect(estimate?.recordsPerSecond).toBeCloseTo(1_000)
  })

  it('starts afresh when the job goes back (a resumed import) or the clock does', () => {
    const before = feed([
      { at: 0, bytes: 0, records: 0 },
      { at: 1_000, bytes: 50_000, records: 500 }
    ])
    expect(advanceRate(before, { at: 2_000, bytes: 10, records: 1 })).toEqual({
      last: { at: 2_000, bytes: 10, records: 1 },
      bytesPerSecond: null,
      recordsPerSecond: null
    })
    expect(advanceRate(before, { at: 500, bytes: 60_000, records: 600 }).bytesPerSecond).toBeNull()
  })

  it('keeps the bytes rate when the job does not count records', () => {
    const estimate = feed([
      { at: 0, bytes: 0, records: null },
      { at: 1_000, bytes: 4_096, records: null }
    ])
    expect(estimate).toMatchObject({ bytesPerSecond: 4_096, recordsPerSecond: null })
  })

  it('estimates the time left from the bytes still to read', () => {
    const estimate = feed([
      { at: 0, bytes: 0, records: 0 },
      { at: 1_000, bytes: 1_000, records: 10 }
    ])
    expect(secondsLeft(estimate, 5_000)).toBeCloseTo(4)
    expect(secondsLeft(estimate, 0)).toBeNull()
    expect(secondsLeft(feed([{ at: 0, bytes: 0, records: 0 }]), 5_000)).toBeNull()
    expect(secondsLeft(null, 5_000)).toBeNull()
  })

  it('writes rates with their unit and durations as precisely as useful', () => {
    expect(formatRate(12_399.6, 'lines')).toBe('12,400 lines/s')
    expect(formatDuration(0.2)).toBe('1 s')
    expect(formatDuration(44.6)).toBe('45 s')
    expect(formatDuration(125)).toBe('2 min 05 s')
    expect(formatDuration(3_600 + 7 * 60 + 30)).toBe('1 h 07 min')
  })
})
