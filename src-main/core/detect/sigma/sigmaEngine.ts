// The Sigma engine: a retro-hunt of a loaded rule set over every event of the case in time order, then
// the correlation pass. A rule raises one alert per host it matched on; a correlation raises one alert per
// group that fired, linking the member events that made it fire. Fingerprints depend only on rule and
// key, so re-runs update alerts and keep their triage status.

import type { Severity } from '../../../common/domain'
import { formatCount, formatUtc, plural } from '../describe'
import type { AlertDraft, DetectionContext, DetectionEngine, EngineResult } from '../engine'
import { alertFingerprint } from '../fingerprint'
import { nextTurn } from '../../jobs/nextTurn'
import { correlationAlerts } from './correlationAlerts'
import type { SigmaRuleSet } from './ruleSet'
import { effectiveLevel } from './ruleSelection'
import type { SigmaRuleMeta } from './ruleTypes'
import { SigmaScan } from './sigmaScan'
import type { RuleTally } from './sigmaScan'

export const SIGMA_ENGINE_ID = 'sigma'
const SCAN_BATCH_SIZE = 5000

export class SigmaEngine implements DetectionEngine {
  readonly id = SIGMA_ENGINE_ID
  readonly title = 'Sigma rules'
  readonly description =
    'Runs the loaded Sigma rules (Cairn’s own pack and any rule folders added) over every event, then the ' +
    'Sigma correlation rules over their matches.'
  readonly dependsOn: readonly string[] = []

  constructor(private readonly rules: SigmaRuleSet) {}

  async run(context: DetectionContext): Promise<EngineResult> {
    const loaded = this.rules.detections.length + this.rules.correlations.length
    if (loaded === 0) {
      return { status: 'no_findings', priority: 'none', summary: 'No Sigma rule is loaded', alerts: [] }
    }
    const scan = new SigmaScan(this.rules)
    const toHunt: string[] = []
    let streamedSources = 0
    for (const [evidenceId, format] of context.evidenceFormats) {
      if (format === 'unknown' || this.rules.indexFor(format).ruleCount === 0) continue
      const streamed = context.streamedSigma?.(evidenceId)
      if (streamed?.fingerprint === this.rules.fingerprint) {
        // Parallel import workers report in their own order; alerts link the earliest matches first.
        const inTimeOrder = [...streamed.matches].sort(
          (a, b) => a.timestamp - b.timestamp || a.eventId - b.eventId
        )
        for (const match of inTimeOrder) scan.addStreamed(match, evidenceId)
        streamedSources++
      } else {
        toHunt.push(evidenceId)
      }
    }
    if (toHunt.length > 0) await this.hunt(scan, toHunt, context)
    const result = scan.finish()
    const alerts = [
      ...result.tallies.map((tally) => tallyAlert(tally, this.rules)),
      ...correlationAlerts(result, this.rules)
    ]
    const sources =
      streamedSources === 0
        ? `${plural(result.events, 'event')}`
        : `${plural(result.events, 'event')} and the matches of ${plural(streamedSources, 'source')} found during import`
    const summary =
      `${plural(loaded, 'rule')} over ${sources}: ` +
      (alerts.length === 0 ? 'nothing matched' : `${plural(alerts.length, 'alert')}`)
    return {
      status: alerts.length === 0 ? 'no_findings' : 'success',
      priority: highestPriority(alerts),
      summary,
      alerts
    }
  }

  /** Reads the events of evidence not matched during import (or under other rules) from the store. */
  private async hunt(scan: SigmaScan, evidenceIds: string[], context: DetectionContext): Promise<void> {
    const query = { evidenceIds }
    const total = context.events.count(query)
    let done = 0
    for (const batch of context.events.scan(query, { batchSize: SCAN_BATCH_SIZE })) {
      for (const event of batch) {
        const { evidenceId } = event.provenance
        const format = context.evidenceFormats.get(evidenceId)
        if (format !== undefined && format !== 'unknown')
          scan.add(event, format, { evidenceId, eventId: event.id })
      }
      done += batch.length
      context.progress(done, total)
      await nextTurn()
      if (context.signal.aborted) return
    }
  }
}

function tallyAlert(tally: RuleTally, rules: SigmaRuleSet): AlertDraft {
  const { rule } = tally.compiled
  const where = tally.host === undefined ? '' : ` on ${tally.host}`
  const times =
    tally.firstSeen === tally.lastSeen
      ? `at ${formatUtc(tally.firstSeen)}`
      : `from ${formatUtc(tally.firstSeen)} to ${formatUtc(tally.lastSeen)}`
  const linked =
    tally.count > tally.refs.length ? ` The first ${formatCount(tally.refs.length)} are linked.` : ''
  return {
    fingerprint: alertFingerprint(SIGMA_ENGINE_ID, rule.id, tally.host ?? ''),
    engine: SIGMA_ENGINE_ID,
    rule: { id: rule.id, title: rule.title },
    title: `${rule.title}${where}`,
    description:
      `${sentence(rule.description ?? rule.title)} Sigma rule ${rule.id} matched ${plural(tally.count, 'event')}` +
      `${where} ${times}.${linked}`,
    severity: severityOf(rule, rules),
    techniques: techniquesOf(rule),
    entities: tally.entities.toEntities(),
    firstSeen: tally.firstSeen,
    lastSeen: tally.lastSeen,
    count: tally.count,
    events: tally.refs
  }
}

/** The rule's own text as a sentence the alert's description can continue. */
export function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}

export function severityOf(rule: SigmaRuleMeta, rules: SigmaRuleSet): Severity {
  return effectiveLevel(rule, rules.tuning)
}

/** ATT&CK technique ids from Sigma tags: attack.t1059.001 → T1059.001. */
export function techniquesOf(rule: SigmaRuleMeta): string[] {
  return rule.tags
    .map((tag) => /^attack\.(t\d{4}(?:\.\d{3})?)$/i.exec(tag)?.[1]?.toUpperCase())
    .filter((technique): technique is string => technique !== undefined)
}

function highestPriority(alerts: readonly AlertDraft[]): EngineResult['priority'] {
  if (alerts.some((alert) => alert.severity === 'critical' || alert.severity === 'high')) return 'high'
  if (alerts.some((alert) => alert.severity === 'medium')) return 'medium'
  return alerts.length > 0 ? 'low' : 'none'
}
