// The Windows logon summary on the overview: stacked bars of successes and failures per account (largest on
// top, log values escaped in the tooltip), a table sortable on every column with times in the display
// zone, narrowing to one source, an empty state, and answers for a superseded request dropped.

import { flushPromises, mount } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { LogonGroup, LogonSummary } from '../../src-main/common/windows'
import { logonSummaryOption, UNNAMED_ACCOUNT } from '../../src-renderer/charts/logonSummary'
import { CHART_PALETTES } from '../../src-renderer/charts/palette'
import LogonSummaryPanel from '../../src-renderer/features/windows/LogonSummaryPanel.vue'
import { nextSort, sortLogonGroups } from '../../src-renderer/features/windows/logonTable'
import { useEventsStore } from '../../src-renderer/stores/events'
import { useUiStore } from '../../src-renderer/stores/ui'
import { useWindowsStore } from '../../src-renderer/stores/windows'
import { deferred } from './support/deferred'
import { makeCase, makeEvidence, T0 } from './support/fixtures'
import { openCase, setupBackend, type TestBackend } from './support/setup'

const palette = CHART_PALETTES.dark
const MINUTE = 60_000

type Formatter = (params: { dataIndex: number }[]) => string
type SeriesOption = { name: string; stack: string; data: number[]; itemStyle: { color: string } }

const group = (overrides: Partial<LogonGroup>): LogonGroup => ({
  user: 'CORP\\alice',
  source: '198.51.100.23',
  logonType: 'Network',
  successes: 0,
  failures: 0,
  failureReason: '',
  firstSeen: T0,
  lastSeen: T0,
  ...overrides
})

const GROUPS: LogonGroup[] = [
  group({
    user: 'CORP\\administrator',
    source: '203.0.113.66',
    failures: 40,
    failureReason: 'bad password',
    lastSeen: T0 + 9 * MINUTE
  }),
  group({ successes: 12, lastSeen: T0 + 30 * MINUTE }),
  group({
    user: 'CORP\\bob',
    source: 'KALI',
    logonType: 'RemoteInteractive',
    successes: 1,
    failures: 3,
    firstSeen: T0 + MINUTE,
    lastSeen: T0 + 2 * MINUTE
  })
]
const SUMMARY: LogonSummary = {
  successes: 13,
  failures: 43,
  firstSeen: T0,
  lastSeen: T0 + 30 * MINUTE,
  topUsers: [
    { user: 'CORP\\administrator', successes: 0, failures: 40 },
    { user: 'CORP\\alice', successes: 12, failures: 0 },
    { user: 'CORP\\bob', successes: 1, failures: 3 }
  ],
  groups: GROUPS,
  groupsOmitted: 0
}
const EMPTY: LogonSummary = {
  ...SUMMARY,
  successes: 0,
  failures: 0,
  firstSeen: null,
  lastSeen: null,
  topUsers: [],
  groups: []
}

describe('logonSummaryOption', () => {
  it('stacks successes and failures per account, most logons on top', () => {
    const option = logonSummaryOption(SUMMARY.topUsers, palette)
    expect((option.yAxis as { inverse: boolean; data: string[] }).inverse).toBe(true)
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'CORP\\administrator',
      'CORP\\alice',
      'CORP\\bob'
    ])
    const series = option.series as SeriesOption[]
    expect(series.map((entry) => [entry.name, entry.stack, entry.data])).toEqual([
      ['Successes', 'logons', [0, 12, 1]],
      ['Failures', 'logons', [40, 0, 3]]
    ])
    expect(series[1].itemStyle.color).toBe(palette.severity.critical)
  })

  it('escapes account names in the tooltip and names accounts the events left unnamed', () => {
    const option = logonSummaryOption(
      [
        { user: '<b>x</b>', successes: 1, failures: 2 },
        { user: '', successes: 0, failures: 1 }
      ],
      palette
    )
    const formatter = (option.tooltip as { formatter: Formatter }).formatter
    expect(formatter([{ dataIndex: 0 }])).toBe('&#60;b&#62;x&#60;/b&#62;<br/>1 success<br/>2 failures')
    expect((option.yAxis as { data: string[] }).data[1]).toBe(UNNAMED_ACCOUNT)
  })
})

describe('logon table sorting', () => {
  it('sorts counts and times largest first and text A to Z on the first click, and turns on the second', () => {
    const start = { column: 'failures', direction: 'desc' } as const
    expect(nextSort(start, 'failures')).toEqual({ column: 'failures', direction: 'asc' })
    expect(nextSort(start, 'user')).toEqual({ column: 'user', direction: 'asc' })
    expect(nextSort(start, 'lastSeen')).toEqual({ column: 'lastSeen', direction: 'desc' })
    const users = (column: Parameters<typeof nextSort>[1], direction: 'asc' | 'desc') =>
      sortLogonGroups(GROUPS, { column, direction }).map((row) => row.user)
    expect(users('failures', 'desc')).toEqual(['CORP\\administrator', 'CORP\\bob', 'CORP\\alice'])
    expect(users('successes', 'desc')).toEqual(['CORP\\alice', 'CORP\\bob', 'CORP\\administrator'])
    expect(users('lastSeen', 'desc')).toEqual(['CORP\\alice', 'CORP\\administrator', 'CORP\\bob'])
    expect(users('source', 'asc')).toEqual(['CORP\\alice', 'CORP\\administrator', 'CORP\\bob'])
    // alice and bob have no failure reason (''): the tie falls back to the account.
    expect(users('failureReason', 'asc')).toEqual(['CORP\\alice', 'CORP\\bob', 'CORP\\administrator'])
  })
})

