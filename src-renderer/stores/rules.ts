// The Sigma rules screen: where rules come from (Cairn's pack, the analyst's folders), every rule
// document's verdict for the open case, the filters over thousands of them, the rule being read, and the
// tuning calls (enable, level, exclusions, which rules run at all). Every change answers with the whole
// overview; an older answer never overwrites a newer one, and an answer for a case left behind is dropped.

import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Severity } from '../../src-main/common/domain'
import type {
  RuleDetail,
  RuleExclusionSetting,
  RuleSelection,
  RuleSourceInfo,
  RuleSupport,
  RuleSupportStatus,
  RulesOverview
} from '../../src-main/common/rules'
import { ApiError, settled, useApi } from '../api'
import { useCasesStore } from './cases'

export type RuleStatusFilter = RuleSupportStatus | 'all'

export const RULE_STATUSES: readonly RuleSupportStatus[] = [
  'loaded',
  'unsupported',
  'invalid',
  'not_applicable'
]

/** Shown instead of the add-folder field in browser mode, and if the backend refuses a path anyway. */
export const BROWSER_FOLDER_MESSAGE =
  'Rule folders can only be added in the desktop app, or on the command line with cairn detect --rules <dir>.'

function matchesText(rule: RuleSupport, needle: string): boolean {
  return [rule.title, rule.path, rule.reason, rule.id].some((part) => part.toLowerCase().includes(needle))
}

