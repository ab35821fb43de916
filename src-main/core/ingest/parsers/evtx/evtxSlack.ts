// Records left in a chunk's slack space, after its free space offset: deleted or overwritten events that
// Windows no longer counts but has not zeroed. python-evtx does not read them, so they are extra evidence,
// framed as recovered only when their signature, size and trailing size copy agree.

import { findNextRecord, readRecordFrame, type EvtxChunkPlace, type EvtxFrameSink } from './evtxFrameRecord'

/**
 * Frames every whole record between `from` and `limit`, skipping any whose id the chunk already framed
 * (a live record, or a stale copy found earlier in the slack) and any whose written time is not a date.
 */
export function recoverSlackRecords(
  place: EvtxChunkPlace,
  from: number,
  limit: number,
  framedIds: Set<number>,
  sink: EvtxFrameSink
): void {
  const bounds = { limit, limitName: 'the end of the chunk' }
  let at = findNextRecord(place, from, limit)
  while (at >= 0) {
    const frame = readRecordFrame(place, at, bounds, true)
    if (typeof frame === 'string') {
      at = findNextRecord(place, at + 1, limit)
      continue
    }
    if (frame.writtenText !== '' && !framedIds.has(frame.recordId)) {
      framedIds.add(frame.recordId)
      sink.record(frame)
    }
    at = findNextRecord(place, frame.end, limit)
  }
}
