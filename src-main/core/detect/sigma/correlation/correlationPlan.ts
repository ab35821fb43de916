// Turns the correlation rules into an evaluation plan before any match is read: every reference resolved
// to a canonical rule id, aliases resolved per rule, conditions checked, and the correlations put in
// dependency order so a chained correlation runs after the ones it consumes. Cycles are refused.

import type { SigmaCorrelationRule } from '../ruleTypes'
import { checkCondition, compileBounds, isLowerBoundOnly } from './conditionBounds'
import { correlationLabel, invalidCorrelation } from './correlationErrors'

export interface PlannedCorrelation {
  rule: SigmaCorrelationRule
  /** Canonical ids of `rules`, in the order written (a rule listed twice is two steps of temporal_ordered). */
  steps: string[]
  /** The same ids, each once, in first-mention order. */
  referenced: string[]
  /** group-by or condition field name → (canonical rule id → the field its events carry it in). */
  aliasFields: Map<string, Map<string, string>>
  /** The condition as a predicate. Without bounds (temporal types only) it asks for every referenced rule. */
  accepts: (value: number) => boolean
  lowerBoundOnly: boolean
}

function resolveReference(
  rule: SigmaCorrelationRule,
  reference: string,
  where: string,
  resolve: (reference: string) => string | undefined
): string {
  const id = resolve(reference)
  if (id === undefined) {
    throw invalidCorrelation(rule, `${where}: '${reference}' is not the id or name of any loaded rule`)
  }
  return id
}

function planOne(
  rule: SigmaCorrelationRule,
  resolve: (reference: string) => string | undefined
): PlannedCorrelation {
  if (!Number.isFinite(rule.timespanMs) || rule.timespanMs < 0) {
    throw invalidCorrelation(rule, `timespan '${rule.timespan}' is not a usable duration`)
  }
  if (rule.rules.length === 0) throw invalidCorrelation(rule, 'rules: no rule is referenced')
  const steps = rule.rules.map((reference) => resolveReference(rule, reference, 'rules', resolve))
  const referenced = [...new Set(steps)]
  const aliasFields = new Map<string, Map<string, string>>()
  for (const [alias, perRule] of Object.entries(rule.aliases)) {
    const fields = new Map<string, string>()
    for (const [reference, field] of Object.entries(perRule)) {
      fields.set(resolveReference(rule, reference, `aliases.${alias}`, resolve), field)
    }
    aliasFields.set(alias, fields)
  }
  checkCondition(rule, referenced.length)
  const bounds = rule.condition?.bounds ?? {}
  const bounded = Object.values(bounds).some((bound) => bound !== undefined)
  const accepts = bounded ? compileBounds(bounds) : (count: number) => count === referenced.length
  return { rule, steps, referenced, aliasFields, accepts, lowerBoundOnly: isLowerBoundOnly(bounds) }
}

/** Plans every correlation and returns them so that each comes after the correlations it references. */
export function planCorrelations(
  correlations: readonly SigmaCorrelationRule[],
  resolve: (reference: string) => string | undefined
): PlannedCorrelation[] {
  const byId = new Map<string, PlannedCorrelation>()
  for (const rule of correlations) {
    const earlier = byId.get(rule.id)
    if (earlier !== undefined) {
      throw invalidCorrelation(rule, `its id is also used by ${correlationLabel(earlier.rule)}`)
    }
    byId.set(rule.id, planOne(rule, resolve))
  }
  const ordered: PlannedCorrelation[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (plan: PlannedCorrelation, path: PlannedCorrelation[]): void => {
    const seen = state.get(plan.rule.id)
    if (seen === 'done') return
    if (seen === 'visiting') {
      const cycle = [...path.slice(path.indexOf(plan)), plan].map((p) => `'${p.rule.title}'`).join(' → ')
      throw invalidCorrelation(plan.rule, `correlations reference each other in a cycle: ${cycle}`)
    }
    state.set(plan.rule.id, 'visiting')
    for (const id of plan.referenced) {
      const inner = byId.get(id)
      if (inner !== undefined) visit(inner, [...path, plan])
    }
    state.set(plan.rule.id, 'done')
    ordered.push(plan)
  }
  for (const plan of byId.values()) visit(plan, [])
  return ordered
}
