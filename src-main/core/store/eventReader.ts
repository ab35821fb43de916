// The read side of the event store, as detection engines see it: stream matching events in time order.
// Engines depend on this interface only, so the store behind it (sql.js shards today) can change freely.

import type { EventQuery } from '../../common/domain'
import type { StoredEvent } from '../../common/event'

export interface ScanOptions {
  /** Events per yielded batch (default 5,000). */
  batchSize?: number
}

export interface EventReader {
  /** Every event matching the query, ordered by timestamp (ties by evidence, then line), in batches. */
  scan(query: EventQuery, options?: ScanOptions): Iterable<StoredEvent[]>
  /** How many events match the query. */
  count(query: EventQuery): number
}
