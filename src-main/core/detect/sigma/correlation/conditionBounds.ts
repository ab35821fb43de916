// A correlation condition is a conjunction of numeric bounds (`gt: 100, lte: 200`). This module checks
// that each correlation type carries the bounds it needs before any match is read, and turns bounds into a
// fast predicate for the hot path.

import { COMPARISON_OPERATORS, type ComparisonOperator, type SigmaCorrelationRule } from '../ruleTypes'
import { invalidCorrelation } from './correlationErrors'

type Bounds = Partial<Record<ComparisonOperator, number>>

const SYMBOL: Record<ComparisonOperator, string> = {
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  eq: '=',
  neq: '!='
}

function holds(operator: ComparisonOperator, value: number, bound: number): boolean {
  switch (operator) {
    case 'gt':
      return value > bound
    case 'gte':
      return value >= bound
    case 'lt':
      return value < bound
    case 'lte':
      return value <= bound
    case 'eq':
      return value === bound
    case 'neq':
      return value !== bound
  }
}

function presentBounds(bounds: Bounds): [ComparisonOperator, number][] {
  const present: [ComparisonOperator, number][] = []
  for (const operator of COMPARISON_OPERATORS) {
    const bound = bounds[operator]
    if (bound !== undefined) present.push([operator, bound])
  }
  return present
}

/** A predicate that holds when every bound holds (several bounds form a range). */
export function compileBounds(bounds: Bounds): (value: number) => boolean {
  const present = presentBounds(bounds)
  return (value) => {
    for (const [operator, bound] of present) if (!holds(operator, value, bound)) return false
    return true
  }
}

/** True when only gt/gte bounds are set: the condition can only become true as a window grows. */
export function isLowerBoundOnly(bounds: Bounds): boolean {
  return presentBounds(bounds).every(([operator]) => operator === 'gt' || operator === 'gte')
}

export function describeBounds(bounds: Bounds): string {
  return presentBounds(bounds)
    .map(([operator, bound]) => `${SYMBOL[operator]} ${bound}`)
    .join(' and ')
}

/**
 * Refuses a condition the engine cannot evaluate as written. `distinctRules` is the number of different
 * rules the correlation references (what a temporal condition counts).
 */
export function checkCondition(rule: SigmaCorrelationRule, distinctRules: number): void {
  const bounds = rule.condition?.bounds ?? {}
  const present = presentBounds(bounds)
  for (const [operator, bound] of present) {
    if (!Number.isFinite(bound)) {
      throw invalidCorrelation(rule, `condition ${operator}: '${bound}' is not a number`)
    }
  }
  const fields = rule.condition?.fields ?? []
  if (rule.type === 'temporal' || rule.type === 'temporal_ordered') {
    if (!isLowerBoundOnly(bounds)) {
      throw invalidCorrelation(
        rule,
        `a ${rule.type} condition counts the rules seen together and may only use gt/gte, not '${describeBounds(bounds)}'`
      )
    }
    const holdsFor = compileBounds(bounds)
    if (present.length > 0 && !holdsFor(distinctRules)) {
      throw invalidCorrelation(
        rule,
        `condition '${describeBounds(bounds)}' can never hold: only ${distinctRules} different rules are referenced`
      )
    }
    if (rule.type === 'temporal_ordered' && present.length > 0 && holdsFor(distinctRules - 1)) {
      throw invalidCorrelation(
        rule,
        `temporal_ordered requires every referenced rule in order; condition '${describeBounds(bounds)}' would accept a partial sequence`
      )
    }
    return
  }
  if (present.length === 0) {
    throw invalidCorrelation(
      rule,
      `${rule.type} needs a condition with at least one of gt, gte, lt, lte, eq, neq`
    )
  }
  if (rule.type === 'event_count') return
  if (fields.length === 0) throw invalidCorrelation(rule, `${rule.type} needs 'field' in its condition`)
  if ((rule.type === 'value_sum' || rule.type === 'value_avg') && fields.length > 1) {
    throw invalidCorrelation(rule, `${rule.type} aggregates one numeric field, not ${fields.join(', ')}`)
  }
}
