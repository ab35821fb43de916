// The shapes a Sigma rule file turns into once it has been read and checked: detection rules, correlation
// rules and global filters, each with where it came from. Everything downstream (compiler, correlation,
// support report, UI) works on these, never on raw YAML.

export type SigmaLevel = 'informational' | 'low' | 'medium' | 'high' | 'critical'
export type SigmaStatus = 'stable' | 'test' | 'experimental' | 'deprecated' | 'unsupported'

/** Where a rule document sits: the file, its 0-based position among the file's documents, its first line. */
export interface RuleOrigin {
  path: string
  document: number
  line: number
}

export interface SigmaLogsource {
  product?: string
  category?: string
  service?: string
}

/** Metadata every kind of rule document may carry. */
export interface SigmaRuleMeta {
  /** The rule's id; a rule without one gets `<path>#<document>` so it can still be referenced and tuned. */
  id: string
  /** The optional unique name correlations refer to. */
  name?: string
  title: string
  description?: string
  status?: SigmaStatus
  level?: SigmaLevel
  author?: string
  tags: string[]
  references: string[]
  falsepositives: string[]
  /** The document's own YAML text, shown to the analyst in alert detail. */
  yaml: string
  origin: RuleOrigin
}

/** A search identifier's body exactly as YAML gave it: a map, a list of maps, or a list of keywords. */
export type SearchIdentifier = unknown

export interface SigmaDetectionRule extends SigmaRuleMeta {
  kind: 'detection'
  logsource: SigmaLogsource
  /** Search identifiers by name (everything in `detection` except `condition` and `timeframe`). */
  searches: Record<string, SearchIdentifier>
  /** One or more conditions (a list means any of them). */
  conditions: string[]
}

export const CORRELATION_TYPES = [
  'event_count',
  'value_count',
  'temporal',
  'temporal_ordered',
  'value_sum',
  'value_avg',
  'value_percentile'
] as const
export type CorrelationType = (typeof CORRELATION_TYPES)[number]

export const COMPARISON_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number]

/** A correlation condition: one or more bounds, all of which must hold (`gt: 100, lte: 200`). */
export interface CorrelationCondition {
  bounds: Partial<Record<ComparisonOperator, number>>
  /** The field(s) value_* correlations aggregate; several fields count distinct combinations. */
  fields: string[]
}

export interface SigmaCorrelationRule extends SigmaRuleMeta {
  kind: 'correlation'
  type: CorrelationType
  /** Referenced rules, by id or name, in the order given (the order matters for temporal_ordered). */
  rules: string[]
  groupBy: string[]
  timespanMs: number
  /** The timespan as written, e.g. '10m'. */
  timespan: string
  /** Absent for temporal types without a condition (then every referenced rule must match). */
  condition?: CorrelationCondition
  /** alias → (referenced rule name or id → that rule's field). */
  aliases: Record<string, Record<string, string>>
  /** Whether the referenced rules also raise alerts of their own. */
  generate: boolean
}

export interface SigmaFilterRule extends SigmaRuleMeta {
  kind: 'filter'
  logsource: SigmaLogsource
  /** Ids or names of the rules the filter applies to. */
  rules: string[]
  searches: Record<string, SearchIdentifier>
  conditions: string[]
}

export type SigmaRule = SigmaDetectionRule | SigmaCorrelationRule | SigmaFilterRule

/** Why a document could not be used as a rule, with the line to look at. */
export interface RuleProblem {
  kind: 'invalid'
  message: string
  origin: RuleOrigin
}

export type ParsedDocument = { ok: true; rule: SigmaRule } | { ok: false; problem: RuleProblem }

/** Every document of one rule file, in file order. */
export interface ParsedRuleFile {
  path: string
  documents: ParsedDocument[]
}
