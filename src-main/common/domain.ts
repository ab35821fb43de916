// Domain types shared by core, the entry layers and the renderer: what a case, a piece of evidence, an
// alert, a note and a query look like at every boundary. Times are milliseconds since the epoch, UTC.

import type { EventField, EventFieldValues, EventRef, StoredEvent } from './event'

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
  'apache_vhost_combined',
  'web_custom',
  'iis_w3c',
  'apache_error',
  'nginx_error',
  'syslog_rfc3164',
  'syslog_rfc5424',
  'auditd',
  'journald_json',
  'json',
  'cloudtrail',
  'windows_json',
  'csv',
  'zeek_tsv',
  'zeek_json',
  'suricata_eve',
  'pcap',
  'evtx'
] as const
export type LogFormat = (typeof LOG_FORMATS)[number]

/**
 * Formats whose timestamps may carry no zone: they are read in the zone declared for the evidence. (IIS W3C
 * logs are UTC by definition, but servers can be set to local time, so the declared zone applies there too.)
 */
export const DECLARED_ZONE_FORMATS: ReadonlySet<LogFormat | 'unknown'> = new Set<LogFormat>([
  'syslog_rfc3164',
  'apache_error',
  'nginx_error',
  'web_custom',
  'iis_w3c',
  'json',
  'windows_json',
  'csv'
])

/** How each format is named to people: on screen, in the CLI and in reports. */
export const LOG_FORMAT_LABELS: Record<LogFormat | 'unknown', string> = {
  apache_combined: 'Apache/nginx access (combined)',
  apache_common: 'Apache/nginx access (common)',
  apache_vhost_combined: 'Apache access (vhost_combined)',
  web_custom: 'Web access (custom LogFormat / log_format)',
  iis_w3c: 'IIS W3C extended',
  apache_error: 'Apache error log',
  nginx_error: 'nginx error log',
  syslog_rfc3164: 'Syslog (RFC 3164)',
  syslog_rfc5424: 'Syslog (RFC 5424)',
  auditd: 'Linux audit (auditd)',
  journald_json: 'journald JSON export',
  json: 'JSON (lines or array)',
  cloudtrail: 'AWS CloudTrail',
  windows_json: 'Windows events as JSON',
  csv: 'CSV/TSV with header',
  zeek_tsv: 'Zeek (TSV)',
  zeek_json: 'Zeek (JSON)',
  suricata_eve: 'Suricata EVE JSON',
  pcap: 'Packet capture (pcap/pcapng)',
  evtx: 'Windows event log (EVTX)',
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

/**
 * What a record of a source is: a text line, a JSON document (which may span lines), a captured packet or a
 * Windows event record.
 */
export type RecordUnit = 'line' | 'document' | 'packet' | 'event_record'

/** How records are counted to people, in the plural: "1,204 lines", "87 JSON records", "5,120 packets". */
export const RECORD_UNIT_LABELS: Record<RecordUnit, string> = {
  line: 'lines',
  document: 'JSON records',
  packet: 'packets',
  event_record: 'event records'
}

export const EVIDENCE_STATUSES = ['importing', 'complete', 'cancelled', 'interrupted', 'failed'] as const
/**
 * importing: being read now; complete: every record read; cancelled: stopped by the analyst; interrupted:
 * the app stopped mid-import (found so at the next open); failed: reading broke off with an error. The
 * last three keep what was imported and can be resumed or removed.
 */
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number]

/** Where a CSV/TSV column goes: an event field, the event time, extra fields under its own name, or nowhere. */
export type ColumnTarget = EventField | 'timestamp' | 'extra' | 'ignore'

/** Format options an analyst chose for a source; kept with the evidence so an import can be reproduced. */
export interface FormatOptions {
  /** An Apache `LogFormat` or nginx `log_format` string (format web_custom). */
  logFormatPattern?: string
  /** CSV/TSV header name → what the column holds. */
  columnMap?: Record<string, ColumnTarget>
}

