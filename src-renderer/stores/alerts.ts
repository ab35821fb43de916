// Alert triage: the case's alerts, filtered (status, severity, engine, technique) and grouped (severity,
// rule or entity), the alerts picked for a bulk status change, the opened alert with its contributing
// events, status changes one by one or in bulk, and detection runs (which are what create alerts). Every
// answer is checked against the case it was asked for: one arriving after a case switch is dropped.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type {
  Alert,
  AlertDetail,
  AlertStatus,
  CloseReason,
  DetectionRunSummary
} from '../../src-main/common/domain'
import type { Severity } from '../../src-main/common/domain'
import { settled, useApi } from '../api'
import type { AlertFilters, AlertStatusFilter } from '../features/alerts/alertFilters'
import {
  countsByStatus as countStatuses,
  filterChoices,
  matchesFilters
} from '../features/alerts/alertFilters'
import type { AlertGrouping } from '../features/alerts/alertGrouping'
import { groupAlerts } from '../features/alerts/alertGrouping'
import { ALERT_STATUS_LABELS, CLOSE_REASON_LABELS } from '../features/alerts/alertLabels'
import { formatQuantity } from '../format/numbers'
import { useCasesStore } from './cases'
import { createEventPages } from './eventPages'
import { useJobsStore } from './jobs'
import { useNotificationsStore } from './notifications'

export type { AlertStatusFilter } from '../features/alerts/alertFilters'

function describeChange(status: AlertStatus, closeReason?: CloseReason): string {
  return closeReason
    ? `closed as ${CLOSE_REASON_LABELS[closeReason].title}`
    : `set to ${ALERT_STATUS_LABELS[status]}`
}

export const useAlertsStore = defineStore('alerts', () => {
  const cases = useCasesStore()
  const jobs = useJobsStore()
  const notifications = useNotificationsStore()
  const alerts = ref<Alert[]>([])
  const loaded = ref(false)
  const statusFilter = ref<AlertStatusFilter>('all')
  const severityFilter = ref<Severity | null>(null)
  const engineFilter = ref<string | null>(null)
  const techniqueFilter = ref<string | null>(null)
  const grouping = ref<AlertGrouping>('severity')
  /** Alerts ticked for a bulk status change (not the opened one, which is `selectedId`). */
  const picked = ref(new Set<string>())
  /** While a bulk change runs: its buttons and keys do nothing until it is done. */
  const bulkRunning = ref(false)
  const selectedId = ref<string | null>(null)
  const detail = ref<AlertDetail | null>(null)
  const runs = ref<DetectionRunSummary[]>([])
  /** Whether `runs` reflects the open case yet (an empty list then means detection never ran). */
  const runsLoaded = ref(false)
  /** Between asking for a detection run and the backend answering with its job. */
  const detectionStarting = ref(false)

  const caseId = (): string => cases.current?.id ?? ''
  const stillOn = (asked: string): boolean => cases.current?.id === asked

  const filters = computed<AlertFilters>(() => ({
    status: statusFilter.value,
    severity: severityFilter.value,
    engine: engineFilter.value,
    technique: techniqueFilter.value
  }))
  const countsByStatus = computed(() => countStatuses(alerts.value, filters.value))
  const choices = computed(() => filterChoices(alerts.value, filters.value))
  /** The alerts passing every filter, in groups of the chosen grouping. */
  const groups = computed(() =>
    groupAlerts(
      alerts.value.filter((alert) => matchesFilters(alert, filters.value)),
      grouping.value
    )
  )
  /** Ticked alerts the queue shows, in queue order: a filter never lets a bulk change reach hidden ones. */
  const pickedAlerts = computed(() =>
    groups.value.flatMap((group) => group.alerts).filter((alert) => picked.value.has(alert.id))
  )

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
    picked.value = new Set([...picked.value].filter((id) => list.some((alert) => alert.id === id)))
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

  /** Whether the change was made (a failure has already been reported by the API client). */
  async function setStatus(
    alertId: string,
    status: AlertStatus,
    closeReason?: CloseReason
  ): Promise<boolean> {
    const asked = caseId()
    const updated = await settled(
      useApi().call('alerts.setStatus', { caseId: asked, alertId, status, closeReason })
    )
    if (!updated || !stillOn(asked)) return false
    alerts.value = alerts.value.map((alert) => (alert.id === updated.id ? updated : alert))
    if (detail.value?.id === updated.id) detail.value = { ...detail.value, ...updated }
    return true
  }

  function setPicked(alertIds: readonly string[], on: boolean): void {
    const next = new Set(picked.value)
    for (const id of alertIds) {
      if (on) next.add(id)
      else next.delete(id)
    }
    picked.value = next
  }

  /**
   * Sets the status of several alerts, one call at a time so the backend is never flooded and failures
   * are told apart. Alerts already so are left alone; the ones that failed stay ticked for a retry.
   */
  async function setStatusOf(alertIds: readonly string[], status: AlertStatus, closeReason?: CloseReason) {
    const asked = caseId()
    if (bulkRunning.value || alertIds.length === 0) return
    bulkRunning.value = true
    const failed: string[] = []
    try {
      for (const id of alertIds) {
        const alert = alerts.value.find((candidate) => candidate.id === id)
        if (alert?.status === status && (alert.closeReason ?? undefined) === closeReason) continue
        if (!(await setStatus(id, status, closeReason))) failed.push(id)
        if (!stillOn(asked)) return
      }
    } finally {
      if (stillOn(asked)) bulkRunning.value = false
    }
    const change = describeChange(status, closeReason)
    if (failed.length > 0)
      notifications.error(
        `${failed.length} of ${formatQuantity(alertIds.length, 'alert')} could not be ${change}; they stay selected.`
      )
    else notifications.success(`${formatQuantity(alertIds.length, 'alert')} ${change}.`)
    picked.value = new Set(failed)
    // The next change may start while this reload runs: each answer updates the list as it comes.
    await load()
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
      bulkRunning.value = false
      picked.value = new Set()
      // Engines and techniques differ between cases; a filter from the last one could hide everything.
      severityFilter.value = engineFilter.value = techniqueFilter.value = null
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
    severityFilter,
    engineFilter,
    techniqueFilter,
    grouping,
    picked,
    pickedAlerts,
    bulkRunning,
    choices,
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
    setStatusOf,
    setPicked,
    clearPicked: () => (picked.value = new Set()),
    loadRuns,
    runDetection
  }
})
