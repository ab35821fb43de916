// Splits a byte stream into batches of lines with their exact byte offsets, never holding the stream in
// memory. Over-long lines are cut so memory stays bounded; `\r\n` endings are accepted. A stream can start
// part-way into a source (a parallel import's byte range), so the first line number and offset are given.

export const MAX_LINE_BYTES = 4 * 1024 * 1024

export interface LineBatch {
  lines: string[]
  /** Byte offset of each line in the (decompressed) source. */
  offsets: number[]
  /** Byte offset just after each line's end of line: where the next line starts. */
  ends: number[]
  /** Lines cut at MAX_LINE_BYTES, by index in this batch. */
  truncated: Set<number>
  /** 1-based number of the batch's first line. */
  firstLineNumber: number
}

export async function* splitLines(
  stream: AsyncIterable<Buffer>,
  firstLineNumber = 1,
  firstOffset = 0,
  maxLineBytes = MAX_LINE_BYTES
): AsyncGenerator<LineBatch> {
  let carry: Buffer | null = null
  let carryOffset = firstOffset
  let lineNumber = firstLineNumber
  let streamOffset = firstOffset
  // After cutting an over-long line, the rest of it up to the next newline is skipped.
  let skipping = false
  for await (const chunk of stream) {
    let data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk
    let dataOffset = carry ? carryOffset : streamOffset
    streamOffset += chunk.length
    if (skipping) {
      const newline = data.indexOf(10)
      if (newline === -1) continue
      skipping = false
      data = data.subarray(newline + 1)
      dataOffset += newline + 1
    }
    const batch = emptyBatch(lineNumber)
    let start = 0
    for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
      if (newline - start > maxLineBytes) {
        batch.truncated.add(batch.lines.length)
        pushLine(batch, data, start, start + maxLineBytes, dataOffset + start, dataOffset + newline + 1)
      } else {
        pushLine(batch, data, start, newline, dataOffset + start, dataOffset + newline + 1)
      }
      start = newline + 1
    }
    carry = start < data.length ? data.subarray(start) : null
    carryOffset = dataOffset + start
    if (carry && carry.length > maxLineBytes) {
      batch.truncated.add(batch.lines.length)
      pushLine(batch, carry, 0, maxLineBytes, carryOffset, carryOffset + carry.length)
      carry = null
      skipping = true
    }
    lineNumber += batch.lines.length
    if (batch.lines.length) yield batch
  }
  if (carry && carry.length) {
    const batch = emptyBatch(lineNumber)
    pushLine(batch, carry, 0, carry.length, carryOffset, carryOffset + carry.length)
    yield batch
  }
}

function emptyBatch(firstLineNumber: number): LineBatch {
  return { lines: [], offsets: [], ends: [], truncated: new Set(), firstLineNumber }
}

function pushLine(
  batch: LineBatch,
  data: Buffer,
  start: number,
  end: number,
  offset: number,
  next: number
): void {
  const stop = end > start && data[end - 1] === 13 ? end - 1 : end
  batch.lines.push(data.toString('utf8', start, stop))
  batch.offsets.push(offset)
  batch.ends.push(next)
}
