// Streams an evidence file as batches of lines with their exact byte offsets, never holding the file in
// memory. Gzip is detected by its magic bytes and decompressed transparently; the SHA-256 and the progress
// are computed over the file's own bytes. Over-long lines are cut so memory stays bounded.

import { createHash } from 'node:crypto'
import { createReadStream, closeSync, openSync, readSync } from 'node:fs'
import { pipeline, Transform } from 'node:stream'
import type { Readable, TransformCallback } from 'node:stream'
import { createGunzip } from 'node:zlib'

export const MAX_LINE_BYTES = 4 * 1024 * 1024

export interface LineBatch {
  lines: string[]
  /** Byte offset of each line in the decompressed stream. */
  offsets: number[]
  /** Lines cut at MAX_LINE_BYTES, by index in this batch. */
  truncated: Set<number>
  /** 1-based number of the batch's first line. */
  firstLineNumber: number
}

export interface LineSource {
  batches: AsyncGenerator<LineBatch>
  /** Final once the batches are exhausted. */
  readonly stats: { bytesRead: number; sha256: string; compressed: boolean }
}

/** Errors reach the reader through the last stream; the pipeline callback has nothing more to do. */
function ignoreHere(): void {}

/** SHA-256 of a whole file, for when reading it for lines stopped early (damaged gzip data). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path, { flags: 'r', highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer)
  return hash.digest('hex')
}

export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const magic = Buffer.alloc(2)
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}

export function openLineSource(path: string, onBytes: (bytesRead: number) => void): LineSource {
  const compressed = isGzipFile(path)
  const stats = { bytesRead: 0, sha256: '', compressed }
  const hash = createHash('sha256')
  const tap = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk)
      stats.bytesRead += chunk.length
      onBytes(stats.bytesRead)
      callback(null, chunk)
    },
    flush(callback: TransformCallback) {
      stats.sha256 = hash.digest('hex')
      callback()
    }
  })
  const raw = createReadStream(path, { flags: 'r', highWaterMark: 1024 * 1024 })
  // pipeline() destroys every stage on any error and surfaces it on the last one, where the batches are
  // read: a corrupt gzip member ends the iteration with an error instead of escaping as an uncaught one.
  const stream: Readable = compressed
    ? pipeline(raw, tap, createGunzip(), ignoreHere)
    : pipeline(raw, tap, ignoreHere)
  return { batches: splitLines(stream), stats }
}

async function* splitLines(stream: Readable): AsyncGenerator<LineBatch> {
  let carry: Buffer | null = null
  let carryOffset = 0
  let lineNumber = 1
  let streamOffset = 0
  // After cutting an over-long line, the rest of it up to the next newline is skipped.
  let skipping = false
  for await (const chunk of stream as AsyncIterable<Buffer>) {
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
    const batch: LineBatch = { lines: [], offsets: [], truncated: new Set(), firstLineNumber: lineNumber }
    let start = 0
    for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
      if (newline - start > MAX_LINE_BYTES) {
        batch.truncated.add(batch.lines.length)
        pushLine(batch, data, start, start + MAX_LINE_BYTES, dataOffset + start)
      } else {
        pushLine(batch, data, start, newline, dataOffset + start)
      }
      start = newline + 1
    }
    carry = start < data.length ? data.subarray(start) : null
    carryOffset = dataOffset + start
    if (carry && carry.length > MAX_LINE_BYTES) {
      batch.truncated.add(batch.lines.length)
      pushLine(batch, carry, 0, MAX_LINE_BYTES, carryOffset)
      carry = null
      skipping = true
    }
    lineNumber += batch.lines.length
    if (batch.lines.length) yield batch
  }
  if (carry && carry.length) {
    const batch: LineBatch = { lines: [], offsets: [], truncated: new Set(), firstLineNumber: lineNumber }
    pushLine(batch, carry, 0, carry.length, carryOffset)
    yield batch
  }
}

function pushLine(batch: LineBatch, data: Buffer, start: number, end: number, offset: number): void {
  const stop = end > start && data[end - 1] === 13 ? end - 1 : end
  batch.lines.push(data.toString('utf8', start, stop))
  batch.offsets.push(offset)
}
