// Packet capture containers read as a stream: classic pcap (either byte order, micro- or nanosecond
// timestamps) and pcapng (sections, interfaces with their own link type and clock, enhanced, simple and
// obsolete packet blocks; other blocks skipped). A chunk may end anywhere, so an incomplete record is
// carried in a buffer sized to what the record needs, and only after its length field has been checked:
// a lying length is reported and the reader resynchronises on the next plausible record header.

import { hexBytes, readU16, readU32, readU32BE, readU32LE } from './bytes'
import { pcapngTime, readInterfaceDescription, type CaptureInterface } from './pcapngInterface'

/** Wireshark's limit for ordinary link types: a longer captured length is a corrupt record header. */
export const MAX_CAPTURED_BYTES = 256 * 1024

/** One packet as the capture stored it. `bytes[start, end)` is only valid during the sink call. */
export interface CapturedPacket {
  /** 1-based record number (packets and unreadable records share one count, like tshark's frames). */
  number: number
  /** Byte offset of the packet's record (pcap record header or pcapng block) in the file. */
  offset: number
  linkType: number
  /** Unix seconds and the nanoseconds within that second. */
  seconds: number
  nanoseconds: number
  /** Sub-second digits the capture's clock resolves: 6 (microseconds) or 9 (nanoseconds). */
  fractionDigits: number
  /** Frame length on the wire; the captured bytes may be fewer (snapshot length). */
  originalLength: number
  bytes: Uint8Array
  start: number
  end: number
}

/** A record that could not be read as a packet, with a reason a responder can act on. */
export interface CaptureProblem {
  number: number
  offset: number
  reason: string
}

export interface CaptureSink {
  packet(packet: CapturedPacket): void
  problem(problem: CaptureProblem): void
}

const PCAP_FILE_HEADER_BYTES = 24
const PCAP_RECORD_HEADER_BYTES = 16
const PCAP_MICROSECOND_MAGIC = 0xa1b2c3d4
const PCAP_NANOSECOND_MAGIC = 0xa1b23c4d
const PCAPNG_SECTION_HEADER = 0x0a0d0d0a
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d
const INTERFACE_DESCRIPTION = 1
const OBSOLETE_PACKET = 2
const SIMPLE_PACKET = 3
const ENHANCED_PACKET = 6
/** Block types a resynchronising reader accepts as the next block (pcapng spec, section 4 and appendix). */
const KNOWN_BLOCK_TYPES = new Set([PCAPNG_SECTION_HEADER, 1, 2, 3, 4, 5, 6, 0x0a, 0xbad, 0x40000bad])
/** Packet blocks and interface blocks are read whole; room for options beyond the largest packet. */
const MAX_BUFFERED_BLOCK_BYTES = MAX_CAPTURED_BYTES + 64 * 1024
const BLOCK_HEADER_BYTES = 8
const BLOCK_OVERHEAD_BYTES = 12
/** Original lengths above this are implausible for resynchronisation (segmentation offload tops at 64 KiB). */
const MAX_PLAUSIBLE_ORIGINAL_BYTES = 16 * 1024 * 1024
const SECONDS_PER_DAY = 86_400
const YEAR_1980 = 315_532_800
const YEAR_2100 = 4_102_444_800
/** ECMAScript dates reach ±8.64e15 ms. */
const MAX_DATE_SECONDS = 8.64e12

type Mode = 'start' | 'pcap' | 'pcapng' | 'pcapResync' | 'pcapngResync' | 'unreadable'

/** A corrupt record waiting for resynchronisation to say how many bytes were skipped. */
interface PendingCorruption {
  number: number
  offset: number
  reason: string
}

/**
 * Reads one capture file from its bytes, in order, reporting packets and problems to the sink. A step
 * reads one record at a position and answers with the bytes it consumed, or with the total it needs
 * (as a negative number) when the record is not complete yet.
 */
