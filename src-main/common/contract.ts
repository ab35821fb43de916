// The one typed contract: every call with its request schema and response type, and every pushed event.
// The preload API, the Electron IPC handlers, the browser-mode HTTP/WebSocket routes and the renderer's
// API client are all derived from this file; no channel name or payload shape is spelled anywhere else.

import { z } from 'zod'
import type { CallName, PushEventName } from './channels'
import type {
  Alert,
  AlertDetail,
  CaseSummary,
  DetectionRunSummary,
  EventPage,
  EvidenceRecord,
  Histogram,
  IocListSummary,
  JobOutcome,
  JobProgress,
  Note,
  Overview,
  RecentCase,
  RejectedLine,
  SourcePreview,
  FieldValueCount
} from './domain'
import { ALERT_STATUSES, CLOSE_REASONS, FILTER_OPS, LOG_FORMATS, SEVERITIES } from './domain'
import { EVENT_FIELDS } from './event'
import { parseQuery } from './query/queryParser'
import { ruleSelectionSchema } from './ruleSchemas'
import type { RuleDetail, RulesOverview } from './rules'
import type { StoredEvent } from './event'
import type { LogonSummary, WindowsSourceBreakdown } from './windows'

/** Opaque ids minted by core: UUIDs or short slugs; never paths. */
export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'must be an id of letters, digits, "-" or "_"')
const caseIdSchema = idSchema
/** A Sigma rule's id: a UUID by convention, but any text the rule author chose (or path#document). */
const ruleIdSchema = z.string().min(1).max(4200)
const timeZoneSchema = z
  .string()
  .max(64)
  .refine((zone) => isValidTimeZone(zone), 'must be an IANA time zone such as UTC or Europe/Berlin')
const msSchema = z.number().int().min(0).max(8.64e15)
const pagingSchema = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(200)
}

export const fieldFilterSchema = z.strictObject({
  field: z.enum(EVENT_FIELDS),
  op: z.enum(FILTER_OPS),
  value: z.union([
    z.string().max(4096),
    z.number(),
    z.array(z.union([z.string().max(4096), z.number()])).max(1000)
  ])
})

/** SQLite binds at most 32,766 values in one statement; a query stays well below. */
const MAX_FILTER_VALUES = 10_000

export const eventQuerySchema = z
  .strictObject({
    from: msSchema.optional(),
    to: msSchema.optional(),
    filters: z.array(fieldFilterSchema).max(50).optional(),
    text: z.string().max(1000).optional(),
    match: z.string().max(1000).optional(),
    query: z.string().max(4000).optional(),
    evidenceIds: z.array(idSchema).max(1000).optional()
  })
  .refine(
    (query) =>
      (query.filters ?? []).reduce((total, f) => total + (Array.isArray(f.value) ? f.value.length : 1), 0) <=
      MAX_FILTER_VALUES,
    `filters may name at most ${MAX_FILTER_VALUES} values in all`
  )
  .superRefine((query, context) => {
    const parsed = query.query === undefined ? null : parseQuery(query.query)
    if (parsed && !parsed.ok) {
      const { message, position, length } = parsed.error
      context.addIssue({
        code: 'custom',
        path: ['query'],
        message: `${message} (at character ${position + 1})`,
        params: { position, length }
      })
    }
  })

export const reportOptionsSchema = z.strictObject({
  author: z.string().max(200).optional(),
  includeNotes: z.boolean().default(true),
  includeEvents: z.boolean().default(true)
})

/** A file or folder: a path on this machine (desktop app, CLI) or a browser-mode upload id. */
const fileSourceSchema = z.union([
  z.strictObject({ path: z.string().min(1).max(4096) }),
  z.strictObject({ uploadId: idSchema })
])

const columnTargetSchema = z.enum([...EVENT_FIELDS, 'timestamp', 'extra', 'ignore'])

/** How to read one source; anything left out is sniffed from the content or taken from the defaults. */
const sourceOptions = {
  /** A member of an archive, or a file within a folder, to import on its own. */
  entry: z.string().min(1).max(4096).optional(),
  format: z.enum(LOG_FORMATS).optional(),
  timeZone: timeZoneSchema.optional(),
  logFormatPattern: z.string().min(1).max(4000).optional(),
  columnMap: z.record(z.string().max(500), columnTargetSchema).optional()
}

