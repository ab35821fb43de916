// The Windows logon summary of the open case, optionally narrowed to one Windows source, and the Windows
// sources it can be narrowed to. Answers for a case left behind, or for a narrowing since changed, are
// dropped: only the latest request's answer is shown.

import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { LogonSummary } from '../../src-main/common/windows'
import { isWindowsFormat } from '../../src-main/common/windows'
import { settled, useApi } from '../api'
import { useCasesStore } from './cases'
import { useEvidenceStore } from './evidence'

export const useWindowsStore = defineStore('windows', () => {
  const cases = useCasesStore()
  const evidence = useEvidenceStore()
  /** The source the summary is narrowed to; null for every source in the case. */
  const evidenceId = ref<string | null>(null)
  const logons = shallowRef<LogonSummary | null>(null)
  const loading = ref(false)
  let latest = 0

  const windowsSources = computed(() => evidence.records.filter((record) => isWindowsFormat(record.format)))

  async function loadLogons(): Promise<void> {
    const caseId = cases.current?.id
    if (!caseId) return
    const ticket = ++latest
    loading.value = true
    const narrowedTo = evidenceId.value
    const answer = await settled(
      useApi().call('windows.logonSummary', {
        caseId,
        ...(narrowedTo !== null && { evidenceId: narrowedTo })
      })
    )
    if (ticket !== latest) return
    loading.value = false
    if (cases.current?.id === caseId) logons.value = answer ?? null
  }

  watch(
    () => cases.current?.id,
    () => {
      latest++
      evidenceId.value = null
      logons.value = null
      loading.value = false
    }
  )

  return {
    evidenceId,
    logons,
    loading,
    windowsSources,
    loadLogons,
    narrowTo(id: string | null) {
      evidenceId.value = id
      void loadLogons()
    }
  }
})