export class CaptureFileReader {
  private mode: Mode = 'start'
  /** Stream offset of the next unread byte. */
  private consumed = 0
  private nextNumber = 1
  private ended = false
  private carry = new Uint8Array(0)
  private carryLength = 0
  private carryNeed = 0
  private skipRemaining = 0
  /** A skipped pcapng block whose closing length field is still to be compared with its opening one. */
  private skippedBlock: { offset: number; length: number } | null = null
  private pending: PendingCorruption | null = null
  private resyncStart = 0
  private littleEndian = true
  private nanosecondClock = false
  private snapLength = 0
  private linkType = 0
  private interfaces: CaptureInterface[] = []
  private lastSeconds = -1
  private lastNanoseconds = 0

  constructor(private readonly sink: CaptureSink) {}

  write(chunk: Uint8Array): void {
    if (this.ended) return
    let position = 0
    while (this.carryLength > 0) {
      const take = Math.min(this.carryNeed - this.carryLength, chunk.length - position)
      this.carry.set(chunk.subarray(position, position + take), this.carryLength)
      this.carryLength += take
      position += take
      if (this.carryLength < this.carryNeed) return
      const used = this.consume(this.carry, 0, this.carryLength)
      this.keepCarry(this.carry, used, this.carryLength)
    }
    const used = this.consume(chunk, position, chunk.length)
    this.keepCarry(chunk, position + used, chunk.length)
  }

  end(): void {
    if (this.ended) return
    this.ended = true
    // Resynchronisation may have been waiting for bytes that never came: try the rest as it is.
    if (this.carryLength > 0 && (this.mode === 'pcapResync' || this.mode === 'pcapngResync')) {
      const used = this.consume(this.carry, 0, this.carryLength)
      this.keepCarry(this.carry, used, this.carryLength)
    }
    if (this.pending !== null) this.settleCorruption(this.consumed + this.carryLength, true)
    const block = this.skippedBlock
    if (block !== null) {
      this.reportTruncation(this.consumed + this.carryLength - block.offset, block.length, block.offset)
    } else if (this.carryLength > 0) {
      this.reportTruncation(this.carryLength, this.carryNeed, this.consumed)
    }
    this.carry = new Uint8Array(0)
    this.carryLength = 0
  }

  private keepCarry(bytes: Uint8Array, from: number, to: number): void {
    const length = to - from
    if (length === 0) {
      this.carryLength = 0
      return
    }
    if (this.carry.length < this.carryNeed) {
      const grown = new Uint8Array(this.carryNeed)
      grown.set(bytes.subarray(from, to))
      this.carry = grown
    } else if (bytes === this.carry) {
      this.carry.copyWithin(0, from, to)
    } else {
      this.carry.set(bytes.subarray(from, to))
    }
    this.carryLength = length
  }

  /** Reads records from bytes[start, end); returns how many bytes it used (the rest is incomplete). */
  private consume(bytes: Uint8Array, start: number, end: number): number {
    let position = start
    while (position < end) {
      if (this.skipRemaining > 0) {
        const skipped = Math.min(this.skipRemaining, end - position)
        this.skipRemaining -= skipped
        position += skipped
        this.consumed += skipped
        continue
      }
      const result = this.step(bytes, position, end)
      if (result < 0) {
        this.carryNeed = -result
        break
      }
      position += result
      this.consumed += result
    }
    return position - start
  }

  private step(bytes: Uint8Array, start: number, end: number): number {
    switch (this.mode) {
      case 'start':
        return this.readFileStart(bytes, start, end)
      case 'pcap':
        return this.readPcapRecord(bytes, start, end)
      case 'pcapng':
        return this.skippedBlock !== null
          ? this.checkSkippedBlockTrailer(this.skippedBlock, bytes, start, end)
          : this.readBlock(bytes, start, end)
      case 'pcapResync':
        return this.resyncPcap(bytes, start, end)
      case 'pcapngResync':
        return this.resyncPcapng(bytes, start, end)
      case 'unreadable':
        return end - start
    }
  }

