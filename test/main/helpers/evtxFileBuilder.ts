// Builds synthetic EVTX files byte by byte for tests: a file header, 65,536-byte chunks with correct header
// and data CRC32s, and event records around Binary XML the caller supplies. Options leave a file dirty, put
// stale records in a chunk's slack space, and damage things after the checksums are computed.
//
// Layout written here, from the EVTX format (not from the reader): file header 4,096 bytes; chunk n at
// 4,096 + n * 65,536; records from chunk offset 512, back to back; record = 24-byte header + Binary XML +
// 4-byte size copy.

import { crc32 } from 'node:zlib'

export const EVTX_HEADER_BYTES = 4096
export const EVTX_CHUNK_BYTES = 65_536
export const FIRST_RECORD_OFFSET = 512
/** Record header (24) plus trailing size copy (4): a record is this many bytes longer than its Binary XML. */
export const RECORD_OVERHEAD = 28

/** An empty Binary XML fragment (fragment header 0f 01 01 00, end of stream 00): the default payload. */
export const EMPTY_BIN_XML = new Uint8Array([0x0f, 0x01, 0x01, 0x00, 0x00])

/** 2024-01-01T00:00:00Z as a FILETIME: (1,704,067,200 s * 10^7) + 116,444,736,000,000,000. */
export const FILETIME_2024 = 133_485_408_000_000_000n

export interface EvtxRecordSpec {
  readonly recordId: number
  /**
   * The record's Binary XML, or a function of the chunk offset it will start at (Binary XML refers to
   * names and templates by chunk offset). Defaults to EMPTY_BIN_XML.
   */
  readonly binXml?: Uint8Array | ((binXmlOffset: number) => Uint8Array)
  /** FILETIME ticks; defaults to FILETIME_2024 plus recordId seconds. */
  readonly written?: bigint
  /** Writes this in the header's size field instead of the true size (damage). */
  readonly size?: number
  /** Writes this as the trailing size copy instead of the true size (damage). */
  readonly trailingSize?: number
}

export interface EvtxChunkSpec {
  /** Live records, written from offset 512; the free space offset is where they end. */
  readonly records?: readonly EvtxRecordSpec[]
  /** Records written after the free space offset: deleted or stale, not covered by the data checksum. */
  readonly slack?: readonly EvtxRecordSpec[]
  /** Leave the whole chunk as zero bytes (no header, no records). */
  readonly zeroed?: boolean
  /** Bytes 128–511 (string and template tables, 384 bytes); zero by default. Covered by the header CRC. */
  readonly tables?: Uint8Array
  /** Changes the chunk before its checksums are computed: damage the checksums agree with. */
  readonly rewrite?: (chunk: Uint8Array) => void
  /** Changes the finished chunk, after both checksums are written: damage the checksums catch. */
  readonly corrupt?: (chunk: Uint8Array) => void
}

export interface EvtxFileSpec {
  readonly chunks: readonly EvtxChunkSpec[]
  /** Sets the dirty flag (not closed cleanly). */
  readonly dirty?: boolean
  /** The header's chunk count; defaults to the number of chunks (stale counts are lower). */
  readonly chunkCount?: number
  /** The header's next record id; defaults to one past the highest live record id. */
  readonly nextRecordId?: number
  readonly minorVersion?: number
  /** Changes the finished 4,096-byte header, after its checksum is written (damage). */
  readonly corruptHeader?: (header: Uint8Array) => void
}

