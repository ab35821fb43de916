// Runs Sigma 2.1 correlation rules over detection-rule matches, independent of storage: the caller gives
// matches with opaque event references, and gets back hits per correlation plus how many matches could not
// be grouped. The families are in countCorrelations.ts and temporalCorrelations.ts; this module chains them.
//
// - Chaining: correlations may reference correlations (by id or name); they run in dependency order and a
//   cycle is refused. A hit of an inner correlation is a match for the outer one dated at the hit's last
//   member, whose refs are the hit's members and whose fields are the hit's group values. Each
//   correlation's input is the time-ordered merge of the matches of the rules it references; at equal
//   times the input position of the completing detection match decides, a detection match before the hit
//   it completed. The outer correlation's own group-by decides its groups (the inner one only the inner
//   hits), so the outer correlation can group only by names the inner one grouped by.
// - group-by: the group is the tuple of the group-by values; for a match of rule R, a name that is an
//   alias naming R reads R's aliased field, any other name reads the field itself (aliases apply to
//   condition fields too). Values compare as strings, case-sensitively. A match missing a group-by value is
//   not correlated and is counted in `ungrouped`.
// - Windows slide: a set of matches belongs together only if its last is at most timespan after its first,
//   wherever clock boundaries fall.
// - Hit members are every member event in time order, flattened through chains, each once (by refKey).

import { CairnError } from '../../../../common/errors'
import { buildHit, hitAsMatch, mergeBySequence } from './correlationHits'
import { planCorrelations, type PlannedCorrelation } from './correlationPlan'
import type {
  CorrelationHit,
  CorrelationInputs,
  CorrelationJudge,
  CorrelationResult,
  EmitHit,
  RuleMatch,
  SequencedHit,
  SequencedMatch
} from './correlationTypes'
import { countJudge } from './countCorrelations'
import { groupKeyReader, groupValues } from './matchFields'
import { temporalJudge, temporalOrderedJudge } from './temporalCorrelations'

export type { CorrelationHit, CorrelationInputs, CorrelationResult, RuleMatch } from './correlationTypes'

function judgeFor<Ref>(plan: PlannedCorrelation, emit: EmitHit<Ref>): CorrelationJudge<Ref> {
  switch (plan.rule.type) {
    case 'temporal':
      return temporalJudge(plan, emit)
    case 'temporal_ordered':
      return temporalOrderedJudge(plan, emit)
    default:
      return countJudge(plan, emit)
  }
}

/** The input matches of the given rules, per rule id, checking on the way that the input is in time order. */
function matchesByRule<Ref>(
  matches: readonly RuleMatch<Ref>[],
  ruleIds: ReadonlySet<string>
): Map<string, SequencedMatch<Ref>[]> {
  const byRule = new Map<string, SequencedMatch<Ref>[]>()
  let previous = -Infinity
  matches.forEach((match, seq) => {
    if (!Number.isFinite(match.timestamp) || match.timestamp < previous) {
      throw new CairnError(
        'BAD_REQUEST',
        `match ${seq} (rule ${match.ruleId}) has timestamp ${match.timestamp}, ` +
          `${Number.isFinite(match.timestamp) ? `earlier than the match before it (${previous})` : 'which is not a time'}; ` +
          'correlation needs matches in time order'
      )
    }
    previous = match.timestamp
    if (!ruleIds.has(match.ruleId)) return
    const list = byRule.get(match.ruleId)
    if (list === undefined) byRule.set(match.ruleId, [{ match, seq }])
    else list.push({ match, seq })
  })
  return byRule
}

function runOne<Ref>(
  plan: PlannedCorrelation,
  input: readonly SequencedMatch<Ref>[],
  refKey: (ref: Ref) => string
): { hits: SequencedHit<Ref>[]; ungrouped: number } {
  const keyOf = groupKeyReader(plan)
  const groups = new Map<string, Record<string, string | number>>()
  const hits: SequencedHit<Ref>[] = []
  const emit: EmitHit<Ref> = (key, members, value, detail) => {
    hits.push(buildHit(plan.rule.id, { ...groups.get(key) }, members, value, detail, refKey))
  }
  const judge = judgeFor(plan, emit)
  let ungrouped = 0
  for (const entry of input) {
    const key = keyOf(entry.match)
    if (key === undefined) {
      ungrouped++
      continue
    }
    if (!groups.has(key)) groups.set(key, groupValues(plan, entry.match))
    judge.add(entry, key)
  }
  judge.finish()
  // Complete windows are judged per group as the group's own matches arrive, so hits can come out of order.
  const inOrder = hits.every((hit, index) => index === 0 || hits[index - 1].seq <= hit.seq)
  if (!inOrder) hits.sort((a, b) => a.seq - b.seq)
  return { hits, ungrouped }
}

/**
 * Runs every correlation. Throws a BAD_REQUEST CairnError naming the correlation for an unknown reference,
 * a reference cycle or an unusable condition, and for matches out of time order.
 */
export function runCorrelations<Ref>(inputs: CorrelationInputs<Ref>): CorrelationResult<Ref> {
  const plans = planCorrelations(inputs.correlations, inputs.resolve)
  const refKey = inputs.refKey ?? ((ref: Ref) => JSON.stringify(ref))
  const correlationIds = new Set(plans.map((plan) => plan.rule.id))
  const detectionIds = new Set(
    plans.flatMap((plan) => plan.referenced).filter((id) => !correlationIds.has(id))
  )
  const detectionMatches = matchesByRule(inputs.matches, detectionIds)
  const hitMatches = new Map<string, SequencedMatch<Ref>[]>()
  const result: CorrelationResult<Ref> = {
    hits: new Map(inputs.correlations.map((rule) => [rule.id, []])),
    ungrouped: new Map(inputs.correlations.map((rule) => [rule.id, 0]))
  }
  for (const plan of plans) {
    const lists = [
      ...plan.referenced.filter((id) => detectionIds.has(id)).map((id) => detectionMatches.get(id) ?? []),
      ...plan.referenced.filter((id) => correlationIds.has(id)).map((id) => hitMatches.get(id) ?? [])
    ]
    const { hits, ungrouped } = runOne(plan, mergeBySequence(lists), refKey)
    hitMatches.set(plan.rule.id, hits.map(hitAsMatch))
    result.hits.set(
      plan.rule.id,
      hits.map(({ hit }): CorrelationHit<Ref> => hit)
    )
    result.ungrouped.set(plan.rule.id, ungrouped)
  }
  return result
}
