// The rule-support report's line for one rule document: what the analyst sees in `cairn rules check` and
// the rules panel, so no rule is ever skipped without a stated reason. The shape is shared with the
// renderer (common/rules.ts).

export type { RuleSupport, RuleSupportStatus } from '../../../common/rules'
