// Everything a case report shows, captured as plain data at one instant. The report is a pure function of
// this snapshot: the case store builds it, and nothing in report/ reads the case, the clock or the machine.

import type {
  Alert,
  CaseSummary,
  DetectionRunSummary,
  EvidenceRecord,
  Histogram,
  Note,
  Severity
} from '../../common/domain'

export interface CaseSnapshot {
  case: CaseSummary
  evidence: EvidenceRecord[]
  alerts: Alert[]
  detectionRuns: DetectionRunSummary[]
  notes: Note[]
  eventsOverTime: Histogram
  alertsBySeverity: Record<Severity, number>
  /** When the report was generated, ms since the epoch (UTC). */
  generatedAt: number
  /** The IANA zone the generation time is shown in; case times use `case.displayTimeZone`. */
  generatedTimeZone: string
  cairnVersion: string
  /** Who generated the report, as they want to be named on it. */
  author?: string
  /** Parts the person exporting chose to leave out: the report says so instead of showing them as empty. */
  omitted?: { notes?: boolean; eventsOverTime?: boolean }
}
