// Alert triage: the case's alerts ordered by severity, the status filter, the selected alert with its
// contributing events, status changes, and detection runs (which are what create alerts).

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
  const detectionJobId = ref<string | null>(null)

  const caseId = (): string => cases.current?.id ?? ''

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

  const detectionRunning = computed(
    () => detectionJobId.value !== null && jobs.byId[detectionJobId.value]?.status === 'running'
  )

  async function load(): Promise<void> {
    if (!cases.current) return
    const list = await settled(useApi().call('alerts.list', { caseId: caseId() }))
    if (!list) return
    alerts.value = list
    loaded.value = true
    if (selectedId.value && !list.some((alert) => alert.id === selectedId.value)) close()
  }

  async function select(alertId: string): Promise<void> {
    selectedId.value = alertId
    detail.value = null
    detailEvents.reset()
    const found = await settled(useApi().call('alerts.get', { caseId: caseId(), alertId }))
    if (found && selectedId.value === alertId) detail.value = found
  }

  function close(): void {
    selectedId.value = null
    detail.value = null
    detailEvents.reset()
  }

  async function setStatus(alertId: string, status: AlertStatus, closeReason?: CloseReason): Promise<void> {
    const updated = await settled(
      useApi().call('alerts.setStatus', { caseId: caseId(), alertId, status, closeReason })
    )
    if (!updated) return
    alerts.value = alerts.value.map((alert) => (alert.id === updated.id ? updated : alert))
    if (detail.value?.id === updated.id) detail.value = { ...detail.value, ...updated }
  }

  async function loadRuns(): Promise<void> {
    if (!cases.current) return
    const latest = await settled(useApi().call('detect.runs', { caseId: caseId() }))
    if (!latest) return
    runs.value = latest
    runsLoaded.value = true
  }

  async function runDetection(): Promise<void> {
    if (!cases.current || detectionRunning.value) return
    const started = await settled(useApi().call('detect.run', { caseId: caseId() }))
    if (!started) return
    detectionJobId.value = started.jobId
    jobs.track(started.jobId, 'detect', 'Detection')
  }

  watch(
    () => cases.current?.id,
    () => {
      alerts.value = []
      runs.value = []
      runsLoaded.value = false
      loaded.value = false
      detectionJobId.value = null
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
    detectionRunning,
    load,
    select,
    close,
    setStatus,
    loadRuns,
    runDetection
  }
})
