// Alerts of a case. Engines propose AlertDrafts; a draft whose fingerprint already exists updates that
// alert (counts, times, events) and keeps its id and triage status, so re-running detection never
// duplicates alerts or undoes an analyst's work.

import type { Alert, AlertDetail, AlertStatus, CloseReason, Severity } from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { EventRef } from '../../common/event'
import type { AlertDraft } from '../detect/engine'
import type { SqlValue } from '../store/queryCompiler'
import type { CaseDatabase, SqlStatement } from './caseDatabase'
import { newId } from './ids'

const COLUMNS =
  'id, engine, rule_id, rule_title, title, description, severity, status, close_reason, techniques, entities, first_seen, last_seen, count, created_at, updated_at'

const SEVERITY_ORDER =
  "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END"

export interface AlertFilter {
  status?: AlertStatus
  severity?: Severity
}

export class AlertRepository {
  constructor(private readonly db: CaseDatabase) {}

  /** Stores the drafts in one durable write; returns how many alerts were new. */
  upsert(drafts: readonly AlertDraft[], now = Date.now()): { created: number; updated: number } {
    const existing = new Map(
      this.db.query(
        'SELECT fingerprint, id FROM alerts',
        [],
        (row) => [String(row[0]), String(row[1])] as const
      )
    )
    const statements: SqlStatement[] = []
    let created = 0
    for (const draft of drafts) {
      const known = existing.get(draft.fingerprint)
      const id = known ?? newId()
      if (known) {
        statements.push({
          sql: `UPDATE alerts SET engine = ?, rule_id = ?, rule_title = ?, title = ?, description = ?, severity = ?,
                techniques = ?, entities = ?, first_seen = ?, last_seen = ?, count = ?, updated_at = ? WHERE id = ?`,
          params: [
            draft.engine,
            draft.rule.id,
            draft.rule.title,
            draft.title,
            draft.description,
            draft.severity,
            JSON.stringify(draft.techniques),
            JSON.stringify(draft.entities),
            draft.firstSeen,
            draft.lastSeen,
            draft.count,
            now,
            id
          ]
        })
        statements.push({ sql: 'DELETE FROM alert_events WHERE alert_id = ?', params: [id] })
      } else {
        created++
        statements.push({
          sql: `INSERT INTO alerts (id, fingerprint, engine, rule_id, rule_title, title, description, severity, status,
                techniques, entities, first_seen, last_seen, count, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)`,
          params: [
            id,
            draft.fingerprint,
            draft.engine,
            draft.rule.id,
            draft.rule.title,
            draft.title,
            draft.description,
            draft.severity,
            JSON.stringify(draft.techniques),
            JSON.stringify(draft.entities),
            draft.firstSeen,
            draft.lastSeen,
            draft.count,
            now,
            now
          ]
        })
      }
      for (const ref of draft.events) {
        statements.push({
          sql: 'INSERT OR IGNORE INTO alert_events (alert_id, evidence_id, event_id) VALUES (?, ?, ?)',
          params: [id, ref.evidenceId, ref.eventId]
        })
      }
    }
    if (statements.length) this.db.write(statements)
    return { created, updated: drafts.length - created }
  }

  list(filter: AlertFilter = {}): Alert[] {
    const clauses: string[] = []
    const params: SqlValue[] = []
    if (filter.status) {
      clauses.push('status = ?')
      params.push(filter.status)
    }
    if (filter.severity) {
      clauses.push('severity = ?')
      params.push(filter.severity)
    }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : ''
    return this.db.query(
      `SELECT ${COLUMNS} FROM alerts ${where} ORDER BY ${SEVERITY_ORDER}, last_seen DESC, id`,
      params,
      rowToAlert
    )
  }

  get(id: string): AlertDetail {
    const alert = this.db.query(`SELECT ${COLUMNS} FROM alerts WHERE id = ?`, [id], rowToAlert)[0]
    if (!alert) throw new CairnError('NOT_FOUND', `alert ${id} does not exist in this case`)
    const eventRefs = this.db.query(
      'SELECT evidence_id, event_id FROM alert_events WHERE alert_id = ? ORDER BY evidence_id, event_id',
      [id],
      (row): EventRef => ({ evidenceId: String(row[0]), eventId: Number(row[1]) })
    )
    return { ...alert, eventRefs }
  }

  setStatus(id: string, status: AlertStatus, closeReason: CloseReason | undefined, now = Date.now()): Alert {
    this.get(id)
    if (status === 'closed' && !closeReason) {
      throw new CairnError(
        'BAD_REQUEST',
        'closing an alert needs a reason: true_positive, false_positive, benign or duplicate'
      )
    }
    this.db.write([
      {
        sql: 'UPDATE alerts SET status = ?, close_reason = ?, updated_at = ? WHERE id = ?',
        params: [status, status === 'closed' ? (closeReason ?? null) : null, now, id]
      }
    ])
    const { eventRefs: _refs, ...alert } = this.get(id)
    return alert
  }

  countBySeverity(): Record<Severity, number> {
    const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, informational: 0 }
    for (const [severity, count] of this.db.query(
      'SELECT severity, count(*) FROM alerts GROUP BY severity',
      [],
      (row) => [String(row[0]) as Severity, Number(row[1])] as const
    )) {
      counts[severity] = count
    }
    return counts
  }
}

function rowToAlert(row: SqlValue[]): Alert {
  return {
    id: String(row[0]),
    engine: String(row[1]),
    rule: { id: String(row[2]), title: String(row[3]) },
    title: String(row[4]),
    description: String(row[5]),
    severity: String(row[6]) as Severity,
    status: String(row[7]) as AlertStatus,
    closeReason: row[8] === null ? null : (String(row[8]) as CloseReason),
    techniques: JSON.parse(String(row[9])) as string[],
    entities: JSON.parse(String(row[10])) as Alert['entities'],
    firstSeen: Number(row[11]),
    lastSeen: Number(row[12]),
    count: Number(row[13]),
    createdAt: Number(row[14]),
    updatedAt: Number(row[15])
  }
}
