import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { parseRuleFile } from '../../../../src-main/core/detect/sigma/ruleDocuments'
import { deepMerge } from '../../../../src-main/core/detect/sigma/ruleCollections'
import type { ParsedDocument, SigmaDetectionRule } from '../../../../src-main/core/detect/sigma/ruleTypes'

// Sigma 1.0 collections: `action: global` merges into every following document until `action: reset`;
// `action: repeat` re-emits the previous rule with its own keys merged in. Expected values are merged by hand.

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

/** Numbered lines: */
const COLLECTION = lines(
  'action: global', // 1
  'title: Evil Tool Execution', // 2
  'status: test', // 3
  'logsource:', // 4
  '    product: windows', // 5
  'detection:', // 6
  '    condition: selection', // 7
  'tags:', // 8
  '    - attack.execution', // 9
  'level: high', // 10
  '---', // 11
  'logsource:', // 12
  '    category: process_creation', // 13
  'detection:', // 14
  '    selection:', // 15
  "        Image|endswith: '\\evil.exe'", // 16
  '---', // 17
  'logsource:', // 18
  '    service: security', // 19
  'detection:', // 20
  '    selection:', // 21
  '        EventID: 4688', // 22
  "        NewProcessName|endswith: '\\evil.exe'", // 23
  'tags:', // 24
  '    - attack.t1204', // 25
  'level: critical', // 26
  '---', // 27
  'action: repeat', // 28
  'title: Evil Tool Exit', // 29
  'detection:', // 30
  '    selection:', // 31
  '        EventID: 4689', // 32
  '---', // 33
  'action: reset', // 34
  '---', // 35
  'title: Standalone', // 36
  'logsource: {product: linux}', // 37
  'detection: {keywords: [evil], condition: keywords}' // 38
)

function detectionRules(documents: ParsedDocument[]): SigmaDetectionRule[] {
  return documents.map((document) => {
    if (!document.ok) throw new Error(`unexpected problem: ${document.problem.message}`)
    if (document.rule.kind !== 'detection') throw new Error(`unexpected ${document.rule.kind}`)
    return document.rule
  })
}

describe('parseRuleFile, Sigma 1 collections', () => {
  const rules = detectionRules(parseRuleFile('legacy/c.yml', COLLECTION).documents)

  it('yields one rule per rule document, none for the action documents, at their file positions', () => {
    expect(rules.map((rule) => [rule.origin.document, rule.origin.line, rule.title])).toEqual([
      [1, 12, 'Evil Tool Execution'],
      [2, 18, 'Evil Tool Execution'],
      [3, 28, 'Evil Tool Exit'],
      [5, 36, 'Standalone']
    ])
    expect(rules.map((rule) => rule.id)).toEqual([
      'legacy/c.yml#1',
      'legacy/c.yml#2',
      'legacy/c.yml#3',
      'legacy/c.yml#5'
    ])
  })

  it('deep-merges the global into each rule: maps merged, the rule’s lists and values win', () => {
    expect(rules[0]).toMatchObject({
      status: 'test',
      level: 'high',
      tags: ['attack.execution'],
      logsource: { product: 'windows', category: 'process_creation' },
      searches: { selection: { 'Image|endswith': '\\evil.exe' } },
      conditions: ['selection']
    })
    expect(rules[1]).toMatchObject({
      level: 'critical',
      tags: ['attack.t1204'],
      logsource: { product: 'windows', service: 'security' },
      searches: { selection: { EventID: 4688, 'NewProcessName|endswith': '\\evil.exe' } }
    })
  })

  it('repeats the previous merged rule with the repeat document’s keys merged in', () => {
    expect(rules[2]).toMatchObject({
      level: 'critical',
      tags: ['attack.t1204'],
      logsource: { product: 'windows', service: 'security' },
      searches: { selection: { EventID: 4689, 'NewProcessName|endswith': '\\evil.exe' } },
      conditions: ['selection']
    })
  })

  it('stops merging after reset: the next document is read as written, with its own text', () => {
    expect(rules[3]).toMatchObject({ logsource: { product: 'linux' }, status: undefined, tags: [] })
    expect(rules[3].yaml).toBe(COLLECTION.split('\n').slice(35, 38).join('\n') + '\n')
  })

  it('re-serialises a merged rule as YAML, without the action key', () => {
    expect(parse(rules[0].yaml)).toEqual({
      title: 'Evil Tool Execution',
      status: 'test',
      logsource: { product: 'windows', category: 'process_creation' },
      detection: { condition: 'selection', selection: { 'Image|endswith': '\\evil.exe' } },
      tags: ['attack.execution'],
      level: 'high'
    })
    expect(parse(rules[2].yaml)).not.toHaveProperty('action')
  })

  it('gives each merged rule its own copy of the global’s values', () => {
    const text = lines(
      'action: global',
      'logsource: {product: windows}',
      'detection: {filter: {User: admin}, condition: selection and not filter}',
      '---',
      'title: One',
      'detection: {selection: {EventID: 1}}',
      '---',
      'title: Two',
      'detection: {selection: {EventID: 2}}'
    )
    const [one, two] = detectionRules(parseRuleFile('g.yml', text).documents)
    ;(one.searches.filter as Record<string, unknown>).User = 'changed'
    expect(two.searches.filter).toEqual({ User: 'admin' })
  })

  it('accumulates several global documents', () => {
    const text = lines(
      'action: global',
      'logsource: {product: windows}',
      '---',
      'action: global',
      'logsource: {service: security}',
      'level: low',
      '---',
      'title: Both globals',
      'detection: {sel: {EventID: 1}, condition: sel}'
    )
    const [rule] = detectionRules(parseRuleFile('g.yml', text).documents)
    expect(rule).toMatchObject({ logsource: { product: 'windows', service: 'security' }, level: 'low' })
  })
})

