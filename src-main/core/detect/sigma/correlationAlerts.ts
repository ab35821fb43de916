// Turns Sigma correlation hits into alerts: one per correlation and group (the group-by values), counting
// every time the group fired and linking the member events that made it fire, in time order. A
// correlation another one uses as a building block (without `generate`) raises none of its own.

import type { EventRef } from '../../../common/event'
import { EntityCollector } from '../alertEntities'
import { formatDuration, formatUtc, plural } from '../describe'
import type { AlertDraft } from '../engine'
import { alertFingerprint } from '../fingerprint'
import type { CorrelationHit } from './correlation/runCorrelations'
import type { SigmaRuleSet } from './ruleSet'
import type { SigmaCorrelationRule } from './ruleTypes'
import { MAX_REFS_PER_TALLY, eventRefKey } from './sigmaScan'
import type { SigmaScanResult } from './sigmaScan'
import { SIGMA_ENGINE_ID, sentence, severityOf, techniquesOf } from './sigmaEngine'

export function correlationAlerts(result: SigmaScanResult, rules: SigmaRuleSet): AlertDraft[] {
  const alerts: AlertDraft[] = []
  for (const correlation of rules.correlations) {
    if (!rules.isStandalone(correlation.id)) continue
    const hits = result.correlations.hits.get(correlation.id) ?? []
    const byGroup = new Map<string, CorrelationHit<EventRef>[]>()
    for (const hit of hits) {
      const key = JSON.stringify(correlation.groupBy.map((name) => hit.group[name] ?? null))
      const list = byGroup.get(key) ?? []
      list.push(hit)
      byGroup.set(key, list)
    }
    for (const [key, groupHits] of byGroup)
      alerts.push(groupAlert(correlation, key, groupHits, result, rules))
  }
  return alerts
}

function groupAlert(
  correlation: SigmaCorrelationRule,
  key: string,
  hits: readonly CorrelationHit<EventRef>[],
  result: SigmaScanResult,
  rules: SigmaRuleSet
): AlertDraft {
  const group = correlation.groupBy.map((name) => `${name} ${String(hits[0].group[name])}`).join(', ')
  const seen = new Set<string>()
  const events: EventRef[] = []
  const entities = new EntityCollector()
  for (const hit of hits) {
    for (const member of hit.members) {
      const memberKey = eventRefKey(member)
      if (seen.has(memberKey)) continue
      seen.add(memberKey)
      if (events.length < MAX_REFS_PER_TALLY) events.push(member)
      const found = result.memberEntities.get(memberKey)
      if (found === undefined) continue
      for (const ip of found.ips) entities.ips.add(ip)
      entities.users.add(found.user)
      entities.hosts.add(found.host)
    }
  }
  const firstSeen = Math.min(...hits.map((hit) => hit.firstSeen))
  const lastSeen = Math.max(...hits.map((hit) => hit.lastSeen))
  const first = hits[0]
  const measured = first.detail === undefined ? `${first.value}` : `${first.value} (${first.detail})`
  return {
    fingerprint: alertFingerprint(SIGMA_ENGINE_ID, correlation.id, key),
    engine: SIGMA_ENGINE_ID,
    rule: { id: correlation.id, title: correlation.title },
    title: group === '' ? correlation.title : `${correlation.title} (${group})`,
    description:
      `${sentence(correlation.description ?? correlation.title)} Sigma ${correlation.type} correlation ` +
      `${correlation.id} fired ${plural(hits.length, 'time')}${group === '' ? '' : ` for ${group}`} ` +
      `within ${formatDuration(correlation.timespanMs)} windows between ${formatUtc(firstSeen)} and ` +
      `${formatUtc(lastSeen)}; the first time it measured ${measured} over ${plural(first.members.length, 'event')}.`,
    severity: severityOf(correlation, rules),
    techniques: techniquesOf(correlation),
    entities: entities.toEntities(),
    firstSeen,
    lastSeen,
    count: seen.size,
    events
  }
}
