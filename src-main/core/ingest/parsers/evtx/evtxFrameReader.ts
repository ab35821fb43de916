// Streams an EVTX file into record frames: bytes arrive in pieces of any size, the file header is read
// first, then each 65,536-byte chunk is gathered into its own fresh buffer (frames keep a reference to it)
// and read as soon as it is whole, so at most one chunk is held. Damage is reported and skipped.

import { EVTX_CHUNK_SIZE, hasChunkSignature } from './evtxChunk'
import {
  EVTX_FILE_HEADER_SIZE,
  fileHeaderFaults,
  notEvtxReason,
  readEvtxFileHeader,
  startsLikeEvtx,
  type EvtxFileHeader
} from './evtxFileHeader'
import { readChunkFrames } from './evtxFrameChunk'
import { byteCount } from './evtxFrameBytes'
import type { EvtxProblem, EvtxRecordFrame } from './evtxTypes'

export { isEvtxFile, type EvtxFileHeader } from './evtxFileHeader'

export interface EvtxFrameHandlers {
  record(frame: EvtxRecordFrame): void
  problem(problem: EvtxProblem): void
  header?(header: EvtxFileHeader): void
}

const SIGNATURE_LENGTH = 8

export class EvtxFrameReader {
  private state: 'header' | 'chunks' | 'done' = 'header'
  private readonly fileHeader = new Uint8Array(EVTX_FILE_HEADER_SIZE)
  private headerFill = 0
  /** Chunks in use according to the file header. */
  private chunkCount = 0
  private chunk: Uint8Array | null = null
  private chunkFill = 0
  private chunkNumber = 0
  /** First of the all-zero chunks beyond the header's count not yet known to be trailing, or null. */
  private zeroRunStart: number | null = null

  constructor(private readonly handlers: EvtxFrameHandlers) {}

  write(bytes: Uint8Array): void {
    let at = 0
    while (at < bytes.length && this.state !== 'done') {
      at = this.state === 'header' ? this.fillHeader(bytes, at) : this.fillChunk(bytes, at)
    }
  }

  end(): void {
    if (this.state === 'header') this.endInHeader()
    else if (this.state === 'chunks' && this.chunk !== null) this.readChunk(this.chunk, this.chunkFill)
    this.chunk = null
    this.state = 'done'
  }

  private fillHeader(bytes: Uint8Array, at: number): number {
    const taken = Math.min(bytes.length - at, EVTX_FILE_HEADER_SIZE - this.headerFill)
    this.fileHeader.set(bytes.subarray(at, at + taken), this.headerFill)
    this.headerFill += taken
    if (this.headerFill >= SIGNATURE_LENGTH && !startsLikeEvtx(this.fileHeader)) {
      this.reject()
    } else if (this.headerFill === EVTX_FILE_HEADER_SIZE) {
      const header = readEvtxFileHeader(this.fileHeader)
      this.chunkCount = header.chunkCount
      this.handlers.header?.(header)
      for (const reason of fileHeaderFaults(header)) this.handlers.problem({ fileOffset: 0, reason })
      this.state = 'chunks'
    }
    return at + taken
  }

  private endInHeader(): void {
    const present = this.fileHeader.subarray(0, this.headerFill)
    if (!startsLikeEvtx(present)) {
      this.reject()
      return
    }
    this.handlers.problem({
      fileOffset: this.headerFill,
      reason: `the file is ${byteCount(this.headerFill)}, shorter than the 4,096-byte EVTX file header; no records to read`
    })
  }

  private reject(): void {
    const head = this.fileHeader.subarray(0, Math.min(this.headerFill, SIGNATURE_LENGTH))
    this.handlers.problem({ fileOffset: 0, reason: notEvtxReason(head) })
    this.state = 'done'
  }

  private fillChunk(bytes: Uint8Array, at: number): number {
    if (this.chunk === null) {
      this.chunk = new Uint8Array(EVTX_CHUNK_SIZE)
      this.chunkFill = 0
    }
    const taken = Math.min(bytes.length - at, EVTX_CHUNK_SIZE - this.chunkFill)
    this.chunk.set(bytes.subarray(at, at + taken), this.chunkFill)
    this.chunkFill += taken
    if (this.chunkFill === EVTX_CHUNK_SIZE) {
      this.readChunk(this.chunk, EVTX_CHUNK_SIZE)
      this.chunk = null
      this.chunkNumber++
    }
    return at + taken
  }

  private readChunk(chunk: Uint8Array, present: number): void {
    const chunkNumber = this.chunkNumber
    const chunkOffset = EVTX_FILE_HEADER_SIZE + chunkNumber * EVTX_CHUNK_SIZE
    const zero = !hasChunkSignature(chunk) && isAllZero(chunk, present)
    if (zero && present === EVTX_CHUNK_SIZE) {
      this.zeroChunk(chunkNumber, chunkOffset)
      return
    }
    if (zero) {
      this.handlers.problem({
        fileOffset: chunkOffset + present,
        chunkNumber,
        reason: `the file ends ${byteCount(present)} into this chunk (of 65,536 bytes), and those bytes are all zero; no records in it`
      })
      return
    }
    this.reportZeroRun(chunkNumber)
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    readChunkFrames({ chunk, view, chunkNumber, chunkOffset }, present, this.handlers)
  }

  /** An all-zero chunk is unused space unless the header counts it in use or an in-use chunk follows. */
  private zeroChunk(chunkNumber: number, chunkOffset: number): void {
    if (chunkNumber < this.chunkCount) {
      this.handlers.problem({
        fileOffset: chunkOffset,
        chunkNumber,
        reason: `chunk is all zero bytes, but the file header counts ${this.chunkCount} chunks in use; whatever records it held are lost`
      })
    } else if (this.zeroRunStart === null) {
      this.zeroRunStart = chunkNumber
    }
  }

  private reportZeroRun(inUse: number): void {
    if (this.zeroRunStart === null) return
    for (let chunkNumber = this.zeroRunStart; chunkNumber < inUse; chunkNumber++) {
      this.handlers.problem({
        fileOffset: EVTX_FILE_HEADER_SIZE + chunkNumber * EVTX_CHUNK_SIZE,
        chunkNumber,
        reason: `chunk is all zero bytes, but chunk ${inUse} after it is in use; whatever records it held are lost`
      })
    }
    this.zeroRunStart = null
  }
}

function isAllZero(bytes: Uint8Array, length: number): boolean {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, length >>> 2)
  for (let at = 0; at < words.length; at++) if (words[at] !== 0) return false
  for (let at = words.length * 4; at < length; at++) if (bytes[at] !== 0) return false
  return true
}
