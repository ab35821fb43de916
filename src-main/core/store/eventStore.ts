// The event store of one case: size-bounded sql.js shards under <case>/events/<evidence>/, listed in a
// catalog and loaded on demand within a memory budget (ShardCache), queried through one interface that
// fans out across shards and merges in time order. The catalog's id and time ranges let a query skip the
// shards that cannot match without loading them. This is the interface the UI and the engines use.

import type { SqlJsStatic } from 'sql.js'
import { join } from 'node:path'
import type { EventPage, EventQuery, FieldValueCount, Histogram, RejectedLine } from '../../common/domain'
import type { EventField, EventRef, StoredEvent } from '../../common/event'
import { CairnError } from '../../common/errors'
import { loadSqlJs } from '../sqlite/sqlJs'
import { chooseBucketMs } from './buckets'
import { FIELD_COLUMNS } from './eventColumns'
import type { EventReader, ScanOptions } from './eventReader'
import { leadingKeys } from './leadingKeys'
import { MergedOrder, type ShardReader } from './mergedOrder'
import { RunHeap } from './runHeap'
import { compileWhere, type CompiledWhere, type SqlValue } from './queryCompiler'
import { ShardCache, type LoadedShard } from './shardCache'
import type { ShardInfo } from './shardInfo'
import { compareEvents, eachRow, firstRow, queryEvents, SELECT_COLUMNS } from './shardRows'

/** Merged orders kept for paging (each costs 12 bytes a matching event). */
const MERGED_ORDERS_KEPT = 4
/** Default memory budget for loaded shards. */
export const DEFAULT_MEMORY_BUDGET_BYTES = 1024 * 1024 * 1024
/** Pages that end within this many events of the start (or the end, descending) skip the full merge. */
const LEADING_PAGES_DEPTH = 10_000
/** Ids looked up per statement (SQLite binds at most 32,766 values). */
const IDS_PER_STATEMENT = 500

export class EventStore implements EventReader {
  /** Every shard, in evidence, range and part order: the order that breaks ties between equal times. */
  private catalog: ShardInfo[] = []
  /** The same shards by evidence source, in range and part order: for look-ups by event reference. */
  private readonly byEvidence = new Map<string, ShardInfo[]>()
  private readonly mergedOrders = new Map<string, MergedOrder>()
  private readonly cache: ShardCache

  private constructor(SQL: SqlJsStatic, caseDir: string, budgetBytes: number) {
    this.cache = new ShardCache(SQL, join(caseDir, 'events'), budgetBytes)
  }

  static async open(
    caseDir: string,
    shards: readonly ShardInfo[],
    budgetBytes = DEFAULT_MEMORY_BUDGET_BYTES
  ): Promise<EventStore> {
    const store = new EventStore(await loadSqlJs(), caseDir, budgetBytes)
    for (const info of shards) store.addShard(info)
    return store
  }

