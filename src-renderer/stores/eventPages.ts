// A window onto a result set too large to hold: pages of events fetched by offset as the table scrolls,
// a bounded cache around what is on screen, and at most two requests in flight so fast scrolling never
// queues up pages the analyst has already scrolled past. Used by the events table and an alert's events.

import { computed, ref, shallowReactive } from 'vue'
import type { EventPage } from '../../src-main/common/domain'
import type { StoredEvent } from '../../src-main/common/event'
import { ApiError } from '../api'

export const EVENT_PAGE_SIZE = 200
const MAX_CACHED_PAGES = 40
const MAX_PARALLEL_REQUESTS = 2

export type FetchEventPage = (offset: number, limit: number) => Promise<EventPage>

export function createEventPages(fetchPage: FetchEventPage) {
  const pages = shallowReactive(new Map<number, readonly StoredEvent[]>())
  const inFlight = ref(new Set<number>())
  const failed = ref(new Set<number>())
  /** Matching events in total; null until the first page of the current query has answered. */
  const total = ref<number | null>(null)
  /** Bumped by every reset; a table watches it to ask for the first page of each new result set. */
  const generation = ref(0)
  let wanted: number[] = []

  function rowAt(index: number): StoredEvent | undefined {
    return pages.get(Math.floor(index / EVENT_PAGE_SIZE))?.[index % EVENT_PAGE_SIZE]
  }

  /** Declares the rows on screen (inclusive); pages covering them are fetched if not cached. */
  function showRange(first: number, last: number): void {
    const firstPage = Math.floor(Math.max(0, first) / EVENT_PAGE_SIZE)
    const lastPage = Math.floor(Math.max(first, last) / EVENT_PAGE_SIZE)
    wanted = []
    for (let page = firstPage; page <= lastPage; page++) wanted.push(page)
    pump()
  }

  function pump(): void {
    for (const page of wanted) {
      if (inFlight.value.size >= MAX_PARALLEL_REQUESTS) return
      if (!pages.has(page) && !inFlight.value.has(page) && !failed.value.has(page)) void load(page)
    }
  }

  async function load(page: number): Promise<void> {
    const started = generation.value
    inFlight.value.add(page)
    try {
      const result = await fetchPage(page * EVENT_PAGE_SIZE, EVENT_PAGE_SIZE)
      if (started !== generation.value) return
      pages.set(page, Object.freeze(result.events))
      total.value = result.total
      evictAround(page)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (started === generation.value) failed.value.add(page)
    } finally {
      if (started === generation.value) inFlight.value.delete(page)
    }
    // Not after a programming error (rethrown above): retrying that would spin forever.
    if (started === generation.value) pump()
  }

  /** Keeps the cache bounded by dropping the pages farthest from where the analyst is looking. */
  function evictAround(page: number): void {
    if (pages.size <= MAX_CACHED_PAGES) return
    const byDistance = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page))
    for (const far of byDistance.slice(0, pages.size - MAX_CACHED_PAGES)) pages.delete(far)
  }

  /** Forgets everything (the query changed); responses still in flight for the old query are ignored. */
  function reset(): void {
    generation.value += 1
    pages.clear()
    inFlight.value = new Set()
    failed.value = new Set()
    total.value = null
    wanted = []
  }

  function retry(): void {
    failed.value = new Set()
    pump()
  }

  return {
    total,
    generation,
    loading: computed(() => inFlight.value.size > 0),
    failed: computed(() => failed.value.size > 0),
    rowAt,
    showRange,
    reset,
    retry
  }
}

/** How components see a page window through a store (refs unwrapped). */
export interface EventPageWindow {
  readonly total: number | null
  readonly generation: number
  readonly loading: boolean
  readonly failed: boolean
  rowAt(index: number): StoredEvent | undefined
  showRange(first: number, last: number): void
  retry(): void
}
