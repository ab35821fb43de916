// The exclusions editor in the rule detail pane: it lists what is set aside and says it applies from the
// next detection run, adds an exclusion (the rule's fields offered, any name accepted, values one a line)
// and removes one, each as the whole list the backend replaces, then reads the rule again; it refuses an
// empty field or no values before asking, shows the backend's refusal inline, renders values as text, and
// appears only for loaded detection rules.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CairnError } from '../../src-main/common/errors'
import type { RuleExclusionSetting, RuleSupport } from '../../src-main/common/rules'
import RulesView from '../../src-renderer/features/rules/RulesView.vue'
import { FakeTransport } from './support/fakeTransport'
import { makeCase } from './support/fixtures'
import { makeOverview, makeRuleDetail, RULES } from './support/ruleFixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const VIEWPORT = { width: 1200, height: 600 }
let backend: TestBackend
let stored: RuleSupport[]
let exclusions: Record<string, RuleExclusionSetting[]>

function withBackend(): void {
  backend = setupBackend(new FakeTransport('browser'))
  stored = RULES.map((rule) => ({ ...rule }))
  exclusions = {
    'rule-loaded': [{ field: 'ParentImage', values: ['C:\\Tools\\deploy.exe', '*\\sccm\\*'] }]
  }
  backend.transport
    .answer('rules.list', () => makeOverview(stored))
    .answer('rules.get', ({ ruleId }) =>
      makeRuleDetail({
        ...stored.find((rule) => rule.id === ruleId),
        fields: ['CommandLine', 'ParentImage'],
        exclusions: exclusions[ruleId] ?? []
      })
    )
    .answer('rules.setExclusions', ({ ruleId, exclusions: sent }) => {
      exclusions[ruleId] = sent
      return makeOverview(stored)
    })
  openCase(makeCase())
}

