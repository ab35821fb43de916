// Bulk status changes in the alerts store: one call per alert that needs it, failures reported and left
// ticked for a retry, the list reloaded; ticks never reach alerts a filter hides, and filters and ticks
// belong to the case they were made in.

import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import { CairnError } from '../../src-main/common/errors'
import { useAlertsStore } from '../../src-renderer/stores/alerts'
import { useNotificationsStore } from '../../src-renderer/stores/notifications'
import type { FakeTransport } from './support/fakeTransport'
import { makeAlert, makeCase } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'

const ALERTS: Alert[] = [
  makeAlert({ id: 'a1', severity: 'critical', title: 'Login after brute force' }),
  makeAlert({ id: 'a2', severity: 'high', status: 'in_progress', title: 'SSH brute force' }),
  makeAlert({ id: 'a3', severity: 'medium', title: 'SQL injection attempts', engine: 'sigma' }),
  makeAlert({ id: 'a4', severity: 'low', status: 'closed', closeReason: 'benign', title: 'Scanner' })
]

let transport: FakeTransport

async function loadedAlerts() {
  const alerts = useAlertsStore()
  await vi.waitFor(() => expect(alerts.loaded).toBe(true))
  return alerts
}

const notices = () => useNotificationsStore().notices.map((notice) => [notice.kind, notice.message])

describe('bulk triage in the alerts store', () => {
  beforeEach(() => {
    transport = setupBackend().transport
    transport
      .answer('alerts.list', () => ALERTS)
      .answer('detect.runs', () => [])
      .answer('alerts.setStatus', ({ alertId, status, closeReason }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        status,
        closeReason: closeReason ?? null
      }))
    openCase(makeCase())
  })

  it('sets each alert that needs it, one call each, then reloads and clears the ticks', async () => {
    const alerts = await loadedAlerts()
    alerts.setPicked(['a1', 'a2', 'a3'], true)
    await alerts.setStatusOf(['a1', 'a2', 'a3'], 'in_progress')

    expect(transport.callsTo('alerts.setStatus').map((call) => call.alertId)).toEqual(['a1', 'a3'])
    expect(transport.callsTo('alerts.list')).toHaveLength(2)
    expect(alerts.picked.size).toBe(0)
    expect(notices()).toEqual([['success', '3 alerts set to In progress.']])
  })

  it('reports the alerts it could not change and keeps them ticked', async () => {
    const alerts = await loadedAlerts()
    transport.answer('alerts.setStatus', ({ alertId, status, closeReason }) => {
      if (alertId === 'a3') throw new CairnError('NOT_FOUND', 'alert a3 is not in this case')
      return {
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        status,
        closeReason: closeReason ?? null
      }
    })
    alerts.setPicked(['a1', 'a3'], true)
    await alerts.setStatusOf(['a1', 'a3'], 'closed', 'false_positive')

    expect(transport.callsTo('alerts.setStatus')).toEqual([
      { caseId: 'case-1', alertId: 'a1', status: 'closed', closeReason: 'false_positive' },
      { caseId: 'case-1', alertId: 'a3', status: 'closed', closeReason: 'false_positive' }
    ])
    expect(notices()).toEqual([
      ['error', 'alert a3 is not in this case'],
      ['error', '1 of 2 alerts could not be closed as False positive; they stay selected.']
    ])
    expect([...alerts.picked]).toEqual(['a3'])
  })

  it('acts only on ticked alerts the filters show', async () => {
    const alerts = await loadedAlerts()
    alerts.setPicked(['a1', 'a3', 'a4'], true)
    alerts.statusFilter = 'new'
    alerts.engineFilter = 'burst'
    expect(alerts.pickedAlerts.map((alert) => alert.id)).toEqual(['a1'])
    alerts.setPicked(['a1'], false)
    expect(alerts.pickedAlerts).toEqual([])
    expect([...alerts.picked]).toEqual(['a3', 'a4'])
  })

  it('drops filters and ticks when another case opens', async () => {
    const alerts = await loadedAlerts()
    alerts.setPicked(['a1'], true)
    alerts.techniqueFilter = 'T1110.001'
    alerts.grouping = 'rule'
    openCase(makeCase({ id: 'case-2' }))
    await vi.waitFor(() => expect(alerts.loaded).toBe(true))

    expect(alerts.picked.size).toBe(0)
    expect(alerts.techniqueFilter).toBeNull()
    expect(alerts.grouping).toBe('rule')
  })
})
