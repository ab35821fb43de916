// Throttles a worker's progress reports to a few a second: bytes of the source read and records settled,
// the two figures a responder's progress bar, rate and ETA come from.

import type { WorkerMessage } from './ingestTasks'

const INTERVAL_MS = 100

export interface ProgressReporter {
  bytes(done: number): void
  records(done: number): void
  /** Sends the latest figures now. */
  flush(): void
  /** Starts counting a new source from zero (the next entry of a container). */
  reset(): void
}

export function progressReporter(post: (message: WorkerMessage) => void): ProgressReporter {
  let bytes = 0
  let records = 0
  let base = { bytes: 0, records: 0 }
  let last = 0
  const send = () => post({ type: 'progress', bytes: base.bytes + bytes, records: base.records + records })
  const maybeSend = () => {
    const now = Date.now()
    if (now - last < INTERVAL_MS) return
    last = now
    send()
  }
  return {
    bytes(done) {
      bytes = done
      maybeSend()
    },
    records(done) {
      records = done
      maybeSend()
    },
    flush: send,
    reset() {
      base = { bytes: base.bytes + bytes, records: base.records + records }
      bytes = 0
      records = 0
    }
  }
}
