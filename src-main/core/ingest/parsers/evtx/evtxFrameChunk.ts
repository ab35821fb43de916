// Reads one chunk that holds something (not all zero): checks its signature and checksums, frames its live
// records and recovers those in its slack. A chunk the file ends inside is read as far as its bytes go,
// with one problem saying how much of it is there and what could not be checked.

import {
  chunkDataFault,
  chunkHeaderFault,
  chunkSignatureFault,
  CHUNK_DATA_START,
  EVTX_CHUNK_SIZE,
  frameLiveRecords,
  hasChunkSignature,
  readEvtxChunkHeader,
  type EvtxChunkHeader,
  type LiveRecords
} from './evtxChunk'
import { byteCount, offsetText } from './evtxFrameBytes'
import type { EvtxChunkPlace, EvtxFrameSink } from './evtxFrameRecord'
import { recoverSlackRecords } from './evtxSlack'

/** Frames the chunk's records; `present` is how many of its bytes the file holds (65,536 unless cut). */
export function readChunkFrames(place: EvtxChunkPlace, present: number, sink: EvtxFrameSink): void {
  const report = (reason: string, at = 0): void =>
    sink.problem({ fileOffset: place.chunkOffset + at, chunkNumber: place.chunkNumber, reason })
  const cut = present < EVTX_CHUNK_SIZE ? `; the file ends ${byteCount(present)} into this chunk` : ''
  if (present < CHUNK_DATA_START) {
    report(
      `the file ends ${byteCount(present)} into this chunk (of 65,536 bytes), before the end of its 512-byte header; nothing in it can be read`,
      present
    )
    return
  }
  if (!hasChunkSignature(place.chunk)) {
    report(chunkSignatureFault(place.chunk) + cut)
    return
  }
  const header = readEvtxChunkHeader(place.view)
  const headerFault = chunkHeaderFault(place.chunk, header)
  if (headerFault !== null) {
    report(headerFault + cut)
    return
  }
  const dataVerifiable = header.freeSpaceOffset <= present
  const dataFault = dataVerifiable ? chunkDataFault(place.chunk, header) : null
  if (dataFault !== null) {
    report(dataFault + cut)
    return
  }
  const live = frameLiveRecords(place, header, present, sink)
  recoverSlackRecords(place, header.freeSpaceOffset, present, live.ids, sink)
  if (present < EVTX_CHUNK_SIZE) report(truncationReason(present, header, live, dataVerifiable), present)
}

function truncationReason(
  present: number,
  header: EvtxChunkHeader,
  live: LiveRecords,
  dataVerifiable: boolean
): string {
  const parts = [
    `the file ends ${byteCount(present)} into this chunk (of 65,536 bytes)`,
    `${live.framed} live ${live.framed === 1 ? 'record' : 'records'} wholly inside those bytes ${live.framed === 1 ? 'was' : 'were'} read`
  ]
  if (live.cutAt !== null) parts.push(`the record at chunk offset ${offsetText(live.cutAt)} is cut off`)
  parts.push(
    dataVerifiable
      ? 'the data checksum was verified; only slack space is missing'
      : `the data checksum (over chunk bytes 512 to ${offsetText(header.freeSpaceOffset)}) cannot be verified, so those records are unchecked`
  )
  return parts.join('; ')
}
