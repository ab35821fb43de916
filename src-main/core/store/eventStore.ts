// The event store of one case: one sql.js shard per evidence file under <case>/events/, loaded when the
// case opens (loading on demand under a memory budget comes with size-bounded shards), queried through one
// interface that fans out across shards and merges in time order. This is the interface the UI and the
// detection engines use: filters, time range, paging, counts by field and time.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database, Statement } from 'sql.js'
import type { EventPage, EventQuery, FieldValueCount, Histogram, RejectedLine } from '../../common/domain'
import { EVENT_FIELDS } from '../../common/event'
import type { EventField, EventFieldValues, EventRef, StoredEvent } from '../../common/event'
import { CairnError } from '../../common/errors'
import { loadSqlJs } from '../sqlite/sqlJs'
import { FIELD_COLUMNS } from './eventColumns'
import type { EventReader, ScanOptions } from './eventReader'
import { chooseBucketMs } from './buckets'
import { MergedOrder } from './mergedOrder'
import { compileWhere } from './queryCompiler'
import type { SqlValue } from './queryCompiler'

/** Merged orders kept for paging (each costs 10 bytes a matching event). */
const MERGED_ORDERS_KEPT = 4

const SELECT_COLUMNS = `id, ts, line, byte_offset, ${EVENT_FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ')}, extra, raw`

interface Shard {
  evidenceId: string
  db: Database
}

export function shardPath(caseDir: string, evidenceId: string): string {
  return join(caseDir, 'events', `${evidenceId}.db`)
}

export class EventStore implements EventReader {
  private readonly shards = new Map<string, Shard>()
  private readonly mergedOrders = new Map<string, MergedOrder>()

  private constructor(
    private readonly caseDir: string,
    private readonly SQL: Awaited<ReturnType<typeof loadSqlJs>>
  ) {}

  static async open(caseDir: string, evidenceIds: readonly string[]): Promise<EventStore> {
    const store = new EventStore(caseDir, await loadSqlJs())
    for (const id of evidenceIds) store.attach(id)
    return store
  }

  /** Loads the shard an ingest just wrote (or re-reads it). */
  attach(evidenceId: string): void {
    const path = shardPath(this.caseDir, evidenceId)
    if (!existsSync(path)) {
      throw new CairnError('NOT_FOUND', `event shard for evidence ${evidenceId} is missing at ${path}`)
    }
    this.shards.get(evidenceId)?.db.close()
    this.shards.set(evidenceId, { evidenceId, db: new this.SQL.Database(readFileSync(path)) })
    this.mergedOrders.clear()
  }

  close(): void {
    for (const shard of this.shards.values()) shard.db.close()
    this.shards.clear()
    this.mergedOrders.clear()
  }

  count(query: EventQuery): number {
    const where = compileWhere(query)
    let total = 0
    for (const shard of this.shardsFor(query)) {
      total += Number(singleValue(shard.db, `SELECT count(*) FROM events ${where.sql}`, where.params) ?? 0)
    }
    return total
  }

  page(query: EventQuery, offset: number, limit: number, order: 'asc' | 'desc' = 'asc'): EventPage {
    const shards = this.shardsFor(query)
    const where = compileWhere(query)
    const direction = order === 'asc' ? 'ASC' : 'DESC'
    const total = this.count(query)
    if (shards.length === 1) {
      const events = queryEvents(
        shards[0],
        `SELECT ${SELECT_COLUMNS} FROM events ${where.sql} ORDER BY ts ${direction}, id ${direction} LIMIT ? OFFSET ?`,
        [...where.params, limit, offset]
      )
      return { total, offset, events }
    }
    // Several shards: page through the merged order of this query, built on first use and kept.
    const merged = this.mergedOrder(query, shards, order)
    const byShard = new Map<number, number[]>()
    const stop = Math.min(offset + limit, merged.size)
    for (let position = offset; position < stop; position++) {
      const shardIndex = merged.shardAt[position]
      const ids = byShard.get(shardIndex) ?? []
      ids.push(merged.idAt[position])
      byShard.set(shardIndex, ids)
    }
    const loaded = new Map<string, StoredEvent>()
    for (const [shardIndex, ids] of byShard) {
      for (const event of this.loadByIds(shards[shardIndex], ids))
        loaded.set(`${shardIndex}:${event.id}`, event)
    }
    const events: StoredEvent[] = []
    for (let position = offset; position < stop; position++) {
      const event = loaded.get(`${merged.shardAt[position]}:${merged.idAt[position]}`)
      if (event) events.push(event)
    }
    return { total, offset, events }
  }

