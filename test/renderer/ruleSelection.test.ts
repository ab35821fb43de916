// The rule selection panel in the rules view: collapsed to one sentence for the selection in force and how
// many loaded rules run; on Edit, the include and exclude lists (ticked statuses and levels, tags and path
// fragments one a line or comma-separated) sent as the whole selection, sides left empty left out; Reset to
// default fills the form without saving, Cancel sends nothing; what to fix is named before anything is
// sent, and the backend's refusal is shown inline with the form kept.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CairnError } from '../../src-main/common/errors'
import type { RuleSelection, RuleSupport } from '../../src-main/common/rules'
import RulesView from '../../src-renderer/features/rules/RulesView.vue'
import { describeSelection } from '../../src-renderer/features/rules/ruleSelection'
import { FakeTransport } from './support/fakeTransport'
import { makeCase } from './support/fixtures'
import { makeOverview, RULES } from './support/ruleFixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

const VIEWPORT = { width: 1200, height: 600 }
let backend: TestBackend
let stored: RuleSupport[]
let selection: RuleSelection

function withBackend(): void {
  backend = setupBackend(new FakeTransport('browser'))
  stored = RULES.map((rule) => ({ ...rule }))
  selection = { exclude: { statuses: ['deprecated', 'unsupported'] } }
  backend.transport
    .answer('rules.list', () => ({ ...makeOverview(stored), selection }))
    .answer('rules.setSelection', ({ selection: sent }) => {
      selection = sent
      // As the backend does: a rule the selection leaves out stays loaded, but no longer runs.
      stored = stored.map((rule) =>
        rule.id === 'rule-correlation'
          ? { ...rule, enabled: false, reason: 'outside the rule selection (include)' }
          : rule
      )
      return { ...makeOverview(stored), selection }
    })
  openCase(makeCase())
}

