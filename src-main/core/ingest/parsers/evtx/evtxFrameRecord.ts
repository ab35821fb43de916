// One event record inside a chunk: a 24-byte header (signature `**\0\0`, size, record id, written time),
// the Binary XML, and a trailing copy of the size. The live-record walk and the slack scan share it: a
// record is framed only when its signature, size and trailing copy agree and it ends within its bounds.

import { byteCount, offsetText, quoteBytes, readU64 } from './evtxFrameBytes'
import type { EvtxProblem, EvtxRecordFrame } from './evtxTypes'
import { fileTimeMs, fileTimeText, fileTimeTicks } from './fileTime'

export const RECORD_HEADER_SIZE = 24
const RECORD_TRAILER_SIZE = 4
const MIN_RECORD_SIZE = RECORD_HEADER_SIZE + RECORD_TRAILER_SIZE
const SIGNATURE_BYTE = 0x2a

/** Where the frames of one chunk come from; the view covers the whole chunk buffer. */
export interface EvtxChunkPlace {
  readonly chunk: Uint8Array
  readonly view: DataView
  readonly chunkNumber: number
  readonly chunkOffset: number
}

/** Where the reader's output goes: frames and problems, in file order. */
export interface EvtxFrameSink {
  record(frame: EvtxRecordFrame): void
  problem(problem: EvtxProblem): void
}

/** The end a record must not run past, and how a message names it ("the free space offset"). */
export interface RecordBounds {
  readonly limit: number
  readonly limitName: string
}

function hasSignature(chunk: Uint8Array, at: number): boolean {
  return (
    chunk[at] === SIGNATURE_BYTE &&
    chunk[at + 1] === SIGNATURE_BYTE &&
    chunk[at + 2] === 0 &&
    chunk[at + 3] === 0
  )
}

/** The record at `start`, or why its header, size or trailing copy cannot be trusted. */
export function readRecordFrame(
  place: EvtxChunkPlace,
  start: number,
  bounds: RecordBounds,
  recovered: boolean
): EvtxRecordFrame | string {
  const { chunk, view } = place
  const { limit, limitName } = bounds
  if (start + RECORD_HEADER_SIZE > limit) {
    return `only ${byteCount(limit - start)} remain before ${limitName} at chunk offset ${offsetText(limit)}, too few for a 24-byte record header`
  }
  if (!hasSignature(chunk, start)) {
    return `expected the record signature 2a 2a 00 00 ("**.."), found ${quoteBytes(chunk, start, start + 4)}`
  }
  const size = view.getUint32(start + 4, true)
  if (size < MIN_RECORD_SIZE) return `record size is ${byteCount(size)}, below the 28-byte minimum`
  const end = start + size
  if (end > limit) {
    return `record size ${byteCount(size)} runs past ${limitName} at chunk offset ${offsetText(limit)} (it would end at ${offsetText(end)})`
  }
  const trailingSize = view.getUint32(end - RECORD_TRAILER_SIZE, true)
  if (trailingSize !== size) {
    return `the size copy at the record's end says ${byteCount(trailingSize)}, its header says ${byteCount(size)}`
  }
  const ticks = fileTimeTicks(view.getUint32(start + 16, true), view.getUint32(start + 20, true))
  return {
    chunk,
    chunkNumber: place.chunkNumber,
    chunkOffset: place.chunkOffset,
    start,
    end,
    binXmlStart: start + RECORD_HEADER_SIZE,
    binXmlEnd: end - RECORD_TRAILER_SIZE,
    recordId: readU64(view, start + 8),
    writtenMs: fileTimeMs(ticks),
    writtenText: fileTimeText(ticks) ?? '',
    recovered
  }
}

/** The record id of a record header that is present and signed, for a problem about that record. */
export function recordIdAt(place: EvtxChunkPlace, start: number, limit: number): number | undefined {
  if (start + 16 > limit || !hasSignature(place.chunk, start)) return undefined
  return readU64(place.view, start + 8)
}

/**
 * The first offset at or after `from` where a whole record sits before `limit`: signature, a size that
 * fits and a trailing copy that agrees. -1 when there is none.
 */
export function findNextRecord(place: EvtxChunkPlace, from: number, limit: number): number {
  const { chunk, view } = place
  const lastStart = limit - MIN_RECORD_SIZE
  let at = chunk.indexOf(SIGNATURE_BYTE, from)
  while (at >= 0 && at <= lastStart) {
    if (hasSignature(chunk, at)) {
      const size = view.getUint32(at + 4, true)
      if (size >= MIN_RECORD_SIZE && at + size <= limit && view.getUint32(at + size - 4, true) === size) {
        return at
      }
    }
    at = chunk.indexOf(SIGNATURE_BYTE, at + 1)
  }
  return -1
}
