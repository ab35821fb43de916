import { describe, expect, it } from 'vitest'
import { BurstTracker } from '../../../src-main/core/detect/behavior/burstTracker'

const at = (timestamp: number): { timestamp: number } => ({ timestamp })

describe('BurstTracker', () => {
  it('keeps only failures that were part of a window reaching the threshold, across window compaction', () => {
    const tracker = new BurstTracker<{ timestamp: number }>(3, 1000)
    // 9,000 slow failures (never three within a second) push the window far past its compaction point.
    for (let i = 0; i < 9000; i++) tracker.add('slow', at(i * 2000))
    expect(tracker.burst('slow')).toBeUndefined()
    const fast = [18_000_000, 18_000_100, 18_000_200].map(at)
    for (const failure of fast) tracker.add('slow', failure)
    expect(tracker.burst('slow')?.contributing).toEqual(fast)
    expect(tracker.burst('slow')?.episodes).toBe(1)
  })

  it('keeps every failure of one long burst exactly once', () => {
    const tracker = new BurstTracker<{ timestamp: number }>(5, 100)
    for (let i = 0; i < 10_000; i++) tracker.add('fast', at(i))
    const burst = tracker.burst('fast')
    expect(burst?.contributing).toHaveLength(10_000)
    expect(new Set(burst?.contributing).size).toBe(10_000)
    expect(burst?.episodes).toBe(1)
    expect(tracker.bursts().map((b) => b.key)).toEqual(['fast'])
  })
})
