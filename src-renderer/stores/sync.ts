// Keeps the stores in step with the backend: routes pushed events to the jobs store, reloads what a
// finished job or a `case.changed` event touched, runs detection once a batch of imports has finished
// (when the analyst has that switched on), and resynchronises after the push channel was lost. Only jobs
// of the open case count: a job finishing for a case left behind must not reload or detect in this one.

import { watch } from 'vue'
import type { ApiClient } from '../api'
import type { PushEvents } from '../../src-main/common/contract'
import { useAlertsStore } from './alerts'
import { useCasesStore } from './cases'
import { useEventsStore } from './events'
import { useEvidenceStore } from './evidence'
import { useIocsStore } from './iocs'
import { useJobsStore } from './jobs'
import { useNotesStore } from './notes'
import { useUiStore } from './ui'

export function connectStoresToBackend(api: ApiClient): () => void {
  const jobs = useJobsStore()
  const cases = useCasesStore()
  const evidence = useEvidenceStore()
  const events = useEventsStore()
  const alerts = useAlertsStore()
  const notes = useNotesStore()
  const iocs = useIocsStore()
  const ui = useUiStore()
  let importedSinceDetection = false

  function reload(what: PushEvents['case.changed']['what']): void {
    if (what === 'evidence') void evidence.load()
    if (what === 'alerts') void alerts.load()
    if (what === 'notes') notes.receiveChanged()
    if (what === 'iocs') void iocs.load()
  }

  const stopPush = api.onPush((event) => {
    if (event.name === 'job.progress') jobs.receiveProgress(event.payload)
    else if (event.name === 'job.done') jobs.receiveOutcome(event.payload)
    else if (event.payload.caseId === cases.current?.id) {
      reload(event.payload.what)
      void cases.refresh()
    }
  })

  const stopCaseWatch = watch(
    () => cases.current?.id,
    (caseId) => {
      importedSinceDetection = false
      jobs.forgetFinishedOutside(caseId ?? null)
    }
  )

  const stopFinished = jobs.onFinished((job) => {
    if (!cases.current || job.caseId !== cases.current.id) return
    if (job.kind === 'ingest') {
      void evidence.load()
      void cases.refresh()
      events.refresh()
      const outcome = job.outcome
      const summaries = outcome?.status === 'succeeded' && outcome.kind === 'ingest' ? outcome.result : []
      // A file already in the case adds no events, so it gives detection nothing new to look at.
      if (job.status === 'succeeded' && !summaries.every((summary) => summary.alreadyImported)) {
        importedSinceDetection = true
      }
      const importsLeft = jobs.running.some((other) => other.kind === 'ingest')
      if (!importsLeft && importedSinceDetection && ui.detectAfterImport) {
        importedSinceDetection = false
        void alerts.runDetection()
      }
    } else if (job.kind === 'detect') {
      void alerts.load()
      void alerts.loadRuns()
      void cases.refresh()
    }
  })

  const stopReconnect = api.onReconnect(() => {
    void jobs.syncActive(cases.current?.id ?? null)
    void notes.load()
    for (const what of ['evidence', 'alerts', 'iocs'] as const) reload(what)
    void cases.refresh()
  })

  return () => {
    stopCaseWatch()
    stopPush()
    stopFinished()
    stopReconnect()
  }
}