export const useRulesStore = defineStore('rules', () => {
  const cases = useCasesStore()
  const sources = ref<RuleSourceInfo[]>([])
  /** Thousands of rows, replaced whole by each answer: shallow so Vue does not wrap every one. */
  const rules = shallowRef<RuleSupport[]>([])
  const loaded = ref(false)
  /** The selection in force (global, not per case); null until the first overview arrives. */
  const selection = ref<RuleSelection | null>(null)
  /** Why the selection could not be saved, in the backend's words. */
  const selectionError = ref<string | null>(null)
  const savingSelection = ref(false)
  const statusFilter = ref<RuleStatusFilter>('all')
  const textFilter = ref('')
  const selectedId = ref<string | null>(null)
  const detail = ref<RuleDetail | null>(null)
  /** Rule ids with an enable, level or exclusions change on its way to the backend. */
  const busy = ref(new Set<string>())
  /** Why the selected rule's exclusions could not be saved, in the backend's words. */
  const exclusionError = ref<string | null>(null)
  const folderError = ref<string | null>(null)
  const addingFolder = ref(false)
  /** Numbers each overview request so only the newest answer is applied. */
  let issued = 0
  let applied = 0

  const caseId = (): string | undefined => cases.current?.id

  const countsByStatus = computed(() => {
    const counts: Record<RuleStatusFilter, number> = {
      all: 0,
      loaded: 0,
      unsupported: 0,
      invalid: 0,
      not_applicable: 0
    }
    for (const rule of rules.value) {
      counts[rule.status] += 1
      counts.all += 1
    }
    return counts
  })

  /** Loaded rules, and those of them that run (selected and not disabled). */
  const running = computed(() => {
    let loadedRules = 0
    let runningRules = 0
    for (const rule of rules.value) {
      if (rule.status !== 'loaded') continue
      loadedRules += 1
      if (rule.enabled) runningRules += 1
    }
    return { loaded: loadedRules, running: runningRules }
  })

  /** The rules passing both filters, in file order. */
  const shown = computed(() => {
    const needle = textFilter.value.trim().toLowerCase()
    return rules.value.filter(
      (rule) =>
        (statusFilter.value === 'all' || rule.status === statusFilter.value) &&
        (needle === '' || matchesText(rule, needle))
    )
  })

  const selected = computed(() => rules.value.find((rule) => rule.id === selectedId.value) ?? null)

  /** Sends one overview-returning call and applies its answer unless a newer one was asked for since. */
  async function overviewFrom(request: () => Promise<RulesOverview>): Promise<boolean> {
    const number = ++issued
    const asked = caseId()
    const overview = await request()
    if (number < applied || caseId() !== asked) return false
    applied = number
    sources.value = overview.sources
    selection.value = overview.selection
    rules.value = overview.rules
    loaded.value = true
    if (detail.value) {
      const fresh = overview.rules.find((rule) => rule.id === detail.value?.id)
      if (fresh) detail.value = { ...detail.value, ...fresh }
    }
    return true
  }

  async function load(): Promise<void> {
    const asked = caseId()
    await settled(overviewFrom(() => useApi().call('rules.list', asked ? { caseId: asked } : {})))
  }

  /** Asks for the rule in full, kept only if the analyst is still looking at that rule. */
  async function fetchDetail(ruleId: string): Promise<void> {
    const found = await settled(useApi().call('rules.get', { ruleId }))
    if (found && selectedId.value === ruleId) detail.value = found
  }

  async function select(ruleId: string): Promise<void> {
    selectedId.value = ruleId
    detail.value = null
    exclusionError.value = null
    // An invalid document never parsed: the backend has no rule to give, only the verdict shown already.
    if (selected.value?.status === 'invalid') return
    await fetchDetail(ruleId)
  }

  function close(): void {
    selectedId.value = null
    detail.value = null
    exclusionError.value = null
  }

  function markBusy(ruleId: string, isBusy: boolean): void {
    const next = new Set(busy.value)
    if (isBusy) next.add(ruleId)
    else next.delete(ruleId)
    busy.value = next
  }

  async function tune(ruleId: string, request: () => Promise<RulesOverview>): Promise<void> {
    markBusy(ruleId, true)
    try {
      await settled(overviewFrom(request))
    } finally {
      markBusy(ruleId, false)
    }
  }

  const setEnabled = (ruleId: string, enabled: boolean): Promise<void> =>
    tune(ruleId, () => useApi().call('rules.setEnabled', { ruleId, enabled }))

  /** null puts the rule back at the level it was written with. */
  const setLevel = (ruleId: string, level: Severity | null): Promise<void> =>
    tune(ruleId, () => useApi().call('rules.setLevel', { ruleId, level }))

  /**
   * Replaces the exclusions of the rule on screen, then reads the rule again so the pane shows what the
   * backend kept. Resolves to whether they were saved; if not, `exclusionError` says why.
   */
  async function saveExclusions(ruleId: string, exclusions: RuleExclusionSetting[]): Promise<boolean> {
    exclusionError.value = null
    markBusy(ruleId, true)
    try {
      // Saved even when a newer overview or a case switch makes this answer stale: tuning is global.
      await overviewFrom(() => useApi().call('rules.setExclusions', { ruleId, exclusions }))
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (selectedId.value === ruleId)
        exclusionError.value = `Could not save the exclusions: ${error.message}`
      return false
    } finally {
      markBusy(ruleId, false)
    }
    await fetchDetail(ruleId)
    return true
  }

  /**
   * Sends the rule's exclusions changed by `edit`. The backend replaces the whole list, so the list edited
   * must be the one on screen for that rule: without it nothing is sent (the editor shows only with it).
   */
  async function editExclusions(
    ruleId: string,
    edit: (exclusions: RuleExclusionSetting[]) => RuleExclusionSetting[]
  ): Promise<boolean> {
    if (detail.value?.id !== ruleId) return false
    // The detail is reactive and requests are copied across the bridge: send plain objects.
    const current = detail.value.exclusions.map(({ field, values }) => ({ field, values: [...values] }))
    return saveExclusions(ruleId, edit(current))
  }

  const addExclusion = (ruleId: string, exclusion: RuleExclusionSetting): Promise<boolean> =>
    editExclusions(ruleId, (current) => [
      ...current,
      { field: exclusion.field, values: [...exclusion.values] }
    ])

  /** `index` is the exclusion's place in the list on screen. */
  const removeExclusion = (ruleId: string, index: number): Promise<boolean> =>
    editExclusions(ruleId, (current) => current.filter((_, at) => at !== index))

  /** Resolves to whether the selection was saved; if not, `selectionError` says why. */
  async function setSelection(next: RuleSelection): Promise<boolean> {
    selectionError.value = null
    savingSelection.value = true
    try {
      // Saved even when a newer overview or a case switch makes this answer stale: the selection is global.
      await overviewFrom(() => useApi().call('rules.setSelection', { selection: next }))
      return true
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      selectionError.value = `Could not save the rule selection: ${error.message}`
      return false
    } finally {
      savingSelection.value = false
    }
  }

  /** Resolves to whether the folder was added; if not, `folderError` says why. */
  async function addFolder(path: string): Promise<boolean> {
    folderError.value = null
    if (useApi().mode === 'browser') {
      folderError.value = BROWSER_FOLDER_MESSAGE
      return false
    }
    addingFolder.value = true
    try {
      return await overviewFrom(() => useApi().call('rules.addFolder', { path: path.trim() }))
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      folderError.value =
        error.code === 'FORBIDDEN' ? BROWSER_FOLDER_MESSAGE : `Could not add ${path.trim()}: ${error.message}`
      return false
    } finally {
      addingFolder.value = false
    }
  }

  async function removeFolder(path: string): Promise<void> {
    await settled(overviewFrom(() => useApi().call('rules.removeFolder', { path })))
  }

  // Which rules apply depends on the kinds of evidence in the case, so new evidence asks again.
  watch(
    () => [cases.current?.id, cases.current?.counts.evidence],
    ([id], previous) => {
      if (previous === undefined || id !== previous[0]) {
        rules.value = []
        sources.value = []
        loaded.value = false
        close()
      }
      void load()
    },
    { immediate: true }
  )

  return {
    sources,
    rules,
    loaded,
    selection,
    selectionError,
    savingSelection,
    running,
    statusFilter,
    textFilter,
    selectedId,
    selected,
    detail,
    busy,
    exclusionError,
    folderError,
    addingFolder,
    countsByStatus,
    shown,
    load,
    select,
    close,
    setEnabled,
    setLevel,
    addExclusion,
    removeExclusion,
    setSelection,
    addFolder,
    removeFolder
  }
})
