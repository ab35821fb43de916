// The page window behind the events tables: fetches pages by offset for the rows on screen, at most two
// at a time, skips pages scrolled past, ignores answers for a query that has been replaced, and stays
// bounded in memory. (Wrapped in reactive() as the stores expose it.)

import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import type { EventPage } from '../../src-main/common/domain'
import { createEventPages, EVENT_PAGE_SIZE } from '../../src-renderer/stores/eventPages'
import { makeEvent } from './support/fixtures'

const TOTAL = 1_000_000

function pagedBackend() {
  const requests: { offset: number; resolve: () => void }[] = []
  const fetchPage = (offset: number, limit: number) =>
    new Promise<EventPage>((resolve) => {
      const events = Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, index) =>
        makeEvent(offset + index)
      )
      requests.push({ offset, resolve: () => resolve({ total: TOTAL, offset, events }) })
    })
  return { requests, fetchPage }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('event page window', () => {
  it('fetches the pages covering the visible rows by offset and serves rows from them', async () => {
    const backend = pagedBackend()
    const pages = reactive(createEventPages(backend.fetchPage))

    pages.showRange(500_150, 500_260)
    expect(backend.requests.map((request) => request.offset)).toEqual([500_000, 500_200])
    backend.requests.forEach((request) => request.resolve())
    await settle()

    expect(pages.total).toBe(TOTAL)
    expect(pages.rowAt(500_250)?.raw).toBe('line 500250')
    expect(pages.rowAt(0)).toBeUndefined()
  })

  it('keeps two requests in flight and drops pages scrolled past', async () => {
    const backend = pagedBackend()
    const pages = reactive(createEventPages(backend.fetchPage))

    pages.showRange(0, 3 * EVENT_PAGE_SIZE)
    expect(backend.requests.map((request) => request.offset)).toEqual([0, 200])
    pages.showRange(900_000, 900_010)
    backend.requests[0].resolve()
    await settle()

    expect(backend.requests.map((request) => request.offset)).toEqual([0, 200, 900_000])
  })

  it('ignores answers for a query that was reset', async () => {
    const backend = pagedBackend()
    const pages = reactive(createEventPages(backend.fetchPage))
    pages.showRange(0, 10)
    pages.reset()
    backend.requests[0].resolve()
    await settle()

    expect(pages.total).toBeNull()
    expect(pages.rowAt(0)).toBeUndefined()
  })

  it('holds a bounded number of pages, dropping the farthest', async () => {
    const backend = pagedBackend()
    const pages = reactive(createEventPages(backend.fetchPage))
    for (let page = 0; page < 60; page++) {
      pages.showRange(page * EVENT_PAGE_SIZE, page * EVENT_PAGE_SIZE)
      backend.requests.at(-1)?.resolve()
      await settle()
    }

    expect(pages.rowAt(59 * EVENT_PAGE_SIZE)).toBeDefined()
    expect(pages.rowAt(0)).toBeUndefined()
  })
})
