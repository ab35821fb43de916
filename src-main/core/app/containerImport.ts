// Imports an archive or a folder: one worker walks it and reads every file in it as its own evidence
// source; here each finished file is registered — its evidence row (complete, with its counts and
// reasons) and its shards — in batches, so a folder of 100,000 small files costs a few hundred case
// writes, not a few hundred thousand. A file identical to evidence already in the case is not kept twice.

import { rmSync } from 'node:fs'
import { basename } from 'node:path'
import type { EvidenceRecord, ImportSummary, LogFormat } from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { Case } from '../case/case'
import type { SigmaDuringImport } from './sigmaDuringImport'
import { newId } from '../case/ids'
import type { SqlStatement } from '../case/caseDatabase'
import { beginStatement, finishStatement } from '../case/evidenceRepository'
import { insertShard } from '../case/shardRepository'
import type { ContainerTask, EntryStart, SourceResult } from '../ingest/ingestTasks'
import { runTaskInWorker } from '../ingest/ingestWorkerHost'
import type { ShardInfo } from '../store/shardInfo'
import type { ImportContext, ImportPlan, ImportRequest } from './evidenceImport'
import { alreadyImported, describeImport, mergeResults, newEvidenceRecord, NO_PRIOR } from './importResults'

/** Registered sources are written to the case at most this often… */
const FLUSH_INTERVAL_MS = 1_000
/** …or once this many are waiting. */
const FLUSH_ENTRIES = 500

interface ReadingEntry {
  start: EntryStart
  shards: ShardInfo[]
}

