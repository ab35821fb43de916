// The triage queue's filters: status plus severity, engine and ATT&CK technique, combinable. Each choice
// is counted as "how many alerts it would show with the other filters as they are", so the number beside a
// choice is what the queue holds once it is picked.

import type { Alert, AlertStatus, Severity } from '../../../src-main/common/domain'
import { SEVERITIES } from '../../../src-main/common/domain'

export type AlertStatusFilter = AlertStatus | 'all'

/** One value per dimension; null lets every alert through. */
export interface AlertFilters {
  status: AlertStatusFilter
  severity: Severity | null
  engine: string | null
  technique: string | null
}

export type AlertFilterKey = keyof AlertFilters

const PASSES: { [K in AlertFilterKey]: (alert: Alert, wanted: NonNullable<AlertFilters[K]>) => boolean } = {
  status: (alert, wanted) => wanted === 'all' || alert.status === wanted,
  severity: (alert, wanted) => alert.severity === wanted,
  engine: (alert, wanted) => alert.engine === wanted,
  technique: (alert, wanted) => alert.techniques.includes(wanted)
}

function passes<K extends AlertFilterKey>(alert: Alert, key: K, wanted: AlertFilters[K]): boolean {
  return wanted === null || PASSES[key](alert, wanted as NonNullable<AlertFilters[K]>)
}

/** Whether an alert passes every filter except the one named by `ignoring`. */
export function matchesFilters(alert: Alert, filters: AlertFilters, ignoring?: AlertFilterKey): boolean {
  return (Object.keys(PASSES) as AlertFilterKey[]).every(
    (key) => key === ignoring || passes(alert, key, filters[key])
  )
}

export interface FilterChoice<V> {
  value: V
  count: number
}

export interface FilterChoices {
  severity: FilterChoice<Severity>[]
  engine: FilterChoice<string>[]
  technique: FilterChoice<string>[]
}

function counted<V>(values: V[], countOf: (value: V) => number): FilterChoice<V>[] {
  return values.map((value) => ({ value, count: countOf(value) }))
}

/**
 * The choices each filter offers, from the values the loaded alerts carry (severities in severity order,
 * engines and techniques alphabetically), each with its count under the other filters.
 */
export function filterChoices(alerts: readonly Alert[], filters: AlertFilters): FilterChoices {
  const others = (ignoring: AlertFilterKey): Alert[] =>
    alerts.filter((alert) => matchesFilters(alert, filters, ignoring))
  const bySeverity = others('severity')
  const byEngine = others('engine')
  const byTechnique = others('technique')
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort()
  return {
    severity: counted(
      SEVERITIES.filter((severity) => alerts.some((alert) => alert.severity === severity)),
      (severity) => bySeverity.filter((alert) => alert.severity === severity).length
    ),
    engine: counted(
      sorted(alerts.map((alert) => alert.engine)),
      (engine) => byEngine.filter((alert) => alert.engine === engine).length
    ),
    technique: counted(
      sorted(alerts.flatMap((alert) => alert.techniques)),
      (technique) => byTechnique.filter((alert) => alert.techniques.includes(technique)).length
    )
  }
}

/** Alerts per status (and in all) under the other filters: the counts on the status toggles. */
export function countsByStatus(
  alerts: readonly Alert[],
  filters: AlertFilters
): Record<AlertStatusFilter, number> {
  const counts: Record<AlertStatusFilter, number> = { all: 0, new: 0, in_progress: 0, closed: 0 }
  for (const alert of alerts) {
    if (!matchesFilters(alert, filters, 'status')) continue
    counts[alert.status] += 1
    counts.all += 1
  }
  return counts
}
