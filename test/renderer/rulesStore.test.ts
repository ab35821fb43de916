// The rules store: it asks for the open case's verdicts, counts documents by status, filters by status and
// by text over title, path and reason, sends enable and level changes and applies the overview they answer
// with, replaces a rule's exclusions as a whole list and reads the rule again (or says why it could not),
// refuses folders by path in browser mode with a message saying where they can be added, and never lets an
// older answer overwrite a newer one.

import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import type { RuleSupport } from '../../src-main/common/rules'
import { CairnError } from '../../src-main/common/errors'
import { BROWSER_FOLDER_MESSAGE, useRulesStore } from '../../src-renderer/stores/rules'
import { useNotificationsStore } from '../../src-renderer/stores/notifications'
import { deferred } from './support/deferred'
import { FakeTransport } from './support/fakeTransport'
import { makeCase } from './support/fixtures'
import { makeOverview, makeRuleDetail, RULES } from './support/ruleFixtures'
import { openCase, setupBackend } from './support/setup'

let transport: FakeTransport
let stored: RuleSupport[]

function withBackend(mode: 'browser' | 'desktop' = 'browser'): void {
  transport = setupBackend(new FakeTransport(mode)).transport
  stored = RULES.map((rule) => ({ ...rule }))
  transport
    .answer('rules.list', () => makeOverview(stored))
    .answer('rules.get', ({ ruleId }) => makeRuleDetail({ id: ruleId }))
    .answer('rules.setEnabled', ({ ruleId, enabled }) => {
      stored = stored.map((rule) => (rule.id === ruleId ? { ...rule, enabled } : rule))
      return makeOverview(stored)
    })
    .answer('rules.setLevel', ({ ruleId, level }) => {
      stored = stored.map((rule) => (rule.id === ruleId ? { ...rule, level: level ?? 'medium' } : rule))
      return makeOverview(stored)
    })
  openCase(makeCase())
}

