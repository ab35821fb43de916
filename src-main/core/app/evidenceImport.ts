// Imports one evidence source into an open case, on the main thread's side: decides what the source is (a
// file, an archive, a folder), hashes it, refuses a file already in the case, registers the evidence before
// reading (so an interrupted import leaves a trace), runs the reading in worker threads — a large plain file
// in parallel byte ranges, one per core — records each shard as it lands, and completes the evidence with
// its counts. A cancelled or failed import keeps what it stored and can be resumed or removed.

import { availableParallelism } from 'node:os'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import type { EvidenceRecord, FormatOptions, ImportSummary, LogFormat } from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { Case } from '../case/case'
import { newId } from '../case/ids'
import { isGzipFile } from '../ingest/byteSource'
import { isContainer } from '../ingest/containers/containerEntries'
import { chooseFormat } from '../ingest/formatChoice'
import { SPLITTABLE_FORMATS } from '../ingest/formatRegistry'
import type { ImportRange, RangeTask, SourceChoice, SourceResult } from '../ingest/ingestTasks'
import { runTaskInWorker } from '../ingest/ingestWorkerHost'
import { sampleFileHead } from '../ingest/fileSample'
import { surveyFile } from '../ingest/sourceSurvey'
import type { ShardInfo } from '../store/shardInfo'
import { importContainer } from './containerImport'
import { SigmaDuringImport } from './sigmaDuringImport'
import {
  alreadyImported,
  describeImport,
  mergeResults,
  newEvidenceRecord,
  NO_PRIOR,
  priorFromShards,
  type PriorCounts
} from './importResults'

export interface ImportSettings {
  /** A shard is closed once it passes this many bytes. */
  maxShardBytes: number
  /** Plain files at least this large are read in parallel ranges. */
  parallelFromBytes: number
  /** Workers one import may use at once. */
  workers: number
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettings = {
  maxShardBytes: 128 * 1024 * 1024,
  parallelFromBytes: 32 * 1024 * 1024,
  workers: Math.max(1, Math.min(2, availableParallelism()))
}

export interface ImportRequest {
  path: string
  /** Import only this member of an archive or folder. */
  entry?: string
  choice: SourceChoice
  formatOptions: FormatOptions | null
  ingestedBy: string
}

export interface ImportContext {
  signal: AbortSignal
  progress(done: number, total: number, records: number): void
  /** Called whenever the case's evidence changed (a source registered, a shard landed, an import ended). */
  changed(): void
}

/** The plan kept with the evidence so an interrupted import can be resumed exactly as it started. */
export type ImportPlan =
  | { kind: 'file'; request: ImportRequest; format: LogFormat; ranges: ImportRange[]; whole: boolean }
  | { kind: 'container'; request: ImportRequest }

export class EvidenceImport {
  constructor(
    private readonly open: Case,
    private readonly settings: ImportSettings,
    private readonly sigma: SigmaDuringImport = new SigmaDuringImport(null)
  ) {}

  /** Imports a file, archive or folder; an archive or folder yields one summary per file in it. */
  async run(request: ImportRequest, context: ImportContext): Promise<ImportSummary[]> {
    const stats = statFile(request.path)
    if (await isContainer(request.path)) {
      return this.importContainer(request, context, stats.isDirectory ? null : stats.size)
    }
    if (request.entry) {
      throw new CairnError(
        'BAD_REQUEST',
        `${basename(request.path)} is not an archive or folder; it has no entry ${request.entry}`
      )
    }
    return [await this.importFile(request, context, stats.size)]
  }

  private async importFile(
    request: ImportRequest,
    context: ImportContext,
    size: number
  ): Promise<ImportSummary> {
    const head = await sampleFileHead(request.path)
    if (head.bytes.length === 0 && head.damage) {
      throw new CairnError('UNREADABLE_INPUT', `${basename(request.path)} could not be read: ${head.damage}`)
    }
    const decided = chooseFormat(head.bytes, head.complete, request.choice.format)
    if (!decided.format) {
      throw new CairnError('UNSUPPORTED_FORMAT', `${basename(request.path)}: ${decided.problem}`)
    }
    const format = decided.format
    const parallel =
      !head.compressed && SPLITTABLE_FORMATS.has(format) && size >= this.settings.parallelFromBytes
    const survey = await surveyFile(request.path, size, parallel ? this.settings.workers : 1)
    const duplicate = this.open.evidence
      .list()
      .find((known) => known.sha256 === survey.sha256 && !known.container)
    if (duplicate) return alreadyImported(basename(request.path), duplicate, this.open)
    const evidence = this.newEvidence(newId(), request, format, survey.sha256, size)
    const plan: ImportPlan = { kind: 'file', request, format, ranges: survey.ranges, whole: !parallel }
    this.open.evidence.begin(evidence, plan)
    context.changed()
    return this.readRanges(evidence, plan, survey.ranges, context, NO_PRIOR)
  }

