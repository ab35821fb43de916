// A file's way through the ingest screen: upload, ingest job progress pushed by the backend, the import
// summary when the job succeeds, then detection started automatically and the evidence list reloaded.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EvidenceRecord } from '../../src-main/common/domain'
import IngestView from '../../src-renderer/features/ingest/IngestView.vue'
import { connectStoresToBackend } from '../../src-renderer/stores/sync'
import { makeCase, makeImportSummary } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const SUMMARY = makeImportSummary()

let backend: TestBackend

describe('ingest flow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    backend = setupBackend()
    let evidence: EvidenceRecord[] = []
    backend.transport
      .answer('evidence.list', () => evidence)
      .answer('ingest.start', () => {
        evidence = [SUMMARY.evidence]
        return { jobIds: ['job-1'] }
      })
      .answer('detect.run', () => ({ jobId: 'job-detect' }))
      .answer('detect.runs', () => [])
      .answer('alerts.list', () => [])
      .answer('case.current', () => makeCase())
      .answer('events.query', () => ({ total: 0, offset: 0, events: [] }))
      .answer('iocs.list', () => [])
    openCase(makeCase())
    connectStoresToBackend(backend.api)
  })
  afterEach(() => vi.useRealTimers())

  it('shows progress, then the import summary, then runs detection', async () => {
    const view = mount(IngestView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    const input = view.find('[data-testid="ingest-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'.repeat(4096)], 'access.log')] })
    await input.trigger('change')
    await flushPromises()

    const progressBar = () => view.find('[data-testid="ingest-progress"]')
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      { caseId: 'case-1', sources: [{ uploadId: 'upload-access-log' }], format: undefined, timeZone: 'UTC' }
    ])
    backend.transport.push({
      name: 'job.progress',
      payload: { jobId: 'job-1', kind: 'ingest', label: 'access.log', done: 1024, total: 4096, unit: 'bytes' }
    })
    vi.advanceTimersToNextFrame()
    await flushPromises()
    expect(progressBar().attributes()).toMatchObject({ 'data-state': 'running', 'aria-valuenow': '25' })

    backend.transport.push({
      name: 'job.done',
      payload: { jobId: 'job-1', kind: 'ingest', label: 'access.log', status: 'succeeded', result: SUMMARY }
    })
    vi.advanceTimersToNextFrame()
    await flushPromises()

    expect(progressBar().attributes('data-state')).toBe('done')
    const summary = view.find('[data-testid="import-summary"]')
    expect(summary.text()).toContain(
      '998 of 1,000 lines imported; most common error: timestamp is not a date'
    )
    expect(summary.find('[data-testid="import-rejected"]').text()).toBe('2 lines')
    expect(summary.find('[data-testid="import-sha256"]').text()).toBe('a'.repeat(64))
    expect(summary.text()).toContain('Apache/nginx access (combined)')
    expect(backend.transport.callsTo('detect.run')).toEqual([{ caseId: 'case-1' }])
    expect(view.findAll('[data-testid="evidence-row"]')).toHaveLength(1)
  })

  it('cancels a running import through jobs.cancel', async () => {
    backend.transport.answer('jobs.cancel', () => ({ cancelled: true }))
    const view = mount(IngestView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    const input = view.find('[data-testid="ingest-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'auth.log')] })
    await input.trigger('change')
    await flushPromises()

    await view.find('[data-testid="import-cancel"]').trigger('click')
    expect(backend.transport.callsTo('jobs.cancel')).toEqual([{ jobId: 'job-1' }])
    backend.transport.push({
      name: 'job.done',
      payload: {
        jobId: 'job-1',
        kind: 'ingest',
        label: 'auth.log',
        status: 'cancelled',
        code: 'CANCELLED',
        message: 'Import cancelled.'
      }
    })
    vi.advanceTimersToNextFrame()
    await flushPromises()

    expect(view.find('[data-testid="ingest-progress"]').attributes('data-state')).toBe('cancelled')
    expect(view.find('[data-testid="import-cancel"]').exists()).toBe(false)
    expect(backend.transport.callsTo('detect.run')).toEqual([])
  })
})
