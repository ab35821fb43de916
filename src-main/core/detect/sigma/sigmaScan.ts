// One pass of a Sigma rule set over a case: events in time order go through the index of their evidence
// format, and matches streamed during ingestion come in as they were stored. Matches of rules that alert on
// their own are tallied per rule and host; matches of rules that correlations use are kept (with the field
// values those correlations read) for the correlation pass at the end.

import type { LogFormat } from '../../../common/domain'
import type { EventRef } from '../../../common/event'
import { EntityCollector } from '../alertEntities'
import { runCorrelations } from './correlation/runCorrelations'
import type { CorrelationResult, RuleMatch } from './correlation/runCorrelations'
import type { SigmaEvent } from './eventView'
import type { CompiledRule } from './ruleCompiler'
import type { SigmaRuleSet } from './ruleSet'
import { correlatedFieldsByRule } from './correlatedFields'
import { matchOf } from './streamingRules'
import type { StreamedMatch } from './streamingRules'

/** Event links kept per tally; counts and times always cover every match. */
export const MAX_REFS_PER_TALLY = 1000

/** The matches of one rule on one host. */
export interface RuleTally {
  compiled: CompiledRule
  host: string | undefined
  count: number
  firstSeen: number
  lastSeen: number
  refs: EventRef[]
  entities: EntityCollector
}

/** The entities of one correlation member event, kept so a correlation alert can name them. */
export interface MemberEntities {
  ips: readonly string[]
  user: string | undefined
  host: string | undefined
}

export interface SigmaScanResult {
  tallies: RuleTally[]
  correlations: CorrelationResult<EventRef>
  /** Entities of every event a correlation used, by eventRefKey. */
  memberEntities: ReadonlyMap<string, MemberEntities>
  /** Events examined, and matches taken from ingestion instead. */
  events: number
  streamedMatches: number
}

export class SigmaScan {
  private readonly tallies = new Map<string, RuleTally>()
  private readonly correlationMatches: RuleMatch<EventRef>[] = []
  private readonly memberEntities = new Map<string, MemberEntities>()
  private readonly correlatedFields: Map<string, string[]>
  private readonly compiledById: Map<string, CompiledRule>
  private events = 0
  private streamedMatches = 0

  constructor(private readonly rules: SigmaRuleSet) {
    this.correlatedFields = correlatedFieldsByRule(rules)
    this.compiledById = new Map(rules.detections.map((compiled) => [compiled.rule.id, compiled]))
  }

  add(event: SigmaEvent, format: LogFormat, ref: EventRef): void {
    this.events++
    const index = this.rules.indexFor(format)
    if (index.ruleCount === 0) return
    index.match(event, (compiled, variant) => {
      const match = matchOf(
        compiled,
        variant,
        event,
        ref.eventId,
        this.correlatedFields.get(compiled.rule.id)
      )
      this.record(compiled, match, ref.evidenceId)
    })
  }

  /** A match found while the evidence was imported, under this rule set. */
  addStreamed(match: StreamedMatch, evidenceId: string): void {
    const compiled = this.compiledById.get(match.ruleId)
    if (compiled === undefined) return
    this.streamedMatches++
    this.record(compiled, match, evidenceId)
  }

  finish(): SigmaScanResult {
    // Streamed matches arrive evidence by evidence; correlation needs one time order (stable for ties).
    this.correlationMatches.sort((a, b) => a.timestamp - b.timestamp)
    const correlations = runCorrelations<EventRef>({
      correlations: this.rules.correlations,
      resolve: (reference) => this.rules.references.get(reference),
      matches: this.correlationMatches,
      refKey: eventRefKey
    })
    return {
      tallies: [...this.tallies.values()],
      correlations,
      memberEntities: this.memberEntities,
      events: this.events,
      streamedMatches: this.streamedMatches
    }
  }

  private record(compiled: CompiledRule, match: StreamedMatch, evidenceId: string): void {
    const id = compiled.rule.id
    const ref: EventRef = { evidenceId, eventId: match.eventId }
    if (this.correlatedFields.has(id)) {
      const values = match.fields ?? {}
      this.correlationMatches.push({
        ruleId: id,
        timestamp: match.timestamp,
        refs: [ref],
        field: (name) => values[name]
      })
      this.memberEntities.set(eventRefKey(ref), { ips: match.ips ?? [], user: match.user, host: match.host })
    }
    if (!this.rules.isStandalone(id)) return
    const key = `${id}\u0000${match.host ?? ''}`
    let tally = this.tallies.get(key)
    if (tally === undefined) {
      tally = {
        compiled,
        host: match.host,
        count: 0,
        firstSeen: match.timestamp,
        lastSeen: match.timestamp,
        refs: [],
        entities: new EntityCollector()
      }
      this.tallies.set(key, tally)
    }
    tally.count++
    tally.firstSeen = Math.min(tally.firstSeen, match.timestamp)
    tally.lastSeen = Math.max(tally.lastSeen, match.timestamp)
    if (tally.refs.length < MAX_REFS_PER_TALLY) tally.refs.push(ref)
    for (const ip of match.ips ?? []) tally.entities.ips.add(ip)
    tally.entities.users.add(match.user)
    tally.entities.hosts.add(match.host)
  }
}

export function eventRefKey(ref: EventRef): string {
  return `${ref.evidenceId}\u0000${ref.eventId}`
}
