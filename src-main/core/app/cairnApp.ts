// The application core that all three entry layers (Electron IPC, the browser-mode server, the CLI) drive:
// it holds the open case and the job manager, and implements every use case of the contract on top of the
// case store, the ingest pipeline, the detection engines and the report builder.

import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Readable } from 'node:stream'
import type {
  CaseSummary,
  DetectionOutcome,
  ImportSummary,
  IocListSummary,
  LogFormat,
  Overview,
  SourcePreview
} from '../../common/domain'
import type { PushEvent } from '../../common/contract'
import type { UploadReceipt } from '../../common/bridge'
import { CairnError } from '../../common/errors'
import { Case, type CaseOpenOptions } from '../case/case'
import { newId } from '../case/ids'
import { DEFAULT_DETECTION_SETTINGS } from '../detect/engine'
import type { DetectionSettings } from '../detect/engine'
import { parseIocList } from '../detect/ioc/iocList'
import { createDefaultEngines, runEngines } from '../detect/runEngines'
import { SigmaLibrary } from '../detect/sigma/sigmaLibrary'
import { loadStreamedSigma } from '../case/sigmaMatchFile'
import type { SigmaRuleSet } from '../detect/sigma/ruleSet'
import { ruleDetail } from '../detect/sigma/ruleDetail'
import type { RuleDetail, RulesOverview } from '../../common/rules'
import type { LogonSummary, WindowsSourceBreakdown } from '../../common/windows'
import { summariseLogons, type LogonSummaryOptions } from '../case/logonSummary'
import { windowsSourceBreakdown } from '../case/windowsBreakdown'
import { JobManager } from '../jobs/jobManager'
import { CairnHome } from './cairnHome'
import { buildCaseSnapshot, writeCaseReport } from './caseReport'
import type { ReportOptions, ReportReceipt } from './caseReport'
import type { ImportSettings } from './evidenceImport'
import { EvidenceIntake, type FileSource, type IngestSource, type SourceOptions } from './evidenceIntake'
import { isInside, safeFileName } from './paths'
import { Semaphore } from './semaphore'
import { machine } from './platform'

export interface CairnAppOptions {
  home?: CairnHome
  /** Who is recorded as having ingested evidence (chain of custody). */
  analyst?: string
  /** Imports running at once (a large file alone already reads on every core). */
  parallelImports?: number
  /** Shard size, parallel ranges and workers per import. */
  importSettings?: ImportSettings
  /** Bytes of event shards kept in memory at once. */
  memoryBudgetBytes?: number
  detection?: DetectionSettings
  /** Sigma rule folders added to Cairn's own pack (`--rules`). */
  sigmaRuleFolders?: readonly string[]
  /** Match Sigma rules while importing (default); off leaves all of it to the detection run. */
  sigmaDuringImport?: boolean
}

export type { FileSource, IngestSource } from './evidenceIntake'

const MAX_IOC_LIST_BYTES = 256 * 1024 * 1024

export class CairnApp {
  readonly home: CairnHome
  readonly jobs: JobManager
  private current: Case | null = null
  private readonly listeners = new Set<(event: PushEvent) => void>()
  private readonly intake: EvidenceIntake
  private readonly detection: DetectionSettings
  readonly sigma: SigmaLibrary
  private readonly memoryBudgetBytes: number | undefined

  constructor(options: CairnAppOptions = {}) {
    this.home = options.home ?? new CairnHome()
    this.detection = options.detection ?? DEFAULT_DETECTION_SETTINGS
    this.sigma = new SigmaLibrary({ home: this.home.root, folders: options.sigmaRuleFolders })
    this.memoryBudgetBytes = options.memoryBudgetBytes
    this.jobs = new JobManager({
      onProgress: (payload) => this.push({ name: 'job.progress', payload }),
      onDone: (payload) => this.push({ name: 'job.done', payload })
    })
    this.intake = new EvidenceIntake({
      jobs: this.jobs,
      importSlots: new Semaphore(options.parallelImports ?? 1),
      analyst: options.analyst ?? machine.userName(),
      settings: options.importSettings,
      changed: () => this.changed('evidence'),
      isCurrent: (open) => this.current === open,
      sigmaRules: () => (options.sigmaDuringImport === false ? null : this.sigmaRulesForImport())
    })
  }

