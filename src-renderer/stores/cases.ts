// The open case and the list of recent ones. Opening, creating or building the demo case all end the same
// way: unsaved notes of the previous case are flushed, the case becomes current, its display zone applies
// everywhere (mirrored into the ui store), and the other stores, which watch the case id, reload.

import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { UpdateCaseFields } from '../../src-main/common/contract'
import type { CaseSummary, RecentCase } from '../../src-main/common/domain'
import { settled, useApi } from '../api'
import { useNotesStore } from './notes'
import { useUiStore } from './ui'

export type CaseAction = 'create' | 'open' | 'demo'

export const useCasesStore = defineStore('cases', () => {
  const ui = useUiStore()
  const current = ref<CaseSummary | null>(null)
  const recent = ref<RecentCase[]>([])
  /** Whether the first look at the backend has finished (until then the start screen would flicker). */
  const ready = ref(false)
  const pending = ref<CaseAction | null>(null)

  watch(
    () => current.value?.displayTimeZone,
    (zone) => (ui.displayTimeZone = zone ?? ui.displayTimeZone),
    { immediate: true, flush: 'sync' }
  )

  function enter(summary: CaseSummary): void {
    current.value = summary
    ui.navigate('overview')
  }

  async function start(): Promise<void> {
    const api = useApi()
    const [open, cases] = await Promise.all([
      settled(api.call('case.current', {})),
      settled(api.call('case.listRecent', {}))
    ])
    recent.value = cases ?? []
    if (open) enter(open)
    ready.value = true
  }

  /** Unsaved note edits belong to the case that is open now; the backend refuses them once it is not. */
  async function beforeSwitching(): Promise<void> {
    await useNotesStore().flushAll()
  }

  async function run(action: CaseAction, request: () => Promise<CaseSummary>): Promise<void> {
    pending.value = action
    await beforeSwitching()
    const summary = await settled(request())
    pending.value = null
    if (summary) enter(summary)
  }

  async function refresh(): Promise<void> {
    if (!current.value) return
    const summary = await settled(useApi().call('case.current', {}))
    if (summary && summary.id === current.value.id) current.value = summary
  }

  async function update(fields: UpdateCaseFields): Promise<boolean> {
    if (!current.value) return false
    const summary = await settled(useApi().call('case.update', { caseId: current.value.id, ...fields }))
    if (!summary) return false
    current.value = summary
    return true
  }

  /** Back to the start screen; the backend keeps the case open until another one is opened. */
  async function leave(): Promise<void> {
    await beforeSwitching()
    current.value = null
    recent.value = (await settled(useApi().call('case.listRecent', {}))) ?? recent.value
  }

  return {
    current,
    recent,
    ready,
    pending,
    start,
    refresh,
    update,
    leave,
    create: (title: string, displayTimeZone: string) =>
      run('create', () => useApi().call('case.create', { title, displayTimeZone })),
    open: (caseId: string) => run('open', () => useApi().call('case.open', { caseId })),
    openDemo: () => run('demo', () => useApi().call('case.openDemo', {}))
  }
})