/** A source to ingest, with the analyst's choices for it. */
const ingestSourceSchema = z.union([
  z.strictObject({ path: z.string().min(1).max(4096), ...sourceOptions }),
  z.strictObject({ uploadId: idSchema, ...sourceOptions })
])

function call<S extends z.ZodType>(request: S) {
  return { returns: <R>() => ({ request, response: undefined as unknown as R }) }
}

const none = z.strictObject({})
const inCase = z.strictObject({ caseId: caseIdSchema })

export interface AppInfo {
  version: string
  mode: 'desktop' | 'browser'
  platform: string
  casesRoot: string
}

export interface UpdateCaseFields {
  title?: string
  summary?: string
  displayTimeZone?: string
}

export const contract = {
  'app.info': call(none).returns<AppInfo>(),
  'case.listRecent': call(none).returns<RecentCase[]>(),
  'case.create': call(
    z.strictObject({
      title: z.string().trim().min(1).max(200),
      displayTimeZone: timeZoneSchema.default('UTC')
    })
  ).returns<CaseSummary>(),
  'case.open': call(inCase).returns<CaseSummary>(),
  'case.openDemo': call(none).returns<CaseSummary>(),
  'case.current': call(none).returns<CaseSummary | null>(),
  'case.update': call(
    z.strictObject({
      caseId: caseIdSchema,
      title: z.string().trim().min(1).max(200).optional(),
      summary: z.string().max(20_000).optional(),
      displayTimeZone: timeZoneSchema.optional()
    })
  ).returns<CaseSummary>(),
  'evidence.list': call(inCase).returns<EvidenceRecord[]>(),
  'evidence.rejected': call(
    z.strictObject({ caseId: caseIdSchema, evidenceId: idSchema, ...pagingSchema })
  ).returns<{ total: number; lines: RejectedLine[] }>(),
  'ingest.preview': call(
    z.strictObject({
      caseId: caseIdSchema,
      source: fileSourceSchema,
      ...sourceOptions
    })
  ).returns<SourcePreview[]>(),
  'ingest.start': call(
    z.strictObject({
      caseId: caseIdSchema,
      sources: z.array(ingestSourceSchema).min(1).max(1000),
      /** Defaults for sources that do not choose their own. */
      format: z.enum(LOG_FORMATS).optional(),
      timeZone: timeZoneSchema.optional()
    })
    // One job per source, in the order of `sources`: jobIds[i] imports sources[i].
  ).returns<{ jobIds: string[] }>(),
  'ingest.resume': call(z.strictObject({ caseId: caseIdSchema, evidenceId: idSchema })).returns<{
    jobId: string
  }>(),
  'evidence.remove': call(z.strictObject({ caseId: caseIdSchema, evidenceId: idSchema })).returns<{
    removed: boolean
  }>(),
  'jobs.cancel': call(z.strictObject({ jobId: idSchema })).returns<{ cancelled: boolean }>(),
  'jobs.active': call(none).returns<JobProgress[]>(),
  'detect.run': call(inCase).returns<{ jobId: string }>(),
  'detect.runs': call(inCase).returns<DetectionRunSummary[]>(),
  'alerts.list': call(
    z.strictObject({
      caseId: caseIdSchema,
      status: z.enum(ALERT_STATUSES).optional(),
      severity: z.enum(SEVERITIES).optional()
    })
  ).returns<Alert[]>(),
  'alerts.get': call(z.strictObject({ caseId: caseIdSchema, alertId: idSchema })).returns<AlertDetail>(),
  'alerts.events': call(
    z.strictObject({ caseId: caseIdSchema, alertId: idSchema, ...pagingSchema })
  ).returns<EventPage>(),
  'alerts.setStatus': call(
    z.strictObject({
      caseId: caseIdSchema,
      alertId: idSchema,
      status: z.enum(ALERT_STATUSES),
      closeReason: z.enum(CLOSE_REASONS).optional()
    })
  ).returns<Alert>(),
  'events.query': call(
    z.strictObject({
      caseId: caseIdSchema,
      query: eventQuerySchema.default({}),
      order: z.enum(['asc', 'desc']).default('asc'),
      ...pagingSchema
    })
  ).returns<EventPage>(),
  'events.get': call(
    z.strictObject({ caseId: caseIdSchema, evidenceId: idSchema, eventId: z.number().int().min(1) })
  ).returns<StoredEvent>(),
  'events.histogram': call(
    z.strictObject({
      caseId: caseIdSchema,
      query: eventQuerySchema.default({}),
      buckets: z.number().int().min(1).max(2000).default(120)
    })
  ).returns<Histogram>(),
  'events.topValues': call(
    z.strictObject({
      caseId: caseIdSchema,
      query: eventQuerySchema.default({}),
      field: z.enum(EVENT_FIELDS),
      limit: z.number().int().min(1).max(1000).default(10)
    })
  ).returns<FieldValueCount[]>(),
  'notes.list': call(inCase).returns<Note[]>(),
  'notes.create': call(
    z.strictObject({
      caseId: caseIdSchema,
      title: z.string().trim().min(1).max(200),
      body: z.string().max(1_000_000).default('')
    })
  ).returns<Note>(),
  'notes.update': call(
    z.strictObject({
      caseId: caseIdSchema,
      noteId: idSchema,
      title: z.string().trim().min(1).max(200).optional(),
      body: z.string().max(1_000_000).optional()
    })
  ).returns<Note>(),
  'notes.delete': call(z.strictObject({ caseId: caseIdSchema, noteId: idSchema })).returns<{
    deleted: boolean
  }>(),
  'iocs.list': call(inCase).returns<IocListSummary[]>(),
  'iocs.import': call(
    z.strictObject({ caseId: caseIdSchema, source: fileSourceSchema })
  ).returns<IocListSummary>(),
  'rules.list': call(z.strictObject({ caseId: caseIdSchema.optional() })).returns<RulesOverview>(),
  'rules.get': call(z.strictObject({ ruleId: ruleIdSchema })).returns<RuleDetail>(),
  'rules.addFolder': call(z.strictObject({ path: z.string().min(1).max(4096) })).returns<RulesOverview>(),
  'rules.removeFolder': call(z.strictObject({ path: z.string().min(1).max(4096) })).returns<RulesOverview>(),
  'rules.setEnabled': call(
    z.strictObject({ ruleId: ruleIdSchema, enabled: z.boolean() })
  ).returns<RulesOverview>(),
  'rules.setLevel': call(
    z.strictObject({ ruleId: ruleIdSchema, level: z.enum(SEVERITIES).nullable() })
  ).returns<RulesOverview>(),
  'rules.setExclusions': call(
    z.strictObject({
      ruleId: ruleIdSchema,
      exclusions: z
        .array(
          z.strictObject({
            field: z
              .string()
              .trim()
              .min(1)
              .max(256)
              .regex(/^[^|]+$/, 'a field name cannot contain | (Sigma reads what follows as a modifier)'),
            values: z.array(z.string().min(1).max(4096)).min(1).max(1000)
          })
        )
        .max(100)
    })
  ).returns<RulesOverview>(),
  'rules.setSelection': call(z.strictObject({ selection: ruleSelectionSchema })).returns<RulesOverview>(),
  'overview.get': call(inCase).returns<Overview>(),
  'windows.sourceBreakdown': call(
    z.strictObject({
      caseId: caseIdSchema,
      evidenceId: idSchema,
      limit: z.number().int().min(1).max(100).default(8)
    })
  ).returns<WindowsSourceBreakdown>(),
  'windows.logonSummary': call(
    z
      .strictObject({
        caseId: caseIdSchema,
        evidenceId: idSchema.optional(),
        from: msSchema.optional(),
        to: msSchema.optional()
      })
      .refine(
        (request) => request.from === undefined || request.to === undefined || request.from < request.to,
        'from must be before to'
      )
  ).returns<LogonSummary>(),
  'report.export': call(
    z.strictObject({
      caseId: caseIdSchema,
      options: reportOptionsSchema.default({ includeNotes: true, includeEvents: true })
    })
  ).returns<{ fileName: string; path: string; bytes: number; pages: number }>()
} satisfies Record<CallName, { request: z.ZodType; response: unknown }>

export type Contract = typeof contract
export type CallRequest<K extends CallName> = z.input<Contract[K]['request']>
export type ParsedRequest<K extends CallName> = z.output<Contract[K]['request']>
export type CallResponse<K extends CallName> = Contract[K]['response']

export interface PushEvents {
  'job.progress': JobProgress
  'job.done': JobOutcome
  'case.changed': { caseId: string; what: 'evidence' | 'alerts' | 'notes' | 'case' | 'iocs' }
}
export type PushEvent = { [K in PushEventName]: { name: K; payload: PushEvents[K] } }[PushEventName]

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
