// Builds one event shard in memory as events stream in (batched transactions through one prepared
// statement), then indexes it and writes it to disk atomically. Runs inside the ingest worker.

import type { Database, Statement } from 'sql.js'
import { EVENT_FIELDS } from '../../common/event'
import type { NormalisedEvent } from '../../common/event'
import { loadSqlJs } from '../sqlite/sqlJs'
import { writeFileAtomic } from '../sqlite/atomicFile'
import { FIELD_COLUMNS } from './eventColumns'
import { shardIndexSql, shardSchemaSql } from './shardSchema'

const BATCH_SIZE = 50_000

export class ShardWriter {
  private pendingInTransaction = 0
  private readonly insertEvent: Statement
  private readonly insertRejected: Statement
  private readonly row: (string | number | null)[]

  private constructor(private readonly db: Database) {
    // The shard is built in memory and written once at the end: no rollback journal, no syncs, a page cache
    // big enough that pages are not spilled to sql.js's in-memory file system between batches.
    db.exec(
      'PRAGMA page_size = 65536; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY'
    )
    db.exec(shardSchemaSql())
    const columns = EVENT_FIELDS.map((field) => FIELD_COLUMNS[field])
    this.insertEvent = db.prepare(
      `INSERT INTO events (ts, line, byte_offset, ${columns.join(', ')}, extra, raw)
       VALUES (${new Array(columns.length + 5).fill('?').join(', ')})`
    )
    this.insertRejected = db.prepare(
      'INSERT INTO rejected (line, byte_offset, raw, reason) VALUES (?, ?, ?, ?)'
    )
    this.row = new Array(columns.length + 5)
  }

  static async create(): Promise<ShardWriter> {
    const SQL = await loadSqlJs()
    return new ShardWriter(new SQL.Database())
  }

  addEvent(event: NormalisedEvent, line: number, offset: number): void {
    this.beginIfNeeded()
    const row = this.row
    row[0] = event.timestamp
    row[1] = line
    row[2] = offset
    for (let i = 0; i < EVENT_FIELDS.length; i++) row[3 + i] = event.fields[EVENT_FIELDS[i]] ?? null
    row[3 + EVENT_FIELDS.length] = event.extra ? JSON.stringify(event.extra) : null
    row[4 + EVENT_FIELDS.length] = event.raw
    this.insertEvent.run(row)
    this.countWrite()
  }

  addRejected(raw: string, reason: string, line: number, offset: number): void {
    this.beginIfNeeded()
    this.insertRejected.run([line, offset, raw, reason])
    this.countWrite()
  }

  /** Commits, indexes, records metadata and writes the shard file atomically; the writer is then closed. */
  finish(path: string, meta: Record<string, string>): void {
    if (this.pendingInTransaction > 0) this.db.exec('COMMIT')
    this.pendingInTransaction = 0
    this.insertEvent.free()
    this.insertRejected.free()
    this.db.exec(shardIndexSql())
    const setMeta = this.db.prepare('INSERT OR REPLACE INTO shard_meta (key, value) VALUES (?, ?)')
    for (const [key, value] of Object.entries(meta)) setMeta.run([key, value])
    setMeta.free()
    writeFileAtomic(path, this.db.export())
    this.db.close()
  }

  discard(): void {
    this.db.close()
  }

  private beginIfNeeded(): void {
    if (this.pendingInTransaction === 0) this.db.exec('BEGIN')
  }

  private countWrite(): void {
    if (++this.pendingInTransaction >= BATCH_SIZE) {
      this.db.exec('COMMIT')
      this.pendingInTransaction = 0
    }
  }
}
