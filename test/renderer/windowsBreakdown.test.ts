// A Windows source in the evidence register opens its channels, providers and event ids: the top values
// with counts, the rest as one "others" row and events without the field as another. Other sources have
// no such row, and the breakdown asked for is always the row's own source.

import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EvidenceRecord } from '../../src-main/common/domain'
import type { WindowsSourceBreakdown } from '../../src-main/common/windows'
import EvidenceTable from '../../src-renderer/features/ingest/EvidenceTable.vue'
import { breakdownRows } from '../../src-renderer/features/windows/breakdownRows'
import { makeCase, makeEvidence } from './support/fixtures'
import { openCase, setupBackend, type TestBackend } from './support/setup'

const SECURITY: EvidenceRecord = makeEvidence({
  id: 'ev-win',
  name: 'Security.json',
  format: 'windows_json',
  recordUnit: 'document',
  records: 120,
  events: 120,
  rejected: 0
})
const ACCESS_LOG = makeEvidence()

const BREAKDOWN: WindowsSourceBreakdown = {
  evidenceId: 'ev-win',
  events: 120,
  channels: { top: [{ value: 'Security', count: 120 }], others: 0, distinct: 1, missing: 0 },
  providers: {
    top: [{ value: 'Microsoft-Windows-Security-Auditing', count: 110 }],
    others: 0,
    distinct: 1,
    missing: 10
  },
  eventIds: {
    top: [
      { value: '4625', count: 80 },
      { value: '4624', count: 25 }
    ],
    others: 15,
    distinct: 5,
    missing: 0
  }
}

describe('breakdownRows', () => {
  it('adds an others row naming how many values it holds, and a row for events without the field', () => {
    expect(breakdownRows(BREAKDOWN.eventIds, 120, 'No event id')).toEqual([
      { kind: 'value', label: '4625', count: 80, share: 80 / 120 },
      { kind: 'value', label: '4624', count: 25, share: 25 / 120 },
      { kind: 'others', label: 'Others (3 more values)', count: 15, share: 15 / 120 }
    ])
    expect(breakdownRows(BREAKDOWN.providers, 120, 'No provider').at(-1)).toEqual({
      kind: 'missing',
      label: 'No provider',
      count: 10,
      share: 10 / 120
    })
    expect(breakdownRows({ top: [], others: 0, distinct: 0, missing: 0 }, 0, 'No channel')).toEqual([])
  })
})

describe('evidence register: Windows breakdown', () => {
  let backend: TestBackend

  beforeEach(() => {
    backend = setupBackend()
    backend.transport
      .answer('evidence.list', () => [ACCESS_LOG, SECURITY])
      .answer('windows.sourceBreakdown', () => BREAKDOWN)
    openCase(makeCase())
  })

  async function mountTable() {
    const view = mount(EvidenceTable, { global: { plugins: [backend.pinia] } })
    await flushPromises()
    return view
  }

  it('offers the breakdown for Windows sources only, and loads it for that source when opened', async () => {
    const view = await mountTable()
    const toggles = view.findAll('[data-testid="evidence-breakdown-toggle"]')
    expect(toggles).toHaveLength(1)
    expect(view.findAll('[data-testid="evidence-row"]')[1].text()).toContain(
      'Show channels, providers, event IDs'
    )
    expect(backend.transport.callsTo('windows.sourceBreakdown')).toEqual([])

    await toggles[0].trigger('click')
    await flushPromises()
    expect(toggles[0].attributes('aria-expanded')).toBe('true')
    expect(backend.transport.callsTo('windows.sourceBreakdown')).toEqual([
      { caseId: 'case-1', evidenceId: 'ev-win', limit: 8 }
    ])
    const list = (title: string) =>
      view
        .find(`[data-testid="breakdown-${title}"]`)
        .findAll('li')
        .map((item) => `${item.find('.breakdown__label').text()} ${item.find('.breakdown__count').text()}`)
    expect(list('Channels')).toEqual(['Security 120'])
    expect(list('Providers')).toEqual(['Microsoft-Windows-Security-Auditing 110', 'No provider 10'])
    expect(list('Event IDs')).toEqual(['4625 80', '4624 25', 'Others (3 more values) 15'])
    expect(view.find('[data-testid="windows-breakdown"]').text()).toContain('of 120 in this source')

    await toggles[0].trigger('click')
    expect(view.find('[data-testid="windows-breakdown"]').exists()).toBe(false)
  })

  it('says so when the source has no events yet', async () => {
    backend.transport.answer('windows.sourceBreakdown', () => ({
      ...BREAKDOWN,
      events: 0,
      channels: { top: [], others: 0, distinct: 0, missing: 0 },
      providers: { top: [], others: 0, distinct: 0, missing: 0 },
      eventIds: { top: [], others: 0, distinct: 0, missing: 0 }
    }))
    const view = await mountTable()
    await view.find('[data-testid="evidence-breakdown-toggle"]').trigger('click')
    await flushPromises()
    expect(view.find('[data-testid="windows-breakdown"]').text()).toBe(
      'No events imported from this source yet.'
    )
  })
})
