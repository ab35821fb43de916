// Runs one import in a worker thread so the UI and the server stay responsive, and turns cancellation
// into terminating the worker. The worker script is the built `ingest-worker.js` beside the bundle, or,
// when running from TypeScript sources (tests, tsx), worker.ts loaded through tsx.

import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { CairnError } from '../../common/errors'
import type { IngestRequest, IngestResult } from './ingestFile'
import type { WorkerMessage } from './workerMessages'

export interface WorkerRunHooks {
  onProgress(done: number, total: number): void
  signal: AbortSignal
}

export function runIngestInWorker(request: IngestRequest, hooks: WorkerRunHooks): Promise<IngestResult> {
  if (hooks.signal.aborted) return Promise.reject(cancelled(request))
  const worker = createIngestWorker(request)
  return new Promise<IngestResult>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      hooks.signal.removeEventListener('abort', onAbort)
      outcome()
    }
    const onAbort = () => {
      settle(() => reject(cancelled(request)))
      void worker.terminate()
    }
    hooks.signal.addEventListener('abort', onAbort)
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') hooks.onProgress(message.done, message.total)
      else if (message.type === 'done') {
        // Let the worker's heap (the whole shard it built) go before the caller loads the shard itself.
        settle(() => void worker.terminate().then(() => resolve(message.result)))
      } else settle(() => reject(new CairnError(message.code, message.message)))
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

function cancelled(request: IngestRequest): CairnError {
  return new CairnError('CANCELLED', `import of ${request.path} was cancelled`)
}

function createIngestWorker(request: IngestRequest): Worker {
  for (const dir of [__dirname, dirname(__dirname)]) {
    const built = join(dir, 'ingest-worker.js')
    if (existsSync(built)) return new Worker(built, { workerData: request })
  }
  const source = join(__dirname, 'worker.ts')
  if (existsSync(source)) {
    // Loader flags are not honoured by worker threads on Node 20, so register tsx from inside the worker.
    const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(source)})`
    return new Worker(bootstrap, { eval: true, workerData: request })
  }
  throw new CairnError(
    'INTERNAL',
    `the import worker script was not found next to ${__dirname}; rebuild Cairn`
  )
}
