// Seeded randomness for the scenario generator: one seed must give byte-identical logs on every machine
// and Node version, so nothing here touches Math.random. xoshiro128** is small, fast and good enough for
// synthetic data; splitmix32 spreads a 32-bit seed (mixed with a label for forks) over its 128-bit state.

export class SeededRandom {
  private s0: number
  private s1: number
  private s2: number
  private s3: number

  constructor(private readonly seed: number) {
    let state = seed >>> 0
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) | 0
      let z = state
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
      return (z ^ (z >>> 16)) >>> 0
    }
    this.s0 = splitmix32()
    this.s1 = splitmix32()
    this.s2 = splitmix32()
    this.s3 = splitmix32()
  }

  /**
   * An independent stream for one part of the scenario, so that changing how much one part draws (more
   * benign traffic, say) leaves every other part's choices unchanged.
   */
  fork(label: string): SeededRandom {
    let hash = 0x811c9dc5
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193)
    return new SeededRandom(Math.imul(this.seed ^ 0x5bd1e995, 0x27d4eb2d) ^ hash)
  }

  /** A float in [0, 1). */
  next(): number {
    const s1 = this.s1
    const result = Math.imul(rotateLeft(Math.imul(s1, 5), 7), 9)
    const shifted = s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= shifted
    this.s3 = rotateLeft(this.s3, 11)
    return (result >>> 0) / 4294967296
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }

  /** Waiting time of a Poisson process with the given mean, e.g. gaps between independent requests. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next())
  }

  /** Number of extra steps with continuation probability p (0 with probability 1 - p), capped. */
  geometric(continueProbability: number, cap: number): number {
    let steps = 0
    while (steps < cap && this.chance(continueProbability)) steps++
    return steps
  }

  bytes(count: number): Uint8Array {
    const out = new Uint8Array(count)
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.next() * 256)
    return out
  }

  hex(byteCount: number): string {
    let out = ''
    for (const byte of this.bytes(byteCount)) out += byte.toString(16).padStart(2, '0')
    return out
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1))
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits))
}

/** Draws items in proportion to their weights; a binary search keeps large tables (thousands of clients) fast. */
export class WeightedTable<T> {
  private readonly items: T[] = []
  private readonly cumulative: number[] = []
  private total = 0

  constructor(entries: Iterable<readonly [T, number]>) {
    for (const [item, weight] of entries) {
      if (!(weight > 0)) continue
      this.total += weight
      this.items.push(item)
      this.cumulative.push(this.total)
    }
    if (this.items.length === 0)
      throw new Error('WeightedTable needs at least one entry with a positive weight')
  }

  draw(random: SeededRandom): T {
    const target = random.next() * this.total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.cumulative[middle] > target) high = middle
      else low = middle + 1
    }
    return this.items[low]
  }
}