  /** Adds a shard an import has just written. */
  addShard(info: ShardInfo): void {
    // Kept in order by insertion at the right place: a folder of many small files adds many shards.
    let low = 0
    let high = this.catalog.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (compareShards(this.catalog[middle], info) < 0) low = middle + 1
      else high = middle
    }
    this.catalog.splice(low, 0, info)
    const own = this.byEvidence.get(info.evidenceId) ?? []
    own.push(info)
    own.sort(compareShards)
    this.byEvidence.set(info.evidenceId, own)
    this.mergedOrders.clear()
  }

  /** Forgets an evidence source's shards (it is being removed). */
  removeEvidence(evidenceId: string): void {
    this.cache.drop(evidenceId)
    this.catalog = this.catalog.filter((info) => info.evidenceId !== evidenceId)
    this.byEvidence.delete(evidenceId)
    this.mergedOrders.clear()
  }

  shardsOf(evidenceId: string): ShardInfo[] {
    return this.byEvidence.get(evidenceId) ?? []
  }

  /** Bytes of shards in memory now (bounded by the budget, but for one shard larger than it). */
  get bytesLoaded(): number {
    return this.cache.bytesLoaded
  }

  close(): void {
    this.cache.close()
    this.catalog = []
    this.byEvidence.clear()
    this.mergedOrders.clear()
  }

  count(query: EventQuery): number {
    const where = compileWhere(query)
    let total = 0
    for (const info of this.shardsFor(query, where)) {
      if (coversWholeShard(query, info)) {
        total += info.events
        continue
      }
      const shard = this.use(info, where)
      total += Number(firstRow(shard.db, `SELECT count(*) FROM events ${where.sql}`, where.params)?.[0] ?? 0)
    }
    return total
  }

  page(query: EventQuery, offset: number, limit: number, order: 'asc' | 'desc' = 'asc'): EventPage {
    const where = compileWhere(query)
    const shards = this.shardsFor(query, where)
    const direction = order === 'asc' ? 'ASC' : 'DESC'
    const total = this.count(query)
    if (shards.length === 1) {
      const shard = this.use(shards[0], where)
      const events = queryEvents(
        shard,
        `SELECT ${SELECT_COLUMNS} FROM events ${where.sql} ORDER BY ts ${direction}, id ${direction} LIMIT ? OFFSET ?`,
        [...where.params, limit, offset]
      )
      return { total, offset, events }
    }
    // Several shards: the opening pages come from the shards that can hold them; deeper pages from the
    // merged order of the whole query, built on first use and kept.
    const keys = this.pageKeys(query, shards, where, order, offset, limit)
    const byShard = new Map<number, number[]>()
    for (const key of keys) {
      const ids = byShard.get(key.shard) ?? []
      ids.push(key.id)
      byShard.set(key.shard, ids)
    }
    const loaded = new Map<string, StoredEvent>()
    for (const [shardIndex, ids] of byShard) {
      for (const event of this.loadByIds(shards[shardIndex], ids))
        loaded.set(`${shardIndex}:${event.id}`, event)
    }
    const events: StoredEvent[] = []
    for (const key of keys) {
      const event = loaded.get(`${key.shard}:${key.id}`)
      if (event) events.push(event)
    }
    return { total, offset, events }
  }

  /** The (shard, id) keys of one page of a query over several shards, in order. */
  private pageKeys(
    query: EventQuery,
    shards: ShardInfo[],
    where: CompiledWhere,
    order: 'asc' | 'desc',
    offset: number,
    limit: number
  ): { shard: number; id: number }[] {
    const readers = shards.map(
      (info) => (sql: string, params: SqlValue[], onRow: (row: SqlValue[]) => void) =>
        eachRow(this.use(info, where).db, sql, params, onRow)
    )
    if (offset + limit <= LEADING_PAGES_DEPTH && !this.mergedOrders.has(mergedOrderKey(query, order))) {
      return leadingKeys(shards, readers, where.sql, where.params, order, offset + limit).slice(offset)
    }
    const merged = this.mergedOrder(query, readers, where, order)
    const keys: { shard: number; id: number }[] = []
    const stop = Math.min(offset + limit, merged.size)
    for (let position = offset; position < stop; position++) {
      keys.push({ shard: merged.shardAt[position], id: merged.idAt[position] })
    }
    return keys
  }

  get(ref: EventRef): StoredEvent {
    const info = this.shardHolding(ref)
    const event = info ? this.loadByIds(info, [ref.eventId])[0] : undefined
    if (!event)
      throw new CairnError('NOT_FOUND', `event ${ref.eventId} of evidence ${ref.evidenceId} does not exist`)
    return event
  }

  /** Loads the referenced events (unknown refs are skipped), in time order. */
  getMany(refs: readonly EventRef[]): StoredEvent[] {
    const events: StoredEvent[] = []
    for (const [info, ids] of this.groupByShard(refs)) events.push(...this.loadByIds(info, ids))
    return events.sort(compareEvents)
  }

  /** The references in time order (ties by evidence, then id), reading only their timestamps; unknown refs are dropped. */
  orderRefs(refs: readonly EventRef[]): EventRef[] {
    const keyed: { ts: number; ref: EventRef }[] = []
    for (const [info, ids] of this.groupByShard(refs)) {
      const shard = this.cache.use(info)
      for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
        const chunk = ids.slice(i, i + IDS_PER_STATEMENT)
        eachRow(
          shard.db,
          `SELECT id, ts FROM events WHERE id IN (${chunk.map(() => '?').join(',')})`,
          chunk,
          (row) =>
            keyed.push({ ts: Number(row[1]), ref: { evidenceId: info.evidenceId, eventId: Number(row[0]) } })
        )
      }
    }
    keyed.sort(
      (a, b) =>
        a.ts - b.ts ||
        (a.ref.evidenceId < b.ref.evidenceId ? -1 : a.ref.evidenceId > b.ref.evidenceId ? 1 : 0) ||
        a.ref.eventId - b.ref.eventId
    )
    return keyed.map((entry) => entry.ref)
  }

  *scan(query: EventQuery, options: ScanOptions = {}): Iterable<StoredEvent[]> {
    const batchSize = options.batchSize ?? 5_000
    const where = compileWhere(query)
    const cursors = this.shardsFor(query, where).map(
      (info) => new ShardCursor(() => this.use(info, where), where, batchSize)
    )
    const heap = new RunHeap((a, b) => {
      const order = compareEvents(cursors[a].peek()!, cursors[b].peek()!)
      return order === 0 ? a < b : order < 0
    })
    cursors.forEach((cursor, index) => {
      if (cursor.peek()) heap.push(index)
    })
    let batch: StoredEvent[] = []
    while (heap.size) {
      const next = cursors[heap.peek()!]
      batch.push(next.take())
      if (next.peek()) heap.fix()
      else heap.pop()
      if (batch.length >= batchSize) {
        yield batch
        batch = []
      }
    }
    if (batch.length) yield batch
  }

  timeRange(query: EventQuery): { from: number; to: number } | null {
    const where = compileWhere(query)
    let from = Infinity
    let to = -Infinity
    for (const info of this.shardsFor(query, where)) {
      if (coversWholeShard(query, info)) {
        from = Math.min(from, info.firstTs!)
        to = Math.max(to, info.lastTs!)
        continue
      }
      const row = firstRow(
        this.use(info, where).db,
        `SELECT min(ts), max(ts) FROM events ${where.sql}`,
        where.params
      )
      if (row && row[0] !== null) {
        from = Math.min(from, Number(row[0]))
        to = Math.max(to, Number(row[1]))
      }
    }
    return from === Infinity ? null : { from, to }
  }

  histogram(query: EventQuery, maxBuckets: number): Histogram {
    const range = this.timeRange(query)
    if (!range) return { bucketMs: 60_000, buckets: [] }
    const bucketMs = chooseBucketMs(range.to - range.from + 1, maxBuckets)
    const start = Math.floor(range.from / bucketMs) * bucketMs
    const counts = new Map<number, number>()
    const where = compileWhere(query)
    for (const info of this.shardsFor(query, where)) {
      eachRow(
        this.use(info, where).db,
        `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) FROM events ${where.sql} GROUP BY b`,
        [start, bucketMs, ...where.params],
        (row) => counts.set(Number(row[0]), (counts.get(Number(row[0])) ?? 0) + Number(row[1]))
      )
    }
    const last = Math.floor((range.to - start) / bucketMs)
    const buckets = []
    for (let b = 0; b <= last; b++) buckets.push({ start: start + b * bucketMs, count: counts.get(b) ?? 0 })
    return { bucketMs, buckets }
  }

  topValues(query: EventQuery, field: EventField, limit: number): FieldValueCount[] {
    const column = FIELD_COLUMNS[field]
    const where = compileWhere(query)
    const notNull = `${where.sql ? where.sql + ' AND' : 'WHERE'} ${column} IS NOT NULL`
    const counts = new Map<string | number, number>()
    for (const info of this.shardsFor(query, where)) {
      eachRow(
        this.use(info, where).db,
        `SELECT ${column}, count(*) FROM events ${notNull} GROUP BY ${column}`,
        where.params,
        (row) => {
          const value = row[0] as string | number
          counts.set(value, (counts.get(value) ?? 0) + Number(row[1]))
        }
      )
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, limit)
  }

  /** Rejected records of one evidence source in record order, a page at a time. */
  rejected(evidenceId: string, offset: number, limit: number): { total: number; lines: RejectedLine[] } {
    const shards = this.shardsOf(evidenceId)
    const total = shards.reduce((sum, info) => sum + info.rejected, 0)
    const lines: RejectedLine[] = []
    let skip = offset
    for (const info of shards) {
      if (lines.length >= limit) break
      if (skip >= info.rejected) {
        skip -= info.rejected
        continue
      }
      eachRow(
        this.cache.use(info).db,
        'SELECT line, byte_offset, raw, reason FROM rejected ORDER BY line LIMIT ? OFFSET ?',
        [limit - lines.length, skip],
        (row) =>
          lines.push({
            line: Number(row[0]),
            offset: Number(row[1]),
            raw: String(row[2]),
            reason: String(row[3])
          })
      )
      skip = 0
    }
    return { total, lines }
  }

  /**
   * The shards a query can match: by evidence, and by its time window (the query text's bounds included)
   * against each shard's catalog entry.
   */
  private shardsFor(query: EventQuery, { from, to }: CompiledWhere): ShardInfo[] {
    return this.catalog.filter(
      (info) =>
        info.events > 0 &&
        (!query.evidenceIds || query.evidenceIds.includes(info.evidenceId)) &&
        (from === undefined || info.lastTs! >= from) &&
        (to === undefined || info.firstTs! < to)
    )
  }

  private use(info: ShardInfo, where: CompiledWhere): LoadedShard {
    return this.cache.use(info, { columns: where.columns, fullText: where.fullText })
  }

  /** The merged order of a query across shards, from a small cache cleared whenever the catalog changes. */
  private mergedOrder(
    query: EventQuery,
    readers: ShardReader[],
    where: CompiledWhere,
    order: 'asc' | 'desc'
  ): MergedOrder {
    const key = mergedOrderKey(query, order)
    const cached = this.mergedOrders.get(key)
    if (cached) {
      this.mergedOrders.delete(key)
      this.mergedOrders.set(key, cached)
      return cached
    }
    const merged = MergedOrder.build(readers, where.sql, where.params, order)
    this.mergedOrders.set(key, merged)
    if (this.mergedOrders.size > MERGED_ORDERS_KEPT)
      this.mergedOrders.delete(this.mergedOrders.keys().next().value!)
    return merged
  }

  private shardHolding(ref: EventRef): ShardInfo | undefined {
    return this.byEvidence
      .get(ref.evidenceId)
      ?.find((info) => ref.eventId >= info.firstId && ref.eventId <= info.lastId)
  }

  private groupByShard(refs: readonly EventRef[]): Map<ShardInfo, number[]> {
    const groups = new Map<ShardInfo, number[]>()
    for (const ref of refs) {
      const info = this.shardHolding(ref)
      if (!info) continue
      const ids = groups.get(info)
      if (ids) ids.push(ref.eventId)
      else groups.set(info, [ref.eventId])
    }
    return groups
  }

  private loadByIds(info: ShardInfo, ids: readonly number[]): StoredEvent[] {
    const shard = this.cache.use(info)
    const events: StoredEvent[] = []
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
      const chunk = ids.slice(i, i + IDS_PER_STATEMENT)
      events.push(
        ...queryEvents(
          shard,
          `SELECT ${SELECT_COLUMNS} FROM events WHERE id IN (${chunk.map(() => '?').join(',')})`,
          chunk
        )
      )
    }
    return events
  }
}

