// Which fields of a rule's matches its correlations will read — group-by and condition fields, through
// aliases — so a match keeps exactly those values and no more, whether found in a retro-hunt or streamed
// from an import worker.

import type { SigmaRuleSet } from './ruleSet'

/** rule id → the fields correlations read from its matches (group-by and condition fields, aliased). */
export function correlatedFieldsByRule(rules: SigmaRuleSet): Map<string, string[]> {
  const byRule = new Map<string, string[]>()
  for (const correlation of rules.correlations) {
    for (const reference of correlation.rules) {
      const id = rules.references.get(reference)
      if (id === undefined) continue
      const names = [...correlation.groupBy, ...(correlation.condition?.fields ?? [])]
      const aliased = names.flatMap((name) => {
        const perRule = correlation.aliases[name] ?? {}
        const own = Object.entries(perRule).find(
          ([ruleReference]) => rules.references.get(ruleReference) === id
        )
        return own === undefined ? [name] : [name, own[1]]
      })
      byRule.set(id, [...new Set([...(byRule.get(id) ?? []), ...aliased])])
    }
  }
  return byRule
}