  onPush(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // ---- cases -------------------------------------------------------------------------------------------

  get openCase(): Case | null {
    return this.current
  }

  /** The open case, or an error a caller can show: every case-scoped call goes through here. */
  requireCase(caseId?: string): Case {
    if (!this.current) throw new CairnError('NO_CASE_OPEN', 'no case is open: create or open a case first')
    if (caseId !== undefined && caseId !== this.current.meta.id) {
      throw new CairnError('WRONG_CASE', `case ${caseId} is not the open case; open it first`)
    }
    return this.current
  }

  async createCase(title: string, displayTimeZone: string, dir?: string): Promise<CaseSummary> {
    const target = dir ?? join(this.home.casesRoot, `${slug(title)}-${newId().slice(0, 8)}`)
    const created = await Case.create(target, title, displayTimeZone, Date.now(), this.caseOptions())
    return this.adopt(created)
  }

  /** Opens a case by directory (CLI, `serve --case`) or by id from the recent list (UI). */
  async openCaseDir(dir: string): Promise<CaseSummary> {
    return this.adopt(await Case.open(dir, this.caseOptions()))
  }

  async openCaseById(caseId: string): Promise<CaseSummary> {
    if (this.current?.meta.id === caseId) return this.current.summary()
    const recent = this.home.findRecent(caseId)
    if (!recent) throw new CairnError('NOT_FOUND', `case ${caseId} is not in the recent cases list`)
    const opened = await Case.open(recent.dir, this.caseOptions())
    if (opened.meta.id !== caseId) {
      opened.close()
      throw new CairnError('CONFLICT', `the folder ${recent.dir} now holds a different case`)
    }
    return this.adopt(opened)
  }

  /** Opens a case directory, creating it when it holds no case yet (CLI `--case`). */
  async openOrCreateCaseDir(dir: string, title: string, displayTimeZone: string): Promise<CaseSummary> {
    try {
      return await this.openCaseDir(dir)
    } catch (error) {
      if (error instanceof CairnError && error.code === 'NOT_FOUND')
        return this.createCase(title, displayTimeZone, dir)
      throw error
    }
  }

  updateCase(
    caseId: string,
    changes: { title?: string; summary?: string; displayTimeZone?: string }
  ): CaseSummary {
    const open = this.requireCase(caseId)
    open.updateMeta(changes)
    this.changed('case')
    return open.summary()
  }

  closeCase(): void {
    if (this.current) this.intake.cancelAll(this.current)
    this.current?.close()
    this.current = null
  }

  // ---- ingest ------------------------------------------------------------------------------------------

  /** Starts one import job per source (an archive or folder is one job); returns the jobs at once. */
  startIngest(
    caseId: string,
    sources: readonly IngestSource[],
    format?: LogFormat,
    timeZone?: string
  ): { jobId: string; path: string }[] {
    const open = this.requireCase(caseId)
    return this.intake.start(open, sources, { format, timeZone: timeZone ?? open.meta.displayTimeZone })
  }

  /** Imports and waits: the CLI's path. Failures are reported per source, never thrown. */
  async ingestAndWait(
    caseId: string,
    sources: readonly IngestSource[],
    options: { format?: LogFormat; timeZone?: string } = {}
  ): Promise<{ path: string; summaries?: ImportSummary[]; error?: { code: string; message: string } }[]> {
    const jobs = this.startIngest(caseId, sources, options.format, options.timeZone)
    const outcomes = new Map<
      string,
      { summaries?: ImportSummary[]; error?: { code: string; message: string } }
    >()
    const unsubscribe = this.onPush((event) => {
      if (event.name !== 'job.done') return
      const done = event.payload
      outcomes.set(
        done.jobId,
        done.status === 'succeeded'
          ? { summaries: done.kind === 'ingest' ? done.result : undefined }
          : { error: { code: done.code, message: done.message } }
      )
    })
    await this.jobs.settled(jobs.map((job) => job.jobId))
    unsubscribe()
    return jobs.map((job) => ({ path: job.path, ...outcomes.get(job.jobId) }))
  }

  previewIngest(caseId: string, source: FileSource, options: SourceOptions): Promise<SourcePreview[]> {
    const open = this.requireCase(caseId)
    return this.intake.preview(open, source, options, open.meta.displayTimeZone)
  }

  resumeIngest(caseId: string, evidenceId: string): string {
    return this.intake.resume(this.requireCase(caseId), evidenceId)
  }

  removeEvidence(caseId: string, evidenceId: string): void {
    this.intake.remove(this.requireCase(caseId), evidenceId)
  }

  receiveUpload(name: string, lastModified: number | undefined, body: Readable): Promise<UploadReceipt> {
    return this.intake.receiveUpload(this.requireCase(), name, lastModified, body)
  }

  // ---- IOC lists ---------------------------------------------------------------------------------------

  /** Loads an IOC list file into the case; the same bytes loaded again return the list already there. */
  importIocList(caseId: string, source: FileSource): IocListSummary {
    const open = this.requireCase(caseId)
    const path = this.intake.resolvePath(open, source)
    if (statSync(path).isDirectory()) {
      throw new CairnError('BAD_REQUEST', 'an IOC list is one file; name the file, not a folder')
    }
    const size = statSync(path).size
    if (size > MAX_IOC_LIST_BYTES) {
      throw new CairnError(
        'UNREADABLE_INPUT',
        `${basename(path)} is ${size} bytes; IOC lists over 256 MiB are not supported`
      )
    }
    const bytes = readFileSync(path)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    const known = open.iocs.lists().find((list) => list.sha256 === sha256)
    if (known) return known
    const parsed = parseIocList(bytes.toString('utf8'), basename(path))
    if (!parsed.entries.length) {
      const reason = parsed.rejected[0] ? `; first problem: ${parsed.rejected[0].reason}` : ''
      throw new CairnError('UNSUPPORTED_FORMAT', `${basename(path)} holds no usable indicator${reason}`)
    }
    const summary = open.iocs.addList(basename(path), sha256, parsed.entries, parsed.rejected.length)
    this.changed('iocs')
    return summary
  }

  // ---- detection ---------------------------------------------------------------------------------------

  startDetection(caseId: string): string {
    const open = this.requireCase(caseId)
    return this.jobs.start('detect', 'Detection', 'events', (context) => this.detect(open, context))
  }

  async detect(
    open: Case,
    context: { signal: AbortSignal; progress(done: number, total: number): void }
  ): Promise<DetectionOutcome> {
    const { runs, alerts } = await runEngines(createDefaultEngines({ sigmaRules: this.sigma.ruleSet() }), {
      events: open.events,
      evidenceFormats: open.evidence.formats(),
      streamedSigma: (evidenceId) => loadStreamedSigma(open.shardDir(evidenceId)),
      iocs: open.iocs.entries(),
      settings: this.detection,
      signal: context.signal,
      progress: context.progress
    })
    if (context.signal.aborted) {
      throw new CairnError('CANCELLED', 'detection was cancelled; no alert was changed')
    }
    if (this.current !== open) {
      throw new CairnError('CANCELLED', 'the case was closed while detection ran; no alert was changed')
    }
    const stored = open.alerts.upsert(alerts)
    open.runs.record(runs)
    this.changed('alerts')
    return { runs, created: stored.created, updated: stored.updated }
  }

  /**
   * Imports match the rules as they read; rules that cannot be loaded (a rule folder gone) leave detection
   * to the detection run, which reports the problem.
   */
  private sigmaRulesForImport(): SigmaRuleSet | null {
    try {
      return this.sigma.ruleSet()
    } catch {
      return null
    }
  }

  // ---- rules -------------------------------------------------------------------------------------------

  /** Every rule's verdict; with a case, rules none of its evidence can feed are not applicable. */
  rulesOverview(caseId?: string): RulesOverview {
    return this.sigma.overview(caseId === undefined ? undefined : caseFormats(this.requireCase(caseId)))
  }

  /** Applies a change to the rules or their settings; answers the verdicts for the case open now, if any. */
  changeRules(change: (library: SigmaLibrary) => void): RulesOverview {
    change(this.sigma)
    return this.sigma.overview(this.current === null ? undefined : caseFormats(this.current))
  }

  ruleDetail(ruleId: string): RuleDetail {
    return ruleDetail(this.sigma.ruleSet(), ruleId)
  }

  // ---- overview and report -----------------------------------------------------------------------------

  overview(caseId: string): Overview {
    const open = this.requireCase(caseId)
    return {
      case: open.summary(),
      eventsOverTime: open.events.histogram({}, 120),
      alertsBySeverity: open.alerts.countBySeverity(),
      topSourceIps: open.events.topValues({}, 'source.ip', 10),
      httpStatusCodes: open.events.topValues({}, 'http.response.status_code', 20)
    }
  }

  // ---- Windows -----------------------------------------------------------------------------------------

  /** Channels, providers and event ids of one evidence source, the top `limit` of each. */
  windowsSourceBreakdown(caseId: string, evidenceId: string, limit: number): WindowsSourceBreakdown {
    const open = this.requireCase(caseId)
    requireEvidence(open, evidenceId)
    return windowsSourceBreakdown(open.events, evidenceId, limit)
  }

  /** Successful and failed Windows logons by account, source and logon type. */
  logonSummary(
    caseId: string,
    options: Pick<LogonSummaryOptions, 'evidenceId' | 'from' | 'to'>
  ): LogonSummary {
    const open = this.requireCase(caseId)
    if (options.evidenceId !== undefined) requireEvidence(open, options.evidenceId)
    return summariseLogons(open.events, options)
  }

  async exportReport(caseId: string, options: ReportOptions, outPath?: string): Promise<ReportReceipt> {
    const open = this.requireCase(caseId)
    const snapshot = buildCaseSnapshot(open, options)
    return writeCaseReport(open, snapshot, outPath)
  }

  reportFile(fileName: string): string {
    const open = this.requireCase()
    const dir = join(open.dir, 'reports')
    const path = join(dir, safeFileName(fileName))
    if (!/^[A-Za-z0-9._-]+\.pdf$/.test(fileName) || !isInside(dir, path)) {
      throw new CairnError('NOT_FOUND', `no report named ${fileName} in this case`)
    }
    return path
  }

  // ---- plumbing ----------------------------------------------------------------------------------------

  private caseOptions(): CaseOpenOptions {
    return this.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: this.memoryBudgetBytes }
  }

  private adopt(opened: Case): CaseSummary {
    if (this.current && this.current !== opened) {
      this.intake.cancelAll(this.current)
      this.current.close()
    }
    this.current = opened
    const summary = opened.summary()
    this.home.rememberCase({ id: summary.id, title: summary.title, dir: summary.dir, openedAt: Date.now() })
    this.changed('case')
    return summary
  }

  private changed(what: 'evidence' | 'alerts' | 'notes' | 'case' | 'iocs'): void {
    if (this.current) this.push({ name: 'case.changed', payload: { caseId: this.current.meta.id, what } })
  }

  notifyChanged(what: 'notes' | 'alerts'): void {
    this.changed(what)
  }

  private push(event: PushEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'case'
  )
}

function requireEvidence(open: Case, evidenceId: string): void {
  if (!open.evidence.get(evidenceId)) {
    throw new CairnError('NOT_FOUND', `evidence ${evidenceId} does not exist in this case`)
  }
}

/** The formats of a case's evidence, for saying which rules can apply to it. */
export function caseFormats(open: Case): Set<LogFormat> {
  const formats = new Set<LogFormat>()
  for (const format of open.evidence.formats().values()) if (format !== 'unknown') formats.add(format)
  return formats
}
