// The evidence registry of a case: what was ingested, from where, its SHA-256, format, declared zone,
// who ingested it and when, and how many lines became events or were rejected.

import type { EvidenceRecord, RejectReasonCount } from '../../common/domain'
import type { SqlValue } from '../store/queryCompiler'
import type { CaseDatabase } from './caseDatabase'

const COLUMNS =
  'id, path, name, size, sha256, format, time_zone, ingested_at, ingested_by, lines, events, rejected, first_event_at, last_event_at, status, top_reject_reasons'

export class EvidenceRepository {
  constructor(private readonly db: CaseDatabase) {}

  add(record: EvidenceRecord, topRejectReasons: RejectReasonCount[]): void {
    this.db.write([
      {
        sql: `INSERT INTO evidence (${COLUMNS}) VALUES (${COLUMNS.split(',')
          .map(() => '?')
          .join(', ')})`,
        params: [
          record.id,
          record.path,
          record.name,
          record.size,
          record.sha256,
          record.format,
          record.timeZone,
          record.ingestedAt,
          record.ingestedBy,
          record.lines,
          record.events,
          record.rejected,
          record.firstEventAt,
          record.lastEventAt,
          record.status,
          JSON.stringify(topRejectReasons)
        ]
      }
    ])
  }

  list(): EvidenceRecord[] {
    return this.db.query(`SELECT ${COLUMNS} FROM evidence ORDER BY ingested_at, name`, [], rowToEvidence)
  }

  get(id: string): EvidenceRecord | undefined {
    return this.db.query(`SELECT ${COLUMNS} FROM evidence WHERE id = ?`, [id], rowToEvidence)[0]
  }

  topRejectReasons(id: string): RejectReasonCount[] {
    const json = this.db.value('SELECT top_reject_reasons FROM evidence WHERE id = ?', [id])
    return json ? (JSON.parse(String(json)) as RejectReasonCount[]) : []
  }
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
    lines: Number(row[9]),
    events: Number(row[10]),
    rejected: Number(row[11]),
    firstEventAt: row[12] === null ? null : Number(row[12]),
    lastEventAt: row[13] === null ? null : Number(row[13]),
    status: String(row[14]) as EvidenceRecord['status']
  }
}
