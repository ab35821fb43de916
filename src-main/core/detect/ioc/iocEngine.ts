// The IOC engine: streams every event of the case through the IocIndex and raises one alert per indicator
// that was seen, however many events and fields it appeared in. Re-runs update the same alerts because
// the fingerprint is the indicator itself.

import { ENGINE_IDS } from '../../../common/domain'
import type { Severity } from '../../../common/domain'
import type { EventRef, StoredEvent } from '../../../common/event'
import { EntityCollector } from '../alertEntities'
import { formatCount, formatUtc, listSome, plural } from '../describe'
import type { AlertDraft, DetectionContext, DetectionEngine, EngineResult } from '../engine'
import { alertFingerprint } from '../fingerprint'
import { IocIndex } from './iocIndex'
import type { Indicator, IocMatch } from './iocIndex'
import type { IocType } from './iocTypes'
import { nextTurn } from '../../jobs/nextTurn'

/** Event links kept per alert; the count and first/last seen always cover every matching event. */
export const MAX_EVENT_REFS_PER_IOC_ALERT = 1000

/** Distinct host names or addresses quoted in the description of a domain or range alert. */
const MAX_OBSERVED_VALUES = 20
const SCAN_BATCH_SIZE = 5000

const TYPE_LABELS: Readonly<Record<IocType, string>> = {
  ip: 'IP address',
  cidr: 'address range',
  domain: 'domain',
  url: 'URL',
  md5: 'MD5 hash',
  sha1: 'SHA-1 hash',
  sha256: 'SHA-256 hash',
  user_agent: 'user agent'
}

/**
 * A referrer only says some page linked to (or embedded) the listed site, not that anything here
 * contacted it, so a domain seen nowhere but in referrers is medium; every other hit is high.
 */
const WEAK_EVIDENCE_FIELDS = new Set(['http.request.referrer'])

/**
 * Traffic to a listed address is what command-and-control looks like (T1071, Application Layer
 * Protocol). Other hits — a listed client hitting a web server, a listed agent or hash — do not say which
 * technique was used, so they carry none rather than a guess.
 */
const C2_FIELD = 'destination.ip'
const C2_TECHNIQUE = 'T1071'

interface IndicatorSighting {
  indicator: Indicator
  firstSeen: number
  lastSeen: number
  count: number
  events: EventRef[]
  fields: Set<string>
  observed: Set<string>
  strongEvidence: boolean
  entities: EntityCollector
}

export class IocEngine implements DetectionEngine {
  readonly id = ENGINE_IDS.ioc
  readonly title = 'IOC list matches'
  readonly description =
    'Matches every event against the loaded indicator lists (IP addresses, CIDR ranges, domains and their ' +
    'subdomains, URLs, MD5/SHA-1/SHA-256 hashes, user agents) and raises one alert per indicator seen.'
  readonly dependsOn: readonly string[] = []

  async run(context: DetectionContext): Promise<EngineResult> {
    if (!context.settings.ioc.enabled) {
      return {
        status: 'no_findings',
        priority: 'none',
        summary: 'IOC matching is turned off in settings',
        alerts: []
      }
    }
    if (context.iocs.length === 0) {
      return {
        status: 'no_findings',
        priority: 'none',
        summary: 'No IOC lists are loaded in this case',
        alerts: []
      }
    }
    const index = new IocIndex(context.iocs)
    const listCount = new Set(context.iocs.map((entry) => entry.list)).size
    const total = context.events.count({})
    const sightings = new Map<Indicator, IndicatorSighting>()
    let examined = 0
    let matchedEvents = 0
    for (const batch of context.events.scan({}, { batchSize: SCAN_BATCH_SIZE })) {
      context.signal.throwIfAborted()
      for (const event of batch) {
        const matches = index.match(event)
        if (matches.length > 0) {
          matchedEvents++
          recordMatches(sightings, event, matches)
        }
      }
      examined += batch.length
      context.progress(examined, total)
      await nextTurn()
    }
    const alerts = [...sightings.values()].map((sighting) => this.toAlert(sighting))
    const matchedLists = new Set(
      [...sightings.keys()].flatMap((indicator) => indicator.entries.map((entry) => entry.list))
    ).size
    const loaded = `${plural(index.indicators.length, 'indicator')} from ${plural(listCount, 'list')}`
    if (alerts.length === 0) {
      return {
        status: 'no_findings',
        priority: 'none',
        summary: `None of ${loaded} matched ${plural(examined, 'event')}`,
        alerts
      }
    }
    return {
      status: 'success',
      priority: alerts.some((alert) => alert.severity === 'high') ? 'high' : 'medium',
      summary:
        `${plural(alerts.length, 'indicator')} from ${plural(matchedLists, 'list')} matched ` +
        `${plural(matchedEvents, 'event')} (${loaded} loaded, ${formatCount(examined)} events examined)`,
      alerts
    }
  }

