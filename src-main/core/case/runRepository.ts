// The latest run of each detection engine, with its status, priority and summary, for the UI and report.

import type { DetectionRunSummary, RunPriority, RunStatus } from '../../common/domain'
import type { CaseDatabase } from './caseDatabase'

export class RunRepository {
  constructor(private readonly db: CaseDatabase) {}

  record(runs: readonly DetectionRunSummary[]): void {
    if (!runs.length) return
    this.db.write(
      runs.map((run) => ({
        sql: `INSERT OR REPLACE INTO detection_runs (engine, title, status, priority, summary, alerts, started_at, finished_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        params: [
          run.engine,
          run.title,
          run.status,
          run.priority,
          run.summary,
          run.alerts,
          run.startedAt,
          run.finishedAt
        ]
      }))
    )
  }

  list(): DetectionRunSummary[] {
    return this.db.query(
      'SELECT engine, title, status, priority, summary, alerts, started_at, finished_at FROM detection_runs ORDER BY engine',
      [],
      (row) => ({
        engine: String(row[0]),
        title: String(row[1]),
        status: String(row[2]) as RunStatus,
        priority: String(row[3]) as RunPriority,
        summary: String(row[4]),
        alerts: Number(row[5]),
        startedAt: Number(row[6]),
        finishedAt: Number(row[7])
      })
    )
  }
}
