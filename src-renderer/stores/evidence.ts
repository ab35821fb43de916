// Evidence registered in the case and the imports in progress. An import row follows one source the
// analyst chose in the import dialog from its `ingest.start` through the backend's job to the import
// summaries the job's outcome carries ("N of M lines imported; most common error …"). Evidence whose import
// stopped part-way can be resumed or removed. Answers about a case left behind are dropped.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { EvidenceRecord, ImportSummary, LogFormat } from '../../src-main/common/domain'
import { ApiError, settled, useApi } from '../api'
import { useCasesStore } from './cases'
import { useEventsStore } from './events'
import type { StartSource } from './importChoices'
import { useJobsStore } from './jobs'

/** Where one import stands before its ingest job exists; after that the job's own status applies. */
type ImportStage = 'starting' | 'started' | 'failed'

interface ImportItem {
  key: number
  name: string
  bytes: number
  format: LogFormat | 'unknown'
  stage: ImportStage
  jobId: string | null
  error: string | null
}

export type ImportState = 'starting' | 'importing' | 'done' | 'failed' | 'cancelled'

/** One row of the import list: what the analyst sees for one source being imported. */
export interface ImportRow {
  key: number
  fileName: string
  bytes: number
  format: LogFormat | 'unknown'
  state: ImportState
  /** Bytes of the source read so far, of `total`. */
  done: number
  total: number
  /** Records read so far, when the backend reports them. */
  records: number | null
  /** One per file read: a single file gives one, a folder or an archive imported whole one per file. */
  summaries: ImportSummary[]
  error: string | null
}

/** One source the analyst chose in the import dialog, with the options it is to be imported with. */
export interface PlannedImport {
  name: string
  bytes: number
  format: LogFormat | 'unknown'
  source: StartSource
}

export const useEvidenceStore = defineStore('evidence', () => {
  const cases = useCasesStore()
  const jobs = useJobsStore()
  const records = ref<EvidenceRecord[]>([])
  const imports = ref<ImportItem[]>([])
  /** Rows cancelled before their job existed: the job is cancelled as soon as it does. */
  const cancelWhenStarted = new Set<number>()
  let nextKey = 1

  const importRows = computed<ImportRow[]>(() => imports.value.map(toRow))

  function toRow(item: ImportItem): ImportRow {
    const job = item.jobId ? jobs.byId[item.jobId] : undefined
    const row: ImportRow = {
      key: item.key,
      fileName: job?.label ?? item.name,
      bytes: item.bytes,
      format: item.format,
      state: item.stage === 'started' ? 'importing' : item.stage,
      done: 0,
      total: item.bytes,
      records: null,
      summaries: [],
      error: item.error
    }
    if (!job) return row
    row.done = job.done
    row.total = job.total || item.bytes
    row.records = job.records
    const outcome = job.outcome
    if (job.status === 'succeeded' && outcome?.status === 'succeeded') {
      row.state = 'done'
      row.summaries = outcome.kind === 'ingest' ? outcome.result : []
    } else if (job.status === 'lost') {
      row.state = 'failed'
      row.error = 'The connection dropped while this was imported; check the evidence list for the result.'
    } else if (job.status === 'failed' || job.status === 'cancelled') {
      row.state = job.status
      row.error = outcome && outcome.status !== 'succeeded' ? outcome.message : null
    }
    return row
  }

  /** Look items up through the store's reactive array so that changing them updates the rows. */
  const itemFor = (key: number) => imports.value.find((item) => item.key === key)

  async function load(): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const list = await settled(useApi().call('evidence.list', { caseId }))
    if (list && cases.current?.id === caseId) records.value = list
  }

  async function startImports(planned: PlannedImport[]): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId || planned.length === 0) return
    const batch = planned.map((plan): ImportItem => ({
      key: nextKey++,
      name: plan.name,
      bytes: plan.bytes,
      format: plan.format,
      stage: 'starting',
      jobId: null,
      error: null
    }))
    imports.value = [...batch, ...imports.value]
    // One start per source: its jobs are tied to its row, and one refused source does not sink the rest.
    for (const [index, plan] of planned.entries()) {
      const key = batch[index].key
      try {
        const { jobIds } = await useApi().call('ingest.start', { caseId, sources: [plan.source] })
        if (cases.current?.id !== caseId) return
        attachJobs(key, jobIds, caseId)
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        if (cases.current?.id !== caseId) return
        fail(key, error.message)
      }
    }
  }

  function fail(key: number, message: string): void {
    const item = itemFor(key)
    if (!item) return
    item.stage = 'failed'
    item.error = message
  }

  function attachJobs(key: number, jobIds: string[], caseId: string): void {
    const item = itemFor(key)
    const [first, ...more] = jobIds
    if (!item || !first) return fail(key, 'Nothing was imported: the source holds no file to read.')
    item.jobId = first
    item.stage = 'started'
    // A folder becomes one job per file in it: one row each, named by the job once it reports.
    const extra = more.map((jobId): ImportItem => ({ ...item, key: nextKey++, bytes: 0, jobId }))
    if (extra.length > 0) imports.value.splice(imports.value.indexOf(item) + 1, 0, ...extra)
    const cancelNow = cancelWhenStarted.delete(key)
    for (const jobId of jobIds) {
      jobs.track(jobId, 'ingest', item.name, caseId)
      if (cancelNow) void jobs.cancel(jobId)
    }
  }

  function cancelImport(key: number): void {
    const item = itemFor(key)
    if (!item) return
    if (item.jobId) void jobs.cancel(item.jobId)
    else if (item.stage === 'starting') cancelWhenStarted.add(key)
  }

  /** Picks up an import that was cancelled, interrupted or failed where it stopped. */
  async function resume(record: EvidenceRecord): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const started = await settled(useApi().call('ingest.resume', { caseId, evidenceId: record.id }))
    if (!started || cases.current?.id !== caseId) return
    const item: ImportItem = {
      key: nextKey++,
      name: record.name,
      bytes: record.size,
      format: record.format,
      stage: 'started',
      jobId: started.jobId,
      error: null
    }
    imports.value = [item, ...imports.value]
    jobs.track(started.jobId, 'ingest', record.name, caseId)
    void load()
  }

  /** Takes the evidence and its events out of the case; true when the backend removed it. */
  async function remove(record: EvidenceRecord): Promise<boolean> {
    const caseId = cases.current?.id
    if (!caseId) return false
    const answer = await settled(useApi().call('evidence.remove', { caseId, evidenceId: record.id }))
    if (!answer || cases.current?.id !== caseId) return false
    void load()
    void cases.refresh()
    useEventsStore().refresh()
    return answer.removed
  }

  /** Clears finished rows from the import list; their evidence stays in the case. */
  function clearFinished(): void {
    const finished = new Set(importRows.value.filter((row) => !isActive(row)).map((row) => row.key))
    imports.value = imports.value.filter((item) => !finished.has(item.key))
  }

  watch(
    () => cases.current?.id,
    () => {
      cancelWhenStarted.clear()
      records.value = []
      imports.value = []
      void load()
    },
    // At once, not before the next render: an import started right after the case opened is that case's.
    { immediate: true, flush: 'sync' }
  )

  return { records, importRows, load, startImports, cancelImport, resume, remove, clearFinished }
})

export function isActive(row: ImportRow): boolean {
  return row.state === 'starting' || row.state === 'importing'
}

/** Evidence whose import stopped part-way: what was read stays, and it can be resumed or removed. */
export function isStopped(record: EvidenceRecord): boolean {
  return record.status === 'cancelled' || record.status === 'interrupted' || record.status === 'failed'
}
