// Decides which correlation rules can run: every rule they reference must be running (a reference to an
// unsupported or invalid rule makes the correlation unsupported or invalid, naming it), and the
// correlation itself must plan — known references, no cycles, the condition its type needs.

import { CairnError } from '../../../common/errors'
import { planCorrelations } from './correlation/correlationPlan'
import type { SigmaCorrelationRule } from './ruleTypes'
import type { RuleSupport } from './ruleSupport'
import type { RuleErrorKind } from './sigmaRuleError'

export interface CorrelationCheck {
  rule: SigmaCorrelationRule
  problem: { kind: RuleErrorKind; message: string } | null
}

/**
 * `references` maps the ids and names of running rules and correlations to ids; `verdicts` holds every
 * rule's verdict by id and by name, so a reference to a rule that failed can say why.
 */
export function checkCorrelations(
  correlations: readonly SigmaCorrelationRule[],
  references: ReadonlyMap<string, string>,
  verdicts: ReadonlyMap<string, RuleSupport>
): CorrelationCheck[] {
  const byId = new Map(correlations.map((rule) => [rule.id, rule]))
  const results = new Map<string, CorrelationCheck>()
  const check = (rule: SigmaCorrelationRule, path: readonly string[]): CorrelationCheck => {
    const known = results.get(rule.id)
    if (known !== undefined) return known
    let problem: CorrelationCheck['problem'] = null
    for (const reference of rule.rules) {
      const id = references.get(reference)
      const failed = verdicts.get(id ?? reference)
      if (failed !== undefined && failed.status !== 'loaded') {
        problem = {
          kind: failed.status === 'invalid' ? 'invalid' : 'unsupported',
          message: `it uses '${reference}', which is ${failed.status}: ${failed.reason}`
        }
        break
      }
      const inner = id === undefined ? undefined : byId.get(id)
      if (inner !== undefined && !path.includes(inner.id)) {
        const innerCheck = check(inner, [...path, rule.id])
        if (innerCheck.problem !== null) {
          problem = {
            kind: innerCheck.problem.kind,
            message: `it uses '${reference}', which cannot run: ${innerCheck.problem.message}`
          }
          break
        }
      }
    }
    problem ??= planProblem(rule, byId, references)
    const result = { rule, problem }
    results.set(rule.id, result)
    return result
  }
  return correlations.map((rule) => check(rule, []))
}

function planProblem(
  rule: SigmaCorrelationRule,
  byId: ReadonlyMap<string, SigmaCorrelationRule>,
  references: ReadonlyMap<string, string>
): CorrelationCheck['problem'] {
  const chain = new Map<string, SigmaCorrelationRule>()
  const collect = (current: SigmaCorrelationRule): void => {
    if (chain.has(current.id)) return
    chain.set(current.id, current)
    for (const reference of current.rules) {
      const inner = byId.get(references.get(reference) ?? reference)
      if (inner !== undefined) collect(inner)
    }
  }
  collect(rule)
  try {
    planCorrelations([...chain.values()], (reference) => references.get(reference))
    return null
  } catch (error) {
    if (!(error instanceof CairnError)) throw error
    return { kind: 'invalid', message: error.message }
  }
}