export async function importContainer(
  open: Case,
  request: ImportRequest,
  context: ImportContext,
  size: number | null,
  maxShardBytes: number,
  sigma: SigmaDuringImport
): Promise<ImportSummary[]> {
  const known = new Map(
    open.evidence
      .list()
      .filter((evidence) => evidence.status === 'complete')
      .map((evidence) => [evidence.sha256, evidence])
  )
  /** Members of this archive or folder imported before, by entry name. */
  const importedHere = new Map(
    [...known.values()].flatMap((evidence) =>
      evidence.container?.path === request.path ? [[evidence.container.entry, evidence] as const] : []
    )
  )
  const task: ContainerTask = {
    kind: 'container',
    path: request.path,
    eventsDir: open.eventsDir,
    choices: request.entry ? { [request.entry]: request.choice } : {},
    defaults: request.choice,
    only: request.entry ? [request.entry] : null,
    skip: [...importedHere.keys()],
    maxShardBytes,
    sigma: sigma.rulesForAnyFormat()
  }
  const summaries: ImportSummary[] = []
  const reading = new Map<string, ReadingEntry>()
  let pending: SqlStatement[] = []
  let pendingEntries = 0
  let lastFlush = Date.now()
  const flush = () => {
    if (!pending.length || open.isClosed) return
    open.db.writeJournalled(pending)
    pending = []
    pendingEntries = 0
    lastFlush = Date.now()
    context.changed()
  }
  const queued = () => {
    if (++pendingEntries >= FLUSH_ENTRIES || Date.now() - lastFlush >= FLUSH_INTERVAL_MS) flush()
  }
  const plan: ImportPlan = { kind: 'container', request }
  // A file the walk could not read, or whose format is unknown, is kept as a failed source with its
  // reason: the evidence view lists it, and nothing in the archive goes unmentioned.
  const refuse = (entry: string, reason: string) => {
    const evidence = entryEvidence(
      request,
      { evidenceId: newId(), entry, size: null, timeZone: request.choice.options.timeZone },
      'unknown',
      ''
    )
    const tally = { ...mergeResults([], NO_PRIOR), topRejectReasons: [{ reason, count: 1 }] }
    pending.push(beginStatement(evidence, plan), finishStatement(evidence.id, 'failed', tally, evidence))
    summaries.push({
      evidence: { ...evidence, status: 'failed' },
      topRejectReasons: tally.topRejectReasons,
      skipReasons: [],
      message: `${evidence.name} was not imported: ${reason}`,
      alreadyImported: false
    })
    queued()
  }
  const finishEntry = (entry: ReadingEntry, result: SourceResult) => {
    const evidence = entryEvidence(request, entry.start, result.format, result.sha256 ?? '')
    const duplicate = known.get(evidence.sha256)
    if (duplicate) {
      sigma.forget(evidence.id)
      dropShards(open, entry)
      summaries.push(alreadyImported(evidence.name, duplicate, open))
      return
    }
    const tally = mergeResults([result], NO_PRIOR)
    pending.push(
      beginStatement(evidence, plan),
      ...entry.shards.map(insertShard),
      finishStatement(evidence.id, 'complete', tally, {
        format: result.format,
        sha256: evidence.sha256,
        recordUnit: result.recordUnit
      })
    )
    for (const info of entry.shards) open.events.addShard(info)
    sigma.complete(open, evidence.id, result.format)
    known.set(evidence.sha256, evidence)
    const stored: EvidenceRecord = {
      ...evidence,
      records: tally.records,
      events: tally.events,
      rejected: tally.rejected,
      skipped: tally.skipped,
      firstEventAt: tally.firstEventAt,
      lastEventAt: tally.lastEventAt,
      status: 'complete',
      recordUnit: result.recordUnit
    }
    summaries.push({
      evidence: stored,
      topRejectReasons: tally.topRejectReasons,
      skipReasons: tally.skipReasons,
      message: describeImport(stored, tally.topRejectReasons),
      alreadyImported: false
    })
    queued()
  }
  try {
    const outcome = await runTaskInWorker(task, {
      signal: context.signal,
      onMessage: (message) => {
        if (open.isClosed) return
        switch (message.type) {
          case 'progress':
            context.progress(message.bytes, size ?? message.bytes, message.records)
            break
          case 'entry-start':
            reading.set(message.start.evidenceId, { start: message.start, shards: [] })
            break
          case 'shard':
            reading.get(message.info.evidenceId)?.shards.push(message.info)
            break
          case 'sigma':
            sigma.take(message)
            break
          case 'entry-done': {
            const entry = reading.get(message.evidenceId)!
            reading.delete(message.evidenceId)
            finishEntry(entry, message.result)
            break
          }
          case 'entry-refused':
            refuse(message.entry, message.reason)
            break
          case 'entry-known': {
            const before = importedHere.get(message.entry)
            if (before)
              summaries.push(alreadyImported(`${basename(request.path)} › ${message.entry}`, before, open))
            break
          }
        }
      }
    })
    for (const skipped of outcome.skippedEntries) refuse(skipped.name, skipped.reason)
  } finally {
    // Files read to the end are kept whatever happens next; the one being read when the import stopped
    // is dropped (a resume reads it again).
    flush()
    for (const entry of reading.values()) dropShards(open, entry)
  }
  if (!summaries.length) {
    throw new CairnError('UNSUPPORTED_FORMAT', `${basename(request.path)} holds no file to import`)
  }
  return summaries
}

/** The evidence row of one file in an archive or folder. */
function entryEvidence(
  request: ImportRequest,
  start: Pick<EntryStart, 'evidenceId' | 'entry' | 'size' | 'timeZone'>,
  format: LogFormat | 'unknown',
  sha256: string
): EvidenceRecord {
  return newEvidenceRecord({
    id: start.evidenceId,
    path: request.path,
    name: `${basename(request.path)} › ${start.entry}`,
    size: start.size ?? 0,
    sha256,
    container: { path: request.path, sha256: null, entry: start.entry },
    format,
    formatOptions: request.formatOptions,
    timeZone: start.timeZone,
    ingestedBy: request.ingestedBy
  })
}

function dropShards(open: Case, entry: ReadingEntry): void {
  rmSync(open.shardDir(entry.start.evidenceId), { recursive: true, force: true })
}
