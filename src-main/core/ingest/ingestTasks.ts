// What an ingest worker is asked to do and what it reports back. A range task reads one byte range of a
// file whose format is known (a whole file is the range [0, size)); a container task walks an archive or a
// folder and imports each file in it as its own evidence source. Everything here crosses a thread boundary,
// so it is plain data.

import type { LogFormat, RecordCounts, RecordUnit } from '../../common/domain'
import type { ErrorCode } from '../../common/errors'
import type { StreamedMatch, StreamingRules } from '../detect/sigma/streamingRules'
import type { ShardInfo } from '../store/shardInfo'
import type { ParserOptions } from './parser'
import type { TallyEntry } from './reasonTally'

/** How to read one source: the format (sniffed when absent) and its parser options. */
export interface SourceChoice {
  format?: LogFormat
  options: ParserOptions
}

/** One byte range of a source, and where its records and ids start. */
export interface ImportRange {
  index: number
  start: number
  end: number
  firstLine: number
  firstId: number
  firstPart: number
}

export interface RangeTask {
  kind: 'range'
  path: string
  evidenceId: string
  shardDir: string
  format: LogFormat
  options: ParserOptions
  range: ImportRange
  /** The whole file (which may be gzip), rather than a plain-text part of it. */
  whole: boolean
  maxShardBytes: number
  /** Sigma rules to match while importing (for the task's format); absent: no detection during import. */
  sigma?: StreamingRules[]
}

export interface ContainerTask {
  kind: 'container'
  path: string
  /** The case's events folder; each entry's shards go in a folder named by its evidence id. */
  eventsDir: string
  /** Choices per entry name; entries not named use `defaults`. */
  choices: Record<string, SourceChoice>
  defaults: SourceChoice
  /** When set, only these entries are imported. */
  only: string[] | null
  /** Entries already imported (a resume), passed over. */
  skip: string[]
  maxShardBytes: number
  /** Sigma rules per format to match while importing; absent: no detection during import. */
  sigma?: StreamingRules[]
}

export type IngestTask = RangeTask | ContainerTask

/** What reading one source (or one range of it) came to. */
export interface SourceResult extends RecordCounts {
  format: LogFormat
  recordUnit: RecordUnit
  rejectReasons: [string, TallyEntry][]
  skipReasons: [string, TallyEntry][]
  /** SHA-256 of the source's bytes when this read hashed them (container entries). */
  sha256: string | null
  shards: ShardInfo[]
}

/** A container entry as it is about to be read. */
export interface EntryStart {
  evidenceId: string
  entry: string
  size: number | null
  format: LogFormat
  timeZone: string
}

export type WorkerMessage =
  | { type: 'progress'; bytes: number; records: number }
  | { type: 'shard'; info: ShardInfo }
  /** Sigma matches of events just stored, under the rule set with this fingerprint. */
  | { type: 'sigma'; evidenceId: string; fingerprint: string; matches: StreamedMatch[] }
  | { type: 'entry-start'; start: EntryStart }
  | { type: 'entry-done'; evidenceId: string; result: SourceResult }
  | { type: 'entry-refused'; entry: string; reason: string; evidenceId: string | null }
  /** An entry passed over because it was imported from this container before. */
  | { type: 'entry-known'; entry: string }
  | { type: 'done'; result: SourceResult | null; skippedEntries: { name: string; reason: string }[] }
  | { type: 'error'; code: ErrorCode; message: string }
