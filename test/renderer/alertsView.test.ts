// The alerts screen: rows show severity and title, grouped most severe first; opening one shows its
// detail and pages its contributing events; closing asks for a reason.

import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import AlertsView from '../../src-renderer/features/alerts/AlertsView.vue'
import type { FakeTransport } from './support/fakeTransport'
import { makeAlert, makeCase, makeEvent } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const ALERTS: Alert[] = [
  makeAlert({ id: 'a-medium', severity: 'medium', title: 'SQL injection attempts' }),
  makeAlert({ id: 'a-critical', severity: 'critical', title: 'Login after brute force' })
]

let backend: TestBackend
let transport: FakeTransport

describe('AlertsView', () => {
  beforeEach(() => {
    backend = setupBackend()
    transport = backend.transport
    transport
      .answer('alerts.list', () => ALERTS)
      .answer('detect.runs', () => [])
      .answer('alerts.get', ({ alertId }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        eventRefs: []
      }))
      .answer('alerts.events', ({ offset = 0 }) => ({ total: 3, offset, events: [0, 1, 2].map(makeEvent) }))
      .answer('alerts.setStatus', ({ alertId, status, closeReason }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        status,
        closeReason: closeReason ?? null
      }))
    openCase(makeCase())
  })

  it('lists alerts with their severity, most severe first', async () => {
    const view = mount(AlertsView, { global: { plugins: [backend.pinia] } })
    await flushPromises()

    const rows = view.findAll('[data-testid="alert-row"]')
    expect(
      rows.map((row) => [row.attributes('data-severity'), row.find('[data-testid="alert-title"]').text()])
    ).toEqual([
      ['critical', 'Login after brute force'],
      ['medium', 'SQL injection attempts']
    ])
    expect(rows[0].find('[data-testid="alert-severity"]').text()).toBe('Critical')
  })

  it('opens an alert with its detail and its contributing events', async () => {
    const view = mount(AlertsView, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    await view.findAll('[data-testid="alert-row"]')[1].trigger('click')
    await flushPromises()

    const detail = view.find('[data-testid="alert-detail"]')
    expect(detail.find('h2').text()).toBe('SQL injection attempts')
    expect(detail.text()).toContain('T1110.001')
    expect(detail.text()).toContain('2026-03-14 03:12:44 UTC')
    expect(detail.find('[data-testid="alert-events-table"]').exists()).toBe(true)
    expect(transport.callsTo('alerts.events')).toEqual([
      { caseId: 'case-1', alertId: 'a-medium', offset: 0, limit: 200 }
    ])
  })

  it('closes an alert with the reason chosen', async () => {
    const view = mount(AlertsView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
    await flushPromises()
    await view.findAll('[data-testid="alert-row"]')[0].trigger('click')
    await flushPromises()

    await view.find('[data-testid="alert-close"]').trigger('click')
    await view.find('[data-testid="close-reason-true_positive"] input').setValue(true)
    await view.find('[data-testid="close-alert-confirm"]').trigger('click')
    await flushPromises()

    expect(transport.callsTo('alerts.setStatus')).toEqual([
      { caseId: 'case-1', alertId: 'a-critical', status: 'closed', closeReason: 'true_positive' }
    ])
    expect(view.find('[data-testid="alert-detail-status"]').text()).toBe('Closed · True positive')
    view.unmount()
  })
})
