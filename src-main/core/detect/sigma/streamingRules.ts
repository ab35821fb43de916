// Sigma detection during ingestion. The main thread hands each import worker the rules that can match the
// source's format — already read and checked, as plain data — and the worker compiles them and matches each
// event as it is parsed, before it is stored. The matches come back with what alerts and correlations need
// (times, hosts, addresses, the fields correlations group by), so detection later reads no events at all
// for evidence streamed under the same rule set (same fingerprint).

import type { LogFormat } from '../../../common/domain'
import type { NormalisedEvent } from '../../../common/event'
import { FieldSlots } from './eventView'
import type { SigmaEvent } from './eventView'
import { LogsourceMap } from './logsourceMap'
import { compileRule } from './ruleCompiler'
import type { CompiledRule, RuleExclusion, RuleVariant } from './ruleCompiler'
import { FormatRuleIndex } from './ruleIndex'
import type { SigmaRuleSet } from './ruleSet'
import type { SigmaDetectionRule } from './ruleTypes'
import { correlatedFieldsByRule } from './correlatedFields'

/** What a worker needs to match one format's events; crosses the thread boundary, so plain data. */
export interface StreamingRules {
  fingerprint: string
  format: LogFormat
  logsources: string
  rules: SigmaDetectionRule[]
  exclusions: [string, RuleExclusion[]][]
  placeholders: [string, string[]][]
  /** rule id → the fields correlations read from its matches. */
  correlatedFields: [string, string[]][]
}

/** One match of one rule on one stored event. */
export interface StreamedMatch {
  ruleId: string
  eventId: number
  timestamp: number
  host?: string
  ips?: string[]
  user?: string
  /** Values of the fields correlations read (absent when no correlation uses the rule). */
  fields?: Record<string, string | number>
}

/** The running rules that can match `format`, without their YAML text; null when none can. */
export function streamingRulesFor(ruleSet: SigmaRuleSet, format: LogFormat): StreamingRules | null {
  const index = ruleSet.indexFor(format)
  if (index.ruleCount === 0) return null
  const rules = index.rules.map(({ rule }) => ({ ...rule, yaml: '' }))
  const ids = new Set(rules.map((rule) => rule.id))
  return {
    fingerprint: ruleSet.fingerprint,
    format,
    logsources: ruleSet.logsources.sourceText,
    rules,
    exclusions: [...ruleSet.exclusionsById].filter(([id]) => ids.has(id)),
    placeholders: [...ruleSet.placeholders].map(([name, values]) => [name, [...values]]),
    correlatedFields: [...correlatedFieldsByRule(ruleSet)].filter(([id]) => ids.has(id))
  }
}

/** The worker's side: compiles the rules once, then matches every event it is given. */
export class StreamingMatcher {
  private readonly index: FormatRuleIndex
  private readonly correlated: Map<string, string[]>
  private pending: StreamedMatch[] = []

  constructor(payload: StreamingRules) {
    const map = LogsourceMap.fromYaml(payload.logsources)
    const exclusions = new Map(payload.exclusions)
    const slots = new FieldSlots()
    const placeholders = new Map(payload.placeholders)
    const compiled: CompiledRule[] = payload.rules.map((rule) =>
      compileRule(rule, map.entriesFor(rule.logsource), exclusions.get(rule.id) ?? [], {
        slots,
        placeholders
      })
    )
    this.index = new FormatRuleIndex(payload.format, compiled, slots.count)
    this.correlated = new Map(payload.correlatedFields)
  }

  match(event: NormalisedEvent, eventId: number): void {
    this.index.match(event, (compiled, variant) => {
      this.pending.push(matchOf(compiled, variant, event, eventId, this.correlated.get(compiled.rule.id)))
    })
  }

  /** The matches since the last call. */
  take(): StreamedMatch[] {
    const taken = this.pending
    this.pending = []
    return taken
  }

  get waiting(): number {
    return this.pending.length
  }
}

/** What is kept of one match: when, on which host, who, and the fields correlations read (`correlated`). */
export function matchOf(
  compiled: CompiledRule,
  variant: RuleVariant,
  event: SigmaEvent,
  eventId: number,
  correlated: readonly string[] | undefined
): StreamedMatch {
  const { fields } = event
  const match: StreamedMatch = { ruleId: compiled.rule.id, eventId, timestamp: event.timestamp }
  if (fields['host.name'] !== undefined) match.host = String(fields['host.name'])
  const ips = [fields['source.ip'], fields['destination.ip']].filter((ip) => ip !== undefined).map(String)
  if (ips.length > 0) match.ips = ips
  if (fields['user.name'] !== undefined) match.user = String(fields['user.name'])
  if (correlated !== undefined) {
    match.fields = {}
    for (const name of correlated) {
      const value = variant.field(name)(event)
      if (value !== undefined) match.fields[name] = value
    }
  }
  return match
}