describe('logon summary panel', () => {
  let backend: TestBackend
  const WINDOWS_SOURCE = makeEvidence({ id: 'ev-win', name: 'Security.json', format: 'windows_json' })

  beforeEach(async () => {
    backend = setupBackend()
    backend.transport
      .answer('evidence.list', () => [makeEvidence(), WINDOWS_SOURCE])
      .answer('windows.logonSummary', () => SUMMARY)
    openCase(makeCase({ displayTimeZone: 'Europe/Berlin' }))
    useUiStore().displayTimeZone = 'Europe/Berlin'
    await flushPromises()
  })

  async function mountPanel() {
    const view = mount(LogonSummaryPanel, {
      global: { plugins: [backend.pinia], stubs: { EChart: true } }
    })
    await useWindowsStore().loadLogons()
    await flushPromises()
    return view
  }

  it('shows totals, the chart and a table sorted by failures with times in the display zone', async () => {
    const view = await mountPanel()
    expect(backend.transport.callsTo('windows.logonSummary')).toEqual([{ caseId: 'case-1' }])
    expect(view.find('[data-testid="logon-totals"]').text()).toContain('13 successes · 43 failures')
    // T0 is 2026-03-14 03:12:44 UTC: 04:12:44 in Berlin (UTC+01:00 in March before the change).
    expect(view.find('[data-testid="logon-totals"]').text()).toContain('2026-03-14 04:12:44 UTC+01:00')
    expect(view.text()).toContain('times in Europe/Berlin')
    const rows = () =>
      view.findAll('[data-testid="logon-row"]').map((row) => row.findAll('td').map((cell) => cell.text()))
    expect(rows()[0]).toEqual([
      'CORP\\administrator',
      '203.0.113.66',
      'Network',
      '0',
      '40',
      'bad password',
      '2026-03-14 04:12:44 UTC+01:00',
      '2026-03-14 04:21:44 UTC+01:00'
    ])
    expect(rows().map((row) => row[0])).toEqual(['CORP\\administrator', 'CORP\\bob', 'CORP\\alice'])
    const header = view.find('[data-testid="logon-sort-user"]')
    await header.trigger('click')
    expect(rows().map((row) => row[0])).toEqual(['CORP\\administrator', 'CORP\\alice', 'CORP\\bob'])
    expect(header.element.closest('th')?.getAttribute('aria-sort')).toBe('ascending')
  })

  it('narrows to one Windows source, and offers only Windows sources', async () => {
    const view = await mountPanel()
    const options = view.findAll('[data-testid="logon-source-select"] option').map((option) => option.text())
    expect(options).toEqual(['All Windows sources', 'Security.json'])
    await view.find('[data-testid="logon-source-select"]').setValue('ev-win')
    await flushPromises()
    expect(backend.transport.callsTo('windows.logonSummary').at(-1)).toEqual({
      caseId: 'case-1',
      evidenceId: 'ev-win'
    })
  })

  it('opens the events screen on an account’s logons from its bar', async () => {
    const view = await mountPanel()
    view.findComponent({ name: 'EChart' }).vm.$emit('select', 2)
    const events = useEventsStore()
    expect(events.filters).toEqual([
      { field: 'event.code', op: 'in', value: ['4624', '4625'] },
      { field: 'user.name', op: 'eq', value: 'bob' }
    ])
    expect(useUiStore().view).toBe('events')
  })

  it('says when the case has no logons', async () => {
    backend.transport.answer('windows.logonSummary', () => EMPTY)
    const view = await mountPanel()
    expect(view.text()).toContain('No Windows logons')
    expect(view.text()).toContain('is in this case')
    expect(view.find('[data-testid="logon-row"]').exists()).toBe(false)
  })

  it('drops the answer of a request a newer one replaced', async () => {
    const slow = deferred<LogonSummary>()
    let first = true
    backend.transport.answer('windows.logonSummary', () => {
      if (!first) return EMPTY
      first = false
      return slow.promise
    })
    const windows = useWindowsStore()
    const pending = windows.loadLogons()
    windows.narrowTo('ev-win')
    await flushPromises()
    slow.resolve(SUMMARY)
    await pending
    await flushPromises()
    expect(windows.logons).toEqual(EMPTY)
  })
})
