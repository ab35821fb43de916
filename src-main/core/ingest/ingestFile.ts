// Ingests one evidence file into one event shard: stream lines, sniff the format from the content (unless
// the user chose one), parse each line into an event or a rejection with its reason, and write the shard.
// Every line is accounted for: imported or rejected, never dropped. Runs in a worker thread (worker.ts),
// and directly in tests.

import { statSync } from 'node:fs'
import { basename } from 'node:path'
import type { EvidenceRecord, LogFormat, RejectReasonCount } from '../../common/domain'
import { CairnError } from '../../common/errors'
import { ShardWriter } from '../store/shardWriter'
import { hashFile, MAX_LINE_BYTES, openLineSource } from './lineReader'
import type { LineBatch } from './lineReader'
import type { LineParser } from './parser'
import { createLineParser, sniffFormat } from './sniff'

export interface IngestRequest {
  path: string
  evidenceId: string
  shardPath: string
  /** The format to use; sniffed from the content when absent. */
  format?: LogFormat
  timeZone: string
  ingestedBy: string
}

export interface IngestResult {
  evidence: EvidenceRecord
  topRejectReasons: RejectReasonCount[]
}

/** Cancellation is the host terminating the worker thread, so the only hook is progress. */
export interface IngestHooks {
  onProgress(bytesDone: number, bytesTotal: number): void
}

const SNIFF_LINES = 200
const MIN_SNIFF_CONFIDENCE = 0.5
const PROGRESS_INTERVAL_MS = 100

export async function ingestFile(request: IngestRequest, hooks: IngestHooks): Promise<IngestResult> {
  const file = statFile(request.path)
  let lastProgress = 0
  const source = openLineSource(request.path, (bytes) => {
    const now = Date.now()
    if (now - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now
      hooks.onProgress(bytes, file.size)
    }
  })
  const writer = await ShardWriter.create()
  const tally = new RejectTally()
  let parser: LineParser | null = request.format
    ? createLineParser(request.format, parserOptions(request, file))
    : null
  const pending: LineBatch[] = []
  let pendingLines = 0
  let lines = 0
  let nextOffset = 0
  let events = 0
  let first: number | null = null
  let last: number | null = null

  const parseBatch = (batch: LineBatch, lineParser: LineParser) => {
    for (let i = 0; i < batch.lines.length; i++) {
      const line = batch.lines[i]
      const lineNumber = batch.firstLineNumber + i
      const offset = batch.offsets[i]
      nextOffset = offset + Buffer.byteLength(line) + 1
      lines++
      if (batch.truncated.has(i)) {
        writer.addRejected(
          line,
          tally.add(`line is longer than ${MAX_LINE_BYTES / 1048576} MiB; first part kept`),
          lineNumber,
          offset
        )
      } else if (line.trim() === '') {
        writer.addRejected(line, tally.add('blank line'), lineNumber, offset)
      } else {
        const result = lineParser.parse(line)
        if (result.ok) {
          writer.addEvent(result.event, lineNumber, offset)
          events++
          const ts = result.event.timestamp
          if (first === null || ts < first) first = ts
          if (last === null || ts > last) last = ts
        } else {
          writer.addRejected(line, tally.add(result.reason), lineNumber, offset)
        }
      }
    }
  }

  try {
    for await (const batch of source.batches) {
      if (!parser) {
        pending.push(batch)
        pendingLines += batch.lines.length
        if (pendingLines < SNIFF_LINES) continue
        parser = chooseParser(pending, request, file)
        for (const held of pending.splice(0)) parseBatch(held, parser)
        continue
      }
      parseBatch(batch, parser)
    }
    if (!parser) {
      parser = chooseParser(pending, request, file)
      for (const held of pending.splice(0)) parseBatch(held, parser)
    }
  } catch (error) {
    if (error instanceof CairnError || !parser || lines === 0) {
      writer.discard()
      if (error instanceof CairnError) throw error
      throw new CairnError(
        'UNREADABLE_INPUT',
        `${request.path} could not be read: ${readFailure(error, source.stats.compressed)}`
      )
    }
    // Damaged data after good lines (a truncated or corrupt .gz): keep everything read so far and record
    // where and why reading stopped, as a rejected entry the responder sees in the import summary.
    const reason = tally.add(
      `reading stopped after line ${lines}: ${readFailure(error, source.stats.compressed)}; the rest of the file could not be read`
    )
    writer.addRejected('', reason, lines + 1, nextOffset)
    lines++
  }
  const sha256 = source.stats.sha256 || (await hashFile(request.path))
  hooks.onProgress(file.size, file.size)
  const evidence: EvidenceRecord = {
    id: request.evidenceId,
    path: request.path,
    name: basename(request.path),
    size: file.size,
    sha256,
    format: parser.format,
    timeZone: request.timeZone,
    ingestedAt: Date.now(),
    ingestedBy: request.ingestedBy,
    lines,
    events,
    rejected: lines - events,
    firstEventAt: first,
    lastEventAt: last,
    status: 'complete'
  }
  writer.finish(request.shardPath, {
    evidence_id: request.evidenceId,
    source_path: request.path,
    sha256: evidence.sha256,
    format: evidence.format
  })
  return { evidence, topRejectReasons: tally.top(5) }
}

