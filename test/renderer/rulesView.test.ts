// The rules screen: the sources with their counts (a remove button only for folders), the counts by
// status as filters, every document with its verdict and, when not loaded, the reason; the enable switch
// only on loaded rules, the level select with "As written"; the browser-mode note instead of the folder
// field; and a rule's detail with its YAML shown as text even when it holds markup.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CairnError } from '../../src-main/common/errors'
import type { RuleSupport } from '../../src-main/common/rules'
import { fileAndLine } from '../../src-renderer/features/rules/ruleCells'
import RulesView from '../../src-renderer/features/rules/RulesView.vue'
import { BROWSER_FOLDER_MESSAGE } from '../../src-renderer/stores/rules'
import { FakeTransport } from './support/fakeTransport'
import { makeCase } from './support/fixtures'
import { makeOverview, makeRuleDetail, RULES } from './support/ruleFixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const VIEWPORT = { width: 1200, height: 600 }
let backend: TestBackend
let stored: RuleSupport[]

function withBackend(mode: 'browser' | 'desktop' = 'browser'): void {
  backend = setupBackend(new FakeTransport(mode))
  stored = RULES.map((rule) => ({ ...rule }))
  backend.transport
    .answer('rules.list', () => makeOverview(stored))
    .answer('rules.get', ({ ruleId }) => makeRuleDetail({ ...stored.find((rule) => rule.id === ruleId) }))
    .answer('rules.setEnabled', ({ ruleId, enabled }) => {
      stored = stored.map((rule) => (rule.id === ruleId ? { ...rule, enabled } : rule))
      return makeOverview(stored)
    })
    .answer('rules.setLevel', () => makeOverview(stored))
    .answer('rules.removeFolder', () => ({
      ...makeOverview(stored),
      sources: makeOverview().sources.slice(0, 1)
    }))
  openCase(makeCase())
}