  /** The merged order of a query across shards, from a small cache cleared whenever a shard is attached. */
  private mergedOrder(query: EventQuery, shards: Shard[], order: 'asc' | 'desc'): MergedOrder {
    const key = JSON.stringify([query, order])
    const cached = this.mergedOrders.get(key)
    if (cached) {
      this.mergedOrders.delete(key)
      this.mergedOrders.set(key, cached)
      return cached
    }
    const where = compileWhere(query)
    const merged = MergedOrder.build(shards, where.sql, where.params, order)
    this.mergedOrders.set(key, merged)
    if (this.mergedOrders.size > MERGED_ORDERS_KEPT)
      this.mergedOrders.delete(this.mergedOrders.keys().next().value!)
    return merged
  }

  get(ref: EventRef): StoredEvent {
    const shard = this.shards.get(ref.evidenceId)
    const event = shard ? this.loadByIds(shard, [ref.eventId])[0] : undefined
    if (!event)
      throw new CairnError('NOT_FOUND', `event ${ref.eventId} of evidence ${ref.evidenceId} does not exist`)
    return event
  }

  /** Loads the referenced events (unknown refs are skipped), in time order. */
  getMany(refs: readonly EventRef[]): StoredEvent[] {
    const byEvidence = new Map<string, number[]>()
    for (const ref of refs) {
      const ids = byEvidence.get(ref.evidenceId)
      if (ids) ids.push(ref.eventId)
      else byEvidence.set(ref.evidenceId, [ref.eventId])
    }
    const events: StoredEvent[] = []
    for (const [evidenceId, ids] of byEvidence) {
      const shard = this.shards.get(evidenceId)
      if (shard) events.push(...this.loadByIds(shard, ids))
    }
    return events.sort(compareEvents)
  }

