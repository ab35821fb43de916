// Keeps the event shards a case is using in memory, within a byte budget: a shard is loaded the first time
// a query needs it and the least recently used ones are unloaded to make room. Indexes a query needs (a
// filtered column, the full-text index) are built in the loaded copy on first use and go with it.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database, SqlJsStatic } from 'sql.js'
import { CairnError } from '../../common/errors'
import type { ShardInfo } from './shardInfo'
import { fieldIndexSql, SHARD_FTS_SQL } from './shardSchema'

export interface LoadedShard {
  info: ShardInfo
  db: Database
}

interface CacheEntry extends LoadedShard {
  indexed: Set<string>
  fullText: boolean
}

/**
 * Shards open at once at most, whatever their size: each holds a file of sql.js's in-memory file system,
 * which allows 4,096 open files; a case of many small sources would reach that long before the budget.
 */
const MAX_LOADED_SHARDS = 1_024

export class ShardCache {
  /** Insertion order is use order: the first entry is the least recently used. */
  private readonly entries = new Map<string, CacheEntry>()
  private loadedBytes = 0

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly eventsDir: string,
    private readonly budgetBytes: number
  ) {}

  /** The shard, loaded (unloading others beyond the budget), with the indexes a query needs built. */
  use(info: ShardInfo, needs: { columns?: readonly string[]; fullText?: boolean } = {}): LoadedShard {
    const key = shardKey(info)
    let entry = this.entries.get(key)
    if (entry) {
      this.entries.delete(key)
      this.entries.set(key, entry)
    } else {
      this.makeRoom(info.bytes)
      entry = { info, db: this.load(info), indexed: new Set(), fullText: false }
      this.entries.set(key, entry)
      this.loadedBytes += info.bytes
    }
    for (const column of needs.columns ?? []) {
      if (entry.indexed.has(column)) continue
      entry.db.exec(fieldIndexSql(column))
      entry.indexed.add(column)
    }
    if (needs.fullText && !entry.fullText) {
      entry.db.exec(SHARD_FTS_SQL)
      entry.fullText = true
    }
    return entry
  }

  /** Unloads the shards of one evidence source (it is being removed or re-read). */
  drop(evidenceId: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.info.evidenceId !== evidenceId) continue
      this.unload(key, entry)
    }
  }

  get bytesLoaded(): number {
    return this.loadedBytes
  }

  close(): void {
    for (const [key, entry] of this.entries) this.unload(key, entry)
  }

  private makeRoom(bytes: number): void {
    for (const [key, entry] of this.entries) {
      if (this.loadedBytes + bytes <= this.budgetBytes && this.entries.size < MAX_LOADED_SHARDS) return
      this.unload(key, entry)
    }
  }

  private unload(key: string, entry: CacheEntry): void {
    entry.db.close()
    this.entries.delete(key)
    this.loadedBytes -= entry.info.bytes
  }

  private load(info: ShardInfo): Database {
    const path = join(this.eventsDir, info.evidenceId, info.file)
    let bytes: Buffer
    try {
      bytes = readFileSync(path)
    } catch (error) {
      throw new CairnError(
        'NOT_FOUND',
        `event shard ${info.file} of evidence ${info.evidenceId} cannot be read at ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
      )
    }
    const db = new this.SQL.Database(bytes)
    db.exec('PRAGMA cache_size = -16384; PRAGMA temp_store = MEMORY')
    return db
  }
}

export function shardKey(info: Pick<ShardInfo, 'evidenceId' | 'file'>): string {
  return `${info.evidenceId}/${info.file}`
}
