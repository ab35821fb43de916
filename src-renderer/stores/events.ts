// The events screen's query (time range, field filters, free text, query-language text, order) and the
// paged result set it selects. Any change to the query or the open case starts a fresh result set; other
// screens drill in here by setting a filter (`showMatching`), e.g. clicking a source IP in the overview.

import { defineStore } from 'pinia'
import { computed, ref, shallowRef, toRaw, watch } from 'vue'
import type { EventQuery, FieldFilter, FieldValueCount } from '../../src-main/common/domain'
import type { EventField, StoredEvent } from '../../src-main/common/event'
import { parseQuery } from '../../src-main/common/query/queryParser'
import type { QuerySyntaxError } from '../../src-main/common/query/queryParser'
import { settled, useApi } from '../api'
import { useCasesStore } from './cases'
import { createEventPages } from './eventPages'
import { useUiStore } from './ui'

export type EventOrder = 'asc' | 'desc'

function sameFilter(a: FieldFilter, b: FieldFilter): boolean {
  return a.field === b.field && a.op === b.op && JSON.stringify(a.value) === JSON.stringify(b.value)
}

export const useEventsStore = defineStore('events', () => {
  const cases = useCasesStore()
  const ui = useUiStore()
  const from = ref<number | null>(null)
  const to = ref<number | null>(null)
  const filters = ref<FieldFilter[]>([])
  const text = ref('')
  /** The query-language text in force; only text that parses is ever put here. */
  const queryText = ref('')
  const order = ref<EventOrder>('asc')
  const selected = shallowRef<StoredEvent | null>(null)

  const query = computed<EventQuery>(() => ({
    ...(from.value !== null && { from: from.value }),
    ...(to.value !== null && { to: to.value }),
    // Raw, not the reactive proxy: requests are structured-cloned on their way out, and proxies are not.
    ...(filters.value.length > 0 && { filters: toRaw(filters.value) }),
    ...(text.value.trim() && { text: text.value.trim() }),
    ...(queryText.value.trim() && { query: queryText.value.trim() })
  }))

  const pages = createEventPages((offset, limit) => {
    const caseId = cases.current?.id ?? ''
    return useApi().call('events.query', { caseId, query: query.value, order: order.value, offset, limit })
  })

  function refresh(): void {
    selected.value = null
    pages.reset()
  }

  watch([query, order, () => cases.current?.id], refresh)
  // A query belongs to the case it was typed for; another case starts from all of its events.
  watch(() => cases.current?.id, clear)

  function addFilter(filter: FieldFilter): void {
    if (!filters.value.some((existing) => sameFilter(existing, filter)))
      filters.value = [...filters.value, filter]
  }

  function clear(): void {
    from.value = null
    to.value = null
    filters.value = []
    text.value = ''
    queryText.value = ''
  }

  /** Puts typed query-language text in force, or hands back its syntax error and leaves the query as is. */
  function applyQuery(typed: string): QuerySyntaxError | null {
    const parsed = parseQuery(typed)
    if (!parsed.ok) return parsed.error
    queryText.value = typed.trim()
    return null
  }

  /** The most common values of a field among the events the current query matches, with their counts. */
  async function valueCounts(field: EventField, limit: number): Promise<FieldValueCount[] | undefined> {
    const caseId = cases.current?.id
    if (!caseId) return undefined
    return settled(useApi().call('events.topValues', { caseId, query: query.value, field, limit }))
  }

  /** The most common values of a field among the events the current query matches, most common first. */
  async function topValues(field: EventField, limit: number): Promise<string[] | undefined> {
    const counts = await valueCounts(field, limit)
    return counts?.map((entry) => String(entry.value))
  }

  return {
    from,
    to,
    filters,
    text,
    queryText,
    order,
    selected,
    query,
    pages,
    refresh,
    addFilter,
    clear,
    applyQuery,
    valueCounts,
    topValues,
    removeFilter: (index: number) => (filters.value = filters.value.filter((_, at) => at !== index)),
    setTimeRange(start: number | null, end: number | null) {
      from.value = start
      to.value = end
    },
    /** Shows the events matching one filter, replacing whatever query was there. */
    showMatching(filter: FieldFilter) {
      clear()
      addFilter(filter)
      ui.navigate('events')
    }
  }
})