  private readFileStart(bytes: Uint8Array, start: number, end: number): number {
    if (end - start < 4) return -4
    const magic = readU32BE(bytes, start)
    if (magic === PCAPNG_SECTION_HEADER) {
      this.mode = 'pcapng'
      return 0
    }
    const littleMagic = readU32LE(bytes, start)
    const isPcap = (value: number): boolean =>
      value === PCAP_MICROSECOND_MAGIC || value === PCAP_NANOSECOND_MAGIC
    if (!isPcap(magic) && !isPcap(littleMagic)) {
      this.problem(
        0,
        `not a packet capture: the file starts with ${hexBytes(bytes, start, start + 4)}, which is neither ` +
          'a pcap nor a pcapng magic number'
      )
      this.mode = 'unreadable'
      return end - start
    }
    if (end - start < PCAP_FILE_HEADER_BYTES) return -PCAP_FILE_HEADER_BYTES
    this.littleEndian = !isPcap(magic)
    this.nanosecondClock = (this.littleEndian ? littleMagic : magic) === PCAP_NANOSECOND_MAGIC
    this.snapLength = readU32(bytes, start + 16, this.littleEndian)
    // The upper bits carry FCS information (pcap spec, LinkType and additional information).
    this.linkType = readU32(bytes, start + 20, this.littleEndian) & 0xffff
    this.mode = 'pcap'
    return PCAP_FILE_HEADER_BYTES
  }

  private readPcapRecord(bytes: Uint8Array, start: number, end: number): number {
    if (end - start < PCAP_RECORD_HEADER_BYTES) return -PCAP_RECORD_HEADER_BYTES
    const little = this.littleEndian
    const capturedLength = readU32(bytes, start + 8, little)
    const limit = this.capturedLimit(this.snapLength)
    if (capturedLength > limit) {
      const what =
        limit === MAX_CAPTURED_BYTES
          ? `the ${MAX_CAPTURED_BYTES}-byte maximum`
          : `the file's snapshot length of ${this.snapLength} bytes`
      this.beginResync(
        'pcapResync',
        `record header at offset ${this.consumed} is corrupt: captured length ${capturedLength} bytes ` +
          `exceeds ${what}`
      )
      return 1
    }
    const total = PCAP_RECORD_HEADER_BYTES + capturedLength
    if (end - start < total) return -total
    let seconds = readU32(bytes, start, little)
    let nanoseconds = readU32(bytes, start + 4, little)
    if (!this.nanosecondClock) nanoseconds *= 1000
    if (nanoseconds >= 1e9) {
      seconds += Math.floor(nanoseconds / 1e9)
      nanoseconds %= 1e9
    }
    this.emitPacket({
      number: this.nextNumber++,
      offset: this.consumed,
      linkType: this.linkType,
      seconds,
      nanoseconds,
      fractionDigits: this.nanosecondClock ? 9 : 6,
      originalLength: readU32(bytes, start + 12, little),
      bytes,
      start: start + PCAP_RECORD_HEADER_BYTES,
      end: start + total
    })
    return total
  }

  /** The largest captured length a record may claim: the snapshot length when the file declares one. */
  private capturedLimit(snapLength: number): number {
    return snapLength > 0 && snapLength < MAX_CAPTURED_BYTES ? snapLength : MAX_CAPTURED_BYTES
  }

  private beginResync(mode: 'pcapResync' | 'pcapngResync', reason: string): void {
    this.pending = { number: this.nextNumber++, offset: this.consumed, reason }
    this.resyncStart = this.consumed
    this.mode = mode
  }

  /** Reports the corrupt record once the next readable record (or the end of the file) is found. */
  private settleCorruption(resumeOffset: number, atEnd: boolean): void {
    const corruption = this.pending
    if (corruption === null) return
    this.pending = null
    const skipped = resumeOffset - this.resyncStart
    const outcome = atEnd
      ? `no readable record follows: the last ${skipped} bytes of the file were skipped`
      : `skipped ${skipped} bytes to the next plausible record at offset ${resumeOffset}`
    this.sink.problem({ ...corruption, reason: `${corruption.reason}; ${outcome}` })
  }

