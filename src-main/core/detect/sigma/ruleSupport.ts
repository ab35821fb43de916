// The rule-support report's line for one rule document: what the analyst sees in `cairn rules check` and
// the rules panel, so no rule is ever skipped without a stated reason.

import type { SigmaLevel } from './ruleTypes'

export type RuleSupportStatus = 'loaded' | 'unsupported' | 'invalid' | 'not_applicable'

export interface RuleSupport {
  path: string
  id: string
  title: string
  kind: 'detection' | 'correlation' | 'filter' | 'unknown'
  status: RuleSupportStatus
  /** Why the rule is not loaded, or notes on a loaded one (disabled, placeholders without values …). */
  reason: string
  /** The line of the document (or of the problem, for an invalid one). */
  line: number
  level?: SigmaLevel
  /** Whether the rule runs: loaded and selected. */
  enabled: boolean
}