async function openRule(title: string) {
  const view = mount(RulesView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  await flushPromises()
  await view
    .findAll('[data-testid="rule-row"]')
    .find((row) => row.text().includes(title))
    ?.trigger('click')
  await flushPromises()
  return view
}

type View = Awaited<ReturnType<typeof openRule>>
const editor = (view: View) => view.find('[data-testid="rule-exclusions"]')
const shownExclusions = (view: View) =>
  editor(view)
    .findAll('[data-testid="rule-exclusion"]')
    .map(
      (row) =>
        `${row.find('[data-testid="rule-exclusion-field"]').text()}: ${row
          .findAll('[data-testid="rule-exclusion-value"]')
          .map((value) => value.text())
          .join(' | ')}`
    )

async function fillForm(view: View, field: string, values: string): Promise<void> {
  const open = editor(view).find('[data-testid="rule-exclusion-add"]')
  if (open.exists()) await open.trigger('click')
  await editor(view).find('[data-testid="rule-exclusion-field-input"]').setValue(field)
  await editor(view).find('[data-testid="rule-exclusion-values-input"]').setValue(values)
}

async function submit(view: View): Promise<void> {
  await editor(view).find('[data-testid="rule-exclusion-form"]').trigger('submit')
  await flushPromises()
}

describe('rule exclusions editor', () => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect(VIEWPORT))
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height)
    withBackend()
  })
  afterEach(() => vi.restoreAllMocks())

  it('lists the exclusions and says they apply from the next detection run', async () => {
    const view = await openRule('PowerShell download cradle')

    expect(shownExclusions(view)).toEqual(['ParentImage: C:\\Tools\\deploy.exe | *\\sccm\\*'])
    expect(editor(view).find('[data-testid="rule-exclusions-note"]').text()).toBe(
      'Exclusions apply from the next detection run.'
    )
    view.unmount()
  })

  it("adds an exclusion to the list, offering the rule's fields, and reads the rule again", async () => {
    const view = await openRule('PowerShell download cradle')
    await editor(view).find('[data-testid="rule-exclusion-add"]').trigger('click')
    const input = editor(view).find('[data-testid="rule-exclusion-field-input"]')
    const suggestions = editor(view).find(`datalist#${input.attributes('list')}`)
    expect(suggestions.findAll('option').map((option) => option.attributes('value'))).toEqual([
      'CommandLine',
      'ParentImage'
    ])
    const gets = backend.transport.callsTo('rules.get').length

    await fillForm(view, ' CommandLine ', '  *\\backup.ps1 \n\n*inventory*\r\n*inventory*\n')
    await submit(view)

    expect(backend.transport.callsTo('rules.setExclusions')).toEqual([
      {
        ruleId: 'rule-loaded',
        exclusions: [
          { field: 'ParentImage', values: ['C:\\Tools\\deploy.exe', '*\\sccm\\*'] },
          { field: 'CommandLine', values: ['*\\backup.ps1', '*inventory*'] }
        ]
      }
    ])
    expect(backend.transport.callsTo('rules.get')).toHaveLength(gets + 1)
    expect(shownExclusions(view)).toEqual([
      'ParentImage: C:\\Tools\\deploy.exe | *\\sccm\\*',
      'CommandLine: *\\backup.ps1 | *inventory*'
    ])
    expect(editor(view).find('[data-testid="rule-exclusion-form"]').exists()).toBe(false)
    view.unmount()
  })

  it('accepts a field the rule does not name, such as an event field', async () => {
    const view = await openRule('Certutil decode')
    expect(editor(view).find('[data-testid="rule-exclusions-none"]').exists()).toBe(true)

    await fillForm(view, 'user.name', 'svc_backup')
    await submit(view)

    expect(backend.transport.callsTo('rules.setExclusions')).toEqual([
      { ruleId: 'rule-disabled', exclusions: [{ field: 'user.name', values: ['svc_backup'] }] }
    ])
    expect(shownExclusions(view)).toEqual(['user.name: svc_backup'])
    view.unmount()
  })

  it('asks for a field and at least one value of a length the backend takes before sending', async () => {
    const view = await openRule('PowerShell download cradle')
    await fillForm(view, '   ', ' \n  \n')
    await submit(view)

    const fieldInput = editor(view).find('[data-testid="rule-exclusion-field-input"]')
    const valuesInput = editor(view).find('[data-testid="rule-exclusion-values-input"]')
    expect(editor(view).find('[data-testid="rule-exclusion-field-error"]').text()).toBe(
      'Name the field whose values to ignore.'
    )
    expect(editor(view).find('[data-testid="rule-exclusion-values-error"]').text()).toBe(
      'Give at least one value, one a line.'
    )
    expect(fieldInput.attributes('aria-invalid')).toBe('true')
    expect(valuesInput.attributes('aria-invalid')).toBe('true')
    expect(valuesInput.attributes('aria-describedby')).toContain(
      editor(view).find('[data-testid="rule-exclusion-values-error"]').attributes('id')
    )

    await fieldInput.setValue('CommandLine')
    await valuesInput.setValue(`*backup*\n${'A'.repeat(4097)}`)
    await submit(view)
    expect(editor(view).find('[data-testid="rule-exclusion-field-error"]').exists()).toBe(false)
    expect(editor(view).find('[data-testid="rule-exclusion-values-error"]').text()).toBe(
      'Line 2 is longer than 4,096 characters: shorten it, using * for the rest.'
    )
    expect(backend.transport.callsTo('rules.setExclusions')).toEqual([])
    view.unmount()
  })

  it('removes one exclusion, sending the others, and an empty list when it was the last', async () => {
    exclusions['rule-loaded'].push({ field: 'User', values: ['svc_deploy'] })
    const view = await openRule('PowerShell download cradle')
    expect(shownExclusions(view)).toHaveLength(2)

    await editor(view).findAll('[data-testid="rule-exclusion-remove"]')[0].trigger('click')
    await flushPromises()
    expect(shownExclusions(view)).toEqual(['User: svc_deploy'])
    expect(editor(view).find('[data-testid="rule-exclusion-remove"]').attributes('aria-label')).toBe(
      'Remove the exclusion on User'
    )
    await editor(view).find('[data-testid="rule-exclusion-remove"]').trigger('click')
    await flushPromises()

    expect(backend.transport.callsTo('rules.setExclusions')).toEqual([
      { ruleId: 'rule-loaded', exclusions: [{ field: 'User', values: ['svc_deploy'] }] },
      { ruleId: 'rule-loaded', exclusions: [] }
    ])
    expect(editor(view).find('[data-testid="rule-exclusions-none"]').text()).toContain('None')
    view.unmount()
  })

  it("shows the backend's refusal inline and keeps what was typed", async () => {
    backend.transport.answer('rules.setExclusions', () => {
      throw new CairnError('NOT_FOUND', 'no rule has the id rule-loaded')
    })
    const view = await openRule('PowerShell download cradle')
    const gets = backend.transport.callsTo('rules.get').length

    await fillForm(view, 'CommandLine', '*backup*')
    await submit(view)

    expect(editor(view).find('[data-testid="rule-exclusions-error"]').text()).toBe(
      'Could not save the exclusions: no rule has the id rule-loaded'
    )
    expect(editor(view).find('[data-testid="rule-exclusions-error"]').attributes('role')).toBe('alert')
    expect(
      (editor(view).find('[data-testid="rule-exclusion-field-input"]').element as HTMLInputElement).value
    ).toBe('CommandLine')
    expect(shownExclusions(view)).toHaveLength(1)
    expect(backend.transport.callsTo('rules.get')).toHaveLength(gets)
    view.unmount()
  })

  it('shows values holding markup as text', async () => {
    exclusions['rule-loaded'] = [{ field: 'CommandLine', values: ['<img src=x onerror=alert(1)>'] }]
    const view = await openRule('PowerShell download cradle')

    const value = editor(view).find('[data-testid="rule-exclusion-value"]')
    expect(value.text()).toBe('<img src=x onerror=alert(1)>')
    expect(value.element.children).toHaveLength(0)
    expect(document.querySelectorAll('[data-testid="rule-exclusions"] img')).toHaveLength(0)
    view.unmount()
  })

  it('is offered for loaded detection rules only', async () => {
    for (const title of [
      'Many failed logons then success',
      'Process access near LSASS',
      'Okta admin role granted',
      'Untitled document'
    ]) {
      withBackend()
      const view = await openRule(title)
      expect(view.find('[data-testid="rule-detail"]').exists()).toBe(true)
      expect(editor(view).exists()).toBe(false)
      view.unmount()
    }
  })
})
