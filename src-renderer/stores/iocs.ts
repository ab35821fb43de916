// The indicator (IOC) lists loaded into the open case and the one import the analyst may have running.
// Lists only take effect when detection runs, so the store also says which lists were loaded after the
// IOC engine last started: those indicators have not been matched against the case's events yet.

import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { ENGINE_IDS } from '../../src-main/common/domain'
import type { IocListSummary } from '../../src-main/common/domain'
import { settled, useApi } from '../api'
import { useAlertsStore } from './alerts'
import { useCasesStore } from './cases'

/** The detection engine that matches IOC lists; its last run tells which lists it has seen. */
const IOC_ENGINE = ENGINE_IDS.ioc

export const useIocsStore = defineStore('iocs', () => {
  const cases = useCasesStore()
  const alerts = useAlertsStore()
  const lists = ref<IocListSummary[]>([])
  /** Name of the file being imported, or null when no import is running. */
  const importing = ref<string | null>(null)
  /** Tells a finishing import whether it is still the current one (a case switch abandons it). */
  let importToken = 0

  /**
   * Lists loaded after the IOC engine's last run started. The engine reads every list when it starts, so
   * a list loaded in the same millisecond may or may not be in that run; it counts as not matched yet.
   */
  const awaitingDetection = computed(() => {
    if (!alerts.runsLoaded) return []
    const lastRun = alerts.runs.find((run) => run.engine === IOC_ENGINE)
    return lists.value.filter((list) => !lastRun || list.loadedAt >= lastRun.startedAt)
  })

  async function load(): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const loaded = await settled(useApi().call('iocs.list', { caseId }))
    // An answer for a case left behind in the meantime describes lists this case does not have.
    if (loaded && cases.current?.id === caseId) lists.value = loaded
  }

  /** Loads one list file into the case; resolves to its summary, or undefined if it was refused. */
  async function importList(file: File): Promise<IocListSummary | undefined> {
    if (!cases.current || importing.value !== null) return undefined
    const token = ++importToken
    importing.value = file.name
    try {
      const summary = await settled(useApi().importIocList(cases.current.id, file))
      // After a case switch the list is in the case it was loaded into, not in the one now shown.
      if (!summary || token !== importToken) return undefined
      lists.value = [...lists.value.filter((list) => list.id !== summary.id), summary]
      return summary
    } finally {
      if (token === importToken) importing.value = null
    }
  }

  watch(
    () => cases.current?.id,
    () => {
      lists.value = []
      importing.value = null
      importToken += 1
      void load()
    },
    { immediate: true }
  )

  return { lists, importing, awaitingDetection, load, importList }
})
