// "Open contributing events in the explorer": the events screen's query for an alert — its time span and
// its main entity — set through the events store as any drill-in is. The span ends after the last seen
// second, as the explorer's "To" is exclusive and shown in whole seconds.

import type { Alert, EventQuery } from '../../../src-main/common/domain'
import { useEventsStore } from '../../stores/events'
import { useUiStore } from '../../stores/ui'
import { mainEntity } from './mainEntity'

const SECOND_MS = 1000

export function explorerQueryFor(alert: Pick<Alert, 'firstSeen' | 'lastSeen' | 'entities'>): EventQuery {
  const entity = mainEntity(alert)
  return {
    from: alert.firstSeen,
    to: Math.floor(alert.lastSeen / SECOND_MS) * SECOND_MS + SECOND_MS,
    ...(entity && { filters: [{ field: entity.field, op: 'eq', value: entity.value }] })
  }
}

export function openInExplorer(alert: Pick<Alert, 'firstSeen' | 'lastSeen' | 'entities'>): void {
  const events = useEventsStore()
  const query = explorerQueryFor(alert)
  events.clear()
  events.setTimeRange(query.from ?? null, query.to ?? null)
  for (const filter of query.filters ?? []) events.addFilter(filter)
  useUiStore().navigate('events')
}
