// Reads one byte range of a source file whose format is known into size-bounded shards, in a worker. A
// whole file is the range [0, size) and may be gzip; a part of a parallel import is plain text cut at line
// boundaries, so every part starts on a record of its own.

import { formatDefinition } from './formatRegistry'
import { openFileBytes } from './byteSource'
import type { RangeTask, SourceResult, WorkerMessage } from './ingestTasks'
import { readRecords, sourceResult } from './readRecords'
import { ShardWriter } from '../store/shardWriter'
import { progressReporter } from './progressReporter'
import { WorkerSigmaRules } from './sigmaInWorker'

export async function runRangeTask(
  task: RangeTask,
  post: (message: WorkerMessage) => void
): Promise<SourceResult> {
  const definition = formatDefinition(task.format, task.options)
  const progress = progressReporter(post)
  const { range } = task
  const source = openFileBytes(task.path, progress.bytes, range, task.whole)
  const writer = await ShardWriter.create({
    dir: task.shardDir,
    evidenceId: task.evidenceId,
    range: range.index,
    firstPart: range.firstPart,
    firstId: range.firstId,
    maxShardBytes: task.maxShardBytes,
    // A gzip file expands: its size says nothing of the shards it fills.
    ...(source.stats.compressed ? {} : { sourceBytes: range.end - range.start }),
    onShard: (info) => post({ type: 'shard', info })
  })
  const sigma = new WorkerSigmaRules(task.sigma, post).forEvidence(task.format, task.evidenceId)
  let counts
  try {
    counts = await readRecords(
      source,
      definition,
      task.options,
      { firstLine: range.firstLine, firstOffset: range.start },
      writer,
      { onRecords: progress.records, onEvent: sigma?.onEvent }
    )
  } catch (error) {
    writer.discard()
    throw error
  }
  sigma?.flush()
  const shards = await writer.finish()
  progress.flush()
  return sourceResult(counts, task.format, null, shards)
}
