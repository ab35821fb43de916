// Worker-thread entry for ingest tasks: runs each task it is sent off the main thread and reports progress,
// each shard as it lands, the result or a coded error to the parent. Between tasks it keeps the Sigma rules
// it compiled. Cancellation is the parent terminating the worker.

import { parentPort } from 'node:worker_threads'
import { CairnError } from '../../common/errors'
import { runContainerTask } from './containerTask'
import type { IngestTask, WorkerMessage } from './ingestTasks'
import { runRangeTask } from './rangeTask'

const port = parentPort
if (!port) throw new Error('ingest worker must run in a worker thread')

const post = (message: WorkerMessage) => port.postMessage(message)

port.on('message', (task: IngestTask) => {
  const run =
    task.kind === 'range'
      ? runRangeTask(task, post).then((result) => ({ result, skippedEntries: [] }))
      : runContainerTask(task, post)
  run.then(
    ({ result, skippedEntries }) => post({ type: 'done', result, skippedEntries }),
    (error: unknown) =>
      post({
        type: 'error',
        code: error instanceof CairnError ? error.code : 'INTERNAL',
        message: error instanceof Error ? error.message : String(error)
      })
  )
})
