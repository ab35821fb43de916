// What the CLI prints: the stable --json shapes scripts rely on, and the human summary. Times are ISO
// 8601 in UTC (with the Z), so every printed time carries its zone.

import type { Alert, EvidenceRecord, ImportSummary } from '../common/domain'
import type { StoredEvent } from '../common/event'

export interface JsonEvidence {
  path: string
  /** The member of an archive or folder, when the evidence is one. */
  entry?: string
  sha256: string
  format: string
  records: number
  events: number
  rejected: number
  skipped: number
  status: string
}

export function evidenceJson(evidence: EvidenceRecord): JsonEvidence {
  return {
    path: evidence.path,
    ...(evidence.container ? { entry: evidence.container.entry } : {}),
    sha256: evidence.sha256,
    format: evidence.format,
    records: evidence.records,
    events: evidence.events,
    rejected: evidence.rejected,
    skipped: evidence.skipped,
    status: evidence.status
  }
}

export function alertJson(alert: Alert) {
  return {
    id: alert.id,
    engine: alert.engine,
    rule: { id: alert.rule.id, title: alert.rule.title },
    title: alert.title,
    severity: alert.severity,
    status: alert.status,
    techniques: alert.techniques,
    entities: { ips: alert.entities.ips, users: alert.entities.users, hosts: alert.entities.hosts },
    first_seen: iso(alert.firstSeen),
    last_seen: iso(alert.lastSeen),
    count: alert.count
  }
}

export function eventJson(event: StoredEvent) {
  return {
    timestamp: iso(event.timestamp),
    evidence_id: event.provenance.evidenceId,
    line: event.provenance.line,
    offset: event.provenance.offset,
    fields: event.fields,
    ...(event.extra ? { extra: event.extra } : {}),
    raw: event.raw
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString()
}

export function formatImport(summary: ImportSummary): string {
  const e = summary.evidence
  return `  ${e.name}  [${e.format}]  sha256 ${e.sha256}\n    ${summary.message}`
}

export function formatRefusal(summary: ImportSummary): string {
  return `  ${summary.evidence.name}  NOT IMPORTED\n    ${summary.message}`
}

export function formatAlert(alert: Alert): string {
  const entities = [...alert.entities.ips, ...alert.entities.users.map((user) => `user ${user}`)]
    .slice(0, 4)
    .join(', ')
  return `  ${alert.severity.toUpperCase().padEnd(13)} ${alert.title}\n    ${alert.count} ${alert.count === 1 ? 'event' : 'events'}, ${iso(alert.firstSeen)} – ${iso(alert.lastSeen)}${entities ? `; ${entities}` : ''}${alert.techniques.length ? `; ATT&CK ${alert.techniques.join(', ')}` : ''}`
}

export function formatEvent(event: StoredEvent): string {
  return `${iso(event.timestamp)}  ${event.raw}`
}
