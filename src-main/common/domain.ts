// Domain types shared by core, the entry layers and the renderer: what a case, a piece of evidence, an
// alert, a note and a query look like at every boundary. Times are milliseconds since the epoch, UTC.

import type { EventField, EventRef, StoredEvent } from './event'

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const
export type Severity = (typeof SEVERITIES)[number]

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Info'
}

export const ALERT_STATUSES = ['new', 'in_progress', 'closed'] as const
export type AlertStatus = (typeof ALERT_STATUSES)[number]

export const CLOSE_REASONS = ['true_positive', 'false_positive', 'benign', 'duplicate'] as const
export type CloseReason = (typeof CLOSE_REASONS)[number]

export const LOG_FORMATS = [
  'apache_combined',
  'apache_common',
  'apache_error',
  'nginx_error',
  'syslog_rfc3164',
  'syslog_rfc5424'
] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/** Formats whose timestamps carry no zone: they are read in the zone declared for the evidence. */
export const DECLARED_ZONE_FORMATS: ReadonlySet<LogFormat | 'unknown'> = new Set<LogFormat>([
  'syslog_rfc3164',
  'apache_error',
  'nginx_error'
])

/** How each format is named to people: on screen, in the CLI and in reports. */
export const LOG_FORMAT_LABELS: Record<LogFormat | 'unknown', string> = {
  apache_combined: 'Apache/nginx access (combined)',
  apache_common: 'Apache/nginx access (common)',
  apache_error: 'Apache error log',
  nginx_error: 'nginx error log',
  syslog_rfc3164: 'Syslog (RFC 3164)',
  syslog_rfc5424: 'Syslog (RFC 5424)',
  unknown: 'Unknown'
}

export interface CaseSummary {
  id: string
  title: string
  dir: string
  createdAt: number
  summary: string
  /** The zone the analyst reads times in (IANA name); stored times are always UTC. */
  displayTimeZone: string
  counts: {
    evidence: number
    events: number
    rejected: number
    alerts: number
    openAlerts: number
    notes: number
  }
}

export interface RecentCase {
  id: string
  title: string
  dir: string
  openedAt: number
}

export interface EvidenceRecord {
  id: string
  path: string
  name: string
  size: number
  sha256: string
  format: LogFormat | 'unknown'
  /** The IANA zone declared for timestamps that carry none (syslog RFC 3164). */
  timeZone: string
  ingestedAt: number
  ingestedBy: string
  lines: number
  events: number
  rejected: number
  firstEventAt: number | null
  lastEventAt: number | null
  status: 'complete' | 'cancelled' | 'failed'
}

export interface RejectReasonCount {
  reason: string
  count: number
}

export interface ImportSummary {
  evidence: EvidenceRecord
  /** Most common rejection reasons, most frequent first. */
  topRejectReasons: RejectReasonCount[]
  /** One line a responder reads: "N of M lines imported; most common error …". */
  message: string
  /** True when the same bytes were already in the case: nothing was imported again. */
  alreadyImported: boolean
}

export interface RejectedLine {
  line: number
  offset: number
  raw: string
  reason: string
}

export interface AlertEntities {
  ips: string[]
  users: string[]
  hosts: string[]
}

export interface Alert {
  id: string
  engine: string
  rule: { id: string; title: string }
  title: string
  description: string
  severity: Severity
  status: AlertStatus
  closeReason: CloseReason | null
  techniques: string[]
  entities: AlertEntities
  firstSeen: number
  lastSeen: number
  count: number
  createdAt: number
  updatedAt: number
}

export interface AlertDetail extends Alert {
  eventRefs: EventRef[]
}

export interface Note {
  id: string
  title: string
  body: string
  createdAt: number
  updatedAt: number
}

/** Ids of the built-in detection engines, for screens that speak of one engine in particular. */
export const ENGINE_IDS = { ioc: 'ioc', authBurst: 'auth-burst' } as const

export const RUN_STATUSES = ['success', 'no_findings', 'error'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]
export type RunPriority = 'high' | 'medium' | 'low' | 'none'

export interface DetectionRunSummary {
  engine: string
  title: string
  status: RunStatus
  priority: RunPriority
  summary: string
  alerts: number
  startedAt: number
  finishedAt: number
}

export interface IocListSummary {
  id: string
  name: string
  sha256: string
  counts: Record<string, number>
  rejected: number
  loadedAt: number
}

export const FILTER_OPS = ['eq', 'neq', 'contains', 'prefix', 'gte', 'lte', 'in'] as const
export type FilterOp = (typeof FILTER_OPS)[number]

export interface FieldFilter {
  field: EventField
  op: FilterOp
  value: string | number | (string | number)[]
}

export interface EventQuery {
  /** Inclusive lower bound, ms UTC. */
  from?: number
  /** Exclusive upper bound, ms UTC. */
  to?: number
  filters?: FieldFilter[]
  /** Case-insensitive substring searched in the raw line. */
  text?: string
  evidenceIds?: string[]
}

export interface EventPage {
  total: number
  offset: number
  events: StoredEvent[]
}

export interface FieldValueCount {
  value: string | number
  count: number
}

export interface TimeBucket {
  start: number
  count: number
}

export interface Histogram {
  bucketMs: number
  buckets: TimeBucket[]
}

export interface Overview {
  case: CaseSummary
  eventsOverTime: Histogram
  alertsBySeverity: Record<Severity, number>
  topSourceIps: FieldValueCount[]
  httpStatusCodes: FieldValueCount[]
}

/** What each kind of job hands back when it succeeds. */
export interface JobResults {
  ingest: ImportSummary
  detect: DetectionOutcome
}

export type JobKind = keyof JobResults

export interface DetectionOutcome {
  runs: DetectionRunSummary[]
  /** Alerts new in this run, and existing ones it updated (re-runs never duplicate). */
  created: number
  updated: number
}

export interface JobProgress {
  jobId: string
  kind: JobKind
  /** What is being worked on, e.g. the file name. */
  label: string
  done: number
  total: number
  unit: 'bytes' | 'events'
}

export type JobOutcome =
  | {
      [K in JobKind]: { jobId: string; kind: K; label: string; status: 'succeeded'; result: JobResults[K] }
    }[JobKind]
  | {
      jobId: string
      kind: JobKind
      label: string
      status: 'failed' | 'cancelled'
      code: string
      message: string
    }
