// Imports every file of an archive or a folder, in a worker, each as its own evidence source: the entry is
// streamed (never unpacked to disk), hashed, its format chosen from its first bytes (or as the analyst chose
// in the preview), and read into shards of its own. Entries that cannot be read are reported with their
// reason and the walk goes on; limits against archive bombs end the walk with a precise report.

import { newId } from '../case/ids'
import { join } from 'node:path'
import { ShardWriter } from '../store/shardWriter'
import { openStreamBytes } from './byteSource'
import { openEvidenceSource, type EvidenceEntry } from './containers/containerEntries'
import { chooseFormat } from './formatChoice'
import { formatDefinition } from './formatRegistry'
import type { ContainerTask, SourceChoice, WorkerMessage } from './ingestTasks'
import type { ParserOptions } from './parser'
import { progressReporter } from './progressReporter'
import { WorkerSigmaRules } from './sigmaInWorker'
import { readRecords, sourceResult } from './readRecords'
import { SAMPLE_BYTES, sampleStream } from './sourceSample'

export async function runContainerTask(
  task: ContainerTask,
  post: (message: WorkerMessage) => void
): Promise<{ result: null; skippedEntries: { name: string; reason: string }[] }> {
  const progress = progressReporter(post)
  const skip = new Set(task.skip)
  const only = task.only ? new Set(task.only) : null
  const source = await openEvidenceSource(task.path)
  // Small files are read faster than their shards are synced to disk: the next file is read while the
  // last ones are written, a bounded number at a time.
  const writing: Promise<void>[] = []
  const sigmaRules = new WorkerSigmaRules(task.sigma, post)
  const refuse = (entry: string, error: unknown) =>
    post({
      type: 'entry-refused',
      entry,
      reason: error instanceof Error ? error.message : String(error),
      evidenceId: null
    })
  for await (const turn of source.turns()) {
    const { entry } = turn
    if (only && !only.has(entry.name)) {
      turn.pass()
      continue
    }
    if (skip.has(entry.name)) {
      post({ type: 'entry-known', entry: entry.name })
      turn.pass()
      continue
    }
    const choice = task.choices[entry.name] ?? task.defaults
    try {
      const { written } = await importEntry(task, choice, entry, { progress, post, sigmaRules })
      writing.push(written.catch((error: unknown) => refuse(entry.name, error)))
    } catch (error) {
      refuse(entry.name, error)
    }
    turn.pass()
    progress.reset()
    if (writing.length >= MAX_ENTRIES_WRITING) await writing.shift()
  }
  await Promise.all(writing)
  return {
    result: null,
    skippedEntries: source.report.skipped.map(({ name, reason }) => ({ name, reason }))
  }
}

const MAX_ENTRIES_WRITING = 16

/** Reads one entry into shards; `written` settles once they are on disk and announced. */
interface EntryReading {
  progress: ReturnType<typeof progressReporter>
  post: (message: WorkerMessage) => void
  sigmaRules: WorkerSigmaRules
}

async function importEntry(
  task: ContainerTask,
  choice: SourceChoice,
  entry: EvidenceEntry,
  { progress, post, sigmaRules }: EntryReading
): Promise<{ written: Promise<void> }> {
  const bytes = await openStreamBytes(await entry.open(), progress.bytes)
  const sampled = await sampleStream(bytes.stream)
  const decided = chooseFormat(sampled.head, sampled.head.length < SAMPLE_BYTES, choice.format)
  if (!decided.format) {
    post({
      type: 'entry-refused',
      entry: entry.name,
      reason: decided.problem ?? 'unreadable',
      evidenceId: null
    })
    return { written: Promise.resolve() }
  }
  const options = entryOptions(choice.options, entry.lastModified)
  const definition = formatDefinition(decided.format, options)
  const evidenceId = newId()
  post({
    type: 'entry-start',
    start: {
      evidenceId,
      entry: entry.name,
      size: entry.size,
      format: decided.format,
      timeZone: options.timeZone
    }
  })
  const writer = await ShardWriter.create({
    dir: join(task.eventsDir, evidenceId),
    evidenceId,
    range: 0,
    firstPart: 0,
    firstId: 1,
    maxShardBytes: task.maxShardBytes,
    ...(entry.size !== null ? { sourceBytes: entry.size } : {}),
    onShard: (info) => post({ type: 'shard', info })
  })
  const sigma = sigmaRules.forEvidence(decided.format, evidenceId)
  let counts
  try {
    counts = await readRecords(
      { ...bytes, stream: sampled.stream },
      definition,
      options,
      { firstLine: 1, firstOffset: 0 },
      writer,
      { onRecords: progress.records, onEvent: sigma?.onEvent }
    )
  } catch (error) {
    writer.discard()
    throw error
  }
  sigma?.flush()
  // The member's hash is final once its bytes have all passed through the hashing stage.
  await bytes.settled
  progress.flush()
  const format = decided.format
  const sha256 = bytes.stats.sha256
  const written = writer.finish().then((shards) => {
    post({ type: 'entry-done', evidenceId, result: sourceResult(counts, format, sha256, shards) })
  })
  return { written }
}

/** RFC 3164 lines carry no year: an entry's own modification time is the best reference for it. */
function entryOptions(options: ParserOptions, lastModified: number | null): ParserOptions {
  if (lastModified === null) return options
  const written = new Date(lastModified)
  return { ...options, referenceYear: written.getUTCFullYear(), referenceMonth: written.getUTCMonth() + 1 }
}
