// One rule in full for the analyst: its YAML as written, its metadata, and which Cairn event fields its
// Sigma field names read (through each logsource mapping it applies to; for a correlation, its group-by
// and condition fields and those of the rules it builds on), so matched events can show them highlighted.

import type { RuleDetail } from '../../../common/rules'
import { CairnError } from '../../../common/errors'
import { resolveField } from './fieldResolver'
import type { SigmaRuleSet } from './ruleSet'

export function ruleDetail(ruleSet: SigmaRuleSet, ruleId: string): RuleDetail {
  const rule = ruleSet.rule(ruleId)
  const verdict = ruleSet.support.find((candidate) => candidate.id === ruleId)
  if (rule === undefined || verdict === undefined) {
    throw new CairnError('NOT_FOUND', `no loaded rule has the id ${ruleId}`)
  }
  const fields =
    rule.kind === 'correlation'
      ? [...rule.groupBy, ...(rule.condition?.fields ?? [])]
      : detectionFields(ruleSet, ruleId)
  // A correlation's fields are read from the events of the rules it builds on, through their mappings.
  const readers = rule.kind === 'correlation' ? buildingBlocks(ruleSet, rule.rules) : [ruleId]
  const eventFields = new Set<string>()
  for (const readerId of readers) {
    const compiled = ruleSet.detections.find((candidate) => candidate.rule.id === readerId)
    const names = rule.kind === 'correlation' ? [...fields, ...(compiled?.fields ?? [])] : fields
    for (const variant of compiled?.variants ?? []) {
      for (const name of names) {
        // Spelling fallbacks (a spaced Defender name) are left out: the list names what the mapping reads.
        for (const part of resolveField(variant.entry, name).key.split('|')) {
          const read = /^(?:column|extra|prefixed):(.+)$/.exec(part)
          if (read !== null) eventFields.add(read[1])
        }
      }
    }
  }
  return {
    ...verdict,
    yaml: rule.yaml,
    description: rule.description ?? '',
    tags: rule.tags,
    ruleLevel: rule.level,
    fields,
    eventFields: [...eventFields],
    exclusions: ruleSet.tuning.exclusions[ruleId] ?? []
  }
}

function detectionFields(ruleSet: SigmaRuleSet, ruleId: string): string[] {
  return ruleSet.detections.find((candidate) => candidate.rule.id === ruleId)?.fields ?? []
}

/** The detection rules under a correlation, through chained correlations. */
function buildingBlocks(
  ruleSet: SigmaRuleSet,
  references: readonly string[],
  seen = new Set<string>()
): string[] {
  const ids: string[] = []
  for (const reference of references) {
    const id = ruleSet.references.get(reference) ?? reference
    if (seen.has(id)) continue
    seen.add(id)
    const rule = ruleSet.rule(id)
    if (rule?.kind === 'correlation') ids.push(...buildingBlocks(ruleSet, rule.rules, seen))
    else ids.push(id)
  }
  return ids
}
