// The triage queue's pure parts: filters that combine and count each choice under the others, grouping by
// severity, rule or main entity, the explorer query for an alert, and which keys count as commands.

import { describe, expect, it, vi } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import type { AlertFilters } from '../../src-renderer/features/alerts/alertFilters'
import {
  countsByStatus,
  filterChoices,
  matchesFilters
} from '../../src-renderer/features/alerts/alertFilters'
import { groupAlerts } from '../../src-renderer/features/alerts/alertGrouping'
import { explorerQueryFor } from '../../src-renderer/features/alerts/alertExplorer'
import { mainEntity } from '../../src-renderer/features/alerts/mainEntity'
import { isTypingTarget, triageKeyHandler } from '../../src-renderer/features/alerts/triageKeys'
import { makeAlert, T0 } from './support/fixtures'

const NO_FILTERS: AlertFilters = { status: 'all', severity: null, engine: null, technique: null }
const none = { ips: [], users: [], hosts: [] }
const ALERTS: Alert[] = [
  makeAlert({
    id: 'a1',
    severity: 'critical',
    engine: 'sigma',
    rule: { id: 'r-login', title: 'Login after brute force' },
    techniques: ['T1110', 'T1078'],
    entities: { ...none, ips: ['203.0.113.7'] },
    lastSeen: T0 + 10_000
  }),
  makeAlert({
    id: 'a2',
    severity: 'high',
    engine: 'auth-burst',
    rule: { id: 'auth-burst', title: 'Failed-login burst' },
    techniques: ['T1110'],
    entities: { ...none, ips: ['203.0.113.7'] },
    status: 'in_progress',
    lastSeen: T0 + 5_000
  }),
  makeAlert({
    id: 'a3',
    severity: 'high',
    engine: 'auth-burst',
    rule: { id: 'auth-burst', title: 'Failed-login burst' },
    techniques: ['T1110'],
    entities: { ...none, ips: ['198.51.100.9'] },
    lastSeen: T0 + 9_000
  }),
  makeAlert({
    id: 'a4',
    severity: 'low',
    engine: 'ioc',
    rule: { id: 'ioc-domain', title: 'IOC match' },
    techniques: [],
    entities: { ...none, users: ['alice'], hosts: ['web01'] },
    status: 'closed',
    closeReason: 'benign'
  }),
  makeAlert({
    id: 'a5',
    severity: 'medium',
    engine: 'sigma',
    rule: { id: 'r-web', title: 'Web shell' },
    techniques: ['T1505.003'],
    entities: none
  })
]

const ids = (alerts: Alert[]): string[] => alerts.map((alert) => alert.id)

describe('alert filters', () => {
  it('combines technique and engine', () => {
    const filters = { ...NO_FILTERS, technique: 'T1110', engine: 'sigma' }
    expect(ids(ALERTS.filter((alert) => matchesFilters(alert, filters)))).toEqual(['a1'])
  })

  it('counts each choice under the other filters', () => {
    const filters = { ...NO_FILTERS, technique: 'T1110' }
    expect(countsByStatus(ALERTS, filters)).toEqual({ all: 3, new: 2, in_progress: 1, closed: 0 })
    const choices = filterChoices(ALERTS, filters)
    expect(choices.severity).toEqual([
      { value: 'critical', count: 1 },
      { value: 'high', count: 2 },
      { value: 'medium', count: 0 },
      { value: 'low', count: 0 }
    ])
    expect(choices.engine).toEqual([
      { value: 'auth-burst', count: 2 },
      { value: 'ioc', count: 0 },
      { value: 'sigma', count: 1 }
    ])
    expect(choices.technique).toEqual([
      { value: 'T1078', count: 1 },
      { value: 'T1110', count: 3 },
      { value: 'T1505.003', count: 1 }
    ])
  })

  it('counts statuses under the status filter too, as the toggles show every status', () => {
    expect(countsByStatus(ALERTS, { ...NO_FILTERS, status: 'closed' })).toEqual({
      all: 5,
      new: 3,
      in_progress: 1,
      closed: 1
    })
  })
})

