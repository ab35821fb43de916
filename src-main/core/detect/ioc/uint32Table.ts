// A hash table from unsigned 32-bit keys (IPv4 addresses and networks) to small integers, in typed arrays.
// A JavaScript Map boxes every number above 2^30 as a heap number, which is half of all IPv4 addresses;
// with this table the per-event address lookups of the IOC index allocate nothing.

const EMPTY = 0

export class Uint32Table {
  private keys: Uint32Array
  /** value + 1 per slot, so 0 can mean "empty" whatever keys are stored. */
  private values: Int32Array
  private mask: number
  private stored = 0

  constructor(expectedSize = 0) {
    let capacity = 16
    while (capacity < expectedSize * 2) capacity *= 2
    this.keys = new Uint32Array(capacity)
    this.values = new Int32Array(capacity)
    this.mask = capacity - 1
  }

  get size(): number {
    return this.stored
  }

  /** Stores a value in 0..2^31-2 under the key (taken modulo 2^32), replacing any earlier value. */
  set(key: number, value: number): void {
    key >>>= 0
    if ((this.stored + 1) * 2 > this.keys.length) this.grow()
    let slot = this.slotOf(key)
    while (this.values[slot] !== EMPTY && this.keys[slot] !== key) slot = (slot + 1) & this.mask
    if (this.values[slot] === EMPTY) this.stored++
    this.keys[slot] = key
    this.values[slot] = value + 1
  }

  /** The value stored under the key (taken modulo 2^32), or -1. */
  get(key: number): number {
    key >>>= 0
    let slot = this.slotOf(key)
    for (;;) {
      const value = this.values[slot]
      if (value === EMPTY) return -1
      if (this.keys[slot] === key) return value - 1
      slot = (slot + 1) & this.mask
    }
  }

  private slotOf(key: number): number {
    // Fibonacci hashing spreads networks that differ only in their low (zeroed) bits.
    const mixed = Math.imul(key, 0x9e3779b1)
    return (mixed ^ (mixed >>> 15)) & this.mask
  }

  private grow(): void {
    const keys = this.keys
    const values = this.values
    this.keys = new Uint32Array(keys.length * 2)
    this.values = new Int32Array(values.length * 2)
    this.mask = this.keys.length - 1
    this.stored = 0
    for (let slot = 0; slot < keys.length; slot++) {
      if (values[slot] !== EMPTY) this.set(keys[slot], values[slot] - 1)
    }
  }
}
