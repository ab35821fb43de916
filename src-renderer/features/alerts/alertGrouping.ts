// How the triage queue is grouped: by severity (the default), by the rule that fired, or by the alert's
// main entity. Groups come most severe first, then largest; within a group alerts are most severe first,
// then most recently seen.

import type { Alert, Severity } from '../../../src-main/common/domain'
import { SEVERITIES, SEVERITY_LABELS } from '../../../src-main/common/domain'
import { mainEntity } from './mainEntity'

export const ALERT_GROUPINGS = ['severity', 'rule', 'entity'] as const
export type AlertGrouping = (typeof ALERT_GROUPINGS)[number]

export const ALERT_GROUPING_LABELS: Record<AlertGrouping, string> = {
  severity: 'Severity',
  rule: 'Rule',
  entity: 'Entity'
}

export interface AlertGroup {
  /** Unique among the groups of one grouping. */
  key: string
  label: string
  /** The most severe alert's severity. */
  severity: Severity
  alerts: Alert[]
}

const rank = (severity: Severity): number => SEVERITIES.indexOf(severity)

function bySeverityThenRecency(a: Alert, b: Alert): number {
  return rank(a.severity) - rank(b.severity) || b.lastSeen - a.lastSeen
}

/** The alerts without a main entity share this group, shown last. */
const NO_ENTITY_KEY = ''

function groupKey(alert: Alert, by: AlertGrouping): { key: string; label: string } {
  if (by === 'severity') return { key: alert.severity, label: SEVERITY_LABELS[alert.severity] }
  if (by === 'rule') return { key: `${alert.engine}/${alert.rule.id}`, label: alert.rule.title }
  const entity = mainEntity(alert)
  return entity
    ? { key: `${entity.kind}:${entity.value}`, label: entity.value }
    : { key: NO_ENTITY_KEY, label: 'No entity' }
}

function groupOrder(a: AlertGroup, b: AlertGroup): number {
  return (
    Number(a.key === NO_ENTITY_KEY) - Number(b.key === NO_ENTITY_KEY) ||
    rank(a.severity) - rank(b.severity) ||
    b.alerts.length - a.alerts.length ||
    a.label.localeCompare(b.label)
  )
}

export function groupAlerts(alerts: readonly Alert[], by: AlertGrouping): AlertGroup[] {
  const groups = new Map<string, AlertGroup>()
  for (const alert of [...alerts].sort(bySeverityThenRecency)) {
    const { key, label } = groupKey(alert, by)
    const group = groups.get(key)
    if (group) group.alerts.push(alert)
    else groups.set(key, { key, label, severity: alert.severity, alerts: [alert] })
  }
  return [...groups.values()].sort(groupOrder)
}
