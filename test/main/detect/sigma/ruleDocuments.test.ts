import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { parseRuleFile } from '../../../../src-main/core/detect/sigma/ruleDocuments'
import { parseTimespan } from '../../../../src-main/core/detect/sigma/correlationRuleValidation'
import type {
  ParsedDocument,
  RuleProblem,
  SigmaCorrelationRule,
  SigmaDetectionRule,
  SigmaFilterRule,
  SigmaRule
} from '../../../../src-main/core/detect/sigma/ruleTypes'

// Expected values below are written from the Sigma specification; line numbers are counted by hand in the
// numbered comments next to each fixture.

function rulesOf(text: string, path = 'rules/test.yml'): SigmaRule[] {
  return parseRuleFile(path, text).documents.map((document) => {
    if (!document.ok) throw new Error(`unexpected problem: ${document.problem.message}`)
    return document.rule
  })
}

function onlyProblem(text: string): RuleProblem {
  const documents = parseRuleFile('rules/test.yml', text).documents
  expect(documents).toHaveLength(1)
  const [document] = documents
  if (document.ok) throw new Error('expected the document to be invalid')
  return document.problem
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`

/** The rules specification's whoami example, with every optional field. Numbered lines: */
const WHOAMI = [
  'title: Whoami Execution', // 1
  'id: 929a690e-bef0-4204-a928-ef5e620d6fcc', // 2
  'status: test', // 3
  'description: Detects a whoami.exe execution', // 4
  'references:', // 5
  '    - https://example.org/whoami', // 6
  'author: Florian Roth', // 7
  'date: 2019-10-23', // 8
  'tags:', // 9
  '    - attack.discovery', // 10
  '    - attack.t1033', // 11
  'logsource:', // 12
  '    category: process_creation', // 13
  '    product: windows', // 14
  'detection:', // 15
  '    selection:', // 16
  "        Image|endswith: '\\whoami.exe'", // 17
  '    condition: selection', // 18
  'falsepositives:', // 19
  '    - Admin activity', // 20
  'level: high' // 21
]

/** WHOAMI with 1-based line `line` replaced by `replacement` (several lines, or none to delete it). */
function whoamiWith(line: number, ...replacement: string[]): string {
  const rows = [...WHOAMI]
  rows.splice(line - 1, 1, ...replacement)
  return lines(...rows)
}

/** The correlation specification's event_count example. Numbered lines: */
const FAILED_LOGINS = [
  'title: Many failed logins', // 1
  'id: 0e95725d-7320-415d-80f7-004da920fc11', // 2
  'correlation:', // 3
  '    type: event_count', // 4
  '    rules:', // 5
  '        - 5638f7c0-ac70-491d-8465-2a65075e0d86', // 6
  '    group-by:', // 7
  '        - ComputerName', // 8
  '    timespan: 1h', // 9
  '    condition:', // 10
  '        gte: 100' // 11
]

function failedLoginsWith(line: number, ...replacement: string[]): string {
  const rows = [...FAILED_LOGINS]
  rows.splice(line - 1, 1, ...replacement)
  return lines(...rows)
}

/** The filters specification's example. Numbered lines: */
const ADMIN_FILTER = [
  'title: Filter Administrator account', // 1
  'description: The valid administrator account start with adm_', // 2
  'logsource:', // 3
  '    category: process_creation', // 4
  '    product: windows', // 5
  'filter:', // 6
  '    rules:', // 7
  '        - 6f3e2987-db24-4c78-a860-b4f4095a7095 # Data Compressed - rar.exe', // 8
  '        - df0841c0-9846-4e9f-ad8a-7df91571771b # Login on jump host', // 9
  '    selection:', // 10
  "        User|startswith: 'adm_'", // 11
  '    condition: selection' // 12
]

describe('parseRuleFile, detection rules', () => {
  it('normalises a detection rule: searches without condition, conditions as a list, defaults, own YAML', () => {
    const [rule] = rulesOf(lines(...WHOAMI)) as SigmaDetectionRule[]
    expect(rule).toEqual({
      kind: 'detection',
      id: '929a690e-bef0-4204-a928-ef5e620d6fcc',
      name: undefined,
      title: 'Whoami Execution',
      description: 'Detects a whoami.exe execution',
      status: 'test',
      level: 'high',
      author: 'Florian Roth',
      tags: ['attack.discovery', 'attack.t1033'],
      references: ['https://example.org/whoami'],
      falsepositives: ['Admin activity'],
      yaml: lines(...WHOAMI),
      origin: { path: 'rules/test.yml', document: 0, line: 1 },
      logsource: { category: 'process_creation', product: 'windows' },
      searches: { selection: { 'Image|endswith': '\\whoami.exe' } },
      conditions: ['selection']
    })
  })

  it('reads an unquoted date as text, so it passes the YYYY-MM-DD check', () => {
    // YAML 1.1 would make 2019-10-23 a timestamp; a Date here would fail "must be text".
    expect(parseRuleFile('a.yml', lines(...WHOAMI)).documents[0].ok).toBe(true)
    expect(parseRuleFile('a.yml', `%YAML 1.1\n---\n${lines(...WHOAMI)}`).documents[0].ok).toBe(true)
  })

  it('keeps a list of conditions, sets aside a Sigma 1 timeframe and allows custom top-level keys', () => {
    const text = lines(
      'title: Keywords',
      'logsource: {product: linux}',
      'detection:',
      '    keywords:',
      '        - evil',
      '        - 4625',
      '    numbers:',
      '        EventID: [529, 4625]',
      '    timeframe: 5m',
      '    condition:',
      '        - keywords',
      '        - numbers',
      'regression_tests_path: regression_data/rules/x/info.yml'
    )
    const [rule] = rulesOf(text, 'custom/keywords.yml') as SigmaDetectionRule[]
    expect(rule.conditions).toEqual(['keywords', 'numbers'])
    expect(rule.searches).toEqual({ keywords: ['evil', 4625], numbers: { EventID: [529, 4625] } })
    expect(rule.logsource).toEqual({ product: 'linux' })
  })

  it('gives a rule without id `<path>#<document>` and empty lists for absent tags, references, falsepositives', () => {
    const rule = lines('title: No id', 'logsource: {}', 'detection: {sel: {a: 1}, condition: sel}')
    const rules = rulesOf(`${rule}---\n${rule}`, 'mine/noid.yml')
    expect(rules.map((r) => r.id)).toEqual(['mine/noid.yml#0', 'mine/noid.yml#1'])
    expect(rules.map((r) => r.origin.line)).toEqual([1, 5])
    expect([rules[0].tags, rules[0].references, rules[0].falsepositives]).toEqual([[], [], []])
  })
})

