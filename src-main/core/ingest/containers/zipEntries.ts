// The regular files of a zip, streamed: yauzl reads the central directory one entry at a time and each
// member is inflated on demand, never unpacked to disk. Unsafe names, encrypted members and compression
// methods Cairn cannot read are refused with a reason; every member's bytes pass the expansion meter and a
// size and CRC-32 check, because zip headers lie.

import { close as closeFd, closeSync, fstatSync, open as openFd, read as readFd, readSync } from 'node:fs'
import type { TransformCallback } from 'node:stream'
import { Readable, Transform } from 'node:stream'
import { crc32, createInflateRaw } from 'node:zlib'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import type { ArchiveMember, ContainerPlace } from './archiveMember'
import { ContainerError, formatBytes, quoteName } from './containerErrors'
import { meteredExpansion } from './containerLimits'
import type { ContainerWalk } from './containerWalk'
import { checkEntryName, isFolderName, notLogDataReason } from './entryNames'

const STORED = 0
const DEFLATED = 8
const METHOD_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Shrink'],
  [6, 'Implode'],
  [9, 'Deflate64'],
  [12, 'bzip2'],
  [14, 'LZMA'],
  [93, 'Zstandard'],
  [95, 'XZ'],
  [98, 'PPMd']
])
const UNIX_HOSTS = new Set([3, 19])
const FILE_TYPE_MASK = 0o170000
const SYMLINK_TYPE = 0o120000

/**
 * Opens a zip on disk (random access in place) or held in memory (a zip inside another archive). Bytes after
 * the end of the zip (a stray newline added by a transfer, say) are noted and ignored, as unzip does.
 */
export async function openZip(source: string | Buffer, label: string, walk: ContainerWalk): Promise<ZipFile> {
  const fd = typeof source === 'string' ? await openFile(source) : null
  const size = fd === null ? (source as Buffer).length : fstatSync(fd).size
  const openFirst = (length: number): Promise<ZipFile> =>
    fd === null
      ? yauzl.fromBufferPromise((source as Buffer).subarray(0, length), ZIP_OPTIONS)
      : yauzl.fromRandomAccessReaderPromise(new WindowedFileReader(fd, length), length, ZIP_OPTIONS)
  try {
    return await openFirst(size)
  } catch (error) {
    const end = findZipEnd(readTail(source, fd, size), size)
    const zip = end !== null && end < size ? await openFirst(end).catch(() => null) : null
    if (zip) {
      walk.note(
        `${label}: ${formatBytes(size - end!)} after the end of the zip ignored (not part of the archive)`
      )
      return zip
    }
    if (fd !== null) closeSync(fd)
    throw new ContainerError(
      'unreadable',
      '',
      `${label} is not a readable zip (${(error as Error).message}); the file may be truncated or damaged`
    )
  }
}

// Names are decoded and checked here, not by yauzl, which would end the whole zip at one unsafe name; sizes
// are checked while streaming, for the same reason.
const ZIP_OPTIONS = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: false,
  strictFileNames: true
}

function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    openFd(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd)))
  )
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const END_RECORD_BYTES = 22
/** The end record, its longest comment, a zip64 locator before it, and room for trailing junk. */
const TAIL_BYTES = END_RECORD_BYTES + 0xffff + 20 + 64 * 1024

function readTail(
  source: string | Buffer,
  fd: number | null,
  size: number
): { tail: Buffer; offset: number } {
  const offset = Math.max(0, size - TAIL_BYTES)
  if (fd === null) return { tail: (source as Buffer).subarray(offset), offset }
  const tail = Buffer.alloc(size - offset)
  readSync(fd, tail, 0, tail.length, offset)
  return { tail, offset }
}

/** Where the zip ends: after the last end-of-central-directory record whose comment fits in the file. */
function findZipEnd({ tail, offset }: { tail: Buffer; offset: number }, size: number): number | null {
  for (let at = tail.length - END_RECORD_BYTES; at >= 0; at--) {
    if (tail.readUInt32LE(at) !== END_OF_CENTRAL_DIRECTORY) continue
    const end = offset + at + END_RECORD_BYTES + tail.readUInt16LE(at + 20)
    if (end <= size) return end
  }
  return null
}

const READ_WINDOW_BYTES = 64 * 1024
const RANGE_CHUNK_BYTES = 256 * 1024

/**
 * The first `size` bytes of an open file, read through a window: yauzl reads every central directory record
 * with two small reads, and a thread-pool round trip for each would make a zip of 200,000 entries take a
 * minute to list. The file is closed when yauzl lets go of the reader.
 */
class WindowedFileReader extends yauzl.RandomAccessReader {
  private window = Buffer.alloc(0)
  private windowStart = 0

  constructor(
    private readonly fd: number,
    private readonly size: number
  ) {
    super()
  }

  read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null, bytesRead?: number) => void
  ): void {
    const start = position - this.windowStart
    if (start >= 0 && start + length <= this.window.length) {
      this.window.copy(buffer, offset, start, start + length)
      process.nextTick(callback, null, length)
      return
    }
    const window = Buffer.allocUnsafe(
      Math.max(0, Math.min(Math.max(length, READ_WINDOW_BYTES), this.size - position))
    )
    readFd(this.fd, window, 0, window.length, position, (error, bytesRead) => {
      if (error) return callback(error)
      this.window = window.subarray(0, bytesRead)
      this.windowStart = position
      const copied = this.window.copy(buffer, offset, 0, Math.min(length, bytesRead))
      callback(null, copied)
    })
  }

  /** Not fs.createReadStream: destroying one of those closes the file descriptor that every range shares. */
  _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd
    let position = start
    return new Readable({
      highWaterMark: RANGE_CHUNK_BYTES,
      read(size: number) {
        const length = Math.min(size, end - position)
        if (length <= 0) return void this.push(null)
        const chunk = Buffer.allocUnsafe(length)
        readFd(fd, chunk, 0, length, position, (error, bytesRead) => {
          if (this.destroyed) return
          if (error) return this.destroy(error)
          if (bytesRead === 0) return this.destroy(new Error(`the file ends before byte ${end}`))
          position += bytesRead
          this.push(chunk.subarray(0, bytesRead))
        })
      }
    })
  }

  close(callback: (error: Error | null) => void): void {
    closeFd(this.fd, callback)
  }
}

