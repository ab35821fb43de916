// One rule in full for the analyst: its YAML as written, its metadata, and which Cairn event fields its
// Sigma field names read (through each logsource mapping it applies to), so matched events can show them
// highlighted.

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
  const compiled = ruleSet.detections.find((candidate) => candidate.rule.id === ruleId)
  const fields = compiled?.fields ?? (rule.kind === 'correlation' ? [...rule.groupBy] : [])
  const eventFields = new Set<string>()
  for (const variant of compiled?.variants ?? []) {
    for (const name of fields) {
      for (const part of resolveField(variant.entry, name).key.split('|')) {
        eventFields.add(part.replace(/^(column|extra|prefixed):/, ''))
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
    eventFields: [...eventFields]
  }
}