/** "N of M lines imported; most common error …" — the one line a responder reads after an import. */
export function describeImport(
  evidence: EvidenceRecord,
  topRejectReasons: readonly RejectReasonCount[]
): string {
  const base = `${evidence.events.toLocaleString('en-US')} of ${evidence.lines.toLocaleString('en-US')} lines imported from ${evidence.name}`
  const top = topRejectReasons[0]
  if (!top) return `${base}; no line rejected`
  return `${base}; ${evidence.rejected.toLocaleString('en-US')} rejected and kept raw, most common error: ${top.reason} (${top.count.toLocaleString('en-US')})`
}

function readFailure(error: unknown, compressed: boolean): string {
  const message = error instanceof Error ? error.message : String(error)
  return compressed ? `the gzip data is damaged (${message})` : message
}

function chooseParser(pending: readonly LineBatch[], request: IngestRequest, file: FileFacts): LineParser {
  const sample = pending
    .flatMap((batch) => batch.lines)
    .filter((line) => line.trim() !== '')
    .slice(0, SNIFF_LINES)
  if (sample.length === 0) {
    throw new CairnError(
      'UNSUPPORTED_FORMAT',
      `${basename(request.path)} has no text lines to import (empty file)`
    )
  }
  if (sample.some((line) => line.includes('\u0000'))) {
    throw new CairnError(
      'UNSUPPORTED_FORMAT',
      `${basename(request.path)} looks binary (NUL bytes), not a text log`
    )
  }
  const guesses = sniffFormat(sample)
  const best = guesses[0]
  if (!best || best.confidence < MIN_SNIFF_CONFIDENCE) {
    const detail = best
      ? ` (best guess ${best.format} fits ${Math.round(best.confidence * 100)}% of the first lines)`
      : ''
    throw new CairnError(
      'UNSUPPORTED_FORMAT',
      `${basename(request.path)} is not in a format Cairn recognises${detail}; choose the format explicitly if you know it`
    )
  }
  return createLineParser(best.format, parserOptions(request, file))
}

interface FileFacts {
  size: number
  mtimeMs: number
}

function statFile(path: string): FileFacts {
  let stats
  try {
    stats = statSync(path)
  } catch (error) {
    throw new CairnError(
      'UNREADABLE_INPUT',
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    )
  }
  if (!stats.isFile()) throw new CairnError('UNREADABLE_INPUT', `${path} is not a regular file`)
  return { size: stats.size, mtimeMs: stats.mtimeMs }
}

function parserOptions(request: IngestRequest, file: FileFacts) {
  // RFC 3164 lines carry no year: assume the year the file was last written, the usual forensic convention.
  const written = new Date(file.mtimeMs)
  return {
    timeZone: request.timeZone,
    referenceYear: written.getUTCFullYear(),
    referenceMonth: written.getUTCMonth() + 1
  }
}

/** Counts rejections by kind: quoted details ('31/Feb/2026') are masked so similar errors group together. */
class RejectTally {
  private static readonly MAX_KINDS = 1_000
  private readonly counts = new Map<string, number>()

  add(reason: string): string {
    const kind = reason.replace(/'[^']*'/g, "'…'")
    const count = this.counts.get(kind)
    if (count !== undefined) this.counts.set(kind, count + 1)
    else if (this.counts.size < RejectTally.MAX_KINDS) this.counts.set(kind, 1)
    return reason
  }

  top(limit: number): RejectReasonCount[] {
    return [...this.counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit)
  }
}
