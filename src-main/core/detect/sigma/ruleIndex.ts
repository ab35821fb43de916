// Finds, for one event, the compiled rules that could match it, so the cost of an event is the rules that
// apply to it and not every loaded rule: rules are bucketed by the channel and event id their logsource
// entry requires, and the buckets an event needs are merged once per (channel, event id) pair seen.

import type { LogFormat } from '../../../common/domain'
import type { EventField } from '../../../common/event'
import { EventView } from './eventView'
import type { SigmaEvent } from './eventView'
import type { CompiledRule, RuleVariant } from './ruleCompiler'

export interface RuleCandidate {
  compiled: CompiledRule
  variant: RuleVariant
  /** The entry's other conditions (event.dataset, process.name …); null when it has none. */
  admits: ((event: SigmaEvent) => boolean) | null
}

const ANY = '*'

export class FormatRuleIndex {
  private readonly buckets = new Map<string, RuleCandidate[]>()
  private readonly merged = new Map<string, RuleCandidate[]>()
  private readonly view: EventView
  readonly ruleCount: number

  /** `rules` must already be narrowed to the ones whose entries cover `format`. */
  constructor(
    readonly format: LogFormat,
    rules: readonly CompiledRule[],
    slotCount: number
  ) {
    this.view = new EventView(slotCount)
    const counted = new Set<CompiledRule>()
    for (const compiled of rules) {
      for (const variant of compiled.variants) {
        if (variant.entry !== null && !variant.entry.formats.has(format)) continue
        counted.add(compiled)
        const candidate: RuleCandidate = { compiled, variant, admits: admitterOf(variant) }
        const channels = variant.entry?.channels ?? [ANY]
        const eventIds = variant.entry?.eventIds ?? [ANY]
        for (const channel of channels) {
          for (const eventId of eventIds) this.add(`${channel}\u0000${eventId}`, candidate)
        }
      }
    }
    this.ruleCount = counted.size
  }

  /** Calls `onMatch` once for every rule the event matches. */
  match(event: SigmaEvent, onMatch: (compiled: CompiledRule, variant: RuleVariant) => void): void {
    const candidates = this.candidatesFor(event)
    if (candidates.length === 0) return
    const view = this.view
    view.reset(event)
    for (const candidate of candidates) {
      if (candidate.admits !== null && !candidate.admits(event)) continue
      if (candidate.variant.matches(view)) onMatch(candidate.compiled, candidate.variant)
    }
  }

  private candidatesFor(event: SigmaEvent): RuleCandidate[] {
    const channel = String(event.fields['winlog.channel'] ?? '').toLowerCase()
    const eventId = String(event.fields['event.code'] ?? '')
    const key = `${channel}\u0000${eventId}`
    let candidates = this.merged.get(key)
    if (candidates === undefined) {
      candidates = [
        ...(this.buckets.get(key) ?? []),
        ...(this.buckets.get(`${channel}\u0000${ANY}`) ?? []),
        ...(this.buckets.get(`${ANY}\u0000${eventId}`) ?? []),
        ...(this.buckets.get(`${ANY}\u0000${ANY}`) ?? [])
      ]
      this.merged.set(key, candidates)
    }
    return candidates
  }

  private add(key: string, candidate: RuleCandidate): void {
    const bucket = this.buckets.get(key)
    if (bucket === undefined) this.buckets.set(key, [candidate])
    else bucket.push(candidate)
  }
}

function admitterOf(variant: RuleVariant): RuleCandidate['admits'] {
  const where = variant.entry?.where ?? []
  if (where.length === 0) return null
  const tests = where.map(({ field, values }) => {
    const get = variant.field(field as EventField)
    return (event: SigmaEvent) => {
      const value = get(event)
      return value !== undefined && values.has(String(value).toLowerCase())
    }
  })
  return (event) => tests.every((test) => test(event))
}