describe('parseRuleFile, correlation files', () => {
  // The correlation specification's worked example "Failed Logins Followed by Successful Login".
  // Documents start on lines 1, 21, 35 and 48 (counted by hand; `---` on lines 20, 34, 47).
  const EXAMPLE = `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: b180ead8-d58f-40b2-ae54-c8940995b9b6
status: experimental
description: Detects multiple failed logins by a single user followed by a successful login of that user
references:
    - https://reference.com
author: Florian Roth (Nextron Systems)
date: 2023-06-16
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
falsepositives:
    - Unlikely
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
description: Detects multiple failed logins within a certain amount of time
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
description: Detects a successful login
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`

  it('reads every document in file order with its kind, index and first line', () => {
    const rules = rulesOf(EXAMPLE, 'mr_failed_then_success.yml')
    expect(rules.map((rule) => [rule.kind, rule.origin.document, rule.origin.line])).toEqual([
      ['correlation', 0, 1],
      ['correlation', 1, 21],
      ['detection', 2, 35],
      ['detection', 3, 48]
    ])
    expect(rules.map((rule) => rule.name)).toEqual([
      undefined,
      'multiple_failed_login',
      'failed_login',
      'successful_login'
    ])
  })

  it('normalises the correlations: group-by, timespan in ms, condition bounds, defaults', () => {
    const [outer, inner] = rulesOf(EXAMPLE) as SigmaCorrelationRule[]
    expect(outer).toMatchObject({
      type: 'temporal_ordered',
      rules: ['multiple_failed_login', 'successful_login'],
      groupBy: ['User'],
      timespan: '10m',
      timespanMs: 600_000,
      condition: undefined,
      aliases: {},
      generate: false,
      level: 'high',
      status: 'experimental',
      falsepositives: ['Unlikely']
    })
    expect(inner).toMatchObject({
      type: 'event_count',
      rules: ['failed_login'],
      groupBy: ['User'],
      timespanMs: 600_000,
      condition: { bounds: { gte: 10 }, fields: [] },
      level: undefined
    })
  })

  it('keeps each document’s own YAML text, from its first line', () => {
    const rules = rulesOf(EXAMPLE)
    const exampleLines = EXAMPLE.split('\n')
    expect(rules[2].yaml).toBe(`${exampleLines.slice(34, 46).join('\n')}\n`)
    expect(rules[2].yaml.startsWith('title: Single failed login\n')).toBe(true)
    expect(rules[3].yaml.endsWith('    condition: selection\n')).toBe(true)
  })

  it('keeps level and status on an inner correlation instead of rejecting it', () => {
    const text = EXAMPLE.replace('name: multiple_failed_login\n', 'name: multiple_failed_login\nlevel: low\n')
    const inner = rulesOf(text)[1]
    expect(inner.level).toBe('low')
  })

  it('reads the field-name aliases example', () => {
    const text = lines(
      'title: Internal error then connection',
      'correlation:',
      '    type: temporal',
      '    rules:',
      '        - internal_error',
      '        - new_network_connection',
      '    group-by:',
      '        - internal_ip',
      '        - remote_ip',
      '    timespan: 10s',
      '    aliases:',
      '        internal_ip:',
      '            internal_error: destination.ip',
      '            new_network_connection: source.ip',
      '        remote_ip:',
      '            internal_error: source.ip',
      '            new_network_connection: destination.ip',
      '    generate: true'
    )
    const [rule] = rulesOf(text) as SigmaCorrelationRule[]
    expect(rule.aliases).toEqual({
      internal_ip: { internal_error: 'destination.ip', new_network_connection: 'source.ip' },
      remote_ip: { internal_error: 'source.ip', new_network_connection: 'destination.ip' }
    })
    expect([rule.timespanMs, rule.generate]).toEqual([10_000, true])
  })

  it('reads condition bounds: a range, neq, fractional thresholds, one field or several', () => {
    const condition = (type: string, ...rows: string[]): SigmaCorrelationRule['condition'] =>
      (
        rulesOf(
          failedLoginsWith(4, `    type: ${type}`).replace('        gte: 100\n', lines(...rows))
        )[0] as SigmaCorrelationRule
      ).condition
    expect(condition('event_count', '        gt: 100', '        lte: 200')).toEqual({
      bounds: { gt: 100, lte: 200 },
      fields: []
    })
    expect(condition('event_count', '        neq: 3')).toEqual({ bounds: { neq: 3 }, fields: [] })
    expect(condition('value_avg', '        field: BytesOut', '        gt: 0.5')).toEqual({
      bounds: { gt: 0.5 },
      fields: ['BytesOut']
    })
    expect(condition('value_count', '        field: [User, Host]', '        gte: 100')).toEqual({
      bounds: { gte: 100 },
      fields: ['User', 'Host']
    })
  })
})

