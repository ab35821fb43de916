// Whether bytes are a zip, a tar, gzip or anything else is decided by their content, never by a name: a
// '.zip' may be a renamed log and a log may be a renamed zip. The head of a stream is read here and put
// back, so the same stream can then be handed on whole.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { constants as zlibConstants, inflateRawSync } from 'node:zlib'

export type ContainerKind = 'zip' | 'tar' | 'gzip' | 'plain'

/** Enough for every magic below, and enough compressed bytes for the first tar header of a .tar.gz. */
export const SNIFF_BYTES = 4096

const TAR_BLOCK_BYTES = 512
const TAR_MAGIC_OFFSET = 257
const TAR_CHECKSUM_OFFSET = 148
const SPACE = 32

export function sniffContainer(head: Buffer): ContainerKind {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b) {
    // A local file header, or the end-of-central-directory record that is all an empty zip holds.
    if ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6)) return 'zip'
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip'
  return isTarHeader(head) ? 'tar' : 'plain'
}

/** The ustar magic and a header checksum that adds up: a log that mentions 'ustar' is still a log. */
function isTarHeader(head: Buffer): boolean {
  if (head.length < TAR_BLOCK_BYTES) return false
  if (head.toString('latin1', TAR_MAGIC_OFFSET, TAR_MAGIC_OFFSET + 5) !== 'ustar') return false
  const stored = parseInt(head.toString('latin1', TAR_CHECKSUM_OFFSET, TAR_CHECKSUM_OFFSET + 8).trim(), 8)
  let sum = 0
  for (let i = 0; i < TAR_BLOCK_BYTES; i++)
    sum += i >= TAR_CHECKSUM_OFFSET && i < TAR_CHECKSUM_OFFSET + 8 ? SPACE : head[i]
  return sum === stored
}

const GZIP_FLAG_HEADER_CRC = 2
const GZIP_FLAG_EXTRA = 4
const GZIP_FLAG_NAME = 8
const GZIP_FLAG_COMMENT = 16

/**
 * What the head of a gzip stream decompresses to. Damaged or unusual gzip data counts as 'plain': reading
 * it as a compressed file then reports the damage where it is.
 */
export function sniffGzipContent(head: Buffer): ContainerKind {
  const start = deflateStart(head)
  if (start === null) return 'plain'
  try {
    const content = inflateRawSync(head.subarray(start), { finishFlush: zlibConstants.Z_SYNC_FLUSH })
    return sniffContainer(content)
  } catch {
    return 'plain'
  }
}

/** Offset of the deflate data after a gzip member header (RFC 1952), or null when the head is too short. */
function deflateStart(head: Buffer): number | null {
  if (head.length < 10 || head[2] !== 8) return null
  const flags = head[3]
  let offset = 10
  if (flags & GZIP_FLAG_EXTRA) {
    if (offset + 2 > head.length) return null
    offset += 2 + head.readUInt16LE(offset)
  }
  for (const flag of [GZIP_FLAG_NAME, GZIP_FLAG_COMMENT]) {
    if (!(flags & flag)) continue
    const nul = head.indexOf(0, offset)
    if (nul === -1) return null
    offset = nul + 1
  }
  if (flags & GZIP_FLAG_HEADER_CRC) offset += 2
  return offset < head.length ? offset : null
}

/** Size, modification time (ms since epoch UTC) and first bytes of a file on disk, in one visit. */
export function inspectFile(path: string): { size: number; lastModified: number; head: Buffer } {
  const fd = openSync(path, 'r')
  try {
    const info = fstatSync(fd)
    const head = Buffer.alloc(Math.min(SNIFF_BYTES, info.size))
    const bytesRead = head.length ? readSync(fd, head, 0, head.length, 0) : 0
    return { size: info.size, lastModified: info.mtimeMs, head: head.subarray(0, bytesRead) }
  } finally {
    closeSync(fd)
  }
}

export async function readFileHead(path: string, bytes = SNIFF_BYTES): Promise<Buffer> {
  const file = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await file.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await file.close()
  }
}

/**
 * Reads up to `bytes` from a paused stream and puts them back. The stream returned is the same one, or, when
 * the head was all there was, a fresh stream of the head (a stream cannot take data back after its end).
 */
export async function readStreamHead(
  stream: Readable,
  bytes = SNIFF_BYTES
): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = []
  let length = 0
  let ended = false
  while (length < bytes && !ended) {
    const chunk = stream.read() as Buffer | null
    if (chunk !== null) {
      chunks.push(chunk)
      length += chunk.length
    } else {
      ended = await nextReadable(stream)
    }
  }
  const head = Buffer.concat(chunks, length)
  if (!ended) {
    stream.unshift(head)
    return { head: head.subarray(0, bytes), stream }
  }
  return { head, stream: Readable.from(length ? [head] : []) }
}

/** Waits until the stream can be read again; true when it has ended instead. */
function nextReadable(stream: Readable): Promise<boolean> {
  if (stream.readableEnded) return Promise.resolve(true)
  if (stream.errored) return Promise.reject(stream.errored)
  return new Promise((resolve, reject) => {
    const settle = (ended: boolean, error?: Error) => {
      stream.off('readable', onReadable)
      stream.off('end', onEnd)
      stream.off('error', onError)
      stream.off('close', onClose)
      if (error) reject(error)
      else resolve(ended)
    }
    const onReadable = () => settle(false)
    const onEnd = () => settle(true)
    const onError = (error: Error) => settle(true, error)
    const onClose = () =>
      settle(
        true,
        stream.readableEnded ? undefined : (stream.errored ?? new Error('the stream closed early'))
      )
    stream.on('readable', onReadable)
    stream.on('end', onEnd)
    stream.on('error', onError)
    stream.on('close', onClose)
  })
}
