// Report export for a case: capture a snapshot of the case at this instant, render it to PDF with the
// pure report builder, and write it atomically (by default into the case's reports/ folder).

import { mkdirSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import type { Case } from '../case/case'
import { renderReportPdf } from '../report/pdf'
import type { CaseSnapshot } from '../report/snapshot'
import { writeFileAtomic } from '../sqlite/atomicFile'
import { CAIRN_VERSION } from './version'

export interface ReportOptions {
  author?: string
  includeNotes: boolean
  includeEvents: boolean
}

export interface ReportReceipt {
  fileName: string
  path: string
  bytes: number
  pages: number
}

export function buildCaseSnapshot(open: Case, options: ReportOptions, now = Date.now()): CaseSnapshot {
  const summary = open.summary()
  return {
    case: summary,
    evidence: open.evidence.list(),
    alerts: open.alerts.list(),
    detectionRuns: open.runs.list(),
    notes: options.includeNotes ? open.notes.list() : [],
    eventsOverTime: options.includeEvents ? open.events.histogram({}, 96) : { bucketMs: 60_000, buckets: [] },
    alertsBySeverity: open.alerts.countBySeverity(),
    generatedAt: now,
    generatedTimeZone: summary.displayTimeZone,
    cairnVersion: CAIRN_VERSION,
    omitted: { notes: !options.includeNotes, eventsOverTime: !options.includeEvents },
    ...(options.author ? { author: options.author } : {})
  }
}

export async function writeCaseReport(
  open: Case,
  snapshot: CaseSnapshot,
  outPath?: string
): Promise<ReportReceipt> {
  const rendered = await renderReportPdf(snapshot)
  const stamp = new Date(snapshot.generatedAt).toISOString().replace(/[:]/g, '').replace(/\..*$/, 'Z')
  const path = outPath ?? join(open.dir, 'reports', `cairn-report-${stamp}.pdf`)
  mkdirSync(dirname(path), { recursive: true })
  writeFileAtomic(path, rendered.buffer)
  return { fileName: basename(path), path, bytes: rendered.buffer.length, pages: rendered.pages }
}
