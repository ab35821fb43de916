// A file's way through the ingest screen: upload and preview in the import dialog, "Import", ingest job
// progress pushed by the backend (with speed and time left), the import report when the job succeeds, then
// detection started automatically and the evidence list reloaded.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EvidenceRecord } from '../../src-main/common/domain'
import IngestView from '../../src-renderer/features/ingest/IngestView.vue'
import { connectStoresToBackend } from '../../src-renderer/stores/sync'
import { T0, makeCase, makeEvidence, makeImportSummary, makeSourcePreview } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const SUMMARY = makeImportSummary()

let backend: TestBackend

describe('ingest flow', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame', 'Date'] })
    backend = setupBackend()
    let evidence: EvidenceRecord[] = []
    backend.transport
      .answer('evidence.list', () => evidence)
      .answer('ingest.preview', () => [makeSourcePreview()])
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
    expect(backend.transport.callsTo('ingest.preview')).toEqual([
      { caseId: 'case-1', source: { uploadId: 'upload-access-log' }, timeZone: 'UTC' }
    ])
    expect(backend.transport.callsTo('ingest.start')).toEqual([])
    await view.find('[data-testid="import-start"]').trigger('click')
    await flushPromises()

    const progressBar = () => view.find('[data-testid="ingest-progress"]')
    expect(backend.transport.callsTo('ingest.start')).toEqual([
      {
        caseId: 'case-1',
        sources: [{ uploadId: 'upload-access-log', format: 'apache_combined', timeZone: 'UTC' }]
      }
    ])
    expect(view.find('[data-testid="import-dialog"]').attributes('open')).toBeUndefined()
    const report = async (seconds: number, done: number, records: number) => {
      vi.setSystemTime(T0 + seconds * 1000)
      backend.transport.push({
        name: 'job.progress',
        payload: {
          jobId: 'job-1',
          kind: 'ingest',
          label: 'access.log',
          done,
          total: 4096,
          unit: 'bytes',
          records
        }
      })
      vi.advanceTimersToNextFrame()
      await flushPromises()
    }
    await report(0, 0, 0)
    await report(1, 1024, 250)
    expect(progressBar().attributes()).toMatchObject({ 'data-state': 'running', 'aria-valuenow': '25' })
    expect(view.find('[data-testid="import-status"]').text()).toBe('25 % · 1.00 KiB of 4.00 KiB')
    // About 250 lines/s (the frame the report lands in moves the clock a few ms); the math is unit-tested.
    expect(view.find('[data-testid="import-speed"]').text()).toMatch(/^2[45]\d lines\/s · 3 s left$/)

    backend.transport.push({
      name: 'job.done',
      payload: { jobId: 'job-1', kind: 'ingest', label: 'access.log', status: 'succeeded', result: [SUMMARY] }
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
    expect(summary.find('[data-testid="import-reject-reasons"]').text()).toContain(
      'timestamp is not a date · 2 lines'
    )
    expect(summary.find('[data-testid="import-reject-example"]').text()).toBe(
      'line 17: 1.2.3.4 - - [31/Feb/2026] "GET /"'
    )
    expect(summary.text()).toContain('2026-03-14 03:12:44 UTC')
    expect(summary.find('[data-testid="import-already"]').exists()).toBe(false)
    expect(backend.transport.callsTo('detect.run')).toEqual([{ caseId: 'case-1' }])
    expect(view.findAll('[data-testid="evidence-row"]')).toHaveLength(1)
  })

  it('reports every file a job read, and which of them were already in the case', async () => {
    const view = mount(IngestView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    const input = view.find('[data-testid="ingest-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'logs.zip')] })
    await input.trigger('change')
    await flushPromises()
    await view.find('[data-testid="import-start"]').trigger('click')
    await flushPromises()

    const fresh = makeImportSummary({
      evidence: makeEvidence({ id: 'ev-a', name: 'logs.zip › a.log', skipped: 2 }),
      skipReasons: [{ reason: 'comment line', count: 2 }]
    })
    const again = makeImportSummary({
      evidence: makeEvidence({ id: 'ev-b', name: 'logs.zip › b.log' }),
      alreadyImported: true
    })
    backend.transport.push({
      name: 'job.done',
      payload: {
        jobId: 'job-1',
        kind: 'ingest',
        label: 'logs.zip',
        status: 'succeeded',
        result: [fresh, again]
      }
    })
    vi.advanceTimersToNextFrame()
    await flushPromises()

    expect(view.find('[data-testid="import-status"]').text()).toBe('Imported')
    const [first, second] = view.findAll('[data-testid="import-summary"]')
    expect(first.text()).toContain('logs.zip › a.log')
    expect(first.find('[data-testid="import-skip-reasons"]').text()).toContain('comment line · 2 lines')
    expect(first.find('[data-testid="import-already"]').exists()).toBe(false)
    expect(second.text()).toContain('logs.zip › b.log')
    expect(second.find('[data-testid="import-already"]').text()).toContain('Already in the case')
    expect(backend.transport.callsTo('detect.run')).toEqual([{ caseId: 'case-1' }])
  })

  it('cancels a running import through jobs.cancel', async () => {
    backend.transport.answer('jobs.cancel', () => ({ cancelled: true }))
    const view = mount(IngestView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    const input = view.find('[data-testid="ingest-file-input"]')
    Object.defineProperty(input.element, 'files', { value: [new File(['x'], 'auth.log')] })
    await input.trigger('change')
    await flushPromises()
    await view.find('[data-testid="import-start"]').trigger('click')
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