describe('alert grouping', () => {
  const shape = (by: 'severity' | 'rule' | 'entity') =>
    groupAlerts(ALERTS, by).map((group) => [group.label, group.severity, ids(group.alerts)])

  it('groups by severity, most severe first, most recent first within', () => {
    expect(shape('severity')).toEqual([
      ['Critical', 'critical', ['a1']],
      ['High', 'high', ['a3', 'a2']],
      ['Medium', 'medium', ['a5']],
      ['Low', 'low', ['a4']]
    ])
  })

  it('groups by rule, the group as severe as its most severe alert', () => {
    expect(shape('rule')).toEqual([
      ['Login after brute force', 'critical', ['a1']],
      ['Failed-login burst', 'high', ['a3', 'a2']],
      ['Web shell', 'medium', ['a5']],
      ['IOC match', 'low', ['a4']]
    ])
  })

  it('groups by main entity, alerts without one last', () => {
    expect(shape('entity')).toEqual([
      ['203.0.113.7', 'critical', ['a1', 'a2']],
      ['198.51.100.9', 'high', ['a3']],
      ['alice', 'low', ['a4']],
      ['No entity', 'medium', ['a5']]
    ])
  })

  it('takes the source address, else the user, else the host as the main entity', () => {
    expect(mainEntity({ entities: { ips: [], users: ['alice'], hosts: ['web01'] } })).toEqual({
      kind: 'user',
      field: 'user.name',
      value: 'alice'
    })
    expect(mainEntity({ entities: { ips: [], users: [], hosts: ['web01'] } })).toMatchObject({
      field: 'host.name',
      value: 'web01'
    })
    expect(mainEntity({ entities: none })).toBeNull()
  })
})

describe('explorer query for an alert', () => {
  it('spans first seen to the end of the last seen second, on the main entity', () => {
    const alert = makeAlert({ firstSeen: T0, lastSeen: T0 + 300_500 })
    expect(explorerQueryFor(alert)).toEqual({
      from: T0,
      to: T0 + 301_000,
      filters: [{ field: 'source.ip', op: 'eq', value: '203.0.113.7' }]
    })
    expect(explorerQueryFor({ ...alert, entities: none })).toEqual({ from: T0, to: T0 + 301_000 })
  })
})

describe('triage keys', () => {
  const input = (type: string): HTMLInputElement => Object.assign(document.createElement('input'), { type })

  it('treats text fields, text areas and selects as typing, not checkboxes or buttons', () => {
    expect(isTypingTarget(input('text'))).toBe(true)
    expect(isTypingTarget(input('search'))).toBe(true)
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true)
    expect(isTypingTarget(document.createElement('select'))).toBe(true)
    expect(isTypingTarget(input('checkbox'))).toBe(false)
    expect(isTypingTarget(document.createElement('button'))).toBe(false)
  })

  it('runs the action of a key, except while typing or with a modifier', () => {
    const actions = { move: vi.fn(), toggle: vi.fn(), start: vi.fn(), close: vi.fn(), clear: vi.fn() }
    const handle = triageKeyHandler(actions)
    const press = (key: string, target: HTMLElement, init: KeyboardEventInit = {}): KeyboardEvent => {
      const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init })
      Object.defineProperty(event, 'target', { value: target })
      handle(event)
      return event
    }
    const button = document.createElement('button')

    expect(press('k', button).defaultPrevented).toBe(true)
    press('j', button)
    press('x', button)
    press('Escape', button)
    press('j', input('text'))
    press('c', button, { ctrlKey: true })
    expect(press('q', button).defaultPrevented).toBe(false)

    expect(actions.move.mock.calls).toEqual([[-1], [1]])
    expect(actions.toggle).toHaveBeenCalledTimes(1)
    expect(actions.clear).toHaveBeenCalledTimes(1)
    expect(actions.close).not.toHaveBeenCalled()
    expect(actions.start).not.toHaveBeenCalled()
  })
})
