// What the analyst sees of the detection rules: each rule document's verdict (loaded, unsupported,
// invalid, not applicable — never skipped silently), where the rules come from, and one rule in full for
// the alert detail (its YAML and the event fields it reads, to highlight them).

import type { Severity } from './domain'

export type RuleSupportStatus = 'loaded' | 'unsupported' | 'invalid' | 'not_applicable'
export type RuleKind = 'detection' | 'correlation' | 'filter' | 'unknown'

export interface RuleSupport {
  path: string
  id: string
  title: string
  kind: RuleKind
  status: RuleSupportStatus
  /** Why the rule is not loaded, or notes on a loaded one (disabled, placeholders without values …). */
  reason: string
  /** The line of the document (or of the problem, for an invalid one). */
  line: number
  /** The level the rule alerts at (after tuning). */
  level?: Severity
  /** Whether the rule runs: loaded, selected and not disabled. */
  enabled: boolean
  /** Why a loaded rule does not run: turned off by the analyst, or left out by the rule selection. */
  offBy?: 'tuning' | 'selection'
}

export interface RuleSourceInfo {
  /** 'builtin' is Cairn's own pack; folders are the analyst's. */
  kind: 'builtin' | 'folder'
  /** The folder's path ('' for the built-in pack). */
  path: string
  /** Whether the analyst can remove it here (folders given with --rules last for that run only). */
  removable: boolean
  documents: number
  loaded: number
  /** Files in the folder that could not be read. */
  unreadable: number
}

/** Rules covered by any of the lists given (statuses, levels, tags, path fragments). */
export interface RuleFilter {
  statuses?: string[]
  levels?: Severity[]
  /** Tags as written in rules (attack.t1059.001); a tag ending in '*' matches every tag it starts. */
  tags?: string[]
  /** Path fragments: a rule whose path contains one is covered. */
  paths?: string[]
}

/** Which rules run: those the include covers (all when absent), less those the exclude covers. */
export interface RuleSelection {
  include?: RuleFilter
  exclude?: RuleFilter
}

/** Rules SigmaHQ itself marks as not for use are left out unless a selection asks for them. */
export const DEFAULT_SELECTION: RuleSelection = { exclude: { statuses: ['deprecated', 'unsupported'] } }

export interface RulesOverview {
  sources: RuleSourceInfo[]
  /** The selection in force (rules it leaves out are loaded but do not run, with the reason). */
  selection: RuleSelection
  rules: RuleSupport[]
}

export interface RuleDetail extends RuleSupport {
  yaml: string
  description: string
  tags: string[]
  /** The rule's own level before tuning. */
  ruleLevel?: Severity
  /** Sigma field names the rule reads. */
  fields: string[]
  /** The Cairn event fields (ECS columns or extra keys) those names read, to highlight in events. */
  eventFields: string[]
  /** Matches the analyst set aside: a match whose field has one of the values is ignored. */
  exclusions: RuleExclusionSetting[]
}

/** Field values to ignore for one rule (case-insensitive; Sigma wildcards allowed). */
export interface RuleExclusionSetting {
  field: string
  values: string[]
}
