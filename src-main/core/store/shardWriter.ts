// Writes one part of an evidence source (one byte range of it, for parallel imports) as a sequence of
// size-bounded event shards. Rows go in through BulkInserter in batched transactions; when a shard's pages
// pass the size bound it is indexed by time, written to disk atomically in the background and announced
// once safely written (so a crash or a cancel keeps every announced shard), and the next shard starts.
// Runs inside an ingest worker.

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Database, SqlJsStatic } from 'sql.js'
import { EVENT_FIELDS } from '../../common/event'
import type { NormalisedEvent } from '../../common/event'
import { writeFileAtomicAsync } from '../sqlite/atomicFile'
import { loadSqlJs } from '../sqlite/sqlJs'
import { BulkInserter, type BulkValue } from './bulkInsert'
import { FIELD_COLUMNS } from './eventColumns'
import type { ShardInfo } from './shardInfo'
import { SHARD_PAGE_SIZE, SHARD_TIME_INDEX_SQL, shardSchemaSql } from './shardSchema'

export interface ShardWriterOptions {
  /** The folder of this evidence's shards. */
  dir: string
  evidenceId: string
  /** Which byte range of the source this writer holds (0 unless the import runs in parallel parts). */
  range: number
  /** The first part number to write (non-zero when a resumed import continues a range). */
  firstPart: number
  /** The first event id to give out; ids rise in record order across the parts of a range. */
  firstId: number
  /** A shard is closed once its pages pass this many bytes. */
  maxShardBytes: number
  /** Bytes of source this writer will read, when known: small sources get small buffers. */
  sourceBytes?: number
  /** Called after each shard file is safely on disk. */
  onShard(info: ShardInfo): void
}

const ROWS_PER_TRANSACTION = 20_000
const SIZE_CHECK_ROWS = 4_096
/** Head room over the size bound in the pre-sized database buffer, for the last rows and the time index. */
const BUFFER_HEADROOM = 1.2
/** A shard takes about three times the bytes of the text it holds (raw line, fields, time index). */
const SHARD_BYTES_PER_SOURCE_BYTE = 3
const MIN_BUFFER_BYTES = 128 * 1024

let emptyImage: Uint8Array | null = null

/** The bytes of an empty shard (schema only), made once per thread: every shard starts as a copy. */
function emptyShardImage(SQL: SqlJsStatic): Uint8Array {
  if (!emptyImage) {
    const empty = new SQL.Database()
    empty.exec(shardSchemaSql())
    emptyImage = empty.export()
    empty.close()
  }
  return emptyImage
}

const EVENT_PARAMETERS = EVENT_FIELDS.length + 6
const FIELD_PARAMETER: Readonly<Record<string, number>> = Object.fromEntries(
  EVENT_FIELDS.map((field, index) => [field, 4 + index])
)
const INSERT_EVENT_SQL = `INSERT INTO events (id, ts, line, byte_offset, ${EVENT_FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ')}, extra, raw) VALUES (${new Array(EVENT_PARAMETERS).fill('?').join(', ')})`
const INSERT_REJECTED_SQL = 'INSERT INTO rejected (line, byte_offset, raw, reason) VALUES (?, ?, ?, ?)'

export class ShardWriter {
  private current: OpenShard | null = null
  private part: number
  private nextId: number
  private readonly row: BulkValue[] = new Array<BulkValue>(EVENT_PARAMETERS)
  private readonly written: ShardInfo[] = []
  /** The shard writes still in flight, chained in order. */
  private writing: Promise<void> = Promise.resolve()

  private constructor(
    private readonly SQL: SqlJsStatic,
    private readonly template: Uint8Array,
    private readonly options: ShardWriterOptions
  ) {
    this.part = options.firstPart
    this.nextId = options.firstId
  }

  static async create(options: ShardWriterOptions): Promise<ShardWriter> {
    mkdirSync(options.dir, { recursive: true })
    const SQL = await loadSqlJs()
    return new ShardWriter(SQL, emptyShardImage(SQL), options)
  }

  /** Stores one event; `line` and `offset` locate its record in the (decompressed) source. */
  /** Returns the event's id. */
  addEvent(event: NormalisedEvent, line: number, offset: number, endOffset: number): number {
    const shard = this.open()
    const row = this.row
    row.fill(null)
    const id = this.nextId++
    row[0] = id
    row[1] = event.timestamp
    row[2] = line
    row[3] = offset
    const fields = event.fields
    for (const field in fields) row[FIELD_PARAMETER[field]] = fields[field as keyof typeof fields]
    row[EVENT_PARAMETERS - 2] = event.extra ? JSON.stringify(event.extra) : null
    row[EVENT_PARAMETERS - 1] = event.raw
    shard.events.insert(row)
    shard.noteEvent(id, event.timestamp)
    this.afterRow(shard, line, endOffset)
    return id
  }

