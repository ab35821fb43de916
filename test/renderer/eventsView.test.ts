// The events screen over a million events: the table asks for pages by offset for the rows on screen
// only, shows the total, opens an event's detail with its raw line as text, never stays loading when
// the query changes mid-load, and reads a typed "To" as the end of that second.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import EventsView from '../../src-renderer/features/events/EventsView.vue'
import { useEventsStore } from '../../src-renderer/stores/events'
import type { EventPage } from '../../src-main/common/domain'
import { deferred } from './support/deferred'
import type { Deferred } from './support/deferred'
import { makeCase, makeEvent, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const TOTAL = 1_000_000
const VIEWPORT = { width: 1200, height: 600 }
let backend: TestBackend

describe('EventsView', () => {
  beforeEach(() => {
    // happy-dom does no layout: give every element the size of a real table viewport.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect(VIEWPORT))
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height)
    backend = setupBackend()
    backend.transport.answer('events.query', ({ offset = 0, limit = 200 }) => ({
      total: TOTAL,
      offset,
      events: Array.from({ length: limit }, (_, index) => makeEvent(offset + index))
    }))
    openCase(makeCase())
  })
  afterEach(() => vi.restoreAllMocks())

  const offsetsRequested = () => backend.transport.callsTo('events.query').map((request) => request.offset)

  it('loads the first page, shows the total and renders only visible rows', async () => {
    const view = mount(EventsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()

    expect(offsetsRequested()).toEqual([0])
    expect(view.find('[data-testid="events-total"]').text()).toBe('1,000,000 events')
    const rows = view.findAll('[data-testid="event-row"]')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0].text()).toContain('2026-03-14 03:12:44 UTC')
    view.unmount()
  })

  it('fetches the page under the scroll position by offset', async () => {
    const view = mount(EventsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()

    const grid = view.find('[role="grid"]').element as HTMLElement
    grid.scrollTop = 5_000_000
    grid.dispatchEvent(new Event('scroll'))
    await flushPromises()

    // 5,000,000 px of the scaled table is about a third of the way into the million rows.
    const firstRow = view.findAll('[data-testid="event-row"]')[0]
    const index = Number(firstRow.attributes('data-index'))
    expect(index).toBeGreaterThan(300_000)
    expect(index).toBeLessThan(370_000)
    expect(firstRow.text()).toContain(`event ${index}`)
    expect(offsetsRequested()).toContain(Math.floor(index / 200) * 200)
    expect(offsetsRequested().every((offset) => Number(offset) % 200 === 0)).toBe(true)
    expect(offsetsRequested().length).toBeLessThanOrEqual(4)
    view.unmount()
  })

  it('sends the filters with every page request and opens an event with its raw line', async () => {
    const view = mount(EventsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()
    useEventsStore().addFilter({ field: 'source.ip', op: 'eq', value: '198.51.100.9' })
    await flushPromises()

    expect(backend.transport.callsTo('events.query').at(-1)).toEqual({
      caseId: 'case-1',
      query: { filters: [{ field: 'source.ip', op: 'eq', value: '198.51.100.9' }] },
      order: 'asc',
      offset: 0,
      limit: 200
    })
    await view.findAll('[data-testid="event-row"]')[2].trigger('click')
    expect(view.find('[data-testid="event-raw"]').text()).toBe('line 2')
    const provenance = view.findAll('[data-testid="event-provenance"] dd').map((entry) => entry.text())
    expect(provenance).toEqual(['ev-1', '3', '200'])
    view.unmount()
  })
  it('loads the new query when it changes before the first page arrived', async () => {
    const held: Deferred<EventPage>[] = []
    backend.transport.answer('events.query', () => {
      held.push(deferred<EventPage>())
      return (held.at(-1) as Deferred<EventPage>).promise
    })
    const view = mount(EventsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()
    useEventsStore().text = 'wp-login'
    await flushPromises()
    held.forEach((answer) => answer.resolve({ total: 7, offset: 0, events: [makeEvent(0)] }))
    await flushPromises()

    expect(backend.transport.callsTo('events.query').at(-1)).toMatchObject({ query: { text: 'wp-login' } })
    expect(view.find('[data-testid="events-total"]').text()).toBe('7 events')
    view.unmount()
  })

  it('includes the whole typed second in "To"', async () => {
    const view = mount(EventsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()
    const to = view.find('[data-testid="events-to"]')
    await to.setValue('2026-03-14T03:12:44')
    await flushPromises()

    expect(useEventsStore().to).toBe(T0 + 1000)
    expect((to.element as HTMLInputElement).value).toBe('2026-03-14T03:12:44')
    view.unmount()
  })
})
