// The shapes the correlation engine reads and returns, and the internal form a match takes while it flows
// through a chain of correlations. The engine is pure: the caller supplies rule matches with opaque event
// references and gets hits back; nothing here knows where events are stored.

import type { SigmaCorrelationRule } from '../ruleTypes'

/** A match of one rule (a detection rule, or a correlation hit fed to an outer correlation). */
export interface RuleMatch<Ref> {
  /** The canonical id of the rule that matched. */
  ruleId: string
  /** Milliseconds, UTC. */
  timestamp: number
  /** The member events: one for a detection match, every member for a correlation hit. */
  refs: readonly Ref[]
  /** The matched event's value of a field (undefined = absent). */
  field(name: string): string | number | undefined
}

export interface CorrelationHit<Ref> {
  correlationId: string
  /** group-by name (or alias) → value. */
  group: Record<string, string | number>
  /** ms UTC of the first and last member event. */
  firstSeen: number
  lastSeen: number
  /** Every member event in time order, flattened through chained correlations, without duplicates. */
  members: Ref[]
  /** The measured quantity: count, distinct count, sum, average, percentage, or number of distinct rules. */
  value: number
  /** value_* types: what fired, e.g. for value_percentile the rare value. */
  detail?: string
}

export interface CorrelationInputs<Ref> {
  correlations: readonly SigmaCorrelationRule[]
  /** Resolves a reference (rule id or name, as written in `rules` or alias keys) to a canonical rule id. */
  resolve(reference: string): string | undefined
  /** Every detection-rule match, in time order (ties keep input order). */
  matches: readonly RuleMatch<Ref>[]
  /** The identity of a member event, used to drop duplicates; JSON.stringify by default. */
  refKey?(ref: Ref): string
}

export interface CorrelationResult<Ref> {
  /** Hits per correlation id, ordered by the input position of the match that completed each. */
  hits: Map<string, CorrelationHit<Ref>[]>
  /** Per correlation id, how many input matches lacked a group-by value and so were not correlated. */
  ungrouped: Map<string, number>
}

/**
 * A match as a correlation consumes it. `seq` is the input position of the detection match that completed
 * it (its own position for a detection match), which orders ties between matches of equal timestamp.
 */
export interface SequencedMatch<Ref> {
  match: RuleMatch<Ref>
  seq: number
  /** For a chained hit: the time of each of `match.refs`; absent means all happened at `match.timestamp`. */
  memberTimes?: readonly number[]
}

/** A hit together with what an outer correlation needs to consume it. */
export interface SequencedHit<Ref> {
  hit: CorrelationHit<Ref>
  seq: number
  memberTimes: number[]
}

/** Reports a hit for one group: the window's matches that are its members, the measure, what fired. */
export type EmitHit<Ref> = (
  groupKey: string,
  members: readonly SequencedMatch<Ref>[],
  value: number,
  detail?: string
) => void

/** Evaluates one correlation over its time-ordered input, one match at a time. */
export interface CorrelationJudge<Ref> {
  add(entry: SequencedMatch<Ref>, groupKey: string): void
  /** The input has ended: evaluate what is still open. */
  finish(): void
}
