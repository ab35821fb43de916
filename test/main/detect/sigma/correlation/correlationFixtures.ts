// Hand-built correlation rules and match streams for the correlation tests: events are named by id so
// expected members can be written out by hand, and times are written in minutes/seconds from a base.

import type { SigmaCorrelationRule } from '../../../../../src-main/core/detect/sigma/ruleTypes'
import {
  runCorrelations,
  type CorrelationHit,
  type CorrelationResult,
  type RuleMatch
} from '../../../../../src-main/core/detect/sigma/correlation/runCorrelations'

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
/** 2026-03-01T10:00:00Z, so hour boundaries fall on whole multiples of HOUR from BASE. */
export const BASE = Date.UTC(2026, 2, 1, 10, 0, 0)

export interface EventRef {
  evidenceId: string
  eventId: string
}

type Fields = Record<string, string | number>

export function correlation(
  fields: Pick<SigmaCorrelationRule, 'id' | 'type' | 'rules'> & Partial<SigmaCorrelationRule>
): SigmaCorrelationRule {
  return {
    kind: 'correlation',
    title: `Title of ${fields.id}`,
    tags: [],
    references: [],
    falsepositives: [],
    yaml: '',
    origin: { path: 'rules/correlations.yml', document: 0, line: 1 },
    groupBy: ['User'],
    timespanMs: 10 * MINUTE,
    timespan: '10m',
    aliases: {},
    generate: false,
    ...fields
  }
}

/** One detection match of `ruleId` on event `eventId`, `offset` ms after BASE. */
export function match(
  ruleId: string,
  eventId: string,
  offset: number,
  fields: Fields = {}
): RuleMatch<EventRef> {
  return {
    ruleId,
    timestamp: BASE + offset,
    refs: [{ evidenceId: 'ev1', eventId }],
    field: (name) => (Object.hasOwn(fields, name) ? fields[name] : undefined)
  }
}

/**
 * A resolver that knows every rule id used by the matches and correlations, plus the given names.
 * `extraIds` are rule ids that exist but have no match in the stream.
 */
export function run(
  correlations: SigmaCorrelationRule[],
  matches: RuleMatch<EventRef>[],
  names: Record<string, string> = {},
  extraIds: string[] = []
): CorrelationResult<EventRef> {
  const known = new Set([...matches.map((m) => m.ruleId), ...correlations.map((c) => c.id), ...extraIds])
  return runCorrelations({
    correlations,
    matches,
    resolve: (reference) => names[reference] ?? (known.has(reference) ? reference : undefined)
  })
}

/** The event ids of a hit's members, in the order the hit gives them. */
export function memberIds(hit: CorrelationHit<EventRef>): string[] {
  return hit.members.map((ref) => ref.eventId)
}

/** Each hit of one correlation as its member event ids. */
export function hitMembers(result: CorrelationResult<EventRef>, correlationId: string): string[][] {
  return (result.hits.get(correlationId) ?? []).map(memberIds)
}