async function mountView() {
  const view = mount(RulesView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  await flushPromises()
  return view
}

type View = Awaited<ReturnType<typeof mountView>>
const rowOf = (view: View, title: string) =>
  view.findAll('[data-testid="rule-row"]').find((row) => row.text().includes(title))

describe('RulesView', () => {
  beforeEach(() => {
    // happy-dom does no layout: give every element the size of a real table viewport.
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect(VIEWPORT))
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height)
    withBackend()
  })
  afterEach(() => vi.restoreAllMocks())

  it('shows each source with its counts, and a remove button for folders only', async () => {
    const view = await mountView()

    const sources = view.findAll('[data-testid="rule-source"]')
    expect(sources.map((source) => source.attributes('data-kind'))).toEqual(['builtin', 'folder'])
    expect(sources[0].text()).toContain("Cairn's own pack")
    expect(sources[1].find('[data-testid="rule-source-counts"]').text()).toBe(
      '4 documents · 2 loaded · 1 unreadable file'
    )
    expect(sources[0].find('[data-testid="rule-source-remove"]').exists()).toBe(false)

    await sources[1].find('[data-testid="rule-source-remove"]').trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('rules.removeFolder')).toEqual([{ path: '/rules' }])
    expect(view.findAll('[data-testid="rule-source"]')).toHaveLength(1)
    view.unmount()
  })

  it('says a folder given with --rules lasts for that run, and offers no remove button for it', async () => {
    backend.transport.answer('rules.list', () => ({
      ...makeOverview(stored),
      sources: [makeOverview().sources[0], { ...makeOverview().sources[1], removable: false }]
    }))
    const view = await mountView()
    const folder = view.findAll('[data-testid="rule-source"]')[1]
    expect(folder.find('[data-testid="rule-source-remove"]').exists()).toBe(false)
    expect(folder.find('[data-testid="rule-source-run-only"]').text()).toBe('this run only (--rules)')
    view.unmount()
  })

  it('says a rule the selection leaves out is left out, with no switch that could not turn it on', async () => {
    stored = stored.map((rule, index) =>
      index === 0
        ? {
            ...rule,
            status: 'loaded',
            enabled: false,
            offBy: 'selection',
            reason: 'outside the rule selection (include)'
          }
        : rule
    )
    const view = await mountView()
    const row = view.findAll('[data-testid="rule-row"]')[0]
    expect(row.find('[data-testid="rule-left-out"]').text()).toBe('left out by selection')
    expect(row.find('[data-testid="rule-enabled-switch"]').exists()).toBe(false)
    view.unmount()
  })

  it('counts documents by status and filters the table by status and text', async () => {
    const view = await mountView()

    expect(view.find('[data-testid="rule-filter-not_applicable"]').text()).toBe(
      'Not applicable to this case 1'
    )
    expect(view.find('[data-testid="rule-filter-loaded"]').text()).toBe('Loaded 3')
    expect(view.findAll('[data-testid="rule-row"]')).toHaveLength(6)

    await view.find('[data-testid="rule-filter-invalid"]').trigger('click')
    const rows = view.findAll('[data-testid="rule-row"]')
    expect(rows).toHaveLength(1)
    expect(rows[0].find('[data-testid="rule-title"]').text()).toBe('Untitled document at line 14')
    expect(rows[0].find('[data-testid="rule-reason"]').text()).toBe('detection has no condition')
    expect(rows[0].find('[data-testid="rule-location"]').text()).toContain('broken.yml:14')

    await view.find('[data-testid="rule-filter-all"]').trigger('click')
    await view.find('[data-testid="rule-text-filter"]').setValue('near')
    expect(
      view.findAll('[data-testid="rule-row"]').map((row) => row.find('[data-testid="rule-title"]').text())
    ).toEqual(['Process access near LSASS'])
    expect(view.find('[data-testid="rule-shown-count"]').text()).toBe('1 of 6 documents')
    view.unmount()
  })

  it('offers the enable switch on loaded rules only, and sends the change', async () => {
    const view = await mountView()

    expect(
      rowOf(view, 'Process access near LSASS')?.find('[data-testid="rule-enabled-switch"]').exists()
    ).toBe(false)
    expect(rowOf(view, 'Okta admin role')?.find('[data-testid="rule-enabled-switch"]').exists()).toBe(false)
    const toggle = rowOf(view, 'PowerShell download cradle')?.find('[data-testid="rule-enabled-switch"]')
    expect(toggle?.attributes('aria-checked')).toBe('true')

    await toggle?.trigger('click')
    await flushPromises()
    expect(backend.transport.callsTo('rules.setEnabled')).toEqual([{ ruleId: 'rule-loaded', enabled: false }])
    expect(
      rowOf(view, 'PowerShell download cradle')
        ?.find('[data-testid="rule-enabled-switch"]')
        .attributes('aria-checked')
    ).toBe('false')
    // Toggling a rule does not also open it.
    expect(backend.transport.callsTo('rules.get')).toEqual([])
    view.unmount()
  })

  it('changes a level, and "As written" sends null', async () => {
    const view = await mountView()
    const select = rowOf(view, 'Certutil decode')?.find('[data-testid="rule-level-select"]')
    expect((select?.element as HTMLSelectElement).value).toBe('medium')

    await select?.setValue('critical')
    await flushPromises()
    // The select shows the level in force (the fake backend kept it), not merely the choice that was sent.
    expect((select?.element as HTMLSelectElement).value).toBe('medium')
    await rowOf(view, 'Certutil decode')?.find('[data-testid="rule-level-select"]').setValue('')
    await flushPromises()

    expect(backend.transport.callsTo('rules.setLevel')).toEqual([
      { ruleId: 'rule-disabled', level: 'critical' },
      { ruleId: 'rule-disabled', level: null }
    ])
    view.unmount()
  })

  it('in browser mode says where rule folders can be added instead of offering the field', async () => {
    const view = await mountView()

    expect(view.find('[data-testid="rule-folder-input"]').exists()).toBe(false)
    const note = view.find('[data-testid="rule-folder-browser-note"]')
    expect(note.text().replace(/\s+/g, ' ')).toBe(BROWSER_FOLDER_MESSAGE)
    expect(note.find('code').text()).toBe('cairn detect --rules <dir>')
    view.unmount()
  })

  it('shows a rule in full, its YAML as text even when it holds a script tag', async () => {
    const view = await mountView()
    await rowOf(view, 'PowerShell download cradle')?.trigger('click')
    await flushPromises()

    const detail = view.find('[data-testid="rule-detail"]')
    expect(detail.find('[data-testid="rule-yaml-text"]').text()).toContain(
      'description: <script>alert(1)</script>'
    )
    expect(detail.find('[data-testid="rule-yaml-text"]').element.children).toHaveLength(0)
    expect(
      document.querySelectorAll('[data-testid="rule-detail"] script, [data-testid="rule-detail"] b')
    ).toHaveLength(0)
    expect(detail.find('[data-testid="rule-description"]').text()).toContain('<b>not bold</b>')
    expect(detail.text()).toContain('attack.t1059.001')
    expect(detail.findAll('[data-testid="rule-event-fields"] .chip').map((chip) => chip.text())).toEqual([
      'process.command_line',
      'CommandLine'
    ])
    expect(detail.text()).toContain('as written: Medium')
    view.unmount()
  })

  it('says what to fix for an invalid document instead of asking for a rule that does not exist', async () => {
    const view = await mountView()
    await rowOf(view, 'Untitled document')?.trigger('click')
    await flushPromises()

    const detail = view.find('[data-testid="rule-detail"]')
    expect(detail.find('[data-testid="rule-detail-reason"]').text()).toBe('detection has no condition')
    expect(detail.find('[data-testid="rule-detail-invalid"]').text()).toContain('line 14')
    expect(backend.transport.callsTo('rules.get')).toEqual([])
    view.unmount()
  })
})

describe('RulesView in the desktop app', () => {
  beforeEach(() => withBackend('desktop'))

  it('offers the folder field and shows why a folder was refused', async () => {
    backend.transport.answer('rules.addFolder', () => {
      throw new CairnError('UNREADABLE_INPUT', '/srv/none does not exist')
    })
    const view = await mountView()

    await view.find('[data-testid="rule-folder-input"]').setValue('/srv/none')
    await view.find('form').trigger('submit')
    await flushPromises()

    expect(view.find('[data-testid="rule-folder-error"]').text()).toBe(
      'Could not add /srv/none: /srv/none does not exist'
    )
    expect(view.find('[data-testid="rule-folder-input"]').attributes('aria-invalid')).toBe('true')
    view.unmount()
  })
})

describe('fileAndLine', () => {
  const sources = makeOverview().sources

  it('names the folder within its rule source, matching the source by whole path components', () => {
    expect(fileAndLine({ path: '/rules/windows/process_creation/a.yml', line: 3 }, sources)).toEqual({
      file: 'a.yml:3',
      folder: 'windows/process_creation'
    })
    expect(fileAndLine({ path: '/rules-extra/linux/b.yml', line: 1 }, sources)).toEqual({
      file: 'b.yml:1',
      folder: 'rules-extra/linux'
    })
  })
})
