// Alert triage: the case's alerts ordered by severity, the status filter, the selected alert with its
// contributing events, status changes, and detection runs (which are what create alerts). Every answer
// is checked against the case it was asked for: one arriving after a case switch is dropped.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type {
  Alert,
  AlertDetail,
  AlertStatus,
  CloseReason,
  DetectionRunSummary
} from '../../src-main/common/domain'
import { SEVERITIES } from '../../src-main/common/domain'
import { settled, useApi } from '../api'
import { useCasesStore } from './cases'
import { createEventPages } from './eventPages'
import { useJobsStore } from './jobs'

export type AlertStatusFilter = AlertStatus | 'all'

function bySeverityThenRecency(a: Alert, b: Alert): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || b.lastSeen - a.lastSeen
}

export const useAlertsStore = defineStore('alerts', () => {
  const cases = useCasesStore()
  const jobs = useJobsStore()
  const alerts = ref<Alert[]>([])
  const loaded = ref(false)
  const statusFilter = ref<AlertStatusFilter>('all')
  const selectedId = ref<string | null>(null)
  const detail = ref<AlertDetail | null>(null)
  const runs = ref<DetectionRunSummary[]>([])
  /** Whether `runs` reflects the open case yet (an empty list then means detection never ran). */
  const runsLoaded = ref(false)
  /** Between asking for a detection run and the backend answering with its job. */
  const detectionStarting = ref(false)

  const caseId = (): string => cases.current?.id ?? ''
  const stillOn = (asked: string): boolean => cases.current?.id === asked

  const countsByStatus = computed(() => {
    const counts: Record<AlertStatusFilter, number> = { all: 0, new: 0, in_progress: 0, closed: 0 }
    for (const alert of alerts.value) {
      counts[alert.status] += 1
      counts.all += 1
    }
    return counts
  })

  /** The alerts passing the status filter, grouped by severity (most severe first), newest first within. */
  const groups = computed(() => {
    const shown = alerts.value
      .filter((alert) => statusFilter.value === 'all' || alert.status === statusFilter.value)
      .sort(bySeverityThenRecency)
    return SEVERITIES.map((severity) => ({
      severity,
      alerts: shown.filter((alert) => alert.severity === severity)
    })).filter((group) => group.alerts.length > 0)
  })

  const detailEvents = createEventPages((offset, limit) =>
    useApi().call('alerts.events', { caseId: caseId(), alertId: selectedId.value ?? '', offset, limit })
  )

  /** The open case's detection job, whether this window started it or found it running. */
  const detectionJob = computed(
    () => jobs.running.find((job) => job.kind === 'detect' && job.caseId === caseId()) ?? null
  )
  const detectionRunning = computed(() => detectionStarting.value || detectionJob.value !== null)

  /** Reloads the list; a re-run may have changed the open alert, so its detail and events reload too. */
  async function load(): Promise<void> {
    const asked = caseId()
    if (!asked) return
    const list = await settled(useApi().call('alerts.list', { caseId: asked }))
    if (!list || !stillOn(asked)) return
    alerts.value = list
    loaded.value = true
    if (!selectedId.value) return
    if (list.some((alert) => alert.id === selectedId.value)) await loadDetail(selectedId.value)
    else close()
  }

  async function select(alertId: string): Promise<void> {
    selectedId.value = alertId
    detail.value = null
    await loadDetail(alertId)
  }

  async function loadDetail(alertId: string): Promise<void> {
    const asked = caseId()
    detailEvents.reset()
    const found = await settled(useApi().call('alerts.get', { caseId: asked, alertId }))
    if (found && stillOn(asked) && selectedId.value === alertId) detail.value = found
  }

  function close(): void {
    selectedId.value = null
    detail.value = null
    detailEvents.reset()
  }

  async function setStatus(alertId: string, status: AlertStatus, closeReason?: CloseReason): Promise<void> {
    const asked = caseId()
    const updated = await settled(
      useApi().call('alerts.setStatus', { caseId: asked, alertId, status, closeReason })
    )
    if (!updated || !stillOn(asked)) return
    alerts.value = alerts.value.map((alert) => (alert.id === updated.id ? updated : alert))
    if (detail.value?.id === updated.id) detail.value = { ...detail.value, ...updated }
  }

  async function loadRuns(): Promise<void> {
    const asked = caseId()
    if (!asked) return
    const latest = await settled(useApi().call('detect.runs', { caseId: asked }))
    if (!latest || !stillOn(asked)) return
    runs.value = latest
    runsLoaded.value = true
  }

  async function runDetection(): Promise<void> {
    const asked = caseId()
    if (!asked || detectionRunning.value) return
    // Running from here on, so a second click before the backend answers cannot start a second run.
    detectionStarting.value = true
    try {
      const started = await settled(useApi().call('detect.run', { caseId: asked }))
      if (started) jobs.track(started.jobId, 'detect', 'Detection', asked)
    } finally {
      if (stillOn(asked)) detectionStarting.value = false
    }
  }

  watch(
    () => cases.current?.id,
    () => {
      alerts.value = []
      runs.value = []
      runsLoaded.value = false
      loaded.value = false
      detectionStarting.value = false
      close()
      void load()
      void loadRuns()
    },
    { immediate: true }
  )

  return {
    alerts,
    loaded,
    statusFilter,
    selectedId,
    detail,
    detailEvents,
    runs,
    runsLoaded,
    countsByStatus,
    groups,
    detectionJob,
    detectionRunning,
    load,
    select,
    close,
    setStatus,
    loadRuns,
    runDetection
  }
})
