// How rule verdicts, kinds and sources read on screen. Every status has words as well as a colour, and
// "not applicable" always says to what: this case, whose evidence no such rule can read.

import type { StatusTone } from '../../components/StatusPill.vue'
import type { RuleKind, RuleSourceInfo, RuleSupportStatus } from '../../../src-main/common/rules'
import type { RuleStatusFilter } from '../../stores/rules'

export const RULE_STATUS_LABELS: Record<RuleSupportStatus, string> = {
  loaded: 'Loaded',
  unsupported: 'Unsupported',
  invalid: 'Invalid',
  not_applicable: 'Not applicable'
}

/** The filter buttons spell out what "not applicable" is relative to. */
export const RULE_FILTER_LABELS: Record<RuleStatusFilter, string> = {
  all: 'All',
  ...RULE_STATUS_LABELS,
  not_applicable: 'Not applicable to this case'
}

/** Not applicable is no fault of the rule's: it stays muted. */
export const RULE_STATUS_TONES: Partial<Record<RuleSupportStatus, StatusTone>> = {
  loaded: 'success',
  unsupported: 'warning',
  invalid: 'danger'
}

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  detection: 'Detection',
  correlation: 'Correlation',
  filter: 'Filter',
  unknown: 'Unknown'
}

export function sourceLabel(source: RuleSourceInfo): string {
  return source.kind === 'builtin' ? "Cairn's own pack" : source.path
}
