// Switching case while work is under way: answers asked for the old case are dropped, its uploads stop and
// its import dialog closes, its jobs no longer reload or detect anything, and the events query starts over.

import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert, EvidenceRecord, IocListSummary, Note } from '../../src-main/common/domain'
import { useAlertsStore } from '../../src-renderer/stores/alerts'
import { useEventsStore } from '../../src-renderer/stores/events'
import { useEvidenceStore } from '../../src-renderer/stores/evidence'
import type { PlannedImport } from '../../src-renderer/stores/evidence'
import { useImportDraftStore } from '../../src-renderer/stores/importDraft'
import { useIocsStore } from '../../src-renderer/stores/iocs'
import { useNotesStore } from '../../src-renderer/stores/notes'
import { connectStoresToBackend } from '../../src-renderer/stores/sync'
import { deferred } from './support/deferred'
import type { Deferred } from './support/deferred'
import {
  makeAlert,
  makeCase,
  makeEvidence,
  makeImportSummary,
  makeIocList,
  makeNote,
  makeSourcePreview
} from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend

function planned(name: string): PlannedImport {
  return {
    name,
    bytes: 1,
    format: 'apache_combined',
    source: { uploadId: `upload-${name.replace('.', '-')}` }
  }
}

describe('switching case', () => {
  beforeEach(() => {
    backend = setupBackend()
    backend.transport
      .answer('alerts.list', () => [])
      .answer('detect.runs', () => [])
      .answer('evidence.list', () => [])
      .answer('iocs.list', () => [])
      .answer('notes.list', () => [])
      .answer('events.query', () => ({ total: 0, offset: 0, events: [] }))
      .answer('case.current', () => makeCase())
  })

  it('drops list answers that arrive after the case changed', async () => {
    const answers = {
      alerts: deferred<Alert[]>(),
      evidence: deferred<EvidenceRecord[]>(),
      iocs: deferred<IocListSummary[]>(),
      notes: deferred<Note[]>()
    }
    const forCase1 =
      <T>(held: Deferred<T>, empty: T) =>
      (request: { caseId: string }) =>
        request.caseId === 'case-1' ? held.promise : empty
    backend.transport
      .answer('alerts.list', forCase1(answers.alerts, []))
      .answer('evidence.list', forCase1(answers.evidence, []))
      .answer('iocs.list', forCase1(answers.iocs, []))
      .answer('notes.list', forCase1(answers.notes, []))
    const stores = {
      alerts: useAlertsStore(),
      evidence: useEvidenceStore(),
      iocs: useIocsStore(),
      notes: useNotesStore()
    }
    openCase(makeCase())
    await flushPromises()
    openCase(makeCase({ id: 'case-2' }))
    await flushPromises()
    answers.alerts.resolve([makeAlert()])
    answers.evidence.resolve([makeEvidence()])
    answers.iocs.resolve([makeIocList()])
    answers.notes.resolve([makeNote()])
    await flushPromises()

    expect(stores.alerts.alerts).toEqual([])
    expect(stores.evidence.records).toEqual([])
    expect(stores.iocs.lists).toEqual([])
    expect(stores.notes.notes).toEqual([])
  })

  it('aborts uploads still going and previews nothing for the case left behind', async () => {
    const held = deferred<void>()
    backend.transport.uploadsHeld = held.promise
    backend.transport.answer('ingest.preview', () => [makeSourcePreview()])
    openCase(makeCase())
    const draft = useImportDraftStore()
    const adding = draft.addFiles([new File(['a'], 'a.log'), new File(['b'], 'b.log')])
    await flushPromises()
    expect(draft.isOpen).toBe(true)
    openCase(makeCase({ id: 'case-2' }))
    await adding

    expect(backend.transport.callsTo('ingest.preview')).toEqual([])
    expect(draft.files).toEqual([])
    expect(draft.isOpen).toBe(false)
  })

  it('runs automatic detection only for imports of the open case', async () => {
    vi.useFakeTimers({ toFake: ['requestAnimationFrame', 'cancelAnimationFrame'] })
    connectStoresToBackend(backend.api)
    let nextJob = 1
    backend.transport
      .answer('ingest.start', () => ({ jobIds: [`job-${nextJob++}`] }))
      .answer('detect.run', () => ({ jobId: 'job-detect' }))
    const finish = async (jobId: string) => {
      const result = [makeImportSummary()]
      backend.transport.push({
        name: 'job.done',
        payload: { jobId, kind: 'ingest', label: 'access.log', status: 'succeeded', result }
      })
      vi.advanceTimersToNextFrame()
      await flushPromises()
    }
    openCase(makeCase())
    await flushPromises()
    await useEvidenceStore().startImports([planned('access.log')])
    openCase(makeCase({ id: 'case-2' }))
    await flushPromises()
    await finish('job-1')
    expect(backend.transport.callsTo('detect.run')).toEqual([])

    await useEvidenceStore().startImports([planned('auth.log')])
    await finish('job-2')
    expect(backend.transport.callsTo('detect.run')).toEqual([{ caseId: 'case-2' }])
    vi.useRealTimers()
  })

  it('starts the next case with an empty events query', async () => {
    openCase(makeCase())
    const events = useEventsStore()
    events.addFilter({ field: 'source.ip', op: 'eq', value: '203.0.113.7' })
    events.text = 'wp-login'
    openCase(makeCase({ id: 'case-2' }))
    await flushPromises()

    expect(events.query).toEqual({})
  })
})