  private toAlert(sighting: IndicatorSighting): AlertDraft {
    const { indicator } = sighting
    const label = TYPE_LABELS[indicator.type]
    const lists = [...new Set(indicator.entries.map((entry) => entry.list))]
    const comments = [
      ...new Set(indicator.entries.flatMap((entry) => (entry.comment ? [entry.comment] : [])))
    ]
    const severity: Severity = sighting.strongEvidence ? 'high' : 'medium'
    const fields = [...sighting.fields].sort()
    const capped =
      sighting.count > sighting.events.length
        ? ` Links the first ${formatCount(sighting.events.length)} of ${formatCount(sighting.count)} events.`
        : ''
    const observed =
      indicator.type === 'cidr' || indicator.type === 'domain'
        ? ` Values seen: ${listSome([...sighting.observed])}.`
        : ''
    const description =
      `${capitalise(label)} ${indicator.value} is listed in ${listSome(lists.map((list) => `'${list}'`))}` +
      (comments.length > 0 ? ` (${listSome(comments, 3)})` : '') +
      `. Seen in ${listSome(fields)} of ${plural(sighting.count, 'event')} from ${formatUtc(sighting.firstSeen)} ` +
      `to ${formatUtc(sighting.lastSeen)}.${observed}` +
      (severity === 'medium' ? ' Seen only as a referrer, so nothing here necessarily contacted it.' : '') +
      capped +
      sighting.entities.cappedNote()
    return {
      fingerprint: alertFingerprint(this.id, `ioc.${indicator.type}`, indicator.key),
      engine: this.id,
      rule: { id: `ioc.${indicator.type}`, title: `Listed ${label}` },
      title: `IOC match: ${label} ${truncate(indicator.value, 120)} (${listSome(lists, 2)})`,
      description,
      severity,
      techniques: sighting.fields.has(C2_FIELD) ? [C2_TECHNIQUE] : [],
      entities: sighting.entities.toEntities(),
      firstSeen: sighting.firstSeen,
      lastSeen: sighting.lastSeen,
      count: sighting.count,
      events: sighting.events
    }
  }
}

function recordMatches(
  sightings: Map<Indicator, IndicatorSighting>,
  event: StoredEvent,
  matches: IocMatch[]
): void {
  const counted = new Set<Indicator>()
  for (const { indicator, field, observed } of matches) {
    let sighting = sightings.get(indicator)
    if (sighting === undefined) {
      sighting = {
        indicator,
        firstSeen: event.timestamp,
        lastSeen: event.timestamp,
        count: 0,
        events: [],
        fields: new Set(),
        observed: new Set(),
        strongEvidence: false,
        entities: new EntityCollector()
      }
      sightings.set(indicator, sighting)
    }
    sighting.fields.add(field)
    if (sighting.observed.size < MAX_OBSERVED_VALUES) sighting.observed.add(observed)
    if (!WEAK_EVIDENCE_FIELDS.has(field) || indicator.type !== 'domain') sighting.strongEvidence = true
    if (counted.has(indicator)) continue
    counted.add(indicator)
    sighting.count++
    sighting.firstSeen = Math.min(sighting.firstSeen, event.timestamp)
    sighting.lastSeen = Math.max(sighting.lastSeen, event.timestamp)
    if (sighting.events.length < MAX_EVENT_REFS_PER_IOC_ALERT) {
      sighting.events.push({ evidenceId: event.provenance.evidenceId, eventId: event.id })
    }
    sighting.entities.ips.add(event.fields['source.ip'])
    sighting.entities.ips.add(event.fields['destination.ip'])
    sighting.entities.users.add(event.fields['user.name'])
    sighting.entities.hosts.add(event.fields['host.name'])
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text
}