describe('parseRuleFile, collection problems', () => {
  function problems(text: string): [number, number, string][] {
    return parseRuleFile('legacy/c.yml', text).documents.map((document) => {
      if (document.ok) return [document.rule.origin.document, document.rule.origin.line, 'ok']
      const { origin, message } = document.problem
      return [origin.document, origin.line, message]
    })
  }

  it('names the line in the global document when the bad key comes from it', () => {
    const text = COLLECTION.replace('level: high\n', 'level: severe\n')
    expect(problems(text).slice(0, 2)).toEqual([
      [1, 10, 'line 10: `level: severe` is not one of informational, low, medium, high, critical'],
      [2, 18, 'ok']
    ])
  })

  it('names the line in the rule document when the bad key comes from it', () => {
    const text = COLLECTION.replace(
      "        Image|endswith: '\\evil.exe'\n",
      "        Image|endswith: '\\evil.exe'\nstatus: beta\n"
    )
    expect(problems(text)[0]).toEqual([
      1,
      17,
      'line 17: `status: beta` is not one of stable, test, experimental, deprecated, unsupported'
    ])
  })

  it('rejects a repeat with no rule before it, and an unknown action', () => {
    expect(problems(lines('action: repeat', 'title: Nothing to repeat'))).toEqual([
      [0, 1, 'line 1: `action: repeat` has no readable rule before it in this file to repeat']
    ])
    expect(problems(lines('title: Include', 'action: include'))).toEqual([
      [
        0,
        2,
        'line 2: `action: include` is not one of global, reset, repeat ' +
          '(a top-level `action` is reserved for Sigma 1 rule collections)'
      ]
    ])
  })

  it('does not repeat across a document that could not be read', () => {
    const text = lines(
      'title: Good',
      'logsource: {}',
      'detection: {condition: x}',
      '---',
      'title: a: b',
      '---',
      'action: repeat'
    )
    const [good, broken, repeat] = problems(text)
    expect(good).toEqual([0, 1, 'ok'])
    expect(broken).toEqual([1, 5, expect.stringMatching(/^line 5: YAML syntax error: /)])
    expect(repeat).toEqual([
      2,
      7,
      'line 7: `action: repeat` has no readable rule before it in this file to repeat'
    ])
  })
})

describe('deepMerge', () => {
  it('merges nested maps and lets later lists and scalars replace earlier ones', () => {
    const base = { a: { x: 1, y: [1, 2] }, b: [1, 2, 3], c: { deep: true }, d: 'kept' }
    const overlay = { a: { y: [9], z: 3 }, b: [4], c: 'scalar now' }
    expect(deepMerge(base, overlay)).toEqual({
      a: { x: 1, y: [9], z: 3 },
      b: [4],
      c: 'scalar now',
      d: 'kept'
    })
    expect(base).toEqual({ a: { x: 1, y: [1, 2] }, b: [1, 2, 3], c: { deep: true }, d: 'kept' })
  })

  it('keeps a `__proto__` key as a key instead of changing the prototype', () => {
    const overlay = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
    const merged = deepMerge({}, overlay)
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.keys(merged)).toEqual(['__proto__'])
    expect((merged as { polluted?: boolean }).polluted).toBeUndefined()
  })
})