  /** The references in time order (ties by evidence, then id), reading only their timestamps; unknown refs are dropped. */
  orderRefs(refs: readonly EventRef[]): EventRef[] {
    const keyed: { ts: number; ref: EventRef }[] = []
    const byEvidence = new Map<string, number[]>()
    for (const ref of refs) {
      const ids = byEvidence.get(ref.evidenceId)
      if (ids) ids.push(ref.eventId)
      else byEvidence.set(ref.evidenceId, [ref.eventId])
    }
    for (const [evidenceId, ids] of byEvidence) {
      const shard = this.shards.get(evidenceId)
      if (!shard) continue
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        const stmt = shard.db.prepare(
          `SELECT id, ts FROM events WHERE id IN (${chunk.map(() => '?').join(',')})`
        )
        try {
          stmt.bind(chunk)
          while (stmt.step()) {
            const [eventId, ts] = stmt.get() as [number, number]
            keyed.push({ ts, ref: { evidenceId, eventId } })
          }
        } finally {
          stmt.free()
        }
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
    const cursors = this.shardsFor(query).map(
      (shard) => new ShardCursor(shard, where.sql, where.params, batchSize)
    )
    let batch: StoredEvent[] = []
    for (;;) {
      let next: ShardCursor | null = null
      for (const cursor of cursors) {
        const head = cursor.peek()
        if (head && (!next || compareEvents(head, next.peek()!) < 0)) next = cursor
      }
      if (!next) break
      batch.push(next.take())
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
    for (const shard of this.shardsFor(query)) {
      const row = firstRow(shard.db, `SELECT min(ts), max(ts) FROM events ${where.sql}`, where.params)
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
    for (const shard of this.shardsFor(query)) {
      const stmt = shard.db.prepare(
        `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) FROM events ${where.sql} GROUP BY b`
      )
      try {
        stmt.bind([start, bucketMs, ...where.params])
        while (stmt.step()) {
          const [bucket, count] = stmt.get() as [number, number]
          counts.set(bucket, (counts.get(bucket) ?? 0) + count)
        }
      } finally {
        stmt.free()
      }
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
    for (const shard of this.shardsFor(query)) {
      const stmt = shard.db.prepare(`SELECT ${column}, count(*) FROM events ${notNull} GROUP BY ${column}`)
      try {
        stmt.bind(where.params)
        while (stmt.step()) {
          const [value, count] = stmt.get() as [string | number, number]
          counts.set(value, (counts.get(value) ?? 0) + count)
        }
      } finally {
        stmt.free()
      }
    }
    return [...counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, limit)
  }

  rejected(evidenceId: string, offset: number, limit: number): { total: number; lines: RejectedLine[] } {
    const shard = this.shards.get(evidenceId)
    if (!shard) throw new CairnError('NOT_FOUND', `evidence ${evidenceId} has no event shard in this case`)
    const total = Number(singleValue(shard.db, 'SELECT count(*) FROM rejected', []) ?? 0)
    const lines: RejectedLine[] = []
    const stmt = shard.db.prepare(
      'SELECT line, byte_offset, raw, reason FROM rejected ORDER BY line LIMIT ? OFFSET ?'
    )
    try {
      stmt.bind([limit, offset])
      while (stmt.step()) {
        const [line, byteOffset, raw, reason] = stmt.get() as [number, number, string, string]
        lines.push({ line, offset: byteOffset, raw, reason })
      }
    } finally {
      stmt.free()
    }
    return { total, lines }
  }

  /** The shards a query reads, in evidence-id order: the tie-break for events at the same instant. */
  private shardsFor(query: EventQuery): Shard[] {
    const all = [...this.shards.values()].sort((a, b) =>
      a.evidenceId < b.evidenceId ? -1 : a.evidenceId > b.evidenceId ? 1 : 0
    )
    return query.evidenceIds ? all.filter((shard) => query.evidenceIds!.includes(shard.evidenceId)) : all
  }

  private loadByIds(shard: Shard, ids: readonly number[]): StoredEvent[] {
    const events: StoredEvent[] = []
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500)
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

/** Reads one shard in (ts, id) order in keyset-paged batches, for the k-way merge of scan(). */
class ShardCursor {
  private buffer: StoredEvent[] = []
  private position = 0
  private exhausted = false
  private last: { ts: number; id: number } | null = null

  constructor(
    private readonly shard: Shard,
    private readonly where: string,
    private readonly params: SqlValue[],
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
    const after = this.last ? `${this.where ? this.where + ' AND' : 'WHERE'} (ts, id) > (?, ?)` : this.where
    const params = this.last ? [...this.params, this.last.ts, this.last.id] : this.params
    this.buffer = queryEvents(
      this.shard,
      `SELECT ${SELECT_COLUMNS} FROM events ${after} ORDER BY ts, id LIMIT ?`,
      [...params, this.batchSize]
    )
    this.position = 0
    if (this.buffer.length < this.batchSize) this.exhausted = true
    const tail = this.buffer[this.buffer.length - 1]
    if (tail) this.last = { ts: tail.timestamp, id: tail.id }
  }
}

function queryEvents(shard: Shard, sql: string, params: SqlValue[]): StoredEvent[] {
  const stmt: Statement = shard.db.prepare(sql)
  const events: StoredEvent[] = []
  try {
    stmt.bind(params)
    while (stmt.step()) events.push(rowToEvent(shard.evidenceId, stmt.get() as SqlValue[]))
  } finally {
    stmt.free()
  }
  return events
}

function rowToEvent(evidenceId: string, row: SqlValue[]): StoredEvent {
  const fields: EventFieldValues = {}
  for (let i = 0; i < EVENT_FIELDS.length; i++) {
    const value = row[4 + i]
    if (value !== null) fields[EVENT_FIELDS[i]] = value
  }
  const extra = row[4 + EVENT_FIELDS.length]
  return {
    id: Number(row[0]),
    timestamp: Number(row[1]),
    provenance: { evidenceId, line: Number(row[2]), offset: Number(row[3]) },
    fields,
    ...(extra ? { extra: JSON.parse(String(extra)) as Record<string, string | number> } : {}),
    raw: String(row[5 + EVENT_FIELDS.length])
  }
}

function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return (
    a.timestamp - b.timestamp ||
    (a.provenance.evidenceId < b.provenance.evidenceId
      ? -1
      : a.provenance.evidenceId > b.provenance.evidenceId
        ? 1
        : 0) ||
    a.id - b.id
  )
}

function firstRow(db: Database, sql: string, params: SqlValue[]): SqlValue[] | undefined {
  const stmt = db.prepare(sql)
  try {
    stmt.bind(params)
    return stmt.step() ? (stmt.get() as SqlValue[]) : undefined
  } finally {
    stmt.free()
  }
}

function singleValue(db: Database, sql: string, params: SqlValue[]): SqlValue | undefined {
  return firstRow(db, sql, params)?.[0]
}