function mergedOrderKey(query: EventQuery, order: 'asc' | 'desc'): string {
  return JSON.stringify([query, order])
}

function compareShards(a: ShardInfo, b: ShardInfo): number {
  return (
    (a.evidenceId < b.evidenceId ? -1 : a.evidenceId > b.evidenceId ? 1 : 0) ||
    a.range - b.range ||
    a.part - b.part
  )
}

/** True when a query asks for nothing but a time window that holds the whole shard: its catalog count answers. */
function coversWholeShard(query: EventQuery, info: ShardInfo): boolean {
  return (
    !query.filters?.length &&
    !query.text &&
    !query.match &&
    !query.query?.trim() &&
    info.firstTs !== null &&
    (query.from === undefined || info.firstTs >= query.from) &&
    (query.to === undefined || info.lastTs! < query.to)
  )
}

/** Reads one shard in (ts, id) order in keyset-paged batches, for the k-way merge of scan(). */
class ShardCursor {
  private buffer: StoredEvent[] = []
  private position = 0
  private exhausted = false
  private last: { ts: number; id: number } | null = null

  constructor(
    private readonly shard: () => LoadedShard,
    private readonly where: CompiledWhere,
    private readonly batchSize: number
  ) {}

  peek(): StoredEvent | undefined {
    if (this.position >= this.buffer.length && !this.exhausted) this.refill()
    return this.buffer[this.position]
  }

  take(): StoredEvent {
    return this.buffer[this.position++]
  }

  private refill(): void {
    const { sql, params } = this.where
    const after = this.last ? `${sql ? sql + ' AND' : 'WHERE'} (ts, id) > (?, ?)` : sql
    const bound = this.last ? [...params, this.last.ts, this.last.id] : params
    this.buffer = queryEvents(
      this.shard(),
      `SELECT ${SELECT_COLUMNS} FROM events ${after} ORDER BY ts, id LIMIT ?`,
      [...bound, this.batchSize]
    )
    this.position = 0
    if (this.buffer.length < this.batchSize) this.exhausted = true
    const tail = this.buffer[this.buffer.length - 1]
    if (tail) this.last = { ts: tail.timestamp, id: tail.id }
  }
}
