// The evidence registry of a case: what was ingested, from where (and from which archive), its SHA-256,
// format and the options chosen for it, the declared zone, who ingested it and when, how its records were
// settled, and the import's status. A row is written when an import starts (status 'importing') so a crash
// mid-import leaves a trace that can be resumed or removed, and is completed when the import ends.

import type {
  EvidenceRecord,
  EvidenceStatus,
  LogFormat,
  RecordCounts,
  RejectReasonCount
} from '../../common/domain'
import type { SqlValue } from '../store/queryCompiler'
import type { CaseDatabase, SqlStatement } from './caseDatabase'

const COLUMNS =
  'id, path, name, size, sha256, format, time_zone, ingested_at, ingested_by, records, events, rejected, first_event_at, last_event_at, status, record_unit, skipped, container, format_options'

/** What an import ends with: the counts and reasons that complete its evidence row. */
export interface ImportTally extends RecordCounts {
  topRejectReasons: RejectReasonCount[]
  skipReasons: RejectReasonCount[]
}

export class EvidenceRepository {
  constructor(private readonly db: CaseDatabase) {}

  /** Registers an import as it starts; `plan` is what a resume needs (opaque here). */
  begin(record: EvidenceRecord, plan: unknown): void {
    this.db.write([beginStatement(record, plan)])
  }

  /** Completes an import's row with its final counts, status and the facts learnt while reading. */
  finish(
    id: string,
    status: EvidenceStatus,
    tally: ImportTally,
    learnt: Pick<EvidenceRecord, 'format' | 'sha256' | 'recordUnit'>
  ): void {
    this.db.write([finishStatement(id, status, tally, learnt)])
  }

  /** Imports the app was running when it stopped: found at open, they are marked interrupted. */
  markInterrupted(): void {
    if (this.db.value("SELECT count(*) FROM evidence WHERE status = 'importing'") === 0) return
    this.db.write([
      { sql: "UPDATE evidence SET status = 'interrupted' WHERE status = 'importing'", params: [] }
    ])
  }

  setStatus(id: string, status: EvidenceStatus): void {
    this.db.write([{ sql: 'UPDATE evidence SET status = ? WHERE id = ?', params: [status, id] }])
  }

  remove(id: string): void {
    this.db.write([
      { sql: 'DELETE FROM event_shards WHERE evidence_id = ?', params: [id] },
      { sql: 'DELETE FROM evidence WHERE id = ?', params: [id] }
    ])
  }

  list(): EvidenceRecord[] {
    return this.db.query(`SELECT ${COLUMNS} FROM evidence ORDER BY ingested_at, name`, [], rowToEvidence)
  }

  /** Each source's format by evidence id: what format-specific detection (Sigma) needs to read it. */
  formats(): Map<string, LogFormat | 'unknown'> {
    return new Map(
      this.db.query('SELECT id, format FROM evidence', [], (row) => [
        String(row[0]),
        String(row[1]) as LogFormat | 'unknown'
      ])
    )
  }

  get(id: string): EvidenceRecord | undefined {
    return this.db.query(`SELECT ${COLUMNS} FROM evidence WHERE id = ?`, [id], rowToEvidence)[0]
  }

  topRejectReasons(id: string): RejectReasonCount[] {
    return this.jsonColumn<RejectReasonCount[]>('top_reject_reasons', id) ?? []
  }

  skipReasons(id: string): RejectReasonCount[] {
    return this.jsonColumn<RejectReasonCount[]>('skip_reasons', id) ?? []
  }

  plan(id: string): unknown {
    return this.jsonColumn<unknown>('import_plan', id)
  }

  private jsonColumn<T>(column: 'top_reject_reasons' | 'skip_reasons' | 'import_plan', id: string): T | null {
    const json = this.db.value(`SELECT ${column} FROM evidence WHERE id = ?`, [id])
    return json ? (JSON.parse(String(json)) as T) : null
  }
}

export function beginStatement(record: EvidenceRecord, plan: unknown): SqlStatement {
  return {
    sql: `INSERT INTO evidence (${COLUMNS}, top_reject_reasons, skip_reasons, import_plan) VALUES (${new Array(
      COLUMNS.split(',').length + 3
    )
      .fill('?')
      .join(', ')})`,
    params: [...recordParams(record), '[]', '[]', JSON.stringify(plan)]
  }
}

export function finishStatement(
  id: string,
  status: EvidenceStatus,
  tally: ImportTally,
  learnt: Pick<EvidenceRecord, 'format' | 'sha256' | 'recordUnit'>
): SqlStatement {
  return {
    sql: `UPDATE evidence SET status = ?, records = ?, events = ?, rejected = ?, skipped = ?,
            first_event_at = ?, last_event_at = ?, top_reject_reasons = ?, skip_reasons = ?,
            format = ?, sha256 = ?, record_unit = ? WHERE id = ?`,
    params: [
      status,
      tally.records,
      tally.events,
      tally.rejected,
      tally.skipped,
      tally.firstEventAt,
      tally.lastEventAt,
      JSON.stringify(tally.topRejectReasons),
      JSON.stringify(tally.skipReasons),
      learnt.format,
      learnt.sha256,
      learnt.recordUnit,
      id
    ]
  }
}

function recordParams(record: EvidenceRecord): SqlValue[] {
  return [
    record.id,
    record.path,
    record.name,
    record.size,
    record.sha256,
    record.format,
    record.timeZone,
    record.ingestedAt,
    record.ingestedBy,
    record.records,
    record.events,
    record.rejected,
    record.firstEventAt,
    record.lastEventAt,
    record.status,
    record.recordUnit,
    record.skipped,
    record.container ? JSON.stringify(record.container) : null,
    record.formatOptions ? JSON.stringify(record.formatOptions) : null
  ]
}

function rowToEvidence(row: SqlValue[]): EvidenceRecord {
  return {
    id: String(row[0]),
    path: String(row[1]),
    name: String(row[2]),
    size: Number(row[3]),
    sha256: String(row[4]),
    format: String(row[5]) as EvidenceRecord['format'],
    timeZone: String(row[6]),
    ingestedAt: Number(row[7]),
    ingestedBy: String(row[8]),
    records: Number(row[9]),
    events: Number(row[10]),
    rejected: Number(row[11]),
    firstEventAt: row[12] === null ? null : Number(row[12]),
    lastEventAt: row[13] === null ? null : Number(row[13]),
    status: String(row[14]) as EvidenceStatus,
    recordUnit: String(row[15]) as EvidenceRecord['recordUnit'],
    skipped: Number(row[16]),
    container: row[17] === null ? null : (JSON.parse(String(row[17])) as EvidenceRecord['container']),
    formatOptions: row[18] === null ? null : (JSON.parse(String(row[18])) as EvidenceRecord['formatOptions'])
  }
}
