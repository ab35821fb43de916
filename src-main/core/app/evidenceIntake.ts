// How evidence enters a case from outside: a path (desktop app, CLI) or a browser-mode upload, previewed,
// then imported as jobs (one per source; an archive or folder is one job that imports each file in it),
// resumed or removed. Turns the analyst's choices for a source (format, zone, LogFormat pattern, CSV
// columns) into the parser options an import runs with.

import { chmodSync, createWriteStream, mkdirSync, rmSync, statSync, utimesSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { UploadReceipt } from '../../common/bridge'
import type {
  ColumnTarget,
  FormatOptions,
  ImportSummary,
  LogFormat,
  SourcePreview
} from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { Case } from '../case/case'
import { newId } from '../case/ids'
import type { ParserOptions } from '../ingest/parser'
import type { JobManager } from '../jobs/jobManager'
import {
  DEFAULT_IMPORT_SETTINGS,
  EvidenceImport,
  type ImportRequest,
  type ImportSettings
} from './evidenceImport'
import { checkEvidencePath, isInside, safeFileName } from './paths'
import type { Semaphore } from './semaphore'
import { previewSource } from './sourcePreview'
import { SigmaDuringImport } from './sigmaDuringImport'
import type { SigmaRuleSet } from '../detect/sigma/ruleSet'

export type FileSource = { path: string } | { uploadId: string }

/** The analyst's choices for one source; anything left out is sniffed or taken from the defaults. */
export interface SourceOptions {
  entry?: string
  format?: LogFormat
  timeZone?: string
  logFormatPattern?: string
  columnMap?: Record<string, ColumnTarget>
}

export type IngestSource = FileSource & SourceOptions

export interface IntakeHooks {
  jobs: JobManager
  importSlots: Semaphore
  analyst: string
  settings?: ImportSettings
  /** The case's evidence changed (for pushing 'case.changed'). */
  changed(open: Case): void
  /** False once the case is closed: late results of its jobs are then dropped. */
  isCurrent(open: Case): boolean
  /** The Sigma rules to match while importing; null runs imports without detection. */
  sigmaRules?(): SigmaRuleSet | null
}

export class EvidenceIntake {
  private readonly settings: ImportSettings
  /** Import jobs running per case, cancelled when their case closes. */
  private readonly running = new Map<Case, Set<string>>()

  constructor(private readonly hooks: IntakeHooks) {
    this.settings = hooks.settings ?? DEFAULT_IMPORT_SETTINGS
  }

  /** Starts one import job per source; returns the jobs at once. */
  start(
    open: Case,
    sources: readonly IngestSource[],
    defaults: { format?: LogFormat; timeZone: string }
  ): { jobId: string; path: string }[] {
    const requests = sources.map((source) => this.importRequest(open, source, defaults))
    return requests.map((request) => ({
      path: request.path,
      jobId: this.job(
        open,
        request.entry ? `${basename(request.path)} › ${request.entry}` : basename(request.path),
        (importer, context) => importer.run(request, context)
      )
    }))
  }

  /** Cancels the imports of a case that is closing. */
  cancelAll(open: Case): void {
    for (const jobId of this.running.get(open) ?? []) this.hooks.jobs.cancel(jobId)
  }

  resume(open: Case, evidenceId: string): string {
    const evidence = open.evidence.get(evidenceId)
    if (!evidence) throw new CairnError('NOT_FOUND', `evidence ${evidenceId} does not exist in this case`)
    return this.job(open, evidence.name, (importer, context) => importer.resume(evidenceId, context))
  }

  remove(open: Case, evidenceId: string): void {
    const evidence = open.evidence.get(evidenceId)
    if (!evidence) throw new CairnError('NOT_FOUND', `evidence ${evidenceId} does not exist in this case`)
    if (evidence.status === 'importing') {
      throw new CairnError('CONFLICT', `${evidence.name} is being imported; cancel the import first`)
    }
    new EvidenceImport(open, this.settings).remove(evidenceId)
    this.hooks.changed(open)
  }

  async preview(
    open: Case,
    source: FileSource,
    options: SourceOptions,
    defaultZone: string
  ): Promise<SourcePreview[]> {
    const path = this.resolvePath(open, source)
    return previewSource({
      path,
      entry: options.entry,
      format: options.format,
      options: parserOptions(path, options, defaultZone),
      // The newest first: the mapping an analyst chose last for the same columns is the one proposed.
      rememberedColumnMaps: open.evidence
        .list()
        .reverse()
        .flatMap((evidence) => (evidence.formatOptions?.columnMap ? [evidence.formatOptions.columnMap] : []))
    })
  }

  async receiveUpload(
    open: Case,
    name: string,
    lastModified: number | undefined,
    body: Readable
  ): Promise<UploadReceipt> {
    const fileName = safeFileName(name)
    const uploadId = newId()
    const dir = join(open.dir, 'uploads', uploadId)
    mkdirSync(dir, { recursive: true })
    const path = join(dir, fileName)
    try {
      await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600 }))
    } catch (error) {
      // An upload cut off half-way is not evidence: leave nothing behind that could be imported later.
      rmSync(dir, { recursive: true, force: true })
      throw new CairnError(
        'UNREADABLE_INPUT',
        `the upload of ${fileName} did not complete: ${(error as Error).message}`
      )
    }
    // Keep the original modification time: RFC 3164 syslog year inference reads it.
    if (lastModified !== undefined) utimesSync(path, new Date(), new Date(lastModified))
    chmodSync(path, 0o444)
    return { uploadId, name: fileName, bytes: statSync(path).size }
  }

  /** The file or folder a source names: an upload of this case, or an absolute path that exists. */
  resolvePath(open: Case, source: FileSource): string {
    if ('uploadId' in source) {
      const uploads = join(open.dir, 'uploads')
      const dir = join(uploads, source.uploadId)
      const files = isInside(uploads, dir) ? safeReaddir(dir) : []
      if (files.length !== 1)
        throw new CairnError('NOT_FOUND', `upload ${source.uploadId} does not exist in this case`)
      return join(dir, files[0])
    }
    const path = checkEvidencePath(source.path)
    try {
      statSync(path)
    } catch {
      throw new CairnError('UNREADABLE_INPUT', `${path} does not exist or cannot be read`)
    }
    return path
  }

  private importRequest(
    open: Case,
    source: IngestSource,
    defaults: { format?: LogFormat; timeZone: string }
  ): ImportRequest & { entry?: string } {
    const path = this.resolvePath(open, source)
    const formatOptions: FormatOptions = {
      ...(source.logFormatPattern ? { logFormatPattern: source.logFormatPattern } : {}),
      ...(source.columnMap ? { columnMap: source.columnMap } : {})
    }
    return {
      path,
      entry: source.entry,
      choice: {
        format: source.format ?? defaults.format,
        options: parserOptions(path, source, defaults.timeZone)
      },
      formatOptions: Object.keys(formatOptions).length ? formatOptions : null,
      ingestedBy: this.hooks.analyst
    }
  }

  private job(
    open: Case,
    label: string,
    work: (
      importer: EvidenceImport,
      context: Parameters<EvidenceImport['run']>[1]
    ) => Promise<ImportSummary[]>
  ): string {
    const jobs = this.running.get(open) ?? new Set<string>()
    this.running.set(open, jobs)
    const jobId = this.hooks.jobs.start('ingest', label, 'bytes', async (context) => {
      await this.hooks.importSlots.acquire()
      try {
        if (!this.hooks.isCurrent(open)) {
          throw new CairnError('CANCELLED', `the case was closed before ${label} started importing`)
        }
        const sigma = new SigmaDuringImport(this.hooks.sigmaRules?.() ?? null)
        return await work(new EvidenceImport(open, this.settings, sigma), {
          signal: context.signal,
          progress: context.progress,
          changed: () => {
            if (this.hooks.isCurrent(open)) this.hooks.changed(open)
          }
        })
      } finally {
        this.hooks.importSlots.release()
        jobs.delete(jobId)
        if (!jobs.size) this.running.delete(open)
      }
    })
    jobs.add(jobId)
    return jobId
  }
}

/** Parser options for a source: its zone, the year its syslog lines lack, its format's own options. */
function parserOptions(path: string, options: SourceOptions, defaultZone: string): ParserOptions {
  // RFC 3164 lines carry no year: assume the year the file was last written, the usual forensic convention.
  const written = new Date(statSync(path).mtimeMs)
  return {
    timeZone: options.timeZone ?? defaultZone,
    referenceYear: written.getUTCFullYear(),
    referenceMonth: written.getUTCMonth() + 1,
    ...(options.logFormatPattern ? { logFormatPattern: options.logFormatPattern } : {}),
    ...(options.columnMap ? { columnMap: options.columnMap } : {})
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
