// Opens the bytes of an evidence source for reading: a whole file or a byte range of one, or a stream
// handed over by a container (an archive member). Gzip is recognised by its magic bytes and decompressed
// on the fly; the SHA-256 and the progress count the source's own (compressed) bytes.

import { createHash } from 'node:crypto'
import { closeSync, createReadStream, openSync, readSync } from 'node:fs'
import { pipeline, Readable, Transform } from 'node:stream'
import type { TransformCallback } from 'node:stream'
import { finished } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { sampleStream } from './sourceSample'

const READ_CHUNK = 1024 * 1024

export interface ByteSource {
  /** The decompressed bytes. Read errors (a damaged gzip) surface while iterating. */
  stream: AsyncIterable<Buffer>
  /** Final once the stream has ended: raw bytes read, their SHA-256, and whether they were gzip. */
  readonly stats: { bytesRead: number; sha256: string; compressed: boolean }
  /** Settles once the raw bytes have all passed (or reading stopped): then `stats` is final. */
  readonly settled: Promise<void>
}

/** Errors reach the reader through the last stream; the pipeline callback has nothing more to do. */
function ignoreHere(): void {}

export function isGzipFile(path: string): boolean {
  const fd = openSync(path, 'r')
  try {
    const magic = Buffer.alloc(2)
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b
  } finally {
    closeSync(fd)
  }
}

/**
 * Bytes [start, end) of a file: exactly the bytes that were surveyed, even if the file grows meanwhile.
 * A read from the start of a whole file may be gzip (recognised by its magic); a part of a parallel import
 * is plain text. Not hashed here: the file was hashed before the import started, to spot a duplicate.
 */
export function openFileBytes(
  path: string,
  onBytes: (bytesRead: number) => void,
  range: { start: number; end: number },
  whole: boolean
): ByteSource {
  const compressed = whole && range.start === 0 && isGzipFile(path)
  const raw =
    range.end > range.start
      ? createReadStream(path, {
          flags: 'r',
          highWaterMark: READ_CHUNK,
          start: range.start,
          end: range.end - 1
        })
      : Readable.from([])
  return measure(raw, compressed, onBytes, false)
}

/** A stream from a container; gzip is recognised from its first bytes. */
export async function openStreamBytes(
  source: Readable,
  onBytes: (bytesRead: number) => void
): Promise<ByteSource> {
  const { head, stream } = await sampleStream(source, 2)
  const compressed = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b
  return measure(Readable.from(stream, { objectMode: false }), compressed, onBytes, true)
}

function measure(
  raw: Readable,
  compressed: boolean,
  onBytes: (bytesRead: number) => void,
  hashed: boolean
): ByteSource {
  const stats = { bytesRead: 0, sha256: '', compressed }
  const hash = hashed ? createHash('sha256') : null
  const tap = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash?.update(chunk)
      stats.bytesRead += chunk.length
      onBytes(stats.bytesRead)
      callback(null, chunk)
    },
    flush(callback: TransformCallback) {
      if (hash) stats.sha256 = hash.digest('hex')
      callback()
    }
  })
  // pipeline() destroys every stage on any error and surfaces it on the last one, where the bytes are
  // read: a corrupt gzip member ends the iteration with an error instead of escaping as an uncaught one.
  const settled = finished(tap).then(
    () => undefined,
    () => undefined
  )
  const stream: AsyncIterable<Buffer> = compressed
    ? pipeline(raw, tap, createGunzip(), ignoreHere)
    : pipeline(raw, tap, ignoreHere)
  return { stream, stats, settled }
}
