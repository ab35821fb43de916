// Just enough TCP reassembly for the application messages Cairn reads: a TLS ClientHello or a DNS message
// that does not fit in one segment. Bytes of one direction are gathered in sequence order into a buffer
// grown as they arrive up to a bound the caller sets; a gap or reordering abandons them.

export class SegmentCollector {
  private buffer: Uint8Array
  private length = 0
  private nextSequence: number

  /**
   * Starts with bytes[start, end) of the segment with sequence number `sequence`. The buffer holds what
   * has arrived and grows with it, never to what a length field merely declares.
   */
  constructor(bytes: Uint8Array, start: number, end: number, sequence: number) {
    this.buffer = bytes.slice(start, end)
    this.length = end - start
    this.nextSequence = (sequence + (end - start)) >>> 0
  }

  /** Whether a segment with this sequence number continues the gathered bytes exactly. */
  continues(sequence: number): boolean {
    return sequence === this.nextSequence
  }

  /** Appends a continuing segment's payload, growing to `capacity` at most; false when it would not fit. */
  append(bytes: Uint8Array, start: number, end: number, capacity: number): boolean {
    const added = end - start
    if (this.length + added > capacity) return false
    if (this.length + added > this.buffer.length) {
      const grown = new Uint8Array(Math.min(capacity, Math.max(this.length + added, 2 * this.buffer.length)))
      grown.set(this.buffer.subarray(0, this.length))
      this.buffer = grown
    }
    this.buffer.set(bytes.subarray(start, end), this.length)
    this.length += added
    this.nextSequence = (this.nextSequence + added) >>> 0
    return true
  }

  get bytes(): Uint8Array {
    return this.buffer
  }

  get size(): number {
    return this.length
  }

  /** Drops the first `count` bytes (messages already read). */
  consume(count: number): void {
    this.buffer.copyWithin(0, count, this.length)
    this.length -= count
  }
}