/** A whole EVTX file. Truncate it with `subarray` to simulate a cut file. */
export function buildEvtxFile(spec: EvtxFileSpec): Uint8Array {
  const file = new Uint8Array(EVTX_HEADER_BYTES + spec.chunks.length * EVTX_CHUNK_BYTES)
  const ids = spec.chunks.flatMap((chunk) => (chunk.records ?? []).map((record) => record.recordId))
  const header = file.subarray(0, EVTX_HEADER_BYTES)
  const view = new DataView(file.buffer, 0, EVTX_HEADER_BYTES)
  header.set(new TextEncoder().encode('ElfFile\0'))
  const chunkCount = spec.chunkCount ?? spec.chunks.length
  view.setBigUint64(8, 0n, true)
  view.setBigUint64(16, BigInt(Math.max(chunkCount - 1, 0)), true)
  view.setBigUint64(24, BigInt(spec.nextRecordId ?? Math.max(0, ...ids) + 1), true)
  view.setUint32(32, 128, true)
  view.setUint16(36, spec.minorVersion ?? 1, true)
  view.setUint16(38, 3, true)
  view.setUint16(40, EVTX_HEADER_BYTES, true)
  view.setUint16(42, chunkCount, true)
  view.setUint32(120, spec.dirty ? 0x1 : 0, true)
  view.setUint32(124, crc32(header.subarray(0, 120)), true)
  spec.corruptHeader?.(header)
  spec.chunks.forEach((chunk, n) => file.set(buildEvtxChunk(chunk), EVTX_HEADER_BYTES + n * EVTX_CHUNK_BYTES))
  return file
}

/** One 65,536-byte chunk with its header, records and checksums. */
export function buildEvtxChunk(spec: EvtxChunkSpec): Uint8Array {
  const chunk = new Uint8Array(EVTX_CHUNK_BYTES)
  if (spec.zeroed) return chunk
  const view = new DataView(chunk.buffer)
  const live = spec.records ?? []
  let at = FIRST_RECORD_OFFSET
  let lastRecordOffset = 0
  for (const record of live) {
    lastRecordOffset = at
    at = writeRecord(chunk, at, record)
  }
  const freeSpaceOffset = at
  for (const record of spec.slack ?? []) at = writeRecord(chunk, at, record)
  chunk.set(new TextEncoder().encode('ElfChnk\0'))
  const first = live.length > 0 ? live[0].recordId : 0
  const last = live.length > 0 ? live[live.length - 1].recordId : 0
  for (const [offset, value] of [
    [8, first],
    [16, last],
    [24, first],
    [32, last]
  ]) {
    view.setBigUint64(offset, BigInt(value), true)
  }
  view.setUint32(40, 128, true)
  view.setUint32(44, lastRecordOffset, true)
  view.setUint32(48, freeSpaceOffset, true)
  if (spec.tables) chunk.set(spec.tables, 128)
  spec.rewrite?.(chunk)
  view.setUint32(52, crc32(chunk.subarray(FIRST_RECORD_OFFSET, freeSpaceOffset)), true)
  view.setUint32(124, crc32(chunk.subarray(128, 512), crc32(chunk.subarray(0, 120))), true)
  spec.corrupt?.(chunk)
  return chunk
}

/** Writes one record at `start` and returns the offset just past it. */
function writeRecord(chunk: Uint8Array, start: number, spec: EvtxRecordSpec): number {
  const binXmlSpec = spec.binXml ?? EMPTY_BIN_XML
  const binXml = typeof binXmlSpec === 'function' ? binXmlSpec(start + 24) : binXmlSpec
  const size = binXml.length + RECORD_OVERHEAD
  if (start + size > EVTX_CHUNK_BYTES) {
    throw new Error(
      `record ${spec.recordId} (${size} bytes at chunk offset ${start}) does not fit in the chunk`
    )
  }
  const view = new DataView(chunk.buffer, chunk.byteOffset)
  chunk.set([0x2a, 0x2a, 0, 0], start)
  view.setUint32(start + 4, spec.size ?? size, true)
  view.setBigUint64(start + 8, BigInt(spec.recordId), true)
  view.setBigUint64(start + 16, spec.written ?? FILETIME_2024 + BigInt(spec.recordId) * 10_000_000n, true)
  chunk.set(binXml, start + 24)
  view.setUint32(start + size - 4, spec.trailingSize ?? size, true)
  return start + size
}

/** `count` records with consecutive ids from `firstId`, all with the same Binary XML. */
export function recordsWithIds(
  firstId: number,
  count: number,
  binXml: EvtxRecordSpec['binXml'] = EMPTY_BIN_XML
): EvtxRecordSpec[] {
  return Array.from({ length: count }, (_, index) => ({ recordId: firstId + index, binXml }))
}
