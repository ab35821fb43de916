// One pass of a Sigma rule set over events in time order: each event goes through the index of its
// evidence format; matches of rules that alert on their own are tallied per rule and host, and matches of
// rules that correlations use are kept (with the field values those correlations read) for the
// correlation pass at the end.

import type { LogFormat } from '../../../common/domain'
import type { EventRef } from '../../../common/event'
import { EntityCollector } from '../alertEntities'
import { runCorrelations } from './correlation/runCorrelations'
import type { CorrelationResult, RuleMatch } from './correlation/runCorrelations'
import type { SigmaEvent } from './eventView'
import type { CompiledRule, RuleVariant } from './ruleCompiler'
import type { SigmaRuleSet } from './ruleSet'

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
  ips: (string | number | undefined)[]
  user: string | number | undefined
  host: string | number | undefined
}

export interface SigmaScanResult {
  tallies: RuleTally[]
  correlations: CorrelationResult<EventRef>
  /** Entities of every event a correlation used, by `${evidenceId}\u0000${eventId}`. */
  memberEntities: ReadonlyMap<string, MemberEntities>
  /** Events examined, and events of a format no loaded rule reads. */
  events: number
  unmatchedFormatEvents: number
}

export class SigmaScan {
  private readonly tallies = new Map<string, RuleTally>()
  private readonly correlationMatches: RuleMatch<EventRef>[] = []
  private readonly memberEntities = new Map<string, MemberEntities>()
  /** rule id → the fields correlations read from its matches (group-by and condition fields, aliased). */
  private readonly correlatedFields = new Map<string, string[]>()
  private events = 0
  private unmatchedFormatEvents = 0

  constructor(private readonly rules: SigmaRuleSet) {
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
        this.correlatedFields.set(id, [...new Set([...(this.correlatedFields.get(id) ?? []), ...aliased])])
      }
    }
  }

  add(event: SigmaEvent, format: LogFormat, ref: EventRef): void {
    this.events++
    const index = this.rules.indexFor(format)
    if (index.ruleCount === 0) {
      this.unmatchedFormatEvents++
      return
    }
    index.match(event, (compiled, variant) => this.record(compiled, variant, event, ref))
  }

  finish(): SigmaScanResult {
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
      unmatchedFormatEvents: this.unmatchedFormatEvents
    }
  }

  private record(compiled: CompiledRule, variant: RuleVariant, event: SigmaEvent, ref: EventRef): void {
    const id = compiled.rule.id
    const correlated = this.correlatedFields.get(id)
    if (correlated !== undefined) {
      const values = new Map(correlated.map((name) => [name, variant.field(name)(event)]))
      this.correlationMatches.push({
        ruleId: id,
        timestamp: event.timestamp,
        refs: [ref],
        field: (name) => values.get(name)
      })
      const { fields } = event
      this.memberEntities.set(eventRefKey(ref), {
        ips: [fields['source.ip'], fields['destination.ip']],
        user: fields['user.name'],
        host: fields['host.name']
      })
    }
    if (!this.rules.isStandalone(id)) return
    const host = event.fields['host.name'] === undefined ? undefined : String(event.fields['host.name'])
    const key = `${id}\u0000${host ?? ''}`
    const tally = this.tallies.get(key)
    if (tally === undefined) {
      const entities = new EntityCollector()
      collectEntities(entities, event)
      this.tallies.set(key, {
        compiled,
        host,
        count: 1,
        firstSeen: event.timestamp,
        lastSeen: event.timestamp,
        refs: [ref],
        entities
      })
      return
    }
    collectEntities(tally.entities, event)
    tally.count++
    tally.firstSeen = Math.min(tally.firstSeen, event.timestamp)
    tally.lastSeen = Math.max(tally.lastSeen, event.timestamp)
    if (tally.refs.length < MAX_REFS_PER_TALLY) tally.refs.push(ref)
  }
}

export function eventRefKey(ref: EventRef): string {
  return `${ref.evidenceId}\u0000${ref.eventId}`
}

function collectEntities(entities: EntityCollector, event: SigmaEvent): void {
  entities.ips.add(event.fields['source.ip'])
  entities.ips.add(event.fields['destination.ip'])
  entities.users.add(event.fields['user.name'])
  entities.hosts.add(event.fields['host.name'])
}
