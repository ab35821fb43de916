// Runs one ingest task in a worker thread so the UI and the server stay responsive, passes its messages
// on, and turns cancellation into terminating the worker. The worker script is the built
// `ingest-worker.js` beside the bundle, or, when running from TypeScript sources (tests, tsx), worker.ts
// loaded through tsx.

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { CairnError } from '../../common/errors'
import type { IngestTask, SourceResult, WorkerMessage } from './ingestTasks'

export interface WorkerRunHooks {
  /** Every message but the final one, in order. */
  onMessage(message: Exclude<WorkerMessage, { type: 'done' } | { type: 'error' }>): void
  signal: AbortSignal
}

export interface TaskOutcome {
  result: SourceResult | null
  skippedEntries: { name: string; reason: string }[]
}

export function runTaskInWorker(task: IngestTask, hooks: WorkerRunHooks): Promise<TaskOutcome> {
  if (hooks.signal.aborted) return Promise.reject(cancelled(task))
  const worker = createIngestWorker(task)
  return new Promise<TaskOutcome>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      hooks.signal.removeEventListener('abort', onAbort)
      outcome()
    }
    const onAbort = () => {
      settle(() => reject(cancelled(task)))
      void worker.terminate()
    }
    hooks.signal.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (settled) return
      if (message.type === 'done') {
        // Let the worker's heap (the shard it built) go before the caller reads anything itself.
        settle(() => void worker.terminate().then(() => resolve(message)))
      } else if (message.type === 'error') {
        settle(() => reject(new CairnError(message.code, message.message)))
        void worker.terminate()
      } else hooks.onMessage(message)
    })
    worker.on('error', (error) =>
      settle(() => reject(new CairnError('INTERNAL', `import worker failed: ${error.message}`)))
    )
    worker.on('exit', (code) =>
      settle(() =>
        reject(new CairnError('INTERNAL', `import worker exited with code ${code} before finishing`))
      )
    )
  })
}

function cancelled(task: IngestTask): CairnError {
  return new CairnError('CANCELLED', `import of ${task.path} was cancelled`)
}

function createIngestWorker(task: IngestTask): Worker {
  for (const dir of [__dirname, dirname(__dirname)]) {
    const built = join(dir, 'ingest-worker.js')
    if (existsSync(built)) return new Worker(built, { workerData: task })
  }
  const source = join(__dirname, 'worker.ts')
  if (existsSync(source)) {
    // Loader flags are not honoured by worker threads on Node 20, so register tsx from inside the worker.
    const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(source)})`
    return new Worker(bootstrap, { eval: true, workerData: task })
  }
  throw new CairnError(
    'INTERNAL',
    `the import worker script was not found next to ${__dirname}; rebuild Cairn`
  )
}