  /** Continues an import that was cancelled, interrupted or failed, after its last stored shard. */
  async resume(evidenceId: string, context: ImportContext): Promise<ImportSummary[]> {
    const evidence = this.open.evidence.get(evidenceId)
    if (!evidence) throw new CairnError('NOT_FOUND', `evidence ${evidenceId} does not exist in this case`)
    if (evidence.status === 'complete' || evidence.status === 'importing') {
      throw new CairnError(
        'CONFLICT',
        `${evidence.name} is ${evidence.status}; only a stopped import can be resumed`
      )
    }
    const plan = this.open.evidence.plan(evidenceId) as ImportPlan | null
    if (!plan) throw new CairnError('CONFLICT', `${evidence.name} has no import plan to resume from`)
    if (!existsSync(plan.request.path)) {
      throw new CairnError(
        'NOT_FOUND',
        `${evidence.name} cannot be resumed: ${plan.request.path} is no longer there; remove it, or import the file again`
      )
    }
    if (plan.kind === 'container') {
      this.remove(evidenceId)
      return this.importContainer(plan.request, context, null)
    }
    // Continuing on bytes that changed would mix two files under one SHA-256.
    const now = await surveyFile(plan.request.path, evidence.size, 1)
    if (now.sha256 !== evidence.sha256) {
      throw new CairnError(
        'CONFLICT',
        `${evidence.name} cannot be resumed: the file changed since its import started (SHA-256 ${now.sha256.slice(0, 12)}… now, ${evidence.sha256.slice(0, 12)}… then); import it again as new evidence`
      )
    }
    this.open.evidence.setStatus(evidenceId, 'importing')
    context.changed()
    if (!SPLITTABLE_FORMATS.has(plan.format) || (plan.whole && isGzipFile(plan.request.path))) {
      // Gzip cannot be entered mid-way, and a format whose records depend on what came before (a CSV or
      // Zeek header, a capture's file header, auditd groups) cannot start on an arbitrary line: the
      // source is read again from its start.
      this.dropShards(evidenceId)
      return [await this.readRanges(evidence, plan, plan.ranges, context, NO_PRIOR)]
    }
    const kept = this.open.shards.forEvidence(evidenceId)
    const ranges = plan.ranges.map((range) => continueRange(range, kept))
    const continued = { ...plan, whole: plan.whole && ranges[0].start === 0 }
    return [await this.readRanges(evidence, continued, ranges, context, priorFromShards(kept, plan.ranges))]
  }

  /** Removes an evidence source: its shards, its catalog entries and its row. */
  remove(evidenceId: string): void {
    this.open.events.removeEvidence(evidenceId)
    this.open.evidence.remove(evidenceId)
    rmSync(this.open.shardDir(evidenceId), { recursive: true, force: true })
  }

  private dropShards(evidenceId: string): void {
    this.open.events.removeEvidence(evidenceId)
    this.open.shards.removeEvidence(evidenceId)
    rmSync(this.open.shardDir(evidenceId), { recursive: true, force: true })
  }

  private async readRanges(
    evidence: EvidenceRecord,
    plan: Extract<ImportPlan, { kind: 'file' }>,
    ranges: ImportRange[],
    context: ImportContext,
    prior: PriorCounts
  ): Promise<ImportSummary> {
    const shardDir = this.open.shardDir(evidence.id)
    mkdirSync(shardDir, { recursive: true })
    const done = ranges.map(() => ({ bytes: 0, records: 0 }))
    const total = ranges.reduce((sum, range) => sum + range.end - range.start, 0)
    const report = () =>
      context.progress(
        done.reduce((sum, part) => sum + part.bytes, 0),
        total,
        done.reduce((sum, part) => sum + part.records, 0)
      )
    const tasks = ranges
      .filter((range) => range.start < range.end)
      .map((range) => {
        const task: RangeTask = {
          kind: 'range',
          path: plan.request.path,
          evidenceId: evidence.id,
          shardDir,
          format: plan.format,
          options: plan.request.choice.options,
          range,
          whole: plan.whole,
          maxShardBytes: this.settings.maxShardBytes,
          sigma: this.sigma.rulesFor(plan.format)
        }
        return runTaskInWorker(task, {
          signal: context.signal,
          onMessage: (message) => {
            if (message.type === 'shard') this.addShard(message.info, context)
            else if (message.type === 'sigma') this.sigma.take(message)
            else if (message.type === 'progress') {
              done[range.index] = { bytes: message.bytes, records: message.records }
              report()
            }
          }
        })
      })
    const outcomes = await Promise.allSettled(tasks)
    const failure = outcomes.find((outcome) => outcome.status === 'rejected')
    if (failure) {
      this.sigma.forget(evidence.id)
      return this.stop(evidence, failure.reason, plan.ranges)
    }
    const results = outcomes.map(
      (outcome) => (outcome as PromiseFulfilledResult<{ result: SourceResult | null }>).value.result!
    )
    const summary = this.complete(evidence, results, prior)
    // Matches are kept only when this import read the whole source.
    if (prior === NO_PRIOR) this.sigma.complete(this.open, evidence.id, plan.format)
    else this.sigma.forget(evidence.id)
    return summary
  }

