// A 65,536-byte chunk of an EVTX file: its 512-byte header (record numbers, free space offset, string and
// template tables, two CRC32 checksums) and the walk over its live records, from offset 512 to the free
// space offset. A record that cannot be trusted is reported and the walk resumes at the next whole record.

import { crc32 } from 'node:zlib'
import { byteCount, hex32, offsetText, quoteBytes, readU64 } from './evtxFrameBytes'
import {
  findNextRecord,
  readRecordFrame,
  recordIdAt,
  RECORD_HEADER_SIZE,
  type EvtxChunkPlace,
  type EvtxFrameSink,
  type RecordBounds
} from './evtxFrameRecord'

export const EVTX_CHUNK_SIZE = 65_536
/** Records start after the chunk header and its string and template tables. */
export const CHUNK_DATA_START = 512
const CHUNK_SIGNATURE = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00] // "ElfChnk\0"

export interface EvtxChunkHeader {
  readonly firstRecordNumber: number
  readonly lastRecordNumber: number
  readonly firstRecordId: number
  readonly lastRecordId: number
  readonly headerSize: number
  readonly lastRecordOffset: number
  /** Where the live records end: the data checksum covers bytes 512 up to here. */
  readonly freeSpaceOffset: number
  readonly dataChecksum: number
  readonly headerChecksum: number
}

/** The records one chunk's walk framed, by id (for the slack scan), and where a truncation cut it off. */
export interface LiveRecords {
  readonly ids: Set<number>
  /** How many records the walk framed. */
  readonly framed: number
  /** Offset of the first record the end of the file cuts off, or null. */
  readonly cutAt: number | null
}

export function hasChunkSignature(chunk: Uint8Array): boolean {
  for (let at = 0; at < CHUNK_SIGNATURE.length; at++) if (chunk[at] !== CHUNK_SIGNATURE[at]) return false
  return true
}

export function chunkSignatureFault(chunk: Uint8Array): string {
  return `expected the chunk signature "ElfChnk\\0" (45 6c 66 43 68 6e 6b 00), found ${quoteBytes(chunk, 0, 8)}; chunk skipped`
}

export function readEvtxChunkHeader(view: DataView): EvtxChunkHeader {
  return {
    firstRecordNumber: readU64(view, 8),
    lastRecordNumber: readU64(view, 16),
    firstRecordId: readU64(view, 24),
    lastRecordId: readU64(view, 32),
    headerSize: view.getUint32(40, true),
    lastRecordOffset: view.getUint32(44, true),
    freeSpaceOffset: view.getUint32(48, true),
    dataChecksum: view.getUint32(52, true),
    headerChecksum: view.getUint32(124, true)
  }
}

/** Why the header (bytes 0–119 and 128–511, all present) cannot be trusted, or null. */
export function chunkHeaderFault(chunk: Uint8Array, header: EvtxChunkHeader): string | null {
  const computed = crc32(chunk.subarray(128, CHUNK_DATA_START), crc32(chunk.subarray(0, 120)))
  if (computed !== header.headerChecksum) {
    return `chunk header checksum mismatch: stored CRC32 ${hex32(header.headerChecksum)}, computed ${hex32(computed)} over chunk bytes 0–119 and 128–511; chunk skipped, its records are not read`
  }
  const free = header.freeSpaceOffset
  if (free < CHUNK_DATA_START || free > EVTX_CHUNK_SIZE) {
    return `free space offset ${offsetText(free)} lies outside the chunk's record area (512 to 65,536); chunk skipped`
  }
  return null
}

/** Why the records (bytes 512 to the free space offset, all present) cannot be trusted, or null. */
export function chunkDataFault(chunk: Uint8Array, header: EvtxChunkHeader): string | null {
  const computed = crc32(chunk.subarray(CHUNK_DATA_START, header.freeSpaceOffset))
  if (computed === header.dataChecksum) return null
  const records = `records ${header.firstRecordId}–${header.lastRecordId} by its header`
  return `chunk data checksum mismatch: stored CRC32 ${hex32(header.dataChecksum)}, computed ${hex32(computed)} over chunk bytes 512 to ${offsetText(header.freeSpaceOffset)}; chunk skipped, ${records} are not read`
}

/** True when the end of the file (at `present`) cuts off the record that starts at `at`. */
function cutOff(place: EvtxChunkPlace, at: number, present: number): boolean {
  if (present === EVTX_CHUNK_SIZE) return false
  return at + RECORD_HEADER_SIZE > present || at + place.view.getUint32(at + 4, true) > present
}

/** Frames the live records, reporting (and stepping over) any that cannot be trusted. */
export function frameLiveRecords(
  place: EvtxChunkPlace,
  header: EvtxChunkHeader,
  present: number,
  sink: EvtxFrameSink
): LiveRecords {
  const ids = new Set<number>()
  const bounds: RecordBounds = { limit: header.freeSpaceOffset, limitName: 'the free space offset' }
  const walkEnd = Math.min(header.freeSpaceOffset, present)
  let at = CHUNK_DATA_START
  let framed = 0
  while (at < walkEnd) {
    if (cutOff(place, at, present)) return { ids, framed, cutAt: at }
    const frame = readRecordFrame(place, at, bounds, false)
    if (typeof frame !== 'string') {
      ids.add(frame.recordId)
      framed++
      sink.record(frame)
      at = frame.end
      continue
    }
    const next = findNextRecord(place, at + 1, walkEnd)
    const resume =
      next < 0
        ? `no whole record follows before ${offsetText(walkEnd)}`
        : `reading resumes at the next record, at chunk offset ${offsetText(next)} (${byteCount(next - at)} skipped)`
    sink.problem({
      fileOffset: place.chunkOffset + at,
      chunkNumber: place.chunkNumber,
      recordId: recordIdAt(place, at, walkEnd),
      reason: `record at chunk offset ${offsetText(at)}: ${frame}; record skipped, ${resume}`
    })
    if (next < 0) break
    at = next
  }
  return { ids, framed, cutAt: null }
}
