// The count family: event_count, value_count, value_sum, value_avg and value_percentile, each per group
// over a sliding window of length timespan (first to last match at most timespan apart).
//
// - gt/gte conditions on event_count, value_count and value_sum fire at the arriving match that makes the
//   window hold the condition; any other condition, and every value_avg and value_percentile, is judged on
//   complete windows (see slidingWindows.ts). A window that fires is consumed: the next hit of the group
//   needs fresh matches. value_sum is taken to grow too (negative values would break that; the window is
//   still re-judged at every arriving match).
// - value_count counts distinct values of the condition field(s), distinct tuples for several fields; a
//   match lacking a field is a member of the window but adds no value.
// - value_sum and value_avg use the numeric values of their one field (numbers, and text that is a decimal
//   number); other values are ignored. A window with no numeric value has no average and does not fire.
// - value_percentile: the spec's example ("a process name seen in less than 1% of all processes") is read
//   as: each distinct value's share of the window's events, 100·count(value)/count(events), is tested
//   against the condition; each value whose share fits gives its own hit, whose members are the window's
//   events carrying it and whose detail is that value. The whole window is consumed.

import type { CorrelationJudge, EmitHit } from './correlationTypes'
import type { PlannedCorrelation } from './correlationPlan'
import { completeWindows, growingWindows } from './slidingWindows'
import { measureFactory } from './windowMeasures'

/** Measures that can only grow as matches join a window, so gt/gte is decided the moment it is reached. */
const GROWING_MEASURES = new Set(['event_count', 'value_count', 'value_sum'])

export function countJudge<Ref>(plan: PlannedCorrelation, emit: EmitHit<Ref>): CorrelationJudge<Ref> {
  const newMeasure = measureFactory<Ref>(plan)
  return plan.lowerBoundOnly && GROWING_MEASURES.has(plan.rule.type)
    ? growingWindows(plan, newMeasure, emit)
    : completeWindows(plan, newMeasure, emit)
}
