// Long work (imports, detection, reports) runs as jobs: each has an id, reports typed progress, can be
// cancelled, and ends with exactly one terminal event. The entry layers only forward these events.

import { randomUUID } from 'node:crypto'
import type { JobKind, JobOutcome, JobProgress, JobResults } from '../../common/domain'
import { CairnError } from '../../common/errors'

export interface JobContext {
  signal: AbortSignal
  /** `records`: records read so far, for jobs that read records (imports). */
  progress(done: number, total: number, records?: number): void
}

export interface JobEvents {
  onProgress(progress: JobProgress): void
  onDone(outcome: JobOutcome): void
}

interface RunningJob {
  controller: AbortController
  progress: JobProgress
  finished: Promise<unknown>
}

export class JobManager {
  private readonly running = new Map<string, RunningJob>()

  constructor(private readonly events: JobEvents) {}

  start<K extends JobKind>(
    kind: K,
    label: string,
    unit: JobProgress['unit'],
    work: (context: JobContext) => Promise<JobResults[K]>
  ): string {
    const jobId = randomUUID()
    const controller = new AbortController()
    const progress: JobProgress = { jobId, kind, label, done: 0, total: 0, unit }
    const context: JobContext = {
      signal: controller.signal,
      progress: (done, total, records) => {
        if (controller.signal.aborted) return
        progress.done = done
        progress.total = total
        if (records !== undefined) progress.records = records
        this.events.onProgress({ ...progress })
      }
    }
    const finished = Promise.resolve()
      .then(() => work(context))
      .then(
        (result) => this.finish(jobId, { jobId, kind, label, status: 'succeeded', result } as JobOutcome),
        (error: unknown) => {
          const code = error instanceof CairnError ? error.code : 'INTERNAL'
          const message = error instanceof Error ? error.message : String(error)
          const status = controller.signal.aborted || code === 'CANCELLED' ? 'cancelled' : 'failed'
          this.finish(jobId, { jobId, kind, label, status, code, message })
        }
      )
    this.running.set(jobId, { controller, progress, finished })
    return jobId
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId)
    if (!job) return false
    job.controller.abort()
    return true
  }

  active(): JobProgress[] {
    return [...this.running.values()].map((job) => ({ ...job.progress }))
  }

  /** Resolves when these jobs have ended (their terminal events already sent); unknown ids are done. */
  async settled(jobIds: readonly string[]): Promise<void> {
    await Promise.all(jobIds.map((jobId) => this.running.get(jobId)?.finished))
  }

  /** Resolves when every job running now has ended (used by tests). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((job) => job.finished))
  }

  private finish(jobId: string, outcome: JobOutcome): void {
    this.running.delete(jobId)
    this.events.onDone(outcome)
  }
}