  /** Scans byte by byte for a record header whose lengths and time fit the file. */
  private resyncPcap(bytes: Uint8Array, start: number, end: number): number {
    if (end - start < PCAP_RECORD_HEADER_BYTES) return this.ended ? end - start : -PCAP_RECORD_HEADER_BYTES
    const little = this.littleEndian
    const seconds = readU32(bytes, start, little)
    const fraction = readU32(bytes, start + 4, little)
    const capturedLength = readU32(bytes, start + 8, little)
    const originalLength = readU32(bytes, start + 12, little)
    const plausibleTime =
      this.lastSeconds >= 0
        ? Math.abs(seconds - this.lastSeconds) <= SECONDS_PER_DAY
        : seconds >= YEAR_1980 && seconds <= YEAR_2100
    const plausible =
      plausibleTime &&
      fraction < (this.nanosecondClock ? 1e9 : 1e6) &&
      capturedLength > 0 &&
      capturedLength <= this.capturedLimit(this.snapLength) &&
      capturedLength <= originalLength &&
      originalLength <= MAX_PLAUSIBLE_ORIGINAL_BYTES
    if (!plausible) return 1
    this.settleCorruption(this.consumed, false)
    this.mode = 'pcap'
    return 0
  }

  private readBlock(bytes: Uint8Array, start: number, end: number): number {
    const available = end - start
    if (available < BLOCK_HEADER_BYTES) return -BLOCK_HEADER_BYTES
    if (readU32BE(bytes, start) === PCAPNG_SECTION_HEADER) {
      if (available < BLOCK_OVERHEAD_BYTES) return -BLOCK_OVERHEAD_BYTES
      const byteOrder = readU32LE(bytes, start + 8)
      if (byteOrder !== PCAPNG_BYTE_ORDER_MAGIC && readU32BE(bytes, start + 8) !== PCAPNG_BYTE_ORDER_MAGIC) {
        this.problem(
          this.consumed,
          `pcapng section header at offset ${this.consumed} has byte-order magic ` +
            `${hexBytes(bytes, start + 8, start + 12)} instead of 1a 2b 3c 4d (either order): ` +
            'the rest of the file cannot be framed'
        )
        this.mode = 'unreadable'
        return available
      }
      this.littleEndian = byteOrder === PCAPNG_BYTE_ORDER_MAGIC
    }
    const type = readU32(bytes, start, this.littleEndian)
    const length = readU32(bytes, start + 4, this.littleEndian)
    if (length < BLOCK_OVERHEAD_BYTES || length % 4 !== 0) {
      this.beginResync(
        'pcapngResync',
        `pcapng block at offset ${this.consumed} is corrupt: its length ${length} bytes is not a multiple ` +
          'of 4 of at least 12'
      )
      return 1
    }
    if (!isBufferedBlock(type)) {
      this.skippedBlock = { offset: this.consumed, length }
      this.skipRemaining = length - BLOCK_OVERHEAD_BYTES
      return BLOCK_HEADER_BYTES
    }
    if (length > MAX_BUFFERED_BLOCK_BYTES) {
      this.beginResync(
        'pcapngResync',
        `pcapng ${blockName(type)} at offset ${this.consumed} is corrupt: it claims ${length} bytes, more ` +
          `than the ${MAX_BUFFERED_BLOCK_BYTES}-byte limit for a packet`
      )
      return 1
    }
    if (available < length) return -length
    if (readU32(bytes, start + length - 4, this.littleEndian) !== length) {
      this.beginResync(
        'pcapngResync',
        `pcapng ${blockName(type)} at offset ${this.consumed} is corrupt: its opening length ` +
          `(${length} bytes) and closing length (${readU32(bytes, start + length - 4, this.littleEndian)}) differ`
      )
      return 1
    }
    this.readBufferedBlock(type, bytes, start, length)
    return length
  }

