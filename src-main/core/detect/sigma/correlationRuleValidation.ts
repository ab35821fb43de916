// The `correlation` section of a correlation document, checked against the correlation specification and
// its JSON schema, with the timespan turned into milliseconds and the condition into bounds and fields.
// (The schema's per-type condition checks are written as unknown keywords, so `field` is enforced here.)

import {
  describePath,
  fieldOf,
  shownField,
  type FieldPath,
  type RuleFieldReader,
  type RuleMap
} from './ruleFieldReader'
import {
  COMPARISON_OPERATORS,
  CORRELATION_TYPES,
  type ComparisonOperator,
  type CorrelationCondition,
  type CorrelationType,
  type SigmaCorrelationRule
} from './ruleTypes'

export type CorrelationSection = Pick<
  SigmaCorrelationRule,
  'type' | 'rules' | 'groupBy' | 'timespanMs' | 'timespan' | 'condition' | 'aliases' | 'generate'
>

const SECTION = ['correlation']
const CONDITION = ['correlation', 'condition']
/** The schema's limit on the timespan text. */
const TIMESPAN_MAX_LENGTH = 10
/**
 * The specification lists s, m, h and d; the schema asks for "number + letter (in lowercase)". Weeks are
 * accepted as well (a fixed 7 days); months and years are not, having no fixed length.
 */
const TIMESPAN = /^(\d+)([smhdw])$/
const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const COUNTED_FIELD_TYPES: readonly CorrelationType[] = [
  'value_count',
  'value_sum',
  'value_avg',
  'value_percentile'
]
const CONDITION_TYPES: readonly CorrelationType[] = ['event_count', ...COUNTED_FIELD_TYPES]

/** Milliseconds of a timespan such as `10m`, or undefined when it is not `<whole number><s|m|h|d|w>` above 0. */
export function parseTimespan(text: string): number | undefined {
  const match = TIMESPAN.exec(text)
  if (match === null) return undefined
  const ms = Number(match[1]) * UNIT_MS[match[2]]
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined
}

export function readCorrelationSection(
  doc: RuleMap,
  fields: RuleFieldReader
): CorrelationSection | undefined {
  const section = fields.map(fieldOf(doc, 'correlation'), SECTION)
  if (section === undefined) return undefined
  const at = (key: string): FieldPath => [...SECTION, key]
  const required = (key: string, why: string): unknown => fields.required(section, key, SECTION, why)
  const why = 'a correlation rule needs type, rules, group-by and timespan'
  const type = fields.choice(required('type', why), at('type'), CORRELATION_TYPES)
  const referenced = required('rules', 'name the rules it correlates, by id or name')
  const rules = fields.textList(referenced, at('rules'), { minLength: 2 }, { unique: true, nonEmpty: true })
  const groupBy = fields.textList(required('group-by', why), at('group-by'), {}, { unique: true })
  const timespan = readTimespan(required('timespan', why), fields)
  const needsCondition = type !== undefined && CONDITION_TYPES.includes(type)
  const condition = readCondition(
    needsCondition ? required('condition', `${type} correlations need one`) : fieldOf(section, 'condition'),
    type,
    fields
  )
  const aliases = readAliases(fieldOf(section, 'aliases'), fields)
  const generate = fields.flag(fieldOf(section, 'generate'), at('generate')) ?? false
  if (type === undefined || rules === undefined || groupBy === undefined || timespan === undefined) {
    return undefined
  }
  return {
    type,
    rules,
    groupBy,
    timespan: timespan.text,
    timespanMs: timespan.ms,
    condition,
    aliases,
    generate
  }
}

function readTimespan(value: unknown, fields: RuleFieldReader): { text: string; ms: number } | undefined {
  const path = [...SECTION, 'timespan']
  const text = fields.text(value, path, { maxLength: TIMESPAN_MAX_LENGTH })
  if (text === undefined) return undefined
  const ms = parseTimespan(text)
  if (ms !== undefined) return { text, ms }
  fields.fail(
    path,
    `${shownField(path, text)} is not a time span: write a whole number above 0 and a unit, ` +
      's, m, h, d or w (e.g. 30s, 10m, 1h, 7d)'
  )
  return undefined
}

function readCondition(
  value: unknown,
  type: CorrelationType | undefined,
  fields: RuleFieldReader
): CorrelationCondition | undefined {
  const condition = fields.map(value, CONDITION)
  if (condition === undefined) return undefined
  const bounds: Partial<Record<ComparisonOperator, number>> = {}
  let counted: string[] | undefined
  for (const [key, entry] of Object.entries(condition)) {
    const path = [...CONDITION, key]
    if (key === 'field') {
      counted = readConditionFields(entry, path, fields)
    } else if (isOperator(key)) {
      if (typeof entry === 'number' && Number.isFinite(entry)) bounds[key] = entry
      else fields.fail(path, `${shownField(path, entry)} must be a number to compare against`)
    } else {
      fields.fail(
        path,
        `\`${describePath(path)}\` is not one of ${[...COMPARISON_OPERATORS, 'field'].join(', ')}`
      )
    }
  }
  if (!Object.keys(condition).some(isOperator)) {
    fields.fail(
      CONDITION,
      `\`${describePath(CONDITION)}\` has no comparison; give one of ${COMPARISON_OPERATORS.join(', ')} (e.g. gte: 10)`
    )
  }
  if (type !== undefined && COUNTED_FIELD_TYPES.includes(type) && fieldOf(condition, 'field') === undefined) {
    fields.fail(
      [...CONDITION, 'field'],
      `\`${describePath([...CONDITION, 'field'])}\` is missing; ${type} correlations need the field they aggregate`
    )
  }
  return { bounds, fields: counted ?? [] }
}

function isOperator(key: string): key is ComparisonOperator {
  return (COMPARISON_OPERATORS as readonly string[]).includes(key)
}

/** `field`: one field name or a list of them (several count distinct combinations). */
function readConditionFields(value: unknown, path: FieldPath, fields: RuleFieldReader): string[] | undefined {
  const shape = { minLength: 1, maxLength: 256 }
  if (typeof value === 'string') {
    const name = fields.text(value, path, shape)
    return name === undefined ? undefined : [name]
  }
  if (Array.isArray(value)) return fields.textList(value, path, shape, { nonEmpty: true })
  fields.wrongKind(path, value, 'a field name or a list of field names')
  return undefined
}

/** `aliases`: alias → (rule name → that rule's field), used in group-by across differently named fields. */
function readAliases(value: unknown, fields: RuleFieldReader): Record<string, Record<string, string>> {
  const path = [...SECTION, 'aliases']
  const aliases = fields.map(value, path)
  if (aliases === undefined) return {}
  return Object.fromEntries(
    Object.entries(aliases).map(([alias, mapping]) => {
      const aliasPath = [...path, alias]
      const byRule = fields.map(mapping, aliasPath) ?? {}
      const entries = Object.entries(byRule).map(([rule, name]) => [
        rule,
        fields.text(name, [...aliasPath, rule]) ?? ''
      ])
      return [alias, Object.fromEntries(entries)]
    })
  )
}
