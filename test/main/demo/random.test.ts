// The generator's randomness: reproducible from a seed, independent between forks, and unbiased enough
// that weighted draws come out in proportion.

import { describe, expect, it } from 'vitest'
import { SeededRandom, WeightedTable } from '../../../src-main/core/demo/random'

const draws = (random: SeededRandom, count: number) => Array.from({ length: count }, () => random.next())

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and differs for another seed or fork label', () => {
    expect(draws(new SeededRandom(42), 100)).toEqual(draws(new SeededRandom(42), 100))
    expect(draws(new SeededRandom(42), 100)).not.toEqual(draws(new SeededRandom(43), 100))
    const root = new SeededRandom(42)
    expect(draws(root.fork('web'), 100)).toEqual(draws(new SeededRandom(42).fork('web'), 100))
    expect(draws(root.fork('web'), 100)).not.toEqual(draws(root.fork('auth'), 100))
  })

  it('gives a fork the same stream however much its parent was used', () => {
    const fresh = new SeededRandom(5)
    const used = new SeededRandom(5)
    draws(used, 1_000)
    expect(draws(used.fork('ssh'), 50)).toEqual(draws(fresh.fork('ssh'), 50))
  })

  it('draws floats in [0, 1) and integers in an inclusive range, evenly', () => {
    const random = new SeededRandom(1)
    const floats = draws(random, 60_000)
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...floats)).toBeLessThan(1)
    const counts = new Array<number>(6).fill(0)
    for (let index = 0; index < 60_000; index++) counts[random.int(1, 6) - 1]++
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500)
  })
})

describe('WeightedTable', () => {
  it('draws items in proportion to their weights and never those with zero weight', () => {
    const table = new WeightedTable<string>([
      ['common', 7],
      ['rare', 1],
      ['never', 0],
      ['sometimes', 2]
    ])
    const random = new SeededRandom(3)
    const counts: Record<string, number> = {}
    for (let index = 0; index < 50_000; index++) {
      const item = table.draw(random)
      counts[item] = (counts[item] ?? 0) + 1
    }
    expect(counts.never).toBeUndefined()
    expect(counts.common / 50_000).toBeCloseTo(0.7, 1)
    expect(counts.sometimes / 50_000).toBeCloseTo(0.2, 1)
    expect(counts.rare / 50_000).toBeCloseTo(0.1, 1)
  })

  it('refuses a table with nothing to draw', () => {
    expect(() => new WeightedTable<string>([['none', 0]])).toThrow(/positive weight/)
  })
})