  private complete(evidence: EvidenceRecord, results: SourceResult[], prior: PriorCounts): ImportSummary {
    this.throwIfClosed(evidence)
    const tally = mergeResults(results, prior)
    this.open.evidence.finish(evidence.id, 'complete', tally, {
      format: results[0]?.format ?? evidence.format,
      sha256: evidence.sha256,
      recordUnit: results[0]?.recordUnit ?? evidence.recordUnit
    })
    const stored = this.open.evidence.get(evidence.id)!
    return {
      evidence: stored,
      topRejectReasons: tally.topRejectReasons,
      skipReasons: tally.skipReasons,
      message: describeImport(stored, tally.topRejectReasons) + changedSince(stored),
      alreadyImported: false
    }
  }

  /** A cancelled or failed import: keep what was stored, mark the evidence, and pass the error on. */
  private stop(evidence: EvidenceRecord, error: unknown, ranges: readonly ImportRange[]): never {
    this.throwIfClosed(evidence)
    const stored = this.open.shards.forEvidence(evidence.id)
    const cancelled = error instanceof CairnError && error.code === 'CANCELLED'
    if (!cancelled && stored.length === 0) {
      // Nothing was stored (the source did not read at all): no trace is worth keeping.
      this.remove(evidence.id)
      throw error
    }
    const tally = mergeResults([], priorFromShards(stored, ranges))
    this.open.evidence.finish(evidence.id, cancelled ? 'cancelled' : 'failed', tally, evidence)
    throw error
  }

  private throwIfClosed(evidence: EvidenceRecord): void {
    if (this.open.isClosed) {
      throw new CairnError(
        'CANCELLED',
        `the case was closed while ${evidence.name} was importing; resume it after reopening`
      )
    }
  }

  private addShard(info: ShardInfo, context: ImportContext): void {
    // A case closed mid-import leaves the evidence 'importing'; its next open marks it interrupted, and a
    // resume rewrites any shard file that was written but never catalogued.
    if (this.open.isClosed) return
    this.open.shards.add(info)
    this.open.events.addShard(info)
    context.changed()
  }

  private importContainer(request: ImportRequest, context: ImportContext, size: number | null) {
    return importContainer(this.open, request, context, size, this.settings.maxShardBytes, this.sigma)
  }

  private newEvidence(
    id: string,
    request: ImportRequest,
    format: LogFormat,
    sha256: string,
    size: number
  ): EvidenceRecord {
    return newEvidenceRecord({
      id,
      path: request.path,
      name: basename(request.path),
      size,
      sha256,
      container: null,
      format,
      formatOptions: request.formatOptions,
      timeZone: request.choice.options.timeZone,
      ingestedBy: request.ingestedBy
    })
  }
}

/** Where a range continues after the shards a stopped import kept of it. */
function continueRange(range: ImportRange, kept: readonly ShardInfo[]): ImportRange {
  const mine = kept.filter((info) => info.range === range.index)
  const last = mine[mine.length - 1]
  if (!last) return range
  return {
    ...range,
    start: last.endOffset,
    firstLine: last.endLine + 1,
    firstId: Math.max(range.firstId, last.lastId + 1),
    firstPart: last.part + 1
  }
}

/** A note when the file no longer has the size it had when it was hashed: it changed while being read. */
function changedSince(evidence: EvidenceRecord): string {
  let now: number
  try {
    now = statSync(evidence.path).size
  } catch {
    return ''
  }
  if (evidence.container || now === evidence.size) return ''
  return `. Note: ${evidence.name} changed while it was imported (${evidence.size.toLocaleString('en-US')} bytes then, ${now.toLocaleString('en-US')} now); the ${evidence.size.toLocaleString('en-US')} bytes whose SHA-256 is recorded were imported, import the file again for the rest`
}

function statFile(path: string): { isDirectory: boolean; size: number } {
  try {
    const stats = statSync(path)
    if (!stats.isDirectory() && !stats.isFile()) {
      throw new CairnError('UNREADABLE_INPUT', `${path} is not a regular file or folder`)
    }
    return { isDirectory: stats.isDirectory(), size: stats.size }
  } catch (error) {
    if (error instanceof CairnError) throw error
    throw new CairnError(
      'UNREADABLE_INPUT',
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    )
  }
}