async function mountView() {
  const view = mount(RulesView, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  await flushPromises()
  return view
}

type View = Awaited<ReturnType<typeof mountView>>
const panel = (view: View) => view.find('[data-testid="rule-selection"]')
const byTestId = (view: View, id: string) => panel(view).find(`[data-testid="${id}"]`)
const summary = (view: View) => byTestId(view, 'rule-selection-summary').text()
const isTicked = (view: View, id: string) => (byTestId(view, id).element as HTMLInputElement).checked
const textOf = (view: View, id: string) => (byTestId(view, id).element as HTMLTextAreaElement).value

async function openEditor(view: View): Promise<void> {
  await byTestId(view, 'rule-selection-edit').trigger('click')
  await flushPromises()
}

async function save(view: View): Promise<void> {
  await byTestId(view, 'rule-selection-form').trigger('submit')
  await flushPromises()
}

describe('rule selection summary', () => {
  it('says in plain words which rules run', () => {
    expect(describeSelection({})).toBe('Runs every rule')
    expect(describeSelection({ exclude: { statuses: ['deprecated', 'unsupported'] } })).toBe(
      'Runs every rule except status deprecated, unsupported'
    )
    expect(describeSelection({ exclude: { statuses: ['deprecated'], levels: ['informational'] } })).toBe(
      'Runs every rule except status deprecated; or level informational'
    )
    expect(
      describeSelection({
        include: { levels: ['high', 'critical'], tags: ['attack.t1059*'] },
        exclude: { statuses: ['deprecated'], paths: ['windows/deprecated/'] }
      })
    ).toBe(
      'Runs only rules with level high, critical; or tag attack.t1059*. Leaves out rules with status deprecated; or path containing windows/deprecated/'
    )
    expect(describeSelection({ include: { paths: ['/a/', '/b/', '/c/', '/d/', '/e/'] } })).toBe(
      'Runs only rules with path containing /a/, /b/, /c/ and 2 more'
    )
    // The backend reads an include naming nothing as covering nothing: say so rather than "every rule".
    expect(describeSelection({ include: {}, exclude: { statuses: ['test'] } })).toBe(
      'Runs no rule: the include names no status, level, tag or path'
    )
  })
})

describe('rule selection panel', () => {
  beforeEach(() => {
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect(VIEWPORT))
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(VIEWPORT.height)
    withBackend()
  })
  afterEach(() => vi.restoreAllMocks())

  it('starts collapsed: the selection in force in words and how many loaded rules run', async () => {
    const view = await mountView()

    expect(summary(view)).toBe('Runs every rule except status deprecated, unsupported')
    // Three loaded rules, one of them disabled in tuning; the filter counts say only "Loaded 3".
    expect(byTestId(view, 'rule-selection-running').text()).toBe('2 of 3 loaded rules run')
    expect(byTestId(view, 'rule-selection-form').exists()).toBe(false)
    expect(byTestId(view, 'rule-selection-edit').text()).toBe('Edit')
    view.unmount()
  })

  it('counts in the singular when one rule is loaded and it runs', async () => {
    stored = [RULES[0], RULES[2]]
    backend.transport.answer('rules.list', () => ({ ...makeOverview(stored), selection }))
    const view = await mountView()
    expect(byTestId(view, 'rule-selection-running').text()).toBe('1 of 1 loaded rule runs')
    view.unmount()
  })

  it('opens on the selection in force and says it applies from the next detection run', async () => {
    const view = await mountView()
    await openEditor(view)

    expect(byTestId(view, 'rule-selection-edit').exists()).toBe(false)
    expect(isTicked(view, 'rule-selection-exclude-status-deprecated')).toBe(true)
    expect(isTicked(view, 'rule-selection-exclude-status-unsupported')).toBe(true)
    expect(isTicked(view, 'rule-selection-exclude-status-stable')).toBe(false)
    expect(isTicked(view, 'rule-selection-include-status-deprecated')).toBe(false)
    expect(
      panel(view)
        .findAll('[data-testid="rule-selection-include"] input[type="checkbox"]')
        .map((box) => box.attributes('value'))
    ).toEqual([
      'stable',
      'test',
      'experimental',
      'deprecated',
      'unsupported',
      'informational',
      'low',
      'medium',
      'high',
      'critical'
    ])
    expect(byTestId(view, 'rule-selection-note').text()).toBe(
      'The selection applies from the next detection run; evidence already imported is hunted again under it automatically.'
    )
    view.unmount()
  })

  it('sends the include and exclude lists as edited, and shows the selection the backend answers with', async () => {
    const view = await mountView()
    await openEditor(view)

    await byTestId(view, 'rule-selection-include-level-critical').setValue(true)
    await byTestId(view, 'rule-selection-include-level-high').setValue(true)
    await byTestId(view, 'rule-selection-include-tags').setValue(
      ' attack.t1059*, attack.t1003.001\n\nattack.t1059*\r\n'
    )
    await byTestId(view, 'rule-selection-exclude-status-unsupported').setValue(false)
    await byTestId(view, 'rule-selection-exclude-status-test').setValue(true)
    await byTestId(view, 'rule-selection-exclude-paths').setValue('windows/deprecated/\n /rules/noisy/ ')
    await save(view)

    expect(backend.transport.callsTo('rules.setSelection')).toEqual([
      {
        selection: {
          include: { levels: ['high', 'critical'], tags: ['attack.t1059*', 'attack.t1003.001'] },
          exclude: { statuses: ['test', 'deprecated'], paths: ['windows/deprecated/', '/rules/noisy/'] }
        }
      }
    ])
    expect(byTestId(view, 'rule-selection-form').exists()).toBe(false)
    expect(summary(view)).toBe(
      'Runs only rules with level high, critical; or tag attack.t1059*, attack.t1003.001. Leaves out rules with status test, deprecated; or path containing windows/deprecated/, /rules/noisy/'
    )
    expect(byTestId(view, 'rule-selection-running').text()).toBe('1 of 3 loaded rules run')
    expect(document.activeElement).toBe(byTestId(view, 'rule-selection-edit').element)
    view.unmount()
  })

  it('leaves out a side with nothing in it, so emptying both runs every rule', async () => {
    const view = await mountView()
    await openEditor(view)

    await byTestId(view, 'rule-selection-exclude-status-deprecated').setValue(false)
    await byTestId(view, 'rule-selection-exclude-status-unsupported').setValue(false)
    await byTestId(view, 'rule-selection-include-tags').setValue(' , \n ')
    await save(view)

    expect(backend.transport.callsTo('rules.setSelection')).toEqual([{ selection: {} }])
    expect(summary(view)).toBe('Runs every rule')
    view.unmount()
  })

  it('fills the form with the default on Reset to default, and sends it only on Save', async () => {
    selection = { include: { tags: ['attack.credential_access'] }, exclude: { levels: ['informational'] } }
    const view = await mountView()
    expect(summary(view)).toBe(
      'Runs only rules with tag attack.credential_access. Leaves out rules with level informational'
    )
    await openEditor(view)
    expect(textOf(view, 'rule-selection-include-tags')).toBe('attack.credential_access')
    expect(isTicked(view, 'rule-selection-exclude-level-informational')).toBe(true)

    await byTestId(view, 'rule-selection-reset').trigger('click')
    expect(textOf(view, 'rule-selection-include-tags')).toBe('')
    expect(isTicked(view, 'rule-selection-exclude-level-informational')).toBe(false)
    expect(isTicked(view, 'rule-selection-exclude-status-deprecated')).toBe(true)
    expect(isTicked(view, 'rule-selection-exclude-status-unsupported')).toBe(true)
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([])

    await save(view)
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([
      { selection: { exclude: { statuses: ['deprecated', 'unsupported'] } } }
    ])
    expect(summary(view)).toBe('Runs every rule except status deprecated, unsupported')
    view.unmount()
  })

  it('sends nothing on Cancel, and opens again on the selection in force', async () => {
    const view = await mountView()
    await openEditor(view)
    await byTestId(view, 'rule-selection-include-tags').setValue('attack.t1059*')
    await byTestId(view, 'rule-selection-cancel').trigger('click')
    await flushPromises()

    expect(byTestId(view, 'rule-selection-form').exists()).toBe(false)
    await openEditor(view)
    expect(textOf(view, 'rule-selection-include-tags')).toBe('')
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([])
    view.unmount()
  })

  it('keeps and offers a status outside SigmaHQ that the selection in force names', async () => {
    selection = { include: { statuses: ['stable', 'reviewed'] } }
    const view = await mountView()
    await openEditor(view)

    expect(isTicked(view, 'rule-selection-include-status-reviewed')).toBe(true)
    expect(byTestId(view, 'rule-selection-exclude-status-reviewed').exists()).toBe(true)
    await save(view)
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([
      { selection: { include: { statuses: ['stable', 'reviewed'] } } }
    ])
    view.unmount()
  })

  it('names what to fix before sending anything', async () => {
    const view = await mountView()
    await openEditor(view)

    await byTestId(view, 'rule-selection-include-tags').setValue('attack.execution attack.t1059')
    await byTestId(view, 'rule-selection-exclude-tags').setValue('attack.*.001')
    await byTestId(view, 'rule-selection-include-paths').setValue('windows/*/process_creation')
    for (const level of ['informational', 'low', 'medium', 'high', 'critical']) {
      await byTestId(view, `rule-selection-exclude-level-${level}`).setValue(true)
    }
    await save(view)

    expect(byTestId(view, 'rule-selection-include-tags-error').text()).toBe(
      '“attack.execution attack.t1059” holds a space: put one tag a line, or separate tags with commas.'
    )
    expect(byTestId(view, 'rule-selection-exclude-tags-error').text()).toBe(
      'In “attack.*.001”, * works only at the end (attack.t1059* matches every tag starting attack.t1059).'
    )
    expect(byTestId(view, 'rule-selection-include-paths-error').text()).toBe(
      'Path fragments are plain text, not patterns: drop the * from “windows/*/process_creation”.'
    )
    expect(byTestId(view, 'rule-selection-exclude-levels-error').text()).toBe(
      'Leaving out every level leaves no rule to run: untick at least one.'
    )
    const tags = byTestId(view, 'rule-selection-include-tags')
    expect(tags.attributes('aria-invalid')).toBe('true')
    expect(tags.attributes('aria-describedby')).toContain(
      byTestId(view, 'rule-selection-include-tags-error').attributes('id')
    )
    expect(byTestId(view, 'rule-selection-exclude-paths').attributes('aria-invalid')).toBe('false')
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([])

    // Typing in a field clears its message; the others stay until the next Save.
    await tags.setValue('attack.execution, attack.t1059')
    expect(byTestId(view, 'rule-selection-include-tags-error').exists()).toBe(false)
    expect(byTestId(view, 'rule-selection-exclude-tags-error').exists()).toBe(true)
    view.unmount()
  })

  it('refuses more tags than the backend takes, and a tag longer than it takes', async () => {
    const view = await mountView()
    await openEditor(view)

    const many = Array.from({ length: 501 }, (_, at) => `attack.t${at}`).join(',')
    await byTestId(view, 'rule-selection-include-tags').setValue(many)
    await byTestId(view, 'rule-selection-exclude-tags').setValue(`a${'b'.repeat(256)}`)
    await save(view)

    expect(byTestId(view, 'rule-selection-include-tags-error').text()).toBe('Give at most 500 tags, not 501.')
    expect(byTestId(view, 'rule-selection-exclude-tags-error').text()).toBe(
      `“a${'b'.repeat(59)}…” is longer than 256 characters.`
    )
    expect(backend.transport.callsTo('rules.setSelection')).toEqual([])
    view.unmount()
  })

  it("shows the backend's refusal inline and keeps what was typed", async () => {
    backend.transport.answer('rules.setSelection', () => {
      throw new CairnError('INTERNAL', 'could not write /home/analyst/.cairn/rules.json')
    })
    const view = await mountView()
    await openEditor(view)
    await byTestId(view, 'rule-selection-include-tags').setValue('attack.t1059*')
    await save(view)

    const error = byTestId(view, 'rule-selection-error')
    expect(error.text()).toBe(
      'Could not save the rule selection: could not write /home/analyst/.cairn/rules.json'
    )
    expect(error.attributes('role')).toBe('alert')
    expect(textOf(view, 'rule-selection-include-tags')).toBe('attack.t1059*')
    expect(summary(view)).toBe('Runs every rule except status deprecated, unsupported')

    // Cancel drops the message with the edit.
    await byTestId(view, 'rule-selection-cancel').trigger('click')
    await openEditor(view)
    expect(byTestId(view, 'rule-selection-error').exists()).toBe(false)
    view.unmount()
  })

  it('shows tags and paths holding markup as text', async () => {
    selection = { include: { paths: ['<img src=x onerror=alert(1)>'] } }
    const view = await mountView()

    expect(summary(view)).toBe('Runs only rules with path containing <img src=x onerror=alert(1)>')
    expect(document.querySelectorAll('[data-testid="rule-selection"] img')).toHaveLength(0)
    view.unmount()
  })
})