describe('parseTimespan', () => {
  it('turns <whole number><s|m|h|d|w> into milliseconds', () => {
    expect(parseTimespan('30s')).toBe(30 * 1000)
    expect(parseTimespan('10m')).toBe(10 * 60 * 1000)
    expect(parseTimespan('90m')).toBe(90 * 60 * 1000) // the specification's "1h30"
    expect(parseTimespan('1h')).toBe(60 * 60 * 1000)
    expect(parseTimespan('24h')).toBe(24 * 60 * 60 * 1000)
    expect(parseTimespan('7d')).toBe(7 * 24 * 60 * 60 * 1000)
    expect(parseTimespan('2w')).toBe(14 * 24 * 60 * 60 * 1000)
  })

  it('rejects anything else', () => {
    for (const text of ['10', 'm', '1.5h', '10M', '1y', '0m', '-5m', ' 5m', '5 m', '5mm', '1H']) {
      expect(parseTimespan(text), text).toBeUndefined()
    }
  })
})

describe('parseRuleFile, filters', () => {
  it('reads the filters specification example', () => {
    const [rule] = rulesOf(lines(...ADMIN_FILTER), 'filters/mf_admin.yml') as SigmaFilterRule[]
    expect(rule).toMatchObject({
      kind: 'filter',
      id: 'filters/mf_admin.yml#0',
      title: 'Filter Administrator account',
      logsource: { category: 'process_creation', product: 'windows' },
      rules: ['6f3e2987-db24-4c78-a860-b4f4095a7095', 'df0841c0-9846-4e9f-ad8a-7df91571771b'],
      searches: { selection: { 'User|startswith': 'adm_' } },
      conditions: ['selection']
    })
  })

  it('requires filter.rules and filter.selection, naming the filter line', () => {
    const noRules = [...ADMIN_FILTER]
    noRules.splice(6, 3)
    expect(onlyProblem(lines(...noRules)).message).toBe(
      'line 6: `filter.rules` is missing; name the rules the filter applies to, by id or name'
    )
    const noSelection = [...ADMIN_FILTER]
    noSelection.splice(9, 2)
    expect(onlyProblem(lines(...noSelection))).toMatchObject({
      message:
        'line 6: `filter.selection` is missing; a filter needs a `selection` of the events it suppresses',
      origin: { line: 6 }
    })
    const emptyRules = [...ADMIN_FILTER]
    emptyRules.splice(6, 3, '    rules: []')
    expect(onlyProblem(lines(...emptyRules)).message).toBe(
      'line 7: `filter.rules` is an empty list; give at least one entry'
    )
  })
})

