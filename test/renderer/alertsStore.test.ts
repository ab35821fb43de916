// Alert triage in the store: severity grouping and status counts, a status change reflected in both
// the list and the open detail, the open detail refreshed when detection re-runs, one run per click.

import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import { useAlertsStore } from '../../src-renderer/stores/alerts'
import type { FakeTransport } from './support/fakeTransport'
import { deferred } from './support/deferred'
import { makeAlert, makeCase, T0 } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'

const ALERTS: Alert[] = [
  makeAlert({ id: 'low-1', severity: 'low', title: 'Scanner user agent', lastSeen: T0 }),
  makeAlert({ id: 'crit-1', severity: 'critical', title: 'Login after brute force', lastSeen: T0 }),
  makeAlert({ id: 'high-old', severity: 'high', title: 'SQL injection attempts', lastSeen: T0 }),
  makeAlert({
    id: 'high-new',
    severity: 'high',
    title: 'SSH brute force',
    lastSeen: T0 + 60_000,
    status: 'closed',
    closeReason: 'duplicate'
  })
]

let transport: FakeTransport

async function loadedAlerts() {
  const alerts = useAlertsStore()
  await vi.waitFor(() => expect(alerts.loaded).toBe(true))
  return alerts
}

describe('alerts store', () => {
  beforeEach(() => {
    transport = setupBackend().transport
    transport
      .answer('alerts.list', () => ALERTS)
      .answer('detect.runs', () => [])
      .answer('alerts.get', ({ alertId }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        eventRefs: []
      }))
      .answer('alerts.setStatus', ({ alertId, status, closeReason }) => ({
        ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
        status,
        closeReason: closeReason ?? null
      }))
    openCase(makeCase())
  })

  it('groups alerts by severity, most severe first and newest first within a group', async () => {
    const alerts = await loadedAlerts()
    expect(alerts.groups.map((group) => [group.severity, group.alerts.map((alert) => alert.id)])).toEqual([
      ['critical', ['crit-1']],
      ['high', ['high-new', 'high-old']],
      ['low', ['low-1']]
    ])
    expect(alerts.countsByStatus).toEqual({ all: 4, new: 3, in_progress: 0, closed: 1 })
  })

  it('filters by status', async () => {
    const alerts = await loadedAlerts()
    alerts.statusFilter = 'closed'
    expect(alerts.groups.flatMap((group) => group.alerts.map((alert) => alert.id))).toEqual(['high-new'])
  })

  it('changes an alert status in the list and in the open detail', async () => {
    const alerts = await loadedAlerts()
    await alerts.select('crit-1')
    await alerts.setStatus('crit-1', 'closed', 'true_positive')

    expect(transport.callsTo('alerts.setStatus')).toEqual([
      { caseId: 'case-1', alertId: 'crit-1', status: 'closed', closeReason: 'true_positive' }
    ])
    expect(alerts.alerts.find((alert) => alert.id === 'crit-1')).toMatchObject({
      status: 'closed',
      closeReason: 'true_positive'
    })
    expect(alerts.detail).toMatchObject({
      id: 'crit-1',
      status: 'closed',
      closeReason: 'true_positive',
      eventRefs: []
    })
    expect(alerts.countsByStatus.closed).toBe(2)
  })
  it('refreshes the open alert when the list reloads after a detection run', async () => {
    const alerts = await loadedAlerts()
    await alerts.select('crit-1')
    transport.answer('alerts.get', ({ alertId }) => ({
      ...(ALERTS.find((alert) => alert.id === alertId) as Alert),
      count: 500,
      eventRefs: []
    }))
    await alerts.load()

    expect(alerts.detail).toMatchObject({ id: 'crit-1', count: 500 })
  })

  it('starts detection once however fast the button is clicked', async () => {
    const alerts = await loadedAlerts()
    const answer = deferred<{ jobId: string }>()
    transport.answer('detect.run', () => answer.promise)
    const first = alerts.runDetection()
    expect(alerts.detectionRunning).toBe(true)
    const second = alerts.runDetection()
    answer.resolve({ jobId: 'job-detect' })
    await Promise.all([first, second])

    expect(transport.callsTo('detect.run')).toHaveLength(1)
    expect(alerts.detectionJob).toMatchObject({ jobId: 'job-detect', status: 'running' })
  })
})
