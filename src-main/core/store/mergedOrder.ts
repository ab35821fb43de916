// The time order of a query's matches across several shards, built once and kept, so that any page of a
// million-row result (an analyst dragging the scrollbar to the end) is a slice plus a primary-key look-up
// instead of a re-merge of everything before it. Keys are held in typed arrays: 12 bytes a match.

import type { SqlValue } from './queryCompiler'
import { RunHeap } from './runHeap'

/** Runs a statement against one shard (loading it if need be), row by row. */
export type ShardReader = (sql: string, params: SqlValue[], onRow: (row: SqlValue[]) => void) => void

export class MergedOrder {
  private constructor(
    /** Index into the shard list, per position in the merged order. */
    readonly shardAt: Uint32Array,
    /** Row id within that shard, per position. */
    readonly idAt: Float64Array
  ) {}

  get size(): number {
    return this.idAt.length
  }

  /** Merges the shards' (ts, id) keys; ties in time go to the earlier shard in the list, then the lower id. */
  static build(
    shards: readonly ShardReader[],
    where: string,
    params: SqlValue[],
    order: 'asc' | 'desc'
  ): MergedOrder {
    const direction = order === 'asc' ? 'ASC' : 'DESC'
    const runs = shards.map((read) =>
      readKeys(read, `SELECT ts, id FROM events ${where} ORDER BY ts ${direction}, id ${direction}`, params)
    )
    const total = runs.reduce((sum, run) => sum + run.ids.length, 0)
    const shardAt = new Uint32Array(total)
    const idAt = new Float64Array(total)
    const heads = new Array<number>(runs.length).fill(0)
    const earlier = order === 'asc' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b
    const heap = new RunHeap((a, b) => {
      const ta = runs[a].ts[heads[a]]
      const tb = runs[b].ts[heads[b]]
      return ta === tb ? a < b : earlier(ta, tb)
    })
    runs.forEach((run, index) => {
      if (run.ids.length) heap.push(index)
    })
    for (let position = 0; position < total; position++) {
      const best = heap.peek()!
      shardAt[position] = best
      idAt[position] = runs[best].ids[heads[best]++]
      if (heads[best] >= runs[best].ids.length) heap.pop()
      else heap.fix()
    }
    return new MergedOrder(shardAt, idAt)
  }
}

function readKeys(
  read: ShardReader,
  sql: string,
  params: SqlValue[]
): { ts: Float64Array; ids: Float64Array } {
  const ts: number[] = []
  const ids: number[] = []
  read(sql, params, (row) => {
    ts.push(Number(row[0]))
    ids.push(Number(row[1]))
  })
  return { ts: Float64Array.from(ts), ids: Float64Array.from(ids) }
}
