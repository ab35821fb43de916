// Long-running backend work (imports, detection) as the UI sees it. Pushed progress can arrive thousands
// of times a second, so events are collected and applied once per animation frame (or by a timer when a
// hidden window gets no frames); events for jobs that already finished are dropped, and events that beat
// `track()` (a job can report before its start call has answered) are parked briefly.

import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { JobKind, JobOutcome, JobProgress } from '../../src-main/common/domain'
import { settled, useApi } from '../api'

/** `lost`: the job finished while the push channel was down, so its outcome was never seen. */
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'lost'

export interface JobState {
  jobId: string
  /** The case the job works on, or null when that is unknown (found running with no case open). */
  caseId: string | null
  kind: JobKind
  label: string
  done: number
  total: number
  unit: JobProgress['unit']
  /** Records read so far, for jobs that read records (imports); null until the job says. */
  records: number | null
  status: JobStatus
  outcome: JobOutcome | null
}

const PARKED_LIMIT = 64
/** How soon events apply when no animation frame comes first (a hidden window gets none). */
const FALLBACK_FLUSH_MS = 250

export const useJobsStore = defineStore('jobs', () => {
  const byId = ref<Record<string, JobState>>({})
  const pendingProgress = new Map<string, JobProgress>()
  const pendingOutcomes = new Map<string, JobOutcome>()
  const parked = new Map<string, { progress?: JobProgress; outcome?: JobOutcome }>()
  const finishedListeners = new Set<(job: JobState) => void>()
  let scheduled = false

  const running = computed(() => Object.values(byId.value).filter((job) => job.status === 'running'))

  /** Starts following a job this window started (or found running); earlier parked events apply now. */
  function track(jobId: string, kind: JobKind, label: string, caseId: string | null): void {
    if (byId.value[jobId]) return
    byId.value[jobId] = {
      jobId,
      caseId,
      kind,
      label,
      done: 0,
      total: 0,
      unit: 'bytes',
      records: null,
      status: 'running',
      outcome: null
    }
    const early = parked.get(jobId)
    parked.delete(jobId)
    if (early?.progress) receiveProgress(early.progress)
    if (early?.outcome) receiveOutcome(early.outcome)
  }

  function receiveProgress(progress: JobProgress): void {
    const job = byId.value[progress.jobId]
    if (!job) return park(progress.jobId, { progress })
    if (job.status !== 'running' || pendingOutcomes.has(job.jobId)) return
    pendingProgress.set(job.jobId, progress)
    scheduleFlush()
  }

  function receiveOutcome(outcome: JobOutcome): void {
    const job = byId.value[outcome.jobId]
    if (!job) return park(outcome.jobId, { outcome })
    // A job marked lost may still report: its real outcome replaces the guess.
    if (job.status !== 'running' && job.status !== 'lost') return
    pendingOutcomes.set(job.jobId, outcome)
    scheduleFlush()
  }

  function park(jobId: string, early: { progress?: JobProgress; outcome?: JobOutcome }): void {
    const entry = { ...parked.get(jobId), ...early }
    parked.delete(jobId)
    parked.set(jobId, entry)
    if (parked.size > PARKED_LIMIT) parked.delete(parked.keys().next().value as string)
  }

  function scheduleFlush(): void {
    if (scheduled) return
    scheduled = true
    requestAnimationFrame(flush)
    setTimeout(flush, FALLBACK_FLUSH_MS)
  }

  function flush(): void {
    if (!scheduled) return
    scheduled = false
    for (const progress of pendingProgress.values()) {
      const job = byId.value[progress.jobId]
      if (!job) continue
      job.label = progress.label
      job.done = progress.done
      job.total = progress.total
      job.unit = progress.unit
      job.records = progress.records ?? job.records
    }
    pendingProgress.clear()
    const finished: JobState[] = []
    for (const outcome of pendingOutcomes.values()) {
      const job = byId.value[outcome.jobId]
      if (!job) continue
      job.status = outcome.status
      job.outcome = outcome
      if (outcome.status === 'succeeded') job.done = job.total
      finished.push(job)
    }
    pendingOutcomes.clear()
    for (const job of finished) finishedListeners.forEach((listener) => listener(job))
  }

  /** Asks the backend to stop; the job's own `job.done` (status cancelled) then finishes it here. */
  async function cancel(jobId: string): Promise<void> {
    await settled(useApi().call('jobs.cancel', { jobId }))
  }

  /**
   * After a reload or a lost push channel: follow what is running and settle what finished unseen. The
   * backend runs jobs only for its open case, so jobs found running are taken to belong to `caseId`.
   */
  async function syncActive(caseId: string | null): Promise<void> {
    const active = await settled(useApi().call('jobs.active', {}))
    if (!active) return
    const activeIds = new Set(active.map((progress) => progress.jobId))
    const lost = running.value.filter((job) => !activeIds.has(job.jobId) && !pendingOutcomes.has(job.jobId))
    for (const job of lost) {
      job.status = 'lost'
      finishedListeners.forEach((listener) => listener(job))
    }
    for (const progress of active) {
      track(progress.jobId, progress.kind, progress.label, caseId)
      receiveProgress(progress)
    }
  }

  /** Drops finished jobs of other cases; nothing shows them once their case is closed. */
  function forgetFinishedOutside(caseId: string | null): void {
    for (const job of Object.values(byId.value)) {
      if (job.status !== 'running' && job.caseId !== caseId) delete byId.value[job.jobId]
    }
  }

  function onFinished(listener: (job: JobState) => void): () => void {
    finishedListeners.add(listener)
    return () => finishedListeners.delete(listener)
  }

  return {
    byId,
    running,
    track,
    receiveProgress,
    receiveOutcome,
    cancel,
    syncActive,
    forgetFinishedOutside,
    onFinished
  }
})