  private checkSkippedBlockTrailer(
    block: { offset: number; length: number },
    bytes: Uint8Array,
    start: number,
    end: number
  ): number {
    if (end - start < 4) return -4
    this.skippedBlock = null
    const closing = readU32(bytes, start, this.littleEndian)
    if (closing === block.length) return 4
    this.pending = {
      number: this.nextNumber++,
      offset: block.offset,
      reason:
        `pcapng block at offset ${block.offset} is corrupt: its opening length (${block.length} bytes) ` +
        `and closing length (${closing}) differ`
    }
    this.resyncStart = this.consumed
    this.mode = 'pcapngResync'
    return 0
  }

  /** Scans byte by byte for a known block type whose opening and closing lengths agree. */
  private resyncPcapng(bytes: Uint8Array, start: number, end: number): number {
    const available = end - start
    if (available < BLOCK_OVERHEAD_BYTES) return this.ended ? available : -BLOCK_OVERHEAD_BYTES
    let little = this.littleEndian
    if (readU32BE(bytes, start) === PCAPNG_SECTION_HEADER) {
      const byteOrder = readU32LE(bytes, start + 8)
      if (byteOrder !== PCAPNG_BYTE_ORDER_MAGIC && readU32BE(bytes, start + 8) !== PCAPNG_BYTE_ORDER_MAGIC) {
        return 1
      }
      little = byteOrder === PCAPNG_BYTE_ORDER_MAGIC
    }
    const type = readU32(bytes, start, little)
    const length = readU32(bytes, start + 4, little)
    if (
      !KNOWN_BLOCK_TYPES.has(type) ||
      length < BLOCK_OVERHEAD_BYTES ||
      length % 4 !== 0 ||
      length > MAX_BUFFERED_BLOCK_BYTES
    ) {
      return 1
    }
    if (available < length) return this.ended ? 1 : -length
    if (readU32(bytes, start + length - 4, little) !== length) return 1
    this.settleCorruption(this.consumed, false)
    this.mode = 'pcapng'
    return 0
  }

  private readBufferedBlock(type: number, bytes: Uint8Array, start: number, length: number): void {
    switch (type) {
      case PCAPNG_SECTION_HEADER:
        // A new section starts afresh: its interfaces are numbered from 0 again.
        this.interfaces = []
        return
      case INTERFACE_DESCRIPTION:
        this.interfaces.push(readInterfaceDescription(bytes, start, length, this.littleEndian))
        return
      case ENHANCED_PACKET:
      case OBSOLETE_PACKET:
        this.readTimedPacket(type, bytes, start, length)
        return
      case SIMPLE_PACKET:
        this.readSimplePacket(bytes, start, length)
        return
    }
  }

  /**
   * An enhanced packet block, or the obsolete packet block it replaced: the same layout, except that the
   * obsolete block's interface id is 16 bits (followed by a drops count).
   */
  private readTimedPacket(type: number, bytes: Uint8Array, start: number, length: number): void {
    if (length < 32) {
      this.problem(this.consumed, `pcapng ${blockName(type)} at offset ${this.consumed} is too short`)
      return
    }
    const little = this.littleEndian
    const interfaceId =
      type === OBSOLETE_PACKET ? readU16(bytes, start + 8, little) : readU32(bytes, start + 8, little)
    const capturedLength = readU32(bytes, start + 20, little)
    const captureInterface = this.interfaceFor(interfaceId, capturedLength, length - 32)
    if (captureInterface === null) return
    const time = pcapngTime(
      readU32(bytes, start + 12, little),
      readU32(bytes, start + 16, little),
      captureInterface
    )
    this.emitPacket({
      number: this.nextNumber++,
      offset: this.consumed,
      linkType: captureInterface.linkType,
      seconds: time.seconds,
      nanoseconds: time.nanoseconds,
      fractionDigits: captureInterface.fractionDigits,
      originalLength: readU32(bytes, start + 24, little),
      bytes,
      start: start + 28,
      end: start + 28 + capturedLength
    })
  }

