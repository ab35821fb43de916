// The make-up of one Windows evidence source — which channels, providers and event ids it holds — so a
// responder sees at import what a log is about before reading a single event. Counts come from the event
// store's own grouping over that source's shards; everything past the top values is summed as "others".

import type { EventQuery, FieldValueCount } from '../../common/domain'
import type { EventField } from '../../common/event'
import type { ValueBreakdown, WindowsSourceBreakdown } from '../../common/windows'
import type { EventStore } from '../store/eventStore'

/** The store queries a breakdown needs. */
export type BreakdownSource = Pick<EventStore, 'count' | 'topValues'>

export function windowsSourceBreakdown(
  events: BreakdownSource,
  evidenceId: string,
  limit: number
): WindowsSourceBreakdown {
  const query: EventQuery = { evidenceIds: [evidenceId] }
  const total = events.count(query)
  const breakdown = (field: EventField): ValueBreakdown =>
    splitTop(events.topValues(query, field, Number.MAX_SAFE_INTEGER), total, limit)
  return {
    evidenceId,
    events: total,
    channels: breakdown('winlog.channel'),
    providers: breakdown('event.provider'),
    eventIds: breakdown('event.code')
  }
}

/** The first `limit` of all values (most frequent first), the rest summed, and the events without one. */
export function splitTop(values: readonly FieldValueCount[], total: number, limit: number): ValueBreakdown {
  const top = values.slice(0, limit)
  const counted = values.reduce((sum, entry) => sum + entry.count, 0)
  const shown = top.reduce((sum, entry) => sum + entry.count, 0)
  return { top, others: counted - shown, distinct: values.length, missing: Math.max(0, total - counted) }
}
