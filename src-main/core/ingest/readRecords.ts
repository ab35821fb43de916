// Reads one source (or one byte range of it) into shards: frames its bytes into records (lines, JSON
// documents, or packets for a binary format), hands each record to the format's parser and settles every
// outcome — events and rejected records into the shard writer, skips into the tally. Every record is
// accounted for: imported, rejected with its reason, or skipped with its reason, never silently dropped.

import { NO_RECORDS } from '../../common/domain'
import type { LogFormat, RecordCounts, RecordUnit } from '../../common/domain'
import type { NormalisedEvent } from '../../common/event'
import type { ShardInfo } from '../store/shardInfo'
import type { ShardWriter } from '../store/shardWriter'
import type { SourceResult } from './ingestTasks'
import type { ByteSource } from './byteSource'
import { JsonFramer } from './jsonFraming'
import { MAX_LINE_BYTES, splitLines } from './lineReader'
import type { EmitOutcome, FormatDefinition, ParserOptions, RecordOutcome, SourceRecord } from './parser'
import { ReasonTally } from './reasonTally'

const REPLACEMENT_CHARACTER = '\uFFFD'
/** The extra field that marks an event whose raw text had invalid UTF-8 replaced. */
export const INVALID_UTF8_FIELD = 'cairn.invalid_utf8'

/** JSON documents may be one long line (a CloudTrail file): lines are cut only beyond this. */
const MAX_JSON_LINE_BYTES = 64 * 1024 * 1024

export interface ReadPosition {
  /** Number of the source's first line (or packet) in this read, and its byte offset. */
  firstLine: number
  firstOffset: number
}

export interface ReadCounts extends RecordCounts {
  recordUnit: RecordUnit
  rejectTally: ReasonTally
  skipTally: ReasonTally
}

export interface ReadHooks {
  /** Called as records are read (throttled by the caller). */
  onRecords(records: number): void
  /** Called with each event once it is stored, with its id (detection during import). */
  onEvent?(event: NormalisedEvent, eventId: number): void
}

export async function readRecords(
  source: ByteSource,
  definition: FormatDefinition,
  options: ParserOptions,
  position: ReadPosition,
  writer: ShardWriter,
  hooks: ReadHooks
): Promise<ReadCounts> {
  const counts: ReadCounts = {
    ...NO_RECORDS,
    recordUnit:
      definition.kind === 'binary'
        ? definition.recordUnit
        : definition.framing === 'json'
          ? 'document'
          : 'line',
    rejectTally: new ReasonTally(),
    skipTally: new ReasonTally()
  }
  let lastLine = position.firstLine - 1
  let lastEnd = position.firstOffset
  // The line just read ends where the next begins; a record held back and settled later is measured.
  const endOf = (record: SourceRecord) =>
    record.line === lastLine ? lastEnd : record.offset + Buffer.byteLength(record.text) + 1
  const settle = outcomeSettler(counts, writer, endOf, hooks.onEvent)
  try {
    if (definition.kind === 'binary') {
      const reader = definition.create(options)
      const settlePacket = (outcome: RecordOutcome) => {
        if (outcome.record.line > lastLine) lastLine = outcome.record.line
        settle(outcome)
      }
      for await (const chunk of source.stream) {
        reader.write(chunk, settlePacket)
        hooks.onRecords(lastLine)
      }
      reader.end(settlePacket)
      counts.records = lastLine - position.firstLine + 1
      return counts
    }
    const parser = definition.create(options)
    const framer = definition.framing === 'json' ? new JsonFramer() : null
    const read = (record: SourceRecord) => {
      counts.records++
      parser.read(record, settle)
    }
    const maxLine = framer ? MAX_JSON_LINE_BYTES : MAX_LINE_BYTES
    for await (const batch of splitLines(source.stream, position.firstLine, position.firstOffset, maxLine)) {
      for (let i = 0; i < batch.lines.length; i++) {
        const text = batch.lines[i]
        const record = { text, line: batch.firstLineNumber + i, offset: batch.offsets[i] }
        lastLine = record.line
        lastEnd = batch.ends[i]
        if (batch.truncated.has(i)) {
          counts.records++
          settle({
            kind: 'rejected',
            reason: `line is longer than ${maxLine / 1048576} MiB; first part kept`,
            record
          })
        } else if (framer) {
          framer.push(text, record.line, record.offset, read)
        } else {
          read(record)
        }
      }
      hooks.onRecords(counts.records)
    }
    framer?.end(read)
    parser.end(settle)
  } catch (error) {
    // Damaged data after good records (a truncated or corrupt .gz): keep everything read so far and record
    // where and why reading stopped, as a rejected record the responder sees in the import report.
    if (definition.kind === 'binary') counts.records = lastLine - position.firstLine + 1
    const reason = `reading stopped after line ${lastLine}: ${readFailure(error, source.stats.compressed)}; the rest of the source could not be read`
    counts.records++
    settle({ kind: 'rejected', reason, record: { text: '', line: lastLine + 1, offset: lastEnd } })
  }
  return counts
}

/** What a read came to, as a worker reports it. */
export function sourceResult(
  counts: ReadCounts,
  format: LogFormat,
  sha256: string | null,
  shards: ShardInfo[]
): SourceResult {
  return {
    format,
    recordUnit: counts.recordUnit,
    records: counts.records,
    events: counts.events,
    rejected: counts.rejected,
    skipped: counts.skipped,
    firstEventAt: counts.firstEventAt,
    lastEventAt: counts.lastEventAt,
    rejectReasons: counts.rejectTally.entries(),
    skipReasons: counts.skipTally.entries(),
    sha256,
    shards
  }
}

/** Settles outcomes into the writer and the counts; skips only advance the resume position. */
function outcomeSettler(
  counts: ReadCounts,
  writer: ShardWriter,
  endOf: (record: SourceRecord) => number,
  onEvent: ReadHooks['onEvent']
): EmitOutcome {
  const noteEvent = (event: NormalisedEvent) => {
    counts.events++
    const ts = event.timestamp
    if (counts.firstEventAt === null || ts < counts.firstEventAt) counts.firstEventAt = ts
    if (counts.lastEventAt === null || ts > counts.lastEventAt) counts.lastEventAt = ts
  }
  return (outcome: RecordOutcome) => {
    const { record } = outcome
    const end = endOf(record)
    switch (outcome.kind) {
      case 'event': {
        noteEvent(outcome.event)
        if (record.text.includes(REPLACEMENT_CHARACTER)) markReplaced(outcome.event)
        const id = writer.addEvent(outcome.event, record.line, record.offset, end)
        onEvent?.(outcome.event, id)
        break
      }
      case 'rejected':
        counts.rejected++
        writer.addRejected(
          record.text,
          counts.rejectTally.add(outcome.reason, record.line, record.text),
          record.line,
          record.offset,
          end
        )
        break
      case 'skipped':
        counts.skipped++
        counts.skipTally.add(outcome.reason, record.line, record.text)
        writer.cover(record.line, end)
        break
    }
  }
}

/**
 * Bytes that are not valid UTF-8 are read as U+FFFD, so the text can be stored and searched; the event
 * says so, and its byte offset finds the original bytes in the evidence file.
 */
function markReplaced(event: NormalisedEvent): void {
  event.extra = { ...event.extra, [INVALID_UTF8_FIELD]: 'bytes that are not UTF-8 were replaced with U+FFFD' }
}

function readFailure(error: unknown, compressed: boolean): string {
  const message = error instanceof Error ? error.message : String(error)
  return compressed ? `the gzip data is damaged (${message})` : message
}
