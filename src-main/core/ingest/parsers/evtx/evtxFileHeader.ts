// The 4,096-byte header that opens an EVTX file (only its first 128 bytes are meaningful): where the log's
// chunks are, the next record id, whether it was closed cleanly. A damaged header is reported, not fatal:
// every chunk after it carries its own checksums, so the records can still be trusted or rejected one by one.

import { crc32 } from 'node:zlib'
import { byteCount, hex32, quoteBytes, readU64 } from './evtxFrameBytes'

export const EVTX_FILE_HEADER_SIZE = 4096
/** The header's checksum covers its first 120 bytes and sits at offset 124. */
const CHECKSUMMED_BYTES = 120
const FILE_SIGNATURE = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00] // "ElfFile\0"
const FLAG_DIRTY = 0x1
const FLAG_FULL = 0x2

export interface EvtxFileHeader {
  readonly firstChunkNumber: number
  readonly lastChunkNumber: number
  /** The id the next record written would get (stale in a dirty file). */
  readonly nextRecordId: number
  /** Size of the meaningful part of the header: 128. */
  readonly headerSize: number
  readonly minorVersion: number
  readonly majorVersion: number
  /** Size of the whole header block: 4,096. */
  readonly blockSize: number
  /** Chunks in use according to the header (stale in a dirty file). */
  readonly chunkCount: number
  readonly flags: number
  /** Not closed cleanly: the chunk count and next record id may lag behind the chunks. */
  readonly dirty: boolean
  /** The log reached its maximum size and could not make room for a record. */
  readonly full: boolean
  readonly storedChecksum: number
  readonly computedChecksum: number
}

/** True when the bytes start with the EVTX file signature "ElfFile\0". */
export function isEvtxFile(head: Uint8Array): boolean {
  return head.length >= FILE_SIGNATURE.length && startsLikeEvtx(head)
}

/** True when the bytes present (however few) agree with the start of the EVTX file signature. */
export function startsLikeEvtx(head: Uint8Array): boolean {
  const length = Math.min(head.length, FILE_SIGNATURE.length)
  for (let at = 0; at < length; at++) if (head[at] !== FILE_SIGNATURE[at]) return false
  return true
}

/** Why the bytes are not an EVTX file, quoting how they start. */
export function notEvtxReason(head: Uint8Array): string {
  const found = quoteBytes(head, 0, Math.min(head.length, 16))
  return `not an EVTX file: expected the signature "ElfFile\\0" (45 6c 66 46 69 6c 65 00) at offset 0, found ${found}; nothing read`
}

/** The header's fields from at least its first 128 bytes. */
export function readEvtxFileHeader(bytes: Uint8Array): EvtxFileHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 128)
  const flags = view.getUint32(120, true)
  return {
    firstChunkNumber: readU64(view, 8),
    lastChunkNumber: readU64(view, 16),
    nextRecordId: readU64(view, 24),
    headerSize: view.getUint32(32, true),
    minorVersion: view.getUint16(36, true),
    majorVersion: view.getUint16(38, true),
    blockSize: view.getUint16(40, true),
    chunkCount: view.getUint16(42, true),
    flags,
    dirty: (flags & FLAG_DIRTY) !== 0,
    full: (flags & FLAG_FULL) !== 0,
    storedChecksum: view.getUint32(124, true),
    computedChecksum: crc32(bytes.subarray(0, CHECKSUMMED_BYTES))
  }
}

/** What is wrong with a header whose signature is right; reading goes on after each. */
export function fileHeaderFaults(header: EvtxFileHeader): string[] {
  const faults: string[] = []
  if (header.storedChecksum !== header.computedChecksum) {
    faults.push(
      `file header checksum mismatch: stored CRC32 ${hex32(header.storedChecksum)}, computed ${hex32(header.computedChecksum)} over bytes 0–119; its chunk count and next record id may be wrong, every chunk is read anyway`
    )
  }
  if (header.majorVersion !== 3) {
    faults.push(
      `file header says format version ${header.majorVersion}.${header.minorVersion}, expected 3.x; chunks are read as version 3`
    )
  }
  if (header.blockSize !== EVTX_FILE_HEADER_SIZE) {
    faults.push(
      `file header says the header block is ${byteCount(header.blockSize)}, expected ${byteCount(EVTX_FILE_HEADER_SIZE)}; chunks are read from offset 4,096`
    )
  }
  return faults
}
