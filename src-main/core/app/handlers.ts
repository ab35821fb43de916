// Every call of the contract, implemented on the CairnApp. Requests arrive here already validated by
// their schema (dispatch.ts); case-scoped calls resolve their case through requireCase(caseId), so an id
// from another case is refused before anything is read or written.

import type { CallName } from '../../common/channels'
import type { CallResponse, ParsedRequest } from '../../common/contract'
import { CairnError } from '../../common/errors'
import type { CairnApp, FileSource } from './cairnApp'
import { openDemoCase } from './demoCase'

export type Handlers = {
  [K in CallName]: (request: ParsedRequest<K>) => Promise<CallResponse<K>> | CallResponse<K>
}

export interface HandlerEnvironment {
  mode: 'desktop' | 'browser'
  version: string
}

export function createHandlers(app: CairnApp, environment: HandlerEnvironment): Handlers {
  return {
    'app.info': () => ({
      version: environment.version,
      mode: environment.mode,
      platform: process.platform,
      casesRoot: app.home.casesRoot
    }),
    'case.listRecent': () => app.home.recentCases(),
    'case.create': (request) => app.createCase(request.title, request.displayTimeZone),
    'case.open': (request) => app.openCaseById(request.caseId),
    'case.openDemo': () => openDemoCase(app),
    'case.current': () => app.openCase?.summary() ?? null,
    'case.update': ({ caseId, ...changes }) => app.updateCase(caseId, changes),
    'evidence.list': (request) => app.requireCase(request.caseId).evidence.list(),
    'evidence.rejected': (request) => {
      const open = app.requireCase(request.caseId)
      if (!open.evidence.get(request.evidenceId)) {
        throw new CairnError('NOT_FOUND', `evidence ${request.evidenceId} does not exist in this case`)
      }
      return open.events.rejected(request.evidenceId, request.offset, request.limit)
    },
    'evidence.remove': (request) => {
      app.removeEvidence(request.caseId, request.evidenceId)
      return { removed: true }
    },
    'ingest.preview': ({ caseId, source, ...options }) => {
      refusePathsInBrowserMode(environment, [source])
      return app.previewIngest(caseId, source, options)
    },
    'ingest.resume': (request) => ({ jobId: app.resumeIngest(request.caseId, request.evidenceId) }),
    'ingest.start': (request) => {
      // A browser can only hand over files it uploaded; a path would let a token holder read any file here.
      refusePathsInBrowserMode(environment, request.sources)
      const jobs = app.startIngest(request.caseId, request.sources, request.format, request.timeZone)
      return { jobIds: jobs.map((job) => job.jobId) }
    },
    'jobs.cancel': (request) => ({ cancelled: app.jobs.cancel(request.jobId) }),
    'jobs.active': () => app.jobs.active(),
    'detect.run': (request) => ({ jobId: app.startDetection(request.caseId) }),
    'detect.runs': (request) => app.requireCase(request.caseId).runs.list(),
    'alerts.list': ({ caseId, ...filter }) => app.requireCase(caseId).alerts.list(filter),
    'alerts.get': (request) => app.requireCase(request.caseId).alerts.get(request.alertId),
    'alerts.events': (request) => {
      // Only the page's events are loaded; the rest of the alert's references are ordered by timestamp alone.
      const open = app.requireCase(request.caseId)
      const ordered = open.events.orderRefs(open.alerts.get(request.alertId).eventRefs)
      const page = ordered.slice(request.offset, request.offset + request.limit)
      return { total: ordered.length, offset: request.offset, events: open.events.getMany(page) }
    },
    'alerts.setStatus': (request) => {
      const alert = app
        .requireCase(request.caseId)
        .alerts.setStatus(request.alertId, request.status, request.closeReason)
      app.notifyChanged('alerts')
      return alert
    },
    'events.query': (request) =>
      app
        .requireCase(request.caseId)
        .events.page(request.query, request.offset, request.limit, request.order),
    'events.get': (request) =>
      app
        .requireCase(request.caseId)
        .events.get({ evidenceId: request.evidenceId, eventId: request.eventId }),
    'events.histogram': (request) =>
      app.requireCase(request.caseId).events.histogram(request.query, request.buckets),
    'events.topValues': (request) =>
      app.requireCase(request.caseId).events.topValues(request.query, request.field, request.limit),
    'notes.list': (request) => app.requireCase(request.caseId).notes.list(),
    'notes.create': (request) => {
      const note = app.requireCase(request.caseId).notes.create(request.title, request.body)
      app.notifyChanged('notes')
      return note
    },
    'notes.update': ({ caseId, noteId, ...changes }) => {
      const note = app.requireCase(caseId).notes.update(noteId, changes)
      app.notifyChanged('notes')
      return note
    },
    'notes.delete': (request) => {
      const deleted = app.requireCase(request.caseId).notes.delete(request.noteId)
      app.notifyChanged('notes')
      return { deleted }
    },
    'iocs.list': (request) => app.requireCase(request.caseId).iocs.lists(),
    'iocs.import': (request) => {
      refusePathsInBrowserMode(environment, [request.source])
      return app.importIocList(request.caseId, request.source)
    },
    'rules.list': (request) => app.rulesOverview(request.caseId),
    'rules.get': (request) => app.ruleDetail(request.ruleId),
    'rules.addFolder': (request) => {
      refusePathsInBrowserMode(environment, [{ path: request.path }])
      return app.changeRules((rules) => rules.addFolder(request.path))
    },
    'rules.removeFolder': (request) => app.changeRules((rules) => rules.removeFolder(request.path)),
    'rules.setEnabled': (request) =>
      app.changeRules((rules) => rules.setEnabled(request.ruleId, request.enabled)),
    'rules.setLevel': (request) => app.changeRules((rules) => rules.setLevel(request.ruleId, request.level)),
    'rules.setExclusions': (request) =>
      app.changeRules((rules) => rules.setExclusions(request.ruleId, request.exclusions)),
    'rules.setSelection': (request) => app.changeRules((rules) => rules.setSelection(request.selection)),
    'overview.get': (request) => app.overview(request.caseId),
    'windows.sourceBreakdown': (request) =>
      app.windowsSourceBreakdown(request.caseId, request.evidenceId, request.limit),
    'windows.logonSummary': ({ caseId, ...options }) => app.logonSummary(caseId, options),
    'report.export': (request) => app.exportReport(request.caseId, request.options)
  }
}

function refusePathsInBrowserMode(environment: HandlerEnvironment, sources: readonly FileSource[]): void {
  if (environment.mode === 'browser' && sources.some((source) => 'path' in source)) {
    throw new CairnError(
      'FORBIDDEN',
      'in browser mode Cairn reads only files uploaded through the page; choose or drop the files instead'
    )
  }
}
