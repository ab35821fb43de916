// The catalog of event shards in case.db: every shard an import has safely written, recorded as it lands,
// so the event store knows what to load and a cancelled or interrupted import knows where to resume.

import type { SqlValue } from '../store/queryCompiler'
import type { ShardInfo } from '../store/shardInfo'
import type { CaseDatabase, SqlStatement } from './caseDatabase'

const COLUMNS =
  'evidence_id, file, range_index, part, first_id, last_id, events, rejected, first_ts, last_ts, end_line, end_offset, bytes'

export class ShardRepository {
  constructor(private readonly db: CaseDatabase) {}

  add(info: ShardInfo): void {
    this.db.write([insertShard(info)])
  }

  removeEvidence(evidenceId: string): void {
    this.db.write([{ sql: 'DELETE FROM event_shards WHERE evidence_id = ?', params: [evidenceId] }])
  }

  /** Shards of every evidence source, in evidence, range and part order. */
  list(): ShardInfo[] {
    return this.db.query(
      `SELECT ${COLUMNS} FROM event_shards ORDER BY evidence_id, range_index, part`,
      [],
      rowToShard
    )
  }

  forEvidence(evidenceId: string): ShardInfo[] {
    return this.db.query(
      `SELECT ${COLUMNS} FROM event_shards WHERE evidence_id = ? ORDER BY range_index, part`,
      [evidenceId],
      rowToShard
    )
  }
}

export function insertShard(info: ShardInfo): SqlStatement {
  return {
    sql: `INSERT OR REPLACE INTO event_shards (${COLUMNS}) VALUES (${COLUMNS.split(',')
      .map(() => '?')
      .join(', ')})`,
    params: [
      info.evidenceId,
      info.file,
      info.range,
      info.part,
      info.firstId,
      info.lastId,
      info.events,
      info.rejected,
      info.firstTs,
      info.lastTs,
      info.endLine,
      info.endOffset,
      info.bytes
    ]
  }
}

function rowToShard(row: SqlValue[]): ShardInfo {
  return {
    evidenceId: String(row[0]),
    file: String(row[1]),
    range: Number(row[2]),
    part: Number(row[3]),
    firstId: Number(row[4]),
    lastId: Number(row[5]),
    events: Number(row[6]),
    rejected: Number(row[7]),
    firstTs: row[8] === null ? null : Number(row[8]),
    lastTs: row[9] === null ? null : Number(row[9]),
    endLine: Number(row[10]),
    endOffset: Number(row[11]),
    bytes: Number(row[12])
  }
}
