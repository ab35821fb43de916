// Runs ingest tasks in worker threads so the UI and the server stay responsive, passes their messages
// on, and turns cancellation into terminating the worker. A worker that finished a task waits a few
// seconds for the next one, so consecutive imports keep what it compiled — the Sigma rules of each
// format — instead of compiling them again; an idle worker never keeps the process alive, and at most
// two wait (what a finished task left in one is collected when the next task allocates). The worker script is the built `ingest-worker.js` beside the bundle, or, when running
// from TypeScript sources (tests, tsx), worker.ts loaded through tsx.

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

/** How long a worker that finished a task waits for another before it ends. */
const IDLE_WORKER_MS = 5000
/** Idle workers kept at most (one per core an import uses). */
const MAX_IDLE_WORKERS = 2

interface IdleWorker {
  worker: Worker
  timer: NodeJS.Timeout
  /** Drops the worker from the pool should it fail or end while it waits. */
  gone: () => void
}

const idle: IdleWorker[] = []

export function runTaskInWorker(task: IngestTask, hooks: WorkerRunHooks): Promise<TaskOutcome> {
  if (hooks.signal.aborted) return Promise.reject(cancelled(task))
  const worker = takeIdleWorker() ?? createIngestWorker()
  worker.ref()
  return new Promise<TaskOutcome>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void, reusable: boolean) => {
      if (settled) return
      settled = true
      hooks.signal.removeEventListener('abort', onAbort)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      if (reusable) keepIdle(worker)
      else void worker.terminate()
      outcome()
    }
    const onAbort = () => settle(() => reject(cancelled(task)), false)
    const onMessage = (message: WorkerMessage) => {
      if (settled) return
      if (message.type === 'done') settle(() => resolve(message), true)
      else if (message.type === 'error')
        settle(() => reject(new CairnError(message.code, message.message)), false)
      else hooks.onMessage(message)
    }
    const onError = (error: Error) =>
      settle(() => reject(new CairnError('INTERNAL', `import worker failed: ${error.message}`)), false)
    const onExit = (code: number) =>
      settle(
        () => reject(new CairnError('INTERNAL', `import worker exited with code ${code} before finishing`)),
        false
      )
    hooks.signal.addEventListener('abort', onAbort)
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    worker.postMessage(task)
  })
}

function takeIdleWorker(): Worker | undefined {
  const kept = idle.pop()
  if (kept === undefined) return undefined
  clearTimeout(kept.timer)
  kept.worker.off('exit', kept.gone)
  kept.worker.off('error', kept.gone)
  return kept.worker
}

function keepIdle(worker: Worker): void {
  if (idle.length >= MAX_IDLE_WORKERS) {
    void worker.terminate()
    return
  }
  worker.unref()
  const gone = (): void => {
    const index = idle.findIndex((kept) => kept.worker === worker)
    if (index < 0) return
    clearTimeout(idle[index].timer)
    idle.splice(index, 1)
    void worker.terminate()
  }
  const timer = setTimeout(gone, IDLE_WORKER_MS)
  timer.unref()
  worker.once('exit', gone)
  worker.once('error', gone)
  idle.push({ worker, timer, gone })
}

function cancelled(task: IngestTask): CairnError {
  return new CairnError('CANCELLED', `import of ${task.path} was cancelled`)
}

function createIngestWorker(): Worker {
  for (const dir of [__dirname, dirname(__dirname)]) {
    const built = join(dir, 'ingest-worker.js')
    if (existsSync(built)) return new Worker(built)
  }
  const source = join(__dirname, 'worker.ts')
  if (existsSync(source)) {
    // Loader flags are not honoured by worker threads on Node 20, so register tsx from inside the worker.
    const bootstrap = `require('tsx/cjs/api').register(); require(${JSON.stringify(source)})`
    return new Worker(bootstrap, { eval: true })
  }
  throw new CairnError(
    'INTERNAL',
    `the import worker script was not found next to ${__dirname}; rebuild Cairn`
  )
}