describe('rules store', () => {
  beforeEach(() => withBackend())

  it("asks for the open case's verdicts and counts documents by status", async () => {
    const rules = useRulesStore()
    await flushPromises()

    expect(transport.callsTo('rules.list')).toEqual([{ caseId: 'case-1' }])
    expect(rules.countsByStatus).toEqual({
      all: 6,
      loaded: 3,
      unsupported: 1,
      invalid: 1,
      not_applicable: 1
    })
    expect(rules.sources.map((source) => source.kind)).toEqual(['builtin', 'folder'])
  })

  it('filters by status and by text in the title, the path or the reason', async () => {
    const rules = useRulesStore()
    await flushPromises()
    const ids = () => rules.shown.map((rule) => rule.id)

    rules.statusFilter = 'unsupported'
    expect(ids()).toEqual(['rule-unsupported'])

    rules.statusFilter = 'all'
    rules.textFilter = '  CERTUTIL '
    expect(ids()).toEqual(['rule-disabled'])
    rules.textFilter = 'broken.yml'
    expect(ids()).toEqual(['/rules/broken.yml#2'])
    rules.textFilter = 'no condition'
    expect(ids()).toEqual(['/rules/broken.yml#2'])

    rules.statusFilter = 'loaded'
    expect(ids()).toEqual([])
    // The counts stay those of every document: they are the report, the filter only narrows the table.
    expect(rules.countsByStatus.all).toBe(6)
  })

  it('sends enable and level changes and shows the overview they answer with', async () => {
    const rules = useRulesStore()
    await flushPromises()

    await rules.setEnabled('rule-loaded', false)
    await rules.setLevel('rule-loaded', 'critical')
    await rules.setLevel('rule-disabled', null)

    expect(transport.callsTo('rules.setEnabled')).toEqual([{ ruleId: 'rule-loaded', enabled: false }])
    expect(transport.callsTo('rules.setLevel')).toEqual([
      { ruleId: 'rule-loaded', level: 'critical' },
      { ruleId: 'rule-disabled', level: null }
    ])
    const loaded = rules.rules.find((rule) => rule.id === 'rule-loaded')
    expect(loaded).toMatchObject({ enabled: false, level: 'critical' })
    expect(rules.busy.size).toBe(0)
  })

  it('marks a rule busy while its change is on its way', async () => {
    const rules = useRulesStore()
    await flushPromises()
    const answer = deferred<ReturnType<typeof makeOverview>>()
    transport.answer('rules.setEnabled', () => answer.promise)

    const pending = rules.setEnabled('rule-loaded', false)
    expect(rules.busy.has('rule-loaded')).toBe(true)
    answer.resolve(makeOverview())
    await pending
    expect(rules.busy.has('rule-loaded')).toBe(false)
  })

  it('keeps the newest overview when an older answer arrives late', async () => {
    const rules = useRulesStore()
    await flushPromises()
    const slowList = deferred<ReturnType<typeof makeOverview>>()
    transport.answer('rules.list', () => slowList.promise)

    const reload = rules.load()
    await rules.setEnabled('rule-loaded', false)
    slowList.resolve(makeOverview(RULES))
    await reload

    expect(rules.rules.find((rule) => rule.id === 'rule-loaded')?.enabled).toBe(false)
  })

  it('in browser mode refuses a folder path without asking, saying where folders can be added', async () => {
    const rules = useRulesStore()
    await flushPromises()

    expect(await rules.addFolder('/home/analyst/sigma/rules')).toBe(false)
    expect(transport.callsTo('rules.addFolder')).toEqual([])
    expect(rules.folderError).toBe(BROWSER_FOLDER_MESSAGE)
    expect(rules.folderError).toContain('desktop app')
    expect(rules.folderError).toContain('cairn detect --rules <dir>')
  })

  it('loads the detail of a selected rule, but not of an invalid document, which has none', async () => {
    const rules = useRulesStore()
    await flushPromises()

    await rules.select('rule-loaded')
    expect(rules.detail?.yaml).toContain('DownloadString')
    await rules.select('/rules/broken.yml#2')
    expect(rules.detail).toBeNull()
    expect(rules.selected?.reason).toBe('detection has no condition')
    expect(transport.callsTo('rules.get')).toEqual([{ ruleId: 'rule-loaded' }])
  })

  it('adds and removes exclusions as the whole list, then reads the rule again', async () => {
    let kept = [{ field: 'CommandLine', values: ['*backup*'] }]
    transport
      .answer('rules.get', ({ ruleId }) => makeRuleDetail({ id: ruleId, exclusions: kept }))
      .answer('rules.setExclusions', ({ exclusions }) => {
        kept = exclusions
        return makeOverview(stored)
      })
    const rules = useRulesStore()
    await flushPromises()
    await rules.select('rule-loaded')

    expect(await rules.addExclusion('rule-loaded', { field: 'User', values: ['svc_deploy'] })).toBe(true)
    expect(rules.detail?.exclusions).toEqual([
      { field: 'CommandLine', values: ['*backup*'] },
      { field: 'User', values: ['svc_deploy'] }
    ])
    expect(await rules.removeExclusion('rule-loaded', 0)).toBe(true)

    expect(transport.callsTo('rules.setExclusions')).toEqual([
      {
        ruleId: 'rule-loaded',
        exclusions: [
          { field: 'CommandLine', values: ['*backup*'] },
          { field: 'User', values: ['svc_deploy'] }
        ]
      },
      { ruleId: 'rule-loaded', exclusions: [{ field: 'User', values: ['svc_deploy'] }] }
    ])
    expect(transport.callsTo('rules.get')).toHaveLength(3)
    expect(rules.detail?.exclusions).toEqual([{ field: 'User', values: ['svc_deploy'] }])
    expect(rules.busy.size).toBe(0)
  })

  it('sends no exclusions for a rule whose list is not on screen, so none are wiped', async () => {
    const rules = useRulesStore()
    await flushPromises()
    await rules.select('rule-loaded')

    expect(await rules.addExclusion('rule-disabled', { field: 'User', values: ['x'] })).toBe(false)
    expect(transport.callsTo('rules.setExclusions')).toEqual([])
  })

  it("keeps the backend's reason when exclusions are refused, until another rule is opened", async () => {
    transport.answer('rules.setExclusions', () => {
      throw new CairnError('NOT_FOUND', 'no rule has the id rule-loaded')
    })
    const rules = useRulesStore()
    await flushPromises()
    await rules.select('rule-loaded')

    expect(await rules.addExclusion('rule-loaded', { field: 'User', values: ['x'] })).toBe(false)
    expect(rules.exclusionError).toBe('Could not save the exclusions: no rule has the id rule-loaded')
    expect(rules.busy.size).toBe(0)
    await rules.select('rule-disabled')
    expect(rules.exclusionError).toBeNull()
  })
})

describe('rules store in the desktop app', () => {
  beforeEach(() => withBackend('desktop'))

  it('adds a folder by path and shows the sources it answers with', async () => {
    const rules = useRulesStore()
    await flushPromises()
    transport.answer('rules.addFolder', () => ({
      ...makeOverview(),
      sources: [
        ...makeOverview().sources,
        {
          kind: 'folder',
          path: '/srv/sigma',
          documents: 3_754,
          loaded: 2_900,
          unreadable: 0,
          removable: true
        }
      ]
    }))

    expect(await rules.addFolder(' /srv/sigma ')).toBe(true)
    expect(transport.callsTo('rules.addFolder')).toEqual([{ path: '/srv/sigma' }])
    expect(rules.sources.map((source) => source.path)).toEqual(['', '/rules', '/srv/sigma'])
    expect(rules.folderError).toBeNull()
  })

  it("says why a folder could not be added, in the backend's words", async () => {
    const rules = useRulesStore()
    await flushPromises()
    transport.answer('rules.addFolder', () => {
      throw new CairnError('UNREADABLE_INPUT', '/srv/nothing is not a folder')
    })

    expect(await rules.addFolder('/srv/nothing')).toBe(false)
    expect(rules.folderError).toBe('Could not add /srv/nothing: /srv/nothing is not a folder')
    expect(useNotificationsStore().notices).toHaveLength(1)
  })

  it('says where folders can be added when the backend refuses paths', async () => {
    const rules = useRulesStore()
    await flushPromises()
    transport.answer('rules.addFolder', () => {
      throw new CairnError('FORBIDDEN', 'in browser mode Cairn reads only files uploaded through the page')
    })

    expect(await rules.addFolder('/srv/sigma')).toBe(false)
    expect(rules.folderError).toBe(BROWSER_FOLDER_MESSAGE)
  })
})
