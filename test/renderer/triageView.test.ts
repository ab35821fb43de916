// The triage queue on screen: grouping and collapsing, filters that combine, ticking a group and closing
// it in bulk through the close dialog, the j/k/x/s/c/Esc keys with a roving tab stop, and opening an
// alert's events in the explorer.

import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import AlertsView from '../../src-renderer/features/alerts/AlertsView.vue'
import { useEventsStore } from '../../src-renderer/stores/events'
import { useUiStore } from '../../src-renderer/stores/ui'
import type { FakeTransport } from './support/fakeTransport'
import { makeAlert, makeCase, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const ALERTS: Alert[] = [
  makeAlert({
    id: 'a1',
    severity: 'critical',
    title: 'Login after brute force',
    rule: { id: 'r-login', title: 'Login after brute force' },
    techniques: ['T1078']
  }),
  makeAlert({ id: 'a2', severity: 'high', title: 'Burst A', lastSeen: T0 + 9_000 }),
  makeAlert({ id: 'a3', severity: 'high', title: 'Burst B', lastSeen: T0 + 1_000 }),
  makeAlert({
    id: 'a4',
    severity: 'low',
    title: 'Scanner',
    engine: 'sigma',
    rule: { id: 'r-scan', title: 'Scanner' },
    techniques: ['T1595']
  })
]

let backend: TestBackend
let transport: FakeTransport
let view: VueWrapper

const rowTitles = () => view.findAll('[data-testid="alert-title"]').map((title) => title.text())
const rowOf = (id: string) => view.find(`#alert-row-${id}`)
const setCalls = () =>
  transport.callsTo('alerts.setStatus').map((call) => [call.alertId, call.status, call.closeReason])

async function mountView(): Promise<void> {
  view = mount(AlertsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  await flushPromises()
}

async function press(key: string): Promise<void> {
  await (document.activeElement as HTMLElement).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })
  )
  await flushPromises()
}

describe('triage queue', () => {
  beforeEach(async () => {
    backend = setupBackend()
    transport = backend.transport
    transport
      .answer('alerts.list', () => ALERTS)
      .answer('detect.runs', () => [])
      .answer('alerts.get', ({ alertId }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        eventRefs: []
      }))
      .answer('alerts.events', ({ offset = 0 }) => ({ total: 0, offset, events: [] }))
      .answer('alerts.setStatus', ({ alertId, status, closeReason }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        status,
        closeReason: closeReason ?? null
      }))
    openCase(makeCase())
    await mountView()
  })

  afterEach(() => view.unmount())

  it('groups by rule and collapses a group', async () => {
    await view.find('[data-testid="alert-grouping"]').setValue('rule')
    const groups = () =>
      view
        .findAll('[data-testid="alert-group"]')
        .map((group) => [
          group.find('.group__label').text(),
          group.find('[data-testid="alert-group-count"]').text()
        ])
    expect(groups()).toEqual([
      ['Login after brute force', '1'],
      ['Failed authentication burst', '2'],
      ['Scanner', '1']
    ])

    const toggle = view.findAll('[data-testid="alert-group-toggle"]')[1]
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    expect(rowTitles()).toEqual(['Login after brute force', 'Scanner'])
  })

  it('combines the engine and technique filters with the status toggles', async () => {
    await view.find('[data-testid="alert-filter-engine"]').setValue('sigma')
    expect(rowTitles()).toEqual(['Scanner'])
    expect(view.find('[data-testid="alert-filter-all"]').text()).toBe('All 1')
    const engine = view.find('[data-testid="alert-filter-engine"]')
    ;(engine.element as HTMLSelectElement).selectedIndex = 0
    await engine.trigger('change')
    await view.find('[data-testid="alert-filter-technique"]').setValue('T1110.001')
    expect(rowTitles()).toEqual(['Burst A', 'Burst B'])
    const options = view.findAll('[data-testid="alert-filter-engine"] option').map((option) => option.text())
    expect(options).toEqual(['Any', 'burst (2)', 'sigma (0)'])
  })

  it('ticks a whole group and closes it in bulk with a reason', async () => {
    await view.findAll('[data-testid="alert-group-tick"]')[1].setValue(true)
    expect(view.find('[data-testid="bulk-count"]').text()).toBe('2 selected')

    await view.find('[data-testid="bulk-close"]').trigger('click')
    expect(view.find('dialog').text()).toContain('2 selected alerts')
    await view.find('[data-testid="close-reason-false_positive"] input').setValue(true)
    await view.find('[data-testid="close-alert-confirm"]').trigger('click')
    await flushPromises()

    expect(setCalls()).toEqual([
      ['a2', 'closed', 'false_positive'],
      ['a3', 'closed', 'false_positive']
    ])
    expect(view.find('[data-testid="bulk-bar"]').exists()).toBe(false)
    expect(transport.callsTo('alerts.list')).toHaveLength(2)
  })

  it('moves with j and k, ticks with x, starts with s and clears with Esc', async () => {
    expect(rowOf('a1').attributes('tabindex')).toBe('0')
    expect(rowOf('a2').attributes('tabindex')).toBe('-1')
    ;(rowOf('a1').element as HTMLElement).focus()

    await press('j')
    expect(document.activeElement?.id).toBe('alert-row-a2')
    expect(rowOf('a2').attributes('tabindex')).toBe('0')
    expect(transport.callsTo('alerts.get').map((call) => call.alertId)).toEqual(['a2'])
    await press('x')
    await press('j')
    await press('x')
    await press('k')
    expect(document.activeElement?.id).toBe('alert-row-a2')
    expect(view.find('[data-testid="bulk-count"]').text()).toBe('2 selected')

    await press('Escape')
    expect(view.find('[data-testid="bulk-bar"]').exists()).toBe(false)
    await press('s')
    expect(setCalls()).toEqual([['a2', 'in_progress', undefined]])
  })

  it('opens the close dialog for the cursor alert with c', async () => {
    ;(rowOf('a4').element as HTMLElement).focus()
    await press('c')
    const dialog = view.find('dialog')
    expect(dialog.attributes('open')).toBeDefined()
    expect(dialog.text()).toContain('Scanner')
  })

  it('opens the alert’s span and main entity in the explorer', async () => {
    await rowOf('a2').trigger('click')
    await flushPromises()
    await view.find('[data-testid="alert-open-events"]').trigger('click')

    const events = useEventsStore()
    expect(useUiStore().view).toBe('events')
    expect([events.from, events.to]).toEqual([T0, T0 + 10_000])
    expect(events.filters).toEqual([{ field: 'source.ip', op: 'eq', value: '203.0.113.7' }])
  })
})
