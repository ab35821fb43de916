import { describe, expect, it } from 'vitest'
import { builtinSigma } from '../../../../src-main/core/detect/sigma/builtinSigma'
import { SigmaRuleSet } from '../../../../src-main/core/detect/sigma/ruleSet'
import { matchingRules, ruleSetOf, sysmonProcess } from './sigmaTestRules'

function rule(detection: string): string {
  return [
    'title: conditions',
    'id: 00000000-0000-4000-8000-000000000002',
    'logsource: { product: windows, category: process_creation }',
    'detection:',
    ...detection.split('\n').map((line) => `  ${line}`)
  ].join('\n')
}

const SEARCHES = `selection_a: { Image|endswith: '\\a.exe' }
selection_b: { CommandLine|contains: 'bee' }
filter_c: { User: 'SYSTEM' }
_hidden: { Image|endswith: '\\a.exe' }`

function fires(condition: string, data: Record<string, string>): boolean {
  const ruleSet = ruleSetOf(rule(`${SEARCHES}\ncondition: ${condition}`))
  const verdict = ruleSet.support[0]
  if (verdict.status !== 'loaded') throw new Error(`${verdict.status}: ${verdict.reason}`)
  return matchingRules(ruleSet, 'windows_json', sysmonProcess(data)).length === 1
}

const A = { Image: 'C:\\a.exe' }
const AB = { Image: 'C:\\a.exe', CommandLine: 'a bee' }
const ABC = { ...AB, User: 'SYSTEM' }

describe('Sigma conditions', () => {
  it('gives not precedence over and, and and over or', () => {
    expect(fires('selection_a and not filter_c', AB)).toBe(true)
    expect(fires('selection_a and not filter_c', ABC)).toBe(false)
    // not a or b = (not a) or b
    expect(fires('not selection_a or selection_b', AB)).toBe(true)
    expect(fires('not selection_a or selection_b', A)).toBe(false)
    // a or b and c = a or (b and c)
    expect(fires('selection_b or selection_a and filter_c', A)).toBe(false)
    expect(fires('(selection_b or selection_a) and filter_c', ABC)).toBe(true)
    expect(fires('(selection_b or selection_a) and filter_c', AB)).toBe(false)
  })

  it('quantifies over identifier patterns and them, leaving out names that start with _', () => {
    expect(fires('all of selection_*', A)).toBe(false)
    expect(fires('all of selection_*', AB)).toBe(true)
    expect(fires('1 of selection_*', A)).toBe(true)
    expect(fires('any of selection_*', A)).toBe(true)
    expect(fires('all of them', AB)).toBe(false)
    expect(fires('all of them', ABC)).toBe(true)
    expect(fires('1 of selection_* and not 1 of filter_*', ABC)).toBe(false)
  })

  it('says why a condition is invalid or unsupported', () => {
    const verdict = (condition: string) => ruleSetOf(rule(`${SEARCHES}\ncondition: ${condition}`)).support[0]
    expect(verdict('selection_a and selectoin_b')).toMatchObject({ status: 'invalid' })
    expect(verdict('selection_a and selectoin_b').reason).toContain("'selectoin_b'")
    expect(verdict('2 of selection_*').reason).toContain("only '1 of', 'any of' and 'all of'")
    expect(verdict('(selection_a or selection_b')).toMatchObject({ status: 'invalid' })
    expect(verdict('1 of nothing_*').reason).toContain('matches no search identifier')
    expect(verdict('selection_a | count() by User > 5')).toMatchObject({ status: 'unsupported' })
    expect(verdict('selection_a | count() by User > 5').reason).toContain('correlation rule')
  })

  it('searches keywords through the raw record and every field, OR by default and AND with |all', () => {
    const keywords = (body: string, data: Record<string, string>) => {
      const ruleSet = ruleSetOf(rule(`${body}\ncondition: keywords`))
      return matchingRules(ruleSet, 'windows_json', sysmonProcess(data)).length === 1
    }
    expect(
      keywords("keywords: ['event::clear', 'sekurlsa']", { CommandLine: 'mimikatz SEKURLSA::logonpasswords' })
    ).toBe(true)
    expect(keywords("keywords: ['event::clear', 'sekurlsa']", { CommandLine: 'dir' })).toBe(false)
    expect(keywords("keywords:\n  '|all': ['alpha', 'beta']", { CommandLine: 'alpha gamma' })).toBe(false)
    expect(keywords("keywords:\n  '|all': ['alpha', 'beta']", { CommandLine: 'beta alpha' })).toBe(true)
  })

  it('reads Security 4688 events through the process_creation field mapping', () => {
    const ruleSet = ruleSetOf(rule("selection: { Image|endswith: '\\whoami.exe' }\ncondition: selection"))
    const security = {
      timestamp: 0,
      fields: { 'winlog.channel': 'Security', 'event.code': 4688 },
      extra: { 'winlog.event_data.NewProcessName': 'C:\\Windows\\System32\\whoami.exe' },
      raw: ''
    }
    expect(matchingRules(ruleSet, 'windows_json', security)).toHaveLength(1)
    // the same process in a 4624 logon event is not a process creation
    expect(
      matchingRules(ruleSet, 'windows_json', {
        ...security,
        fields: { ...security.fields, 'event.code': 4624 }
      })
    ).toHaveLength(0)
  })

  it('subtracts a global filter from the rules it names, and only from those', () => {
    const filter = [
      'title: Admins run whoami',
      'logsource: { product: windows, category: process_creation }',
      'filter:',
      '  rules: [00000000-0000-4000-8000-000000000002]',
      "  selection: { User|startswith: 'CORP\\adm_' }",
      '  condition: selection'
    ].join('\n')
    const other = rule("selection: { Image|endswith: '\\a.exe' }\ncondition: selection").replace(
      '00000000-0000-4000-8000-000000000002',
      '00000000-0000-4000-8000-000000000003'
    )
    const ruleSet = new SigmaRuleSet(
      [
        { path: 'rule.yml', text: rule(`${SEARCHES}\ncondition: selection_a`) },
        { path: 'other.yml', text: other },
        { path: 'filter.yml', text: filter }
      ],
      builtinSigma().logsources
    )
    expect(ruleSet.support.map((verdict) => verdict.status)).toEqual(['loaded', 'loaded', 'loaded'])
    const admin = sysmonProcess({ ...A, User: 'CORP\\adm_joe' })
    expect(matchingRules(ruleSet, 'windows_json', admin)).toEqual(['00000000-0000-4000-8000-000000000003'])
    expect(matchingRules(ruleSet, 'windows_json', sysmonProcess({ ...A, User: 'CORP\\joe' })).sort()).toEqual(
      ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003']
    )
  })
})
