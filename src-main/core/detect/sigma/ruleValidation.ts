// Turns one readable YAML document into a checked Sigma rule: its kind comes from the section it has
// (`detection`, `correlation` or `filter`), it is checked against the specification and the JSON schemas, and
// normalised into the shapes of ruleTypes.ts, or rejected with every problem and its line.

import { readCorrelationSection } from './correlationRuleValidation'
import { readRuleMeta } from './ruleMetaValidation'
import {
  RuleFieldReader,
  describePath,
  fieldOf,
  isRuleMap,
  kindOf,
  ruleProblem,
  type FieldPath,
  type RuleMap
} from './ruleFieldReader'
import type { RuleSource } from './ruleYamlDocuments'
import type {
  ParsedDocument,
  RuleOrigin,
  SearchIdentifier,
  SigmaLogsource,
  SigmaRule,
  SigmaRuleMeta
} from './ruleTypes'

const KIND_SECTIONS = ['detection', 'correlation', 'filter'] as const
const LOGSOURCE_KEYS = ['category', 'product', 'service'] as const

export function readRule(source: RuleSource, path: string): ParsedDocument {
  const origin: RuleOrigin = { path, document: source.index, line: source.line }
  const fields = new RuleFieldReader(source.locate)
  if (!isRuleMap(source.value)) {
    const kind = kindOf(source.value)
    fields.fail([], `the document is ${kind}, not a map of rule fields (title, logsource, detection, …)`)
    return { ok: false, problem: ruleProblem(fields.problems, origin) }
  }
  const rule = readRuleDocument(source.value, source, origin, fields)
  if (rule === undefined || fields.problems.length > 0) {
    return { ok: false, problem: ruleProblem(fields.problems, origin) }
  }
  return { ok: true, rule }
}

function readRuleDocument(
  doc: RuleMap,
  source: RuleSource,
  origin: RuleOrigin,
  fields: RuleFieldReader
): SigmaRule | undefined {
  const sections = KIND_SECTIONS.filter((key) => fieldOf(doc, key) !== undefined)
  const meta = readRuleMeta(doc, fields, source, origin, sections[0] === 'correlation')
  if (sections.length === 0) {
    fields.fail(
      [],
      'the document has no `detection`, `correlation` or `filter` section, so it is not a Sigma rule'
    )
    return undefined
  }
  if (sections.length > 1) {
    fields.fail(
      [sections[1]],
      `the document has both \`${sections[0]}\` and \`${sections[1]}\`; ` +
        'each rule, correlation or filter needs a YAML document of its own (separate them with ---)'
    )
    return undefined
  }
  if (sections[0] === 'correlation') {
    const correlation = readCorrelationSection(doc, fields)
    return correlation === undefined ? undefined : { kind: 'correlation', ...meta, ...correlation }
  }
  return sections[0] === 'filter' ? readFilterRule(doc, meta, fields) : readDetectionRule(doc, meta, fields)
}

function readDetectionRule(
  doc: RuleMap,
  meta: SigmaRuleMeta,
  fields: RuleFieldReader
): SigmaRule | undefined {
  const logsource = readLogsource(doc, fields)
  const detection = fields.map(fieldOf(doc, 'detection'), ['detection'])
  if (detection === undefined) return undefined
  const why = 'say how the searches combine (e.g. `condition: selection and not filter`)'
  const conditions = readConditions(
    fields.required(detection, 'condition', ['detection'], why),
    ['detection'],
    fields
  )
  // A Sigma 1 aggregation leftover; correlation rules replaced it, so it is checked and then set aside.
  fields.text(fieldOf(detection, 'timeframe'), ['detection', 'timeframe'])
  const searches = readSearches(detection, ['detection'], ['condition', 'timeframe'], fields)
  if (logsource === undefined || conditions === undefined) return undefined
  return { kind: 'detection', ...meta, logsource, searches, conditions }
}

function readFilterRule(doc: RuleMap, meta: SigmaRuleMeta, fields: RuleFieldReader): SigmaRule | undefined {
  const logsource = readLogsource(doc, fields)
  const section = ['filter']
  const filter = fields.map(fieldOf(doc, 'filter'), section)
  if (filter === undefined) return undefined
  const rules = fields.textList(
    fields.required(filter, 'rules', section, 'name the rules the filter applies to, by id or name'),
    ['filter', 'rules'],
    {},
    { unique: true, nonEmpty: true }
  )
  fields.required(filter, 'selection', section, 'a filter needs a `selection` of the events it suppresses')
  const why = 'say how the searches combine (e.g. `condition: selection`)'
  const conditions = readConditions(fields.required(filter, 'condition', section, why), section, fields)
  const searches = readSearches(filter, section, ['rules', 'condition'], fields)
  if (logsource === undefined || rules === undefined || conditions === undefined) return undefined
  return { kind: 'filter', ...meta, logsource, rules, searches, conditions }
}

function readLogsource(doc: RuleMap, fields: RuleFieldReader): SigmaLogsource | undefined {
  const why = 'say which logs the rule reads (category, product and/or service)'
  const map = fields.map(fields.required(doc, 'logsource', [], why), ['logsource'])
  if (map === undefined) return undefined
  const logsource: SigmaLogsource = {}
  for (const key of LOGSOURCE_KEYS) {
    const text = fields.text(fieldOf(map, key), ['logsource', key])
    if (text !== undefined) logsource[key] = text
  }
  fields.text(fieldOf(map, 'definition'), ['logsource', 'definition'])
  return logsource
}

/** `condition`: one expression, or a list of them of which any may match. */
function readConditions(value: unknown, section: FieldPath, fields: RuleFieldReader): string[] | undefined {
  const path = [...section, 'condition']
  if (typeof value === 'string') {
    if (value.trim() !== '') return [value]
    fields.fail(path, `\`${describePath(path)}\` is empty; name the searches to combine`)
  } else if (Array.isArray(value)) {
    const conditions = fields.textList(value, path, { minLength: 1 }, { nonEmpty: true })
    const blank = conditions?.findIndex((condition) => condition.trim() === '') ?? -1
    if (blank === -1) return conditions
    fields.fail(
      [...path, blank],
      `\`${describePath([...path, blank])}\` is empty; name the searches to combine`
    )
  } else if (value !== undefined) {
    fields.wrongKind(path, value, 'a condition or a list of conditions')
  }
  return undefined
}

/**
 * Search identifiers: every other key of the section, each a map of field: value, or a list of keywords
 * (text or whole numbers) and maps.
 */
function readSearches(
  section: RuleMap,
  path: FieldPath,
  reserved: readonly string[],
  fields: RuleFieldReader
): Record<string, SearchIdentifier> {
  const searches = Object.entries(section).filter(([name]) => !reserved.includes(name))
  for (const [name, search] of searches) {
    const searchPath = [...path, name]
    if (Array.isArray(search)) {
      search.forEach((item, i) => {
        if (typeof item === 'string' || Number.isInteger(item) || isRuleMap(item)) return
        fields.wrongKind([...searchPath, i], item, 'text, a whole number or a map of field: value')
      })
    } else if (!isRuleMap(search)) {
      fields.wrongKind(searchPath, search, 'a map of field: value or a list of keywords')
    }
  }
  return Object.fromEntries(searches)
}
