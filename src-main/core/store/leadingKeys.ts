// The first events of a query across many shards without merging all of them: shards are visited in the
// order their time ranges start (from the catalog), each gives only its own first `count` keys, and the
// visit stops at the first shard that starts after the count-th key found so far. The opening pages of
// the event list then read a few rows from the shards that can hold them, not every key of every shard.

import type { SqlValue } from './queryCompiler'

export interface ShardBounds {
  firstTs: number | null
  lastTs: number | null
}

/** Runs a statement against one shard (loading it if need be), row by row. */
export type ShardRows = (sql: string, params: SqlValue[], onRow: (row: SqlValue[]) => void) => void

export interface LeadingKey {
  ts: number
  /** Index into the shard list given. */
  shard: number
  id: number
}

/**
 * The first `count` (ts, id) keys of the query in the merged order: time, then the shard's place in the
 * list, then id — ascending ids for 'asc', descending for 'desc', as the full merge orders them.
 */
export function leadingKeys(
  shards: readonly ShardBounds[],
  readers: readonly ShardRows[],
  where: string,
  params: SqlValue[],
  order: 'asc' | 'desc',
  count: number
): LeadingKey[] {
  const asc = order === 'asc'
  const direction = asc ? 'ASC' : 'DESC'
  const compare = (a: LeadingKey, b: LeadingKey) =>
    (asc ? a.ts - b.ts : b.ts - a.ts) || a.shard - b.shard || (asc ? a.id - b.id : b.id - a.id)
  const visit = shards
    .map((bounds, index) => ({ start: asc ? bounds.firstTs! : bounds.lastTs!, index }))
    .sort((a, b) => (asc ? a.start - b.start : b.start - a.start) || a.index - b.index)
  let best: LeadingKey[] = []
  for (const { start, index } of visit) {
    if (best.length >= count) {
      const last = best[count - 1].ts
      if (asc ? start > last : start < last) break
    }
    const found: LeadingKey[] = []
    readers[index](
      `SELECT ts, id FROM events ${where} ORDER BY ts ${direction}, id ${direction} LIMIT ?`,
      [...params, count],
      (row) => found.push({ ts: Number(row[0]), shard: index, id: Number(row[1]) })
    )
    best = best.concat(found).sort(compare).slice(0, count)
  }
  return best
}