  addRejected(raw: string, reason: string, line: number, offset: number, endOffset: number): void {
    const shard = this.open()
    shard.rejectedRows.insert([line, offset, raw, reason])
    shard.rejected++
    this.afterRow(shard, line, endOffset)
  }

  /** Marks records that produced no row (skipped ones) as covered, so a resume starts after them. */
  cover(line: number, endOffset: number): void {
    if (this.current) this.current.cover(line, endOffset)
  }

  /** Writes the last shard and waits for every write; returns every shard this writer wrote. */
  async finish(): Promise<ShardInfo[]> {
    if (this.current) this.close(this.current)
    await this.writing
    return this.written
  }

  /** Drops the shard being built (a cancelled or failed import); shards already written stay. */
  discard(): void {
    this.current?.db.close()
    this.current = null
    // The import is failing already: a write that fails too has nothing more to report.
    this.writing = this.writing.catch(() => undefined)
  }

  private open(): OpenShard {
    if (this.current) return this.current
    const buffer = new Uint8Array(this.bufferBytes())
    buffer.set(this.template)
    // Opening on a buffer larger than the database keeps sql.js from growing (and copying) its in-memory
    // file page by page as the shard fills, which otherwise costs a fifth of the import time.
    const db = new this.SQL.Database(buffer)
    db.exec('PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -32768; BEGIN')
    this.current = new OpenShard(
      db,
      new BulkInserter(this.SQL, db, INSERT_EVENT_SQL),
      new BulkInserter(this.SQL, db, INSERT_REJECTED_SQL)
    )
    return this.current
  }

  /** The pre-sized buffer: room for a full shard, or for what a small source can fill. */
  private bufferBytes(): number {
    const full = Math.ceil(this.options.maxShardBytes * BUFFER_HEADROOM)
    const { sourceBytes } = this.options
    if (sourceBytes === undefined) return full
    return Math.min(full, Math.max(MIN_BUFFER_BYTES, Math.ceil(sourceBytes * SHARD_BYTES_PER_SOURCE_BYTE)))
  }

  private afterRow(shard: OpenShard, line: number, endOffset: number): void {
    shard.cover(line, endOffset)
    const rows = ++shard.rows
    if (rows % ROWS_PER_TRANSACTION === 0) shard.db.exec('COMMIT; BEGIN')
    if (rows % SIZE_CHECK_ROWS === 0 && shard.pageBytes() >= this.options.maxShardBytes) this.close(shard)
  }

  private close(shard: OpenShard): void {
    this.current = null
    shard.db.exec('COMMIT')
    shard.events.free()
    shard.rejectedRows.free()
    shard.db.exec(SHARD_TIME_INDEX_SQL)
    const { evidenceId, range } = this.options
    const file = `${range}-${this.part}.db`
    const meta = shard.db.prepare('INSERT INTO shard_meta (key, value) VALUES (?, ?)')
    for (const [key, value] of Object.entries({ evidence_id: evidenceId, range, part: this.part })) {
      meta.run([key, String(value)])
    }
    meta.free()
    const bytes = shard.pageBytes()
    // The database file is the buffer it was opened on, so it is longer than the database: keep its pages.
    const image = shard.db.export().subarray(0, bytes)
    shard.db.close()
    const info: ShardInfo = {
      evidenceId,
      file,
      range,
      part: this.part++,
      firstId: shard.firstId ?? this.nextId,
      lastId: shard.lastId ?? this.nextId - 1,
      events: shard.eventCount,
      rejected: shard.rejected,
      firstTs: shard.firstTs,
      lastTs: shard.lastTs,
      endLine: shard.endLine,
      endOffset: shard.endOffset,
      bytes
    }
    // Written in the background while the next shard fills, one write after another so shards are
    // announced in order; a failed write fails finish().
    this.writing = this.writing.then(async () => {
      await writeFileAtomicAsync(join(this.options.dir, file), image)
      this.written.push(info)
      this.options.onShard(info)
    })
  }
}

/** The shard being filled, with the running facts its catalog entry needs. */
class OpenShard {
  rows = 0
  eventCount = 0
  rejected = 0
  firstId: number | null = null
  lastId: number | null = null
  firstTs: number | null = null
  lastTs: number | null = null
  endLine = 0
  endOffset = 0

  constructor(
    readonly db: Database,
    readonly events: BulkInserter,
    readonly rejectedRows: BulkInserter
  ) {}

  noteEvent(id: number, ts: number): void {
    this.eventCount++
    this.firstId ??= id
    this.lastId = id
    if (this.firstTs === null || ts < this.firstTs) this.firstTs = ts
    if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts
  }

  cover(line: number, endOffset: number): void {
    if (line > this.endLine) this.endLine = line
    if (endOffset > this.endOffset) this.endOffset = endOffset
  }

  pageBytes(): number {
    const pages = this.db.exec('PRAGMA page_count')[0].values[0][0] as number
    return pages * SHARD_PAGE_SIZE
  }
}
