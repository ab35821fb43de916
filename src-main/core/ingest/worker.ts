// Worker-thread entry for one import: runs ingestFile off the main thread and reports progress, the
// result or a coded error to the parent. Cancellation is the parent terminating the worker.

import { parentPort, workerData } from 'node:worker_threads'
import { CairnError } from '../../common/errors'
import { ingestFile } from './ingestFile'
import type { IngestRequest } from './ingestFile'
import type { WorkerMessage } from './workerMessages'

const port = parentPort
if (!port) throw new Error('ingest worker must run in a worker thread')

const post = (message: WorkerMessage) => port.postMessage(message)

ingestFile(workerData as IngestRequest, {
  onProgress: (done, total) => post({ type: 'progress', done, total })
}).then(
  (result) => post({ type: 'done', result }),
  (error: unknown) =>
    post({
      type: 'error',
      code: error instanceof CairnError ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : String(error)
    })
)
