// Turns what the workers of one import report into the evidence's final figures: counts summed across the
// parallel ranges (and across the shards a resumed import kept), reasons merged by kind, and the one line
// a responder reads after an import.

import { NO_RECORDS, RECORD_UNIT_LABELS } from '../../common/domain'
import type { EvidenceRecord, ImportSummary, RejectReasonCount } from '../../common/domain'
import type { Case } from '../case/case'
import type { ImportTally } from '../case/evidenceRepository'
import type { ImportRange, SourceResult } from '../ingest/ingestTasks'
import { ReasonTally } from '../ingest/reasonTally'
import type { ShardInfo } from '../store/shardInfo'

const REASONS_KEPT = 10

/** The facts an import knows about a source before it has read it. */
export type EvidenceFacts = Pick<
  EvidenceRecord,
  | 'id'
  | 'path'
  | 'name'
  | 'size'
  | 'sha256'
  | 'container'
  | 'format'
  | 'formatOptions'
  | 'timeZone'
  | 'ingestedBy'
>

/** A source's evidence row as its import starts: nothing read yet. */
export function newEvidenceRecord(facts: EvidenceFacts): EvidenceRecord {
  return { ...facts, ...NO_RECORDS, ingestedAt: Date.now(), recordUnit: 'line', status: 'importing' }
}

/** What shards stored before a stop or a resume point account for. */
export interface PriorCounts {
  records: number
  events: number
  rejected: number
  firstEventAt: number | null
  lastEventAt: number | null
}

export const NO_PRIOR: PriorCounts = {
  records: 0,
  events: 0,
  rejected: 0,
  firstEventAt: null,
  lastEventAt: null
}

/** Counts of stored shards; records are the lines their ranges covered (skipped lines included). */
export function priorFromShards(shards: readonly ShardInfo[], ranges: readonly ImportRange[]): PriorCounts {
  const prior = { ...NO_PRIOR }
  for (const range of ranges) {
    const mine = shards.filter((info) => info.range === range.index)
    if (mine.length) prior.records += mine[mine.length - 1].endLine - range.firstLine + 1
  }
  for (const info of shards) {
    prior.events += info.events
    prior.rejected += info.rejected
    prior.firstEventAt = minOf(prior.firstEventAt, info.firstTs)
    prior.lastEventAt = maxOf(prior.lastEventAt, info.lastTs)
  }
  return prior
}

export function mergeResults(results: readonly SourceResult[], prior: PriorCounts): ImportTally {
  const rejects = new ReasonTally()
  const skips = new ReasonTally()
  const tally: ImportTally = {
    records: prior.records,
    events: prior.events,
    rejected: prior.rejected,
    skipped: 0,
    firstEventAt: prior.firstEventAt,
    lastEventAt: prior.lastEventAt,
    topRejectReasons: [],
    skipReasons: []
  }
  for (const result of results) {
    tally.records += result.records
    tally.events += result.events
    tally.rejected += result.rejected
    tally.skipped += result.skipped
    tally.firstEventAt = minOf(tally.firstEventAt, result.firstEventAt)
    tally.lastEventAt = maxOf(tally.lastEventAt, result.lastEventAt)
    rejects.merge(result.rejectReasons)
    skips.merge(result.skipReasons)
  }
  tally.topRejectReasons = rejects.top(REASONS_KEPT)
  tally.skipReasons = skips.top(REASONS_KEPT)
  return tally
}

/** "N events from M lines of F; R rejected and kept raw, most common error …" */
export function describeImport(
  evidence: EvidenceRecord,
  topRejectReasons: readonly RejectReasonCount[]
): string {
  const n = (value: number) => value.toLocaleString('en-US')
  const skipped = evidence.skipped
    ? `, ${n(evidence.skipped)} skipped (headers, comments, continuations)`
    : ''
  const base = `${n(evidence.events)} events from ${n(evidence.records)} ${RECORD_UNIT_LABELS[evidence.recordUnit]} of ${evidence.name}${skipped}`
  const top = topRejectReasons[0]
  if (!top) return `${base}; nothing rejected`
  return `${base}; ${n(evidence.rejected)} rejected and kept raw, most common error: ${top.reason} (${n(top.count)})`
}

/** The report for a source whose bytes are already in the case: nothing is imported again. */
export function alreadyImported(name: string, duplicate: EvidenceRecord, open: Case): ImportSummary {
  return {
    evidence: duplicate,
    topRejectReasons: open.evidence.topRejectReasons(duplicate.id),
    skipReasons: open.evidence.skipReasons(duplicate.id),
    message: `${name} is identical (SHA-256 ${duplicate.sha256.slice(0, 12)}…) to ${duplicate.name}, already in this case; not imported again`,
    alreadyImported: true
  }
}

function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b)
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b)
}