  /** A simple packet block has no timestamp: it is given the previous packet's time. */
  private readSimplePacket(bytes: Uint8Array, start: number, length: number): void {
    if (length < 16) {
      this.problem(this.consumed, `pcapng simple packet block at offset ${this.consumed} is too short`)
      return
    }
    const originalLength = readU32(bytes, start + 8, this.littleEndian)
    const snapLength = this.interfaces.length > 0 ? this.interfaces[0].snapLength : 0
    const capturedLength = Math.min(originalLength, length - 16, snapLength > 0 ? snapLength : Infinity)
    const captureInterface = this.interfaceFor(0, capturedLength, length - 16)
    if (captureInterface === null) return
    this.emitPacket({
      number: this.nextNumber++,
      offset: this.consumed,
      linkType: captureInterface.linkType,
      seconds: Math.max(this.lastSeconds, 0),
      nanoseconds: this.lastNanoseconds,
      fractionDigits: captureInterface.fractionDigits,
      originalLength,
      bytes,
      start: start + 12,
      end: start + 12 + capturedLength
    })
  }

  /** The interface a packet block names, or null after reporting why its packet cannot be read. */
  private interfaceFor(interfaceId: number, capturedLength: number, room: number): CaptureInterface | null {
    const captureInterface = this.interfaces[interfaceId]
    if (captureInterface === undefined) {
      this.problem(
        this.consumed,
        `packet block at offset ${this.consumed} names interface ${interfaceId}, but its section describes ` +
          `${this.interfaces.length} interface(s)`
      )
      return null
    }
    const limit = this.capturedLimit(captureInterface.snapLength)
    if (capturedLength > room || capturedLength > limit) {
      this.problem(
        this.consumed,
        `packet block at offset ${this.consumed} claims ${capturedLength} captured bytes but ` +
          (capturedLength > room
            ? `the block holds only ${room}`
            : `the interface's snapshot length is ${captureInterface.snapLength} bytes`)
      )
      return null
    }
    return captureInterface
  }

  private emitPacket(packet: CapturedPacket): void {
    if (!(Math.abs(packet.seconds) <= MAX_DATE_SECONDS)) {
      this.sink.problem({
        number: packet.number,
        offset: packet.offset,
        reason: `packet time ${packet.seconds} s after 1970 is beyond any date: the interface clock is corrupt`
      })
      return
    }
    this.lastSeconds = packet.seconds
    this.lastNanoseconds = packet.nanoseconds
    this.sink.packet(packet)
  }

  private problem(offset: number, reason: string): void {
    this.sink.problem({ number: this.nextNumber++, offset, reason })
  }

  /** The file ended `read` bytes into a record that needs at least `needed`. */
  private reportTruncation(read: number, needed: number, offset: number): void {
    const what =
      this.mode === 'start'
        ? 'the capture file header'
        : this.mode === 'pcap'
          ? 'the last packet record'
          : 'the last pcapng block'
    this.problem(
      offset,
      `${what} at offset ${offset} is cut short: the file ends after ${read} of the ${needed} or more ` +
        'bytes it needs'
    )
  }
}

/** Blocks read whole (sections, interfaces, packets); every other block is skipped without buffering. */
function isBufferedBlock(type: number): boolean {
  return (
    type === PCAPNG_SECTION_HEADER ||
    type === INTERFACE_DESCRIPTION ||
    type === ENHANCED_PACKET ||
    type === SIMPLE_PACKET ||
    type === OBSOLETE_PACKET
  )
}

function blockName(type: number): string {
  switch (type) {
    case PCAPNG_SECTION_HEADER:
      return 'section header block'
    case INTERFACE_DESCRIPTION:
      return 'interface description block'
    case ENHANCED_PACKET:
      return 'enhanced packet block'
    case SIMPLE_PACKET:
      return 'simple packet block'
    default:
      return 'packet block'
  }
}
