// Evidence registered in the case and the imports in progress. An import row follows one file from the
// analyst's drop through upload (browser mode) and the backend's ingest job to its import summary, which
// the job's outcome carries ("N of M lines imported; most common error …"). Leaving the case aborts its
// uploads still going; answers about the case left behind are dropped.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { EvidenceRecord, ImportSummary, LogFormat } from '../../src-main/common/domain'
import { settled, useApi } from '../api'
import { useCasesStore } from './cases'
import { useJobsStore } from './jobs'

/** Where one file stands before its ingest job exists; after that the job's own status applies. */
type ImportStage = 'uploading' | 'starting' | 'started' | 'failed' | 'cancelled'

interface ImportItem {
  key: number
  fileName: string
  bytes: number
  stage: ImportStage
  sent: number
  jobId: string | null
  error: string | null
}

export type ImportState = 'uploading' | 'starting' | 'importing' | 'done' | 'failed' | 'cancelled'

/** One row of the import list: what the analyst sees for one dropped file. */
export interface ImportRow {
  key: number
  fileName: string
  bytes: number
  state: ImportState
  /** Progress in bytes of the current step (upload, then import). */
  done: number
  total: number
  summary: ImportSummary | null
  error: string | null
}

export interface ImportOptions {
  format?: LogFormat
  timeZone?: string
}

export const useEvidenceStore = defineStore('evidence', () => {
  const cases = useCasesStore()
  const jobs = useJobsStore()
  const records = ref<EvidenceRecord[]>([])
  const imports = ref<ImportItem[]>([])
  const uploads = new Map<number, AbortController>()
  /** Rows cancelled after their upload finished but before their job existed. */
  const cancelWhenStarted = new Set<number>()
  let nextKey = 1

  const importRows = computed<ImportRow[]>(() => imports.value.map(toRow))

  function toRow(item: ImportItem): ImportRow {
    const job = item.jobId ? jobs.byId[item.jobId] : undefined
    const row: ImportRow = {
      key: item.key,
      fileName: job?.label ?? item.fileName,
      bytes: item.bytes,
      state: item.stage === 'started' ? 'importing' : item.stage,
      done: item.sent,
      total: item.bytes,
      summary: null,
      error: item.error
    }
    if (!job) return row
    row.done = job.done
    row.total = job.total || item.bytes
    const outcome = job.outcome
    if (job.status === 'succeeded' && outcome?.status === 'succeeded') {
      row.state = 'done'
      row.summary = outcome.kind === 'ingest' ? outcome.result : null
    } else if (job.status === 'lost') {
      row.state = 'failed'
      row.error =
        'The connection dropped while this file was imported; check the evidence list for the result.'
    } else if (job.status === 'failed' || job.status === 'cancelled') {
      row.state = job.status
      row.error = outcome && outcome.status !== 'succeeded' ? outcome.message : null
    }
    return row
  }

  async function load(): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const list = await settled(useApi().call('evidence.list', { caseId }))
    if (list && cases.current?.id === caseId) records.value = list
  }

  async function importFiles(files: File[], options: ImportOptions = {}): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId || files.length === 0) return
    const api = useApi()
    const firstStage: ImportStage = api.mode === 'browser' ? 'uploading' : 'starting'
    const batch = files.map((file) => {
      const item: ImportItem = {
        key: nextKey++,
        fileName: file.name,
        bytes: file.size,
        stage: firstStage,
        sent: 0,
        jobId: null,
        error: null
      }
      uploads.set(item.key, new AbortController())
      return item
    })
    imports.value = [...batch, ...imports.value]
    const keyOf = new Map(files.map((file, index) => [file, batch[index].key]))
    // Taken now: a case switch clears `uploads` after aborting them, and later files must still see that.
    const signals = new Map(files.map((file, index) => [file, uploads.get(batch[index].key)?.signal]))
    // Look items up through the store's reactive array so that changing them updates the rows.
    const itemFor = (file: File) => imports.value.find((item) => item.key === keyOf.get(file))
    const started = await api.ingestFiles(caseId, files, {
      ...options,
      onUploadProgress(file, sent) {
        const item = itemFor(file)
        if (!item) return
        item.sent = sent
        if (sent >= item.bytes) item.stage = 'starting'
      },
      signalFor: (file) => signals.get(file)
    })
    if (cases.current?.id !== caseId) return
    for (const result of started) {
      const item = itemFor(result.file)
      if (!item) continue
      uploads.delete(item.key)
      if ('error' in result) {
        item.stage = result.error.code === 'CANCELLED' ? 'cancelled' : 'failed'
        item.error = result.error.message
        continue
      }
      const [first, ...more] = result.jobIds
      item.jobId = first ?? null
      item.stage = 'started'
      // A folder (desktop) becomes one job per file in it: one row each, named by the job once it reports.
      const extra = more.map((jobId): ImportItem => ({ ...item, key: nextKey++, bytes: 0, jobId }))
      if (extra.length > 0) imports.value.splice(imports.value.indexOf(item) + 1, 0, ...extra)
      const cancelNow = cancelWhenStarted.delete(item.key)
      for (const row of [item, ...extra]) {
        if (!row.jobId) continue
        jobs.track(row.jobId, 'ingest', row.fileName, caseId)
        if (cancelNow) void jobs.cancel(row.jobId)
      }
    }
  }

  function cancelImport(key: number): void {
    const item = imports.value.find((candidate) => candidate.key === key)
    if (!item) return
    if (item.jobId) void jobs.cancel(item.jobId)
    else if (item.stage === 'starting') cancelWhenStarted.add(key)
    else uploads.get(key)?.abort()
  }

  /** Clears finished rows from the import list; their evidence stays in the case. */
  function clearFinished(): void {
    const finished = new Set(importRows.value.filter((row) => !isActive(row)).map((row) => row.key))
    imports.value = imports.value.filter((item) => !finished.has(item.key))
  }

  watch(
    () => cases.current?.id,
    () => {
      uploads.forEach((upload) => upload.abort())
      uploads.clear()
      cancelWhenStarted.clear()
      records.value = []
      imports.value = []
      void load()
    },
    // At once, not before the next render: files dropped right after the case opened are that case's.
    { immediate: true, flush: 'sync' }
  )

  return { records, importRows, load, importFiles, cancelImport, clearFinished }
})

export function isActive(row: ImportRow): boolean {
  return row.state === 'uploading' || row.state === 'starting' || row.state === 'importing'
}