/** How the records of a source were settled: every record is imported, rejected or skipped. */
export interface RecordCounts {
  /** Records read: every one is imported (as one or more events), rejected or skipped. */
  records: number
  events: number
  rejected: number
  /** Header and comment lines, and records folded into another record's event. */
  skipped: number
  firstEventAt: number | null
  lastEventAt: number | null
}

export const NO_RECORDS: Readonly<RecordCounts> = Object.freeze({
  records: 0,
  events: 0,
  rejected: 0,
  skipped: 0,
  firstEventAt: null,
  lastEventAt: null
})

export interface EvidenceRecord extends RecordCounts {
  id: string
  /** The file given as the source (for an archive member: the archive). */
  path: string
  /** Display name: the file name, or `archive.zip › member/path.log`. */
  name: string
  size: number
  /** SHA-256 of the evidence bytes (for an archive member: of the member's own bytes). */
  sha256: string
  /** Set when the evidence is a member of an archive or a file found inside a folder source. */
  container: { path: string; sha256: string | null; entry: string } | null
  format: LogFormat | 'unknown'
  formatOptions: FormatOptions | null
  /** The IANA zone declared for timestamps that carry none. */
  timeZone: string
  ingestedAt: number
  ingestedBy: string
  recordUnit: RecordUnit
  status: EvidenceStatus
}

export interface RejectReasonCount {
  reason: string
  count: number
  /** The first record that had this reason. */
  example?: { line: number; raw: string }
}

export interface ImportSummary {
  evidence: EvidenceRecord
  /** Most common rejection reasons, most frequent first. */
  topRejectReasons: RejectReasonCount[]
  /** Why records were skipped (headers, comments, folded records), most frequent first. */
  skipReasons: RejectReasonCount[]
  /** One line a responder reads: "N of M lines imported; most common error …". */
  message: string
  /** True when the same bytes were already in the case: nothing was imported again. */
  alreadyImported: boolean
}

export interface FormatGuess {
  format: LogFormat
  /** How sure the format is of the sample, 0..1. */
  confidence: number
}

/** One record of a preview: the event it became, or why it was rejected or skipped. */
export interface PreviewRecord {
  line: number
  raw: string
  outcome: 'event' | 'rejected' | 'skipped'
  timestamp: number | null
  fields: EventFieldValues
  reason: string | null
}

/** A CSV/TSV column as the import dialog shows it: its header, where it goes, a sample value. */
export interface ColumnSuggestion {
  name: string
  target: ColumnTarget
  sample: string
}

/** What one source would import as, before anything is committed to the case. */
export interface SourcePreview {
  /** The member of an archive or folder source ('' when the source is the file itself). */
  entry: string
  name: string
  size: number | null
  /** Formats that read the sample, best first. */
  guesses: FormatGuess[]
  /** The format the import will use: the one asked for, else the best guess if it is sure enough. */
  format: LogFormat | null
  /** Why the source cannot be imported as it is (empty, binary, EVTX not yet supported …). */
  problem: string | null
  timeZone: string
  /** Whether the declared zone is used (the format has timestamps without zone). */
  zoneApplies: boolean
  /** The first records, parsed with `format`. */
  sample: PreviewRecord[]
  /** For CSV/TSV: the column mapping the import will use. */
  columns: ColumnSuggestion[] | null
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

/** One field compared with a value; text compares without regard to case, numeric fields as numbers. */
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
  /**
   * Full-text search on the message (FTS4): words that must all occur, a trailing `*` for a prefix, a
   * quoted phrase for words in sequence.
   */
  match?: string
  /**
   * The explorer's query language (common/query/queryParser), ANDed with everything above: `field:value`,
   * `field:"a phrase"`, wildcards `field:adm*`, `field:>=500`, ranges `field:[500 TO 599]`, `field:*`,
   * `AND`/`OR`/`NOT`/`-`, parentheses, bare words as full-text terms, and `@timestamp` times in ISO 8601
   * (UTC when no zone is given). Text compares case-insensitively.
   */
  query?: string
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
  /** One summary per source imported: a file gives one, an archive or folder one per file in it. */
  ingest: ImportSummary[]
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
  /** Records read so far, when the job reads records (imports): for a rate in lines per second. */
  records?: number
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
