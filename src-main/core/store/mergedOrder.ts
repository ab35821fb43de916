// The time order of a query's matches across several shards, built once and kept, so that any page of a
// million-row result (an analyst dragging the scrollbar to the end) is a slice plus a primary-key look-up
// instead of a re-merge of everything before it. Keys are held in typed arrays: 10 bytes a match.

import type { Database } from 'sql.js'
import type { SqlValue } from './queryCompiler'

export interface OrderedShard {
  db: Database
}

export class MergedOrder {
  private constructor(
    /** Index into the shard list, per position in the merged order. */
    readonly shardAt: Uint16Array,
    /** Row id within that shard, per position. */
    readonly idAt: Float64Array
  ) {}

  get size(): number {
    return this.idAt.length
  }

  /** Merges the shards' (ts, id) keys; ties in time go to the earlier shard in the list, then the lower id. */
  static build(
    shards: readonly OrderedShard[],
    where: string,
    params: SqlValue[],
    order: 'asc' | 'desc'
  ): MergedOrder {
    const direction = order === 'asc' ? 'ASC' : 'DESC'
    const runs = shards.map((shard) =>
      readKeys(
        shard.db,
        `SELECT ts, id FROM events ${where} ORDER BY ts ${direction}, id ${direction}`,
        params
      )
    )
    const total = runs.reduce((sum, run) => sum + run.ids.length, 0)
    const shardAt = new Uint16Array(total)
    const idAt = new Float64Array(total)
    const heads = new Array<number>(runs.length).fill(0)
    const before = order === 'asc' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b
    for (let position = 0; position < total; position++) {
      let best = -1
      for (let run = 0; run < runs.length; run++) {
        const head = heads[run]
        if (head >= runs[run].ids.length) continue
        if (best === -1 || before(runs[run].ts[head], runs[best].ts[heads[best]])) best = run
      }
      shardAt[position] = best
      idAt[position] = runs[best].ids[heads[best]++]
    }
    return new MergedOrder(shardAt, idAt)
  }
}

function readKeys(db: Database, sql: string, params: SqlValue[]): { ts: Float64Array; ids: Float64Array } {
  const ts: number[] = []
  const ids: number[] = []
  const stmt = db.prepare(sql)
  try {
    stmt.bind(params)
    while (stmt.step()) {
      const row = stmt.get() as [number, number]
      ts.push(row[0])
      ids.push(row[1])
    }
  } finally {
    stmt.free()
  }
  return { ts: Float64Array.from(ts), ids: Float64Array.from(ids) }
}