describe('parseRuleFile, validation problems name the line of the offending key', () => {
  const cases: [string, string, number, string][] = [
    [
      'level enum',
      whoamiWith(21, 'level: severe'),
      21,
      '`level: severe` is not one of informational, low, medium, high, critical'
    ],
    [
      'status enum',
      whoamiWith(3, 'status: beta'),
      3,
      '`status: beta` is not one of stable, test, experimental, deprecated, unsupported'
    ],
    ['missing title', whoamiWith(1), 1, '`title` is missing; every rule needs a title'],
    [
      'title too long',
      whoamiWith(1, `title: ${'x'.repeat(257)}`),
      1,
      '`title` is 257 characters long; at most 256 are allowed'
    ],
    [
      'id not text',
      whoamiWith(2, 'id: 42'),
      2,
      '`id: 42` must be text, not a number; quote it to make it text'
    ],
    [
      'tag pattern',
      whoamiWith(11, '    - Attack.T1033'),
      11,
      '`tags[1]: Attack.T1033` is not a tag of the form namespace.name in lower-case letters, digits, `_`, `-` ' +
        'and `.` (attack.t1059.001)'
    ],
    ['duplicate tag', whoamiWith(11, '    - attack.discovery'), 11, '`tags` lists `attack.discovery` twice'],
    [
      'date form',
      whoamiWith(8, 'date: 2019/10/23'),
      8,
      '`date: 2019/10/23` is not a date in YYYY-MM-DD form'
    ],
    [
      'impossible month',
      whoamiWith(8, 'date: 2019-13-01'),
      8,
      '`date: 2019-13-01` is not a date in YYYY-MM-DD form'
    ],
    [
      'references not a list',
      whoamiWith(5, 'references: https://example.org/whoami').replace(
        '    - https://example.org/whoami\n',
        ''
      ),
      5,
      '`references: https://example.org/whoami` must be a list of text, not text'
    ],
    [
      'list item not text',
      whoamiWith(20, '    - 1'),
      20,
      '`falsepositives[0]: 1` must be text, not a number; quote it to make it text'
    ],
    [
      'missing logsource',
      whoamiWith(12).replace('    category: process_creation\n    product: windows\n', ''),
      1,
      '`logsource` is missing; say which logs the rule reads (category, product and/or service)'
    ],
    [
      'missing condition',
      whoamiWith(18),
      15,
      '`detection.condition` is missing; say how the searches combine (e.g. `condition: selection and not filter`)'
    ],
    [
      'empty condition',
      whoamiWith(18, "    condition: ''"),
      18,
      '`detection.condition` is empty; name the searches to combine'
    ],
    [
      'search identifier not a map or list',
      whoamiWith(16, '    selection: whoami').replace("        Image|endswith: '\\whoami.exe'\n", ''),
      16,
      '`detection.selection: whoami` must be a map of field: value or a list of keywords, not text'
    ],
    [
      'keyword not text, number or map',
      whoamiWith(17, '        - whoami', '        - null'),
      18,
      '`detection.selection[1]: null` must be text, a whole number or a map of field: value, not empty (null)'
    ],
    [
      'related type',
      whoamiWith(
        3,
        'related:',
        '    - id: 08fbc97d-0a2f-491c-ae21-8ffcfd3174e9',
        '      type: obsoletes',
        'status: test'
      ),
      5,
      '`related[0].type: obsoletes` is not one of derived, obsolete, merged, renamed, similar'
    ],
    [
      'related without id',
      whoamiWith(3, 'related:', '    - type: derived', 'status: test'),
      4,
      '`related[0].id` is missing; name the related rule by its id'
    ],
    [
      'correlation type',
      failedLoginsWith(4, '    type: event_sum'),
      4,
      '`correlation.type: event_sum` is not one of event_count, value_count, temporal, temporal_ordered, ' +
        'value_sum, value_avg, value_percentile'
    ],
    [
      'timespan syntax',
      failedLoginsWith(9, '    timespan: 1 hour'),
      9,
      '`correlation.timespan: 1 hour` is not a time span: write a whole number above 0 and a unit, s, m, h, d or w ' +
        '(e.g. 30s, 10m, 1h, 7d)'
    ],
    [
      'timespan longer than the schema allows',
      failedLoginsWith(9, '    timespan: 12345678901s'),
      9,
      '`correlation.timespan` is 12 characters long; at most 10 are allowed'
    ],
    [
      'missing group-by',
      failedLoginsWith(7).replace('        - ComputerName\n', ''),
      3,
      '`correlation.group-by` is missing; a correlation rule needs type, rules, group-by and timespan'
    ],
    [
      'missing condition for event_count',
      failedLoginsWith(10).replace('        gte: 100\n', ''),
      3,
      '`correlation.condition` is missing; event_count correlations need one'
    ],
    [
      'condition bound not a number',
      failedLoginsWith(11, '        gte: many'),
      11,
      '`correlation.condition.gte: many` must be a number to compare against'
    ],
    [
      'value_count without field',
      failedLoginsWith(4, '    type: value_count'),
      10,
      '`correlation.condition.field` is missing; value_count correlations need the field they aggregate'
    ],
    [
      'generate not true/false',
      `${lines(...FAILED_LOGINS)}    generate: yes\n`,
      12,
      '`correlation.generate: yes` must be true or false'
    ],
    [
      'rules empty',
      failedLoginsWith(5, '    rules: []').replace('        - 5638f7c0-ac70-491d-8465-2a65075e0d86\n', ''),
      5,
      '`correlation.rules` is an empty list; give at least one entry'
    ]
  ]

  it.each(cases)('%s', (_name, text, line, message) => {
    const problem = onlyProblem(text)
    expect(problem.message).toBe(`line ${line}: ${message}`)
    expect(problem.origin).toEqual({ path: 'rules/test.yml', document: 0, line })
  })

  it('reports an unknown condition key and the missing comparison together, in line order', () => {
    const problem = onlyProblem(failedLoginsWith(11, '        above: 100'))
    expect(problem.message).toBe(
      'line 10: `correlation.condition` has no comparison; give one of gt, gte, lt, lte, eq, neq (e.g. gte: 10); ' +
        'line 11: `correlation.condition.above` is not one of gt, gte, lt, lte, eq, neq, field'
    )
    expect(problem.origin.line).toBe(10)
  })

  it('reports every problem of a document at once, the first one’s line as the origin', () => {
    const text = whoamiWith(21, 'level: severe').replace('date: 2019-10-23', 'date: 23.10.2019')
    const problem = onlyProblem(text)
    expect(problem.message).toBe(
      'line 8: `date: 23.10.2019` is not a date in YYYY-MM-DD form; ' +
        'line 21: `level: severe` is not one of informational, low, medium, high, critical'
    )
    expect(problem.origin.line).toBe(8)
  })

  it('counts the problems it does not spell out', () => {
    const text = lines(
      'title: 1',
      'id: 2',
      'name: 3',
      'author: 4',
      'license: 5',
      'description: 6',
      'taxonomy: 7'
    )
    expect(onlyProblem(`${text}logsource: {}\ndetection: {condition: x}\n`).message).toMatch(
      /^line 1: `title: 1` must be text.*; line 5: `license: 5` must be text, not a number; quote it to make it text; and 2 more problems$/
    )
  })

  it('rejects documents that are no rule: a list, no rule section, two rule sections', () => {
    expect(onlyProblem('- a\n- b\n').message).toBe(
      'line 1: the document is a list, not a map of rule fields (title, logsource, detection, …)'
    )
    expect(onlyProblem('title: Notes\nowner: me\n').message).toBe(
      'line 1: the document has no `detection`, `correlation` or `filter` section, so it is not a Sigma rule'
    )
    expect(onlyProblem(`${lines(...WHOAMI)}filter:\n    rules: [x1]\n`).message).toBe(
      'line 22: the document has both `detection` and `filter`; each rule, correlation or filter needs a YAML ' +
        'document of its own (separate them with ---)'
    )
  })
})

