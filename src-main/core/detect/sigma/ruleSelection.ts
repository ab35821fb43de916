// Which loaded rules run, and how the analyst tuned them: include/exclude by status, level, tag and path
// (the way a SigmaHQ checkout is narrowed to what a team trusts), plus per-rule tuning — disable, change
// the level, ignore matches with given field values. Kept in Cairn's home as plain data.

import { z } from 'zod'
import { DEFAULT_SELECTION } from '../../../common/rules'
import { ruleSelectionSchema } from '../../../common/ruleSchemas'
import type { RuleFilter, RuleSelection } from '../../../common/rules'
import type { SigmaDetectionRule, SigmaLevel, SigmaRuleMeta } from './ruleTypes'
import type { RuleExclusion } from './ruleCompiler'

const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const

export { ruleSelectionSchema }
export type { RuleFilter, RuleSelection }

export const ruleTuningSchema = z.strictObject({
  disabled: z.array(z.string()).default([]),
  levels: z.record(z.string(), z.enum(SIGMA_LEVELS)).default({}),
  /** rule id → matches whose field has one of these values are ignored (case-insensitive, wildcards). */
  exclusions: z
    .record(
      z.string(),
      z.array(z.strictObject({ field: z.string().min(1), values: z.array(z.string()).min(1) }))
    )
    .default({})
})
export type RuleTuning = z.infer<typeof ruleTuningSchema>

export const NO_TUNING: RuleTuning = { disabled: [], levels: {}, exclusions: {} }

export { DEFAULT_SELECTION }

/** Null when the rule runs; otherwise why it does not. */
export function whyNotSelected(
  rule: SigmaRuleMeta,
  selection: RuleSelection,
  tuning: RuleTuning
): string | null {
  if (tuning.disabled.includes(rule.id)) return 'disabled in tuning'
  if (selection.include !== undefined && !covers(selection.include, rule)) {
    return 'outside the rule selection (include)'
  }
  if (selection.exclude !== undefined && covers(selection.exclude, rule)) {
    return `left out by the rule selection (exclude${rule.status ? `, status ${rule.status}` : ''})`
  }
  return null
}

function covers(filter: RuleFilter, rule: SigmaRuleMeta): boolean {
  if (filter.statuses !== undefined && rule.status !== undefined && filter.statuses.includes(rule.status)) {
    return true
  }
  if (filter.levels !== undefined && filter.levels.includes(rule.level ?? 'medium')) return true
  if (
    filter.tags !== undefined &&
    rule.tags.some((tag) => filter.tags?.some((wanted) => tagMatches(wanted, tag)))
  ) {
    return true
  }
  return filter.paths?.some((fragment) => rule.origin.path.includes(fragment)) ?? false
}

function tagMatches(wanted: string, tag: string): boolean {
  const lowerWanted = wanted.toLowerCase()
  const lowerTag = tag.toLowerCase()
  return lowerWanted.endsWith('*') ? lowerTag.startsWith(lowerWanted.slice(0, -1)) : lowerTag === lowerWanted
}

export function effectiveLevel(rule: SigmaRuleMeta, tuning: RuleTuning): SigmaLevel {
  return tuning.levels[rule.id] ?? rule.level ?? 'medium'
}

/** The analyst's field-value exclusions for a rule, as detections to subtract. */
export function tuningExclusions(rule: SigmaDetectionRule, tuning: RuleTuning): RuleExclusion[] {
  const entries = tuning.exclusions[rule.id] ?? []
  return entries.map((entry) => ({
    searches: { tuning: { [entry.field]: entry.values } },
    conditions: ['tuning']
  }))
}
