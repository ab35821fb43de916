// Why a rule cannot run, in the two kinds the rule-support report distinguishes: the rule is wrong
// ('invalid': it breaks the specification) or Cairn cannot run it ('unsupported': a construct it lacks).

export type RuleErrorKind = 'invalid' | 'unsupported'

export class SigmaRuleError extends Error {
  readonly kind: RuleErrorKind
  constructor(kind: RuleErrorKind, message: string) {
    super(message)
    this.name = 'SigmaRuleError'
    this.kind = kind
  }
}