export async function* zipMembers(
  zip: ZipFile,
  walk: ContainerWalk,
  place: ContainerPlace
): AsyncGenerator<ArchiveMember> {
  const { prefix, label } = place
  const entries = zip.eachEntry()
  let current: ArchiveMember | null = null
  try {
    for (;;) {
      let next: IteratorResult<Entry>
      try {
        next = await entries.next()
      } catch (error) {
        throw new ContainerError(
          'corrupt',
          place.name,
          `${label}: the zip's central directory is damaged (${(error as Error).message})`
        )
      }
      if (next.done) return
      const entry = next.value
      const stored = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        true
      )
      walk.countEntry(prefix + stored)
      if (isFolderName(stored)) continue
      current = await openMember(zip, entry, stored, walk, prefix)
      if (!current) continue
      yield current
      current.stream.destroy()
      current = null
    }
  } finally {
    current?.stream.destroy()
    zip.close()
  }
}

async function openMember(
  zip: ZipFile,
  entry: Entry,
  stored: string,
  walk: ContainerWalk,
  prefix: string
): Promise<ArchiveMember | null> {
  const checked = checkEntryName(stored)
  if (!checked.ok) {
    walk.skip(prefix + stored, 'unsafe_name', checked.reason)
    return null
  }
  const name = prefix + checked.name
  const refusal = refuseMember(entry, name, walk)
  if (refusal) {
    walk.skip(name, refusal.code, refusal.reason)
    return null
  }
  let raw: Readable
  try {
    raw = await zip.openReadStreamPromise(entry, { decodeFileData: false })
  } catch (error) {
    walk.noteError(
      name,
      new ContainerError('corrupt', name, `${quoteName(name)}: ${(error as Error).message}`)
    )
    return null
  }
  const inflate = entry.compressionMethod === DEFLATED ? createInflateRaw() : null
  const stream = meteredExpansion(walk, raw, inflate, { name, isEntry: true }, [integrityCheck(entry, name)])
  return { name, size: entry.uncompressedSize, lastModified: lastModified(entry), stream }
}

function refuseMember(
  entry: Entry,
  name: string,
  walk: ContainerWalk
): {
  code: 'not_log_data' | 'not_regular_file' | 'encrypted' | 'unsupported_compression' | 'entry_bytes'
  reason: string
} | null {
  const quoted = quoteName(name)
  const clutter = notLogDataReason(name)
  if (clutter) return { code: 'not_log_data', reason: clutter }
  const unixMode = entry.externalFileAttributes >>> 16
  if (UNIX_HOSTS.has(entry.versionMadeBy >> 8) && (unixMode & FILE_TYPE_MASK) === SYMLINK_TYPE)
    return {
      code: 'not_regular_file',
      reason: `${quoted} is a symbolic link, not a file; it was not followed`
    }
  if (entry.isEncrypted())
    return {
      code: 'encrypted',
      reason: `${quoted} is encrypted (password-protected); Cairn does not decrypt: extract it with its password and add the file`
    }
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    const method = METHOD_NAMES.get(entry.compressionMethod) ?? `method ${entry.compressionMethod}`
    return {
      code: 'unsupported_compression',
      reason: `${quoted} is compressed with ${method}, which Cairn cannot read (only stored and Deflate); extract it with a tool that can and add the file`
    }
  }
  if (entry.uncompressedSize > walk.limits.maxEntryExpandedBytes)
    return {
      code: 'entry_bytes',
      reason: `${quoted} declares ${formatBytes(entry.uncompressedSize)}, above the limit maxEntryExpandedBytes of ${formatBytes(walk.limits.maxEntryExpandedBytes)}; not read`
    }
  return null
}

/** DOS times carry no zone; without an extended (UTC) timestamp they are read as UTC. */
function lastModified(entry: Entry): number | null {
  const time = entry.getLastModDate({ timezone: 'UTC' }).getTime()
  return Number.isNaN(time) ? null : time
}

/** The inflated bytes must be exactly as many as the header declares and match its CRC-32. */
function integrityCheck(entry: Entry, name: string): Transform {
  let bytes = 0
  let checksum = 0
  const declared = entry.uncompressedSize
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      bytes += chunk.length
      if (bytes > declared)
        return callback(
          new ContainerError(
            'corrupt',
            name,
            `${quoteName(name)} expands to more than the ${formatBytes(declared)} its zip header declares; reading stopped (the header is wrong or the entry is hostile)`
          )
        )
      checksum = crc32(chunk, checksum)
      callback(null, chunk)
    },
    flush(callback: TransformCallback) {
      if (bytes < declared)
        callback(
          new ContainerError(
            'truncated',
            name,
            `${quoteName(name)} ends after ${formatBytes(bytes)} of the ${formatBytes(declared)} its zip header declares`
          )
        )
      else if (checksum >>> 0 !== entry.crc32 >>> 0)
        callback(
          new ContainerError(
            'corrupt',
            name,
            `${quoteName(name)} fails its CRC-32 check (header ${hex(entry.crc32)}, data ${hex(checksum)}): its data is damaged`
          )
        )
      else callback()
    }
  })
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`
}
