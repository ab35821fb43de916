// Finds, for one event, the compiled rules that could match it, so the cost of an event is the rules that
// apply to it and not every loaded rule: rules are bucketed by the channel and event id their logsource
// entry requires, the buckets an event needs are merged once per (channel, event id) pair seen, and a
// literal prefilter leaves out the rules whose required text the event does not contain.

import type { LogFormat } from '../../../common/domain'
import type { EventField } from '../../../common/event'
import { EventView } from './eventView'
import type { SigmaEvent } from './eventView'
import { LiteralPrefilter } from './literalPrefilter'
import type { CompiledRule, RuleVariant } from './ruleCompiler'

export interface RuleCandidate {
  compiled: CompiledRule
  variant: RuleVariant
  /** The entry's other conditions (event.dataset, process.name …); null when it has none. */
  admits: ((event: SigmaEvent) => boolean) | null
}

const ANY = '*'

/**
 * Formats whose raw line shows every value as the event holds it: keyword searches read the line alone.
 * Not JSON, CSV, Zeek, auditd or IIS (spaces written as '+'), whose values are escaped or encoded there.
 */
const RAW_HOLDS_EVERYTHING: ReadonlySet<LogFormat> = new Set<LogFormat>([
  'apache_combined',
  'apache_common',
  'apache_vhost_combined',
  'web_custom',
  'apache_error',
  'nginx_error',
  'syslog_rfc3164',
  'syslog_rfc5424'
])

/** The rules an event of one (channel, event id) pair may match, with their literal prefilter. */
interface MergedBucket {
  candidates: RuleCandidate[]
  /** null for a bucket so small that trying every rule costs less than scanning for literals. */
  prefilter: LiteralPrefilter | null
}

/** Measured on web and syslog lines: below this many rules, trying them all costs less than the literal scan. */
const MIN_RULES_TO_PREFILTER = 16

export class FormatRuleIndex {
  private readonly buckets = new Map<string, RuleCandidate[]>()
  private readonly merged = new Map<string, MergedBucket>()
  private readonly view: EventView
  readonly ruleCount: number
  /** The compiled rules with a variant for this format. */
  readonly rules: readonly CompiledRule[]

  /** `rules` must already be narrowed to the ones whose entries cover `format`. */
  constructor(
    readonly format: LogFormat,
    rules: readonly CompiledRule[],
    slotCount: number
  ) {
    this.view = new EventView(slotCount, RAW_HOLDS_EVERYTHING.has(format))
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
    this.rules = [...counted]
  }

  /** Calls `onMatch` once for every rule the event matches. */
  match(event: SigmaEvent, onMatch: (compiled: CompiledRule, variant: RuleVariant) => void): void {
    const { candidates, prefilter } = this.bucketFor(event)
    if (candidates.length === 0) return
    const view = this.view
    view.reset(event)
    prefilter?.scan(view)
    for (let index = 0; index < candidates.length; index++) {
      if (prefilter !== null && !prefilter.mayMatch(index)) continue
      const candidate = candidates[index]
      if (candidate.admits !== null && !candidate.admits(event)) continue
      if (candidate.variant.matches(view)) onMatch(candidate.compiled, candidate.variant)
    }
  }

  private bucketFor(event: SigmaEvent): MergedBucket {
    const channel = String(event.fields['winlog.channel'] ?? '').toLowerCase()
    const eventId = String(event.fields['event.code'] ?? '')
    const key = `${channel}\u0000${eventId}`
    let merged = this.merged.get(key)
    if (merged === undefined) {
      const candidates = [
        ...(this.buckets.get(key) ?? []),
        ...(this.buckets.get(`${channel}\u0000${ANY}`) ?? []),
        ...(this.buckets.get(`${ANY}\u0000${eventId}`) ?? []),
        ...(this.buckets.get(`${ANY}\u0000${ANY}`) ?? [])
      ]
      merged = {
        candidates,
        prefilter:
          candidates.length >= MIN_RULES_TO_PREFILTER
            ? new LiteralPrefilter(candidates.map((candidate) => candidate.variant.requires))
            : null
      }
      this.merged.set(key, merged)
    }
    return merged
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
