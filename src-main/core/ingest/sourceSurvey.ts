// One fast pass over an evidence file before it is imported: its SHA-256 (so a file already in the case is
// recognised before any work is done) and, for a large plain-text file read in parallel, the byte ranges
// each worker takes, cut at line boundaries, with the number of the line each range starts on. Reads at disk
// speed; counting newlines is a memchr per line.

import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import type { ImportRange } from './ingestTasks'

/** Ids of range k start at k × 2^40 + 1: ids rise in file order across ranges and never collide. */
export const RANGE_ID_STRIDE = 2 ** 40

export interface SourceSurvey {
  sha256: string
  size: number
  ranges: ImportRange[]
}

/** Hashes the file and, when `parts` > 1, cuts it into that many ranges at line starts. */
export async function surveyFile(
  path: string,
  size: number,
  parts: number,
  onBytes: (bytes: number) => void = () => {}
): Promise<SourceSurvey> {
  const hash = createHash('sha256')
  const targets = Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts))
  const cuts: { offset: number; line: number }[] = []
  let position = 0
  let newlines = 0
  // Exactly `size` bytes: a file that grows while it is imported is imported as it was when surveyed.
  const bytes = size > 0 ? createReadStream(path, { highWaterMark: 1024 * 1024, end: size - 1 }) : []
  for await (const chunk of bytes as AsyncIterable<Buffer>) {
    hash.update(chunk)
    let from = 0
    while (cuts.length < targets.length) {
      const newline = chunk.indexOf(10, from)
      if (newline === -1) break
      newlines++
      from = newline + 1
      // The first line that starts at or after the target begins a new range.
      if (position + from >= targets[cuts.length]) cuts.push({ offset: position + from, line: newlines + 1 })
    }
    position += chunk.length
    onBytes(position)
  }
  const starts = [{ offset: 0, line: 1 }, ...cuts.filter((cut) => cut.offset < size)]
  const ranges = starts.map((start, index) => ({
    index,
    start: start.offset,
    end: index + 1 < starts.length ? starts[index + 1].offset : size,
    firstLine: start.line,
    firstId: index * RANGE_ID_STRIDE + 1,
    firstPart: 0
  }))
  return { sha256: hash.digest('hex'), size, ranges }
}