describe('parseRuleFile, files that are not (valid) YAML', () => {
  it('reports a YAML syntax error with the library’s line, and keeps the file’s other documents', () => {
    // Line 3 is a compact nested mapping (`a: b: c`), which YAML forbids.
    const text = lines('title: Broken', 'logsource: {}', 'level: high: critical', '---', ...WHOAMI)
    const [broken, whoami] = parseRuleFile('rules/test.yml', text).documents
    if (broken.ok) throw new Error('expected a syntax error')
    expect(broken.problem.message).toMatch(/^line 3: YAML syntax error: /)
    expect(broken.problem.origin).toEqual({ path: 'rules/test.yml', document: 0, line: 3 })
    expect(whoami.ok && whoami.rule.origin).toEqual({ path: 'rules/test.yml', document: 1, line: 5 })
  })

  it('reports a duplicate key at its second occurrence', () => {
    const problem = onlyProblem(lines('title: Twice', 'level: high', 'logsource: {}', 'level: low'))
    expect(problem.message).toBe(
      'line 4: the key `level` appears twice in the same map; YAML map keys must be unique (remove one)'
    )
    expect(problem.origin.line).toBe(4)
  })

  it('reports a binary file as one invalid document at the first control character', () => {
    // A PNG signature: 0x89 'PNG' CR LF 0x1A LF, then a NUL; decoded as UTF-8, 0x89 becomes U+FFFD.
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x2d, 0x2d, 0x2d
    ]).toString()
    const problem = onlyProblem(png)
    expect(problem.message).toBe(
      'line 2: the file holds the control character U+001A, which YAML text cannot contain; ' +
        'it is not a Sigma rule file (binary data?)'
    )
    expect(problem.origin).toEqual({ path: 'rules/test.yml', document: 0, line: 2 })
  })

  it('reports prose as one document that is not a map', () => {
    expect(onlyProblem('These are my notes about the incident, not a rule.\n').message).toBe(
      'line 1: the document is text, not a map of rule fields (title, logsource, detection, …)'
    )
  })

  it('drops empty documents but keeps the file positions of the others', () => {
    expect(parseRuleFile('a.yml', '').documents).toEqual([])
    expect(parseRuleFile('a.yml', '# only a comment\n').documents).toEqual([])
    const rule = lines('title: R', 'logsource: {}', 'detection: {condition: x}')
    expect(rulesOf(`${rule}---\n`).map((r) => r.origin.document)).toEqual([0])
    expect(rulesOf(`${rule}---\n---\n${rule}`).map((r) => [r.origin.document, r.origin.line])).toEqual([
      [0, 1],
      [2, 6]
    ])
  })

  it('never throws, whatever the text', () => {
    const yamlish = fc
      .array(
        fc.constantFrom(
          'title: x',
          '---',
          '...',
          'action: global',
          'action: repeat',
          'action: reset',
          'detection:',
          '  condition: a',
          '  a: {b: 1}',
          'logsource: {}',
          'correlation:',
          '  type: value_count',
          '  timespan: 5m',
          '  condition: {gt: 1}',
          'filter: {rules: [ab], selection: {}, condition: x}',
          '- x',
          '  [',
          ': :',
          'a: &x [1]',
          'b: *x',
          '__proto__: {polluted: 1}',
          '%YAML 1.1',
          '\t',
          '"',
          '? [a]'
        ),
        { maxLength: 12 }
      )
      .map((rows) => rows.join('\n'))
    const check = (text: string): void => {
      const documents: ParsedDocument[] = parseRuleFile('fuzz.yml', text).documents
      for (const document of documents) {
        const origin = document.ok ? document.rule.origin : document.problem.origin
        expect(origin.line).toBeGreaterThanOrEqual(1)
        if (!document.ok) expect(document.problem.message).toMatch(/^line \d+: /)
      }
    }
    fc.assert(fc.property(yamlish, check), { numRuns: 500 })
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 300 })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})
