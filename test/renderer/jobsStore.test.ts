// The jobs store applies pushed progress once per animation frame (or by timer when no frame comes),
// ignores events for jobs that have finished, keeps events that arrive before the job is tracked until it
// is, and lets a real outcome replace "lost".

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { JobProgress } from '../../src-main/common/domain'
import { useJobsStore } from '../../src-renderer/stores/jobs'
import { makeImportSummary } from './support/fixtures'
import { setupBackend } from './support/setup'

function progress(jobId: string, done: number, total = 1000): JobProgress {
  return { jobId, kind: 'ingest', label: 'access.log', done, total, unit: 'bytes' }
}

describe('jobs store', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'setTimeout'] })
    setupBackend()
  })
  afterEach(() => vi.useRealTimers())

  it('applies a burst of progress events once, on the next frame, keeping the latest', () => {
    const jobs = useJobsStore()
    jobs.track('job-1', 'ingest', 'access.log', 'case-1')
    for (let done = 1; done <= 500; done++) jobs.receiveProgress(progress('job-1', done))

    expect(jobs.byId['job-1'].done).toBe(0)
    vi.advanceTimersToNextFrame()
    expect(jobs.byId['job-1']).toMatchObject({ done: 500, total: 1000, status: 'running' })
  })

  it('finishes a job once and drops its later events', () => {
    const jobs = useJobsStore()
    const finished = vi.fn()
    jobs.onFinished(finished)
    jobs.track('job-1', 'ingest', 'access.log', 'case-1')

    jobs.receiveProgress(progress('job-1', 400))
    jobs.receiveOutcome({
      jobId: 'job-1',
      kind: 'ingest',
      label: 'access.log',
      status: 'succeeded',
      result: [makeImportSummary()]
    })
    vi.advanceTimersToNextFrame()
    jobs.receiveProgress(progress('job-1', 10))
    jobs.receiveOutcome({
      jobId: 'job-1',
      kind: 'ingest',
      label: 'access.log',
      status: 'failed',
      code: 'INTERNAL',
      message: 'late'
    })
    vi.advanceTimersToNextFrame()

    expect(jobs.byId['job-1']).toMatchObject({ status: 'succeeded', done: 1000 })
    expect(finished).toHaveBeenCalledOnce()
  })

  it('ignores progress that arrives in the same frame as the outcome', () => {
    const jobs = useJobsStore()
    jobs.track('job-1', 'ingest', 'access.log', 'case-1')
    jobs.receiveOutcome({
      jobId: 'job-1',
      kind: 'ingest',
      label: 'access.log',
      status: 'cancelled',
      code: 'CANCELLED',
      message: 'stopped'
    })
    jobs.receiveProgress(progress('job-1', 999))
    vi.advanceTimersToNextFrame()

    expect(jobs.byId['job-1']).toMatchObject({ status: 'cancelled', done: 0 })
  })

  it('keeps events for a job not yet tracked and applies them when it is', () => {
    const jobs = useJobsStore()
    jobs.receiveProgress(progress('job-early', 250))
    jobs.receiveOutcome({
      jobId: 'job-early',
      kind: 'ingest',
      label: 'access.log',
      status: 'succeeded',
      result: [makeImportSummary()]
    })
    vi.advanceTimersToNextFrame()
    expect(jobs.byId['job-early']).toBeUndefined()

    jobs.track('job-early', 'ingest', 'access.log', 'case-1')
    vi.advanceTimersToNextFrame()
    expect(jobs.byId['job-early']).toMatchObject({ status: 'succeeded', total: 1000, done: 1000 })
  })

  it('never shows events for jobs nobody tracks', () => {
    const jobs = useJobsStore()
    for (let index = 0; index < 100; index++) jobs.receiveProgress(progress(`stranger-${index}`, 1))
    vi.advanceTimersToNextFrame()
    expect(Object.keys(jobs.byId)).toEqual([])
  })
  it('applies events in a hidden window, where no animation frame comes', () => {
    vi.stubGlobal('requestAnimationFrame', () => 0)
    const jobs = useJobsStore()
    jobs.track('job-1', 'ingest', 'access.log', 'case-1')
    jobs.receiveProgress(progress('job-1', 700))
    vi.advanceTimersByTime(1000)

    expect(jobs.byId['job-1'].done).toBe(700)
    vi.unstubAllGlobals()
  })

  it('lets the outcome of a job marked lost replace the guess', async () => {
    const { transport } = setupBackend()
    transport.answer('jobs.active', () => [])
    const jobs = useJobsStore()
    const finished = vi.fn()
    jobs.onFinished(finished)
    jobs.track('job-1', 'ingest', 'access.log', 'case-1')
    await jobs.syncActive('case-1')
    expect(jobs.byId['job-1'].status).toBe('lost')

    jobs.receiveOutcome({
      jobId: 'job-1',
      kind: 'ingest',
      label: 'access.log',
      status: 'succeeded',
      result: [makeImportSummary()]
    })
    vi.advanceTimersToNextFrame()
    expect(jobs.byId['job-1']).toMatchObject({ status: 'succeeded', done: 0 })
    expect(finished).toHaveBeenCalledTimes(2)
  })
})
