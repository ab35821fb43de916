// The field sidebar mounted over a fake backend: nothing is asked until a field is expanded, then its top
// ten values come with grouped counts for the query in force; + and − AND a clause onto the query text and
// apply it, an included value shows as such, a changed query reloads, and a late answer is dropped.

import { flushPromises, mount } from '@vue/test-utils'
import type { DOMWrapper, VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FieldValueCount } from '../../src-main/common/domain'
import FieldSidebar from '../../src-renderer/features/events/FieldSidebar.vue'
import { useEventsStore } from '../../src-renderer/stores/events'
import { deferred } from './support/deferred'
import type { Deferred } from './support/deferred'
import { makeCase } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

let backend: TestBackend
let view: VueWrapper

const facet = (field: string) => view.find(`[data-testid="facet"][data-field="${field}"]`)
const valueRow = (field: string, value: string): DOMWrapper<Element> =>
  facet(field).find(`[data-testid="facet-value"][data-value="${value}"]`)

async function expand(field: string): Promise<void> {
  await facet(field).find('[data-testid="facet-toggle"]').trigger('click')
  await flushPromises()
}

describe('FieldSidebar', () => {
  beforeEach(() => {
    backend = setupBackend()
    openCase(makeCase())
    view = mount(FieldSidebar, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  })
  afterEach(() => view.unmount())

  it('lists the default fields folded and asks for nothing until one is expanded', async () => {
    await flushPromises()
    const names = view.findAll('[data-testid="facet-toggle"]').map((toggle) => toggle.text())
    expect(names.slice(0, 3)).toEqual(['▸source.ip', '▸user.name', '▸host.name'])
    expect(names).toHaveLength(11)
    expect(backend.transport.callsTo('events.topValues')).toEqual([])
  })

  it("shows an expanded field's top ten values with grouped counts for the query in force", async () => {
    backend.transport.answer('events.topValues', () => [
      { value: '203.0.113.50', count: 1234567 },
      { value: '10.0.0.1', count: 42 }
    ])
    useEventsStore().applyQuery('event.outcome:failure')
    await expand('source.ip')

    expect(backend.transport.callsTo('events.topValues')).toEqual([
      { caseId: 'case-1', query: { query: 'event.outcome:failure' }, field: 'source.ip', limit: 10 }
    ])
    expect(facet('source.ip').find('[data-testid="facet-toggle"]').attributes('aria-expanded')).toBe('true')
    const rows = facet('source.ip').findAll('[data-testid="facet-value"]')
    expect(
      rows.map((row) => [row.attributes('data-value'), row.find('[data-testid="facet-count"]').text()])
    ).toEqual([
      ['203.0.113.50', '1,234,567'],
      ['10.0.0.1', '42']
    ])
  })

  it('says so when the field has no values', async () => {
    backend.transport.answer('events.topValues', () => [])
    await expand('winlog.channel')
    expect(facet('winlog.channel').find('[data-testid="facet-empty"]').text()).toBe(
      'No event in the current query has a value here.'
    )
  })

  it('includes a value with +, shows it as included, and excludes another with −', async () => {
    backend.transport.answer('events.topValues', ({ query }) =>
      query?.query?.includes('user.name:"www data"')
        ? [{ value: 'www data', count: 5 }]
        : [
            { value: 'root', count: 9 },
            { value: 'www data', count: 5 }
          ]
    )
    const events = useEventsStore()
    events.applyQuery('host.name:web01 OR host.name:web02')
    await expand('user.name')

    await valueRow('user.name', 'www data').find('[data-testid="facet-include"]').trigger('click')
    await flushPromises()
    expect(events.queryText).toBe('(host.name:web01 OR host.name:web02) user.name:"www data"')
    const included = valueRow('user.name', 'www data')
    expect(included.attributes('data-state')).toBe('include')
    expect(included.find('[data-testid="facet-include"]').attributes('aria-pressed')).toBe('true')
    expect(included.find('[data-testid="facet-include"]').attributes('disabled')).toBeDefined()

    events.applyQuery('')
    await flushPromises()
    await valueRow('user.name', 'root').find('[data-testid="facet-exclude"]').trigger('click')
    await flushPromises()
    expect(events.queryText).toBe('-user.name:root')
    expect(events.query).toEqual({ query: '-user.name:root' })
  })

  it('reloads on a new query and drops the answer to the older one', async () => {
    const held: Deferred<FieldValueCount[]>[] = []
    backend.transport.answer('events.topValues', () => {
      held.push(deferred<FieldValueCount[]>())
      return (held.at(-1) as Deferred<FieldValueCount[]>).promise
    })
    await expand('host.name')
    useEventsStore().applyQuery('user.name:root')
    await flushPromises()
    expect(backend.transport.callsTo('events.topValues').map((call) => call.query)).toEqual([
      {},
      { query: 'user.name:root' }
    ])

    held[1].resolve([{ value: 'web02', count: 3 }])
    await flushPromises()
    held[0].resolve([{ value: 'web01', count: 80 }])
    await flushPromises()
    expect(
      facet('host.name')
        .findAll('[data-testid="facet-value"]')
        .map((row) => row.attributes('data-value'))
    ).toEqual(['web02'])
  })

  it('adds a picked field expanded at the top, and folds away', async () => {
    backend.transport.answer('events.topValues', () => [{ value: 'GET', count: 7 }])
    await view.find('[data-testid="field-picker"]').setValue('http.request.method')
    await flushPromises()

    expect(view.findAll('[data-testid="facet"]')[0].attributes('data-field')).toBe('http.request.method')
    expect(valueRow('http.request.method', 'GET').exists()).toBe(true)
    expect(view.find('[data-testid="field-picker"] option[value="http.request.method"]').exists()).toBe(false)

    await view.find('[data-testid="field-sidebar-toggle"]').trigger('click')
    expect(view.find('[data-testid="facet"]').exists()).toBe(false)
    expect(view.find('[data-testid="field-sidebar-toggle"]').attributes('aria-expanded')).toBe('false')
  })
})
