// Reading rows out of a loaded shard: the event columns in their fixed order, a stored row turned back into
// an event with its provenance, and the time order every merge across shards agrees on.

import type { Database } from 'sql.js'
import { EVENT_FIELDS } from '../../common/event'
import type { EventFieldValues, StoredEvent } from '../../common/event'
import { FIELD_COLUMNS } from './eventColumns'
import type { SqlValue } from './queryCompiler'
import type { LoadedShard } from './shardCache'

export const SELECT_COLUMNS = `id, ts, line, byte_offset, ${EVENT_FIELDS.map((f) => FIELD_COLUMNS[f]).join(', ')}, extra, raw`

export function queryEvents(shard: LoadedShard, sql: string, params: SqlValue[]): StoredEvent[] {
  const events: StoredEvent[] = []
  eachRow(shard.db, sql, params, (row) => events.push(rowToEvent(shard.info.evidenceId, row)))
  return events
}

export function eachRow(
  db: Database,
  sql: string,
  params: SqlValue[],
  onRow: (row: SqlValue[]) => void
): void {
  const stmt = db.prepare(sql)
  try {
    stmt.bind(params)
    while (stmt.step()) onRow(stmt.get() as SqlValue[])
  } finally {
    stmt.free()
  }
}

export function firstRow(db: Database, sql: string, params: SqlValue[]): SqlValue[] | undefined {
  const stmt = db.prepare(sql)
  try {
    stmt.bind(params)
    return stmt.step() ? (stmt.get() as SqlValue[]) : undefined
  } finally {
    stmt.free()
  }
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

/** Time order, then evidence, then id: ids rise in record order within an evidence source. */
export function compareEvents(a: StoredEvent, b: StoredEvent): number {
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
