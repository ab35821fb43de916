// The query bar mounted over a fake backend: an error appears after a pause in typing with its span
// marked, an invalid query is never put in force, Enter applies a valid one, and the combobox offers
// fields and a field's top values for the query in force, from the keyboard, dropping stale answers.

import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FieldValueCount } from '../../src-main/common/domain'
import QueryBar from '../../src-renderer/features/events/QueryBar.vue'
import { useEventsStore } from '../../src-renderer/stores/events'
import { deferred } from './support/deferred'
import type { Deferred } from './support/deferred'
import { makeCase } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend
let view: VueWrapper

const input = () => view.find('[data-testid="query-input"]')
const options = () => view.findAll('[data-testid="query-suggestion"]').map((option) => option.text())

async function type(text: string): Promise<void> {
  const element = input().element as HTMLInputElement
  element.value = text
  element.setSelectionRange(text.length, text.length)
  await input().trigger('input')
}

async function press(key: string): Promise<void> {
  await input().trigger('keydown', { key })
  await flushPromises()
}

describe('QueryBar', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    backend = setupBackend()
    openCase(makeCase())
    view = mount(QueryBar, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  })
  afterEach(() => {
    view.unmount()
    vi.useRealTimers()
  })

  it('shows a syntax error once typing pauses, marked at its span, and never applies it', async () => {
    await type('source.ip:10.0.0.1 AND')
    expect(view.find('[data-testid="query-error"]').exists()).toBe(false)
    await vi.advanceTimersByTimeAsync(300)

    expect(view.find('[data-testid="query-error"]').text()).toBe(
      "expected a term after 'AND' at character 20"
    )
    expect(view.find('[data-testid="query-error-mark"]').text()).toBe('AND')
    expect(input().attributes('aria-invalid')).toBe('true')
    await view.find('form').trigger('submit')
    expect(useEventsStore().query).toEqual({})
  })

  it('clears the error as soon as the text parses, and Enter puts the query in force', async () => {
    await type('user.name:')
    await vi.advanceTimersByTimeAsync(300)
    expect(view.find('[data-testid="query-error"]').exists()).toBe(true)
    await type('user.name:root ')
    expect(view.find('[data-testid="query-error"]').exists()).toBe(false)

    await view.find('form').trigger('submit')
    expect(useEventsStore().query).toEqual({ query: 'user.name:root' })
    expect(input().attributes('aria-expanded')).toBe('false')
  })

  it('offers field names and completes one from the keyboard', async () => {
    await type('user.na')
    expect(options()).toEqual(['user.name'])
    expect(view.find('[role="listbox"]').attributes('aria-label')).toBe('Field names')
    await press('ArrowDown')
    expect(input().attributes('aria-activedescendant')).toBe(view.find('[role="option"]').attributes('id'))
    expect(view.find('[role="option"]').attributes('aria-selected')).toBe('true')
    await press('Enter')

    expect((input().element as HTMLInputElement).value).toBe('user.name:')
    expect(useEventsStore().query).toEqual({})
  })

  it("offers a field's top values for the query in force, filtered locally as typing goes on", async () => {
    backend.transport.answer('events.topValues', () => [
      { value: 'root', count: 120 },
      { value: 'admin', count: 7 },
      { value: 'www-data', count: 3 }
    ])
    const events = useEventsStore()
    events.applyQuery('host.name:web01')
    await type('host.name:web01 user.name:')
    expect(view.text()).toContain('Top values of user.name for the current query — loading…')
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()

    expect(options()).toEqual(['root', 'admin', 'www-data'])
    expect(backend.transport.callsTo('events.topValues')).toEqual([
      { caseId: 'case-1', query: { query: 'host.name:web01' }, field: 'user.name', limit: 50 }
    ])
    await type('host.name:web01 user.name:a')
    await vi.advanceTimersByTimeAsync(200)
    expect(options()).toEqual(['admin', 'www-data'])
    expect(backend.transport.callsTo('events.topValues')).toHaveLength(1)

    await press('Tab')
    expect((input().element as HTMLInputElement).value).toBe('host.name:web01 user.name:admin ')
  })

  it('drops an answer that arrives after a newer request for the same field', async () => {
    const held: Deferred<FieldValueCount[]>[] = []
    backend.transport.answer('events.topValues', () => {
      held.push(deferred<FieldValueCount[]>())
      return (held.at(-1) as Deferred<FieldValueCount[]>).promise
    })
    await type('user.name:')
    await vi.advanceTimersByTimeAsync(200)
    useEventsStore().applyQuery('host.name:web01')
    await type('host.name:web01 user.name:')
    await vi.advanceTimersByTimeAsync(200)
    expect(backend.transport.callsTo('events.topValues').map((call) => call.query)).toEqual([
      {},
      { query: 'host.name:web01' }
    ])

    held[1].resolve([{ value: 'root', count: 2 }])
    await flushPromises()
    held[0].resolve([{ value: 'admin', count: 9 }])
    await flushPromises()
    expect(options()).toEqual(['root'])
  })

  it('asks nothing for @timestamp, and Escape closes the list', async () => {
    backend.transport.answer('events.topValues', () => [])
    await type('@timestamp:')
    await vi.advanceTimersByTimeAsync(500)
    expect(backend.transport.callsTo('events.topValues')).toEqual([])

    await type('sourc')
    expect(options()[0]).toBe('source.ip')
    await press('Escape')
    expect(view.find('[role="listbox"]').exists()).toBe(false)
    expect(input().attributes('aria-expanded')).toBe('false')
  })

  it('shows the query kept in the store when it is mounted again', async () => {
    useEventsStore().applyQuery('event.outcome:failure')
    view.unmount()
    view = mount(QueryBar, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    expect((input().element as HTMLInputElement).value).toBe('event.outcome:failure')
  })
})
