// One way to say which correlation rule is unusable and where it is written, so every refusal names the
// rule's title, id, file and line. ErrorCode has no INVALID_INPUT; a bad rule set is a BAD_REQUEST.

import { CairnError } from '../../../../common/errors'
import type { SigmaCorrelationRule } from '../ruleTypes'

export function correlationLabel(rule: SigmaCorrelationRule): string {
  return `correlation '${rule.title}' (id ${rule.id}, ${rule.origin.path} line ${rule.origin.line})`
}

export function invalidCorrelation(rule: SigmaCorrelationRule, problem: string): CairnError {
  return new CairnError('BAD_REQUEST', `${correlationLabel(rule)}: ${problem}`)
}
