// The regular files of a tar, streamed in archive order with tar-stream: nothing is unpacked to disk. Links,
// devices and fifos are reported and skipped, names are checked like a zip's, and an archive that ends
// without its end-of-archive marker is reported as possibly truncated.

import { PassThrough, Transform } from 'node:stream'
import type { Readable, TransformCallback } from 'node:stream'
import tarStream from 'tar-stream'
import type { ExtractEvents, Header } from 'tar-stream'
import type { ArchiveMember, ContainerPlace } from './archiveMember'
import { ContainerError, formatBytes, quoteName } from './containerErrors'
import type { ContainerWalk } from './containerWalk'
import { checkEntryName, isFolderName, notLogDataReason } from './entryNames'

type TarEntry = ExtractEvents['entry'][1]
type TarExtract = ReturnType<typeof tarStream.extract>

/** tar-stream's words for input that stops inside an entry. */
const TAR_STREAM_TRUNCATED = 'Unexpected end of data'
/** Two zero blocks end a tar. */
const END_OF_ARCHIVE_BYTES = 1024
const REGULAR_TYPES = new Set(['file', 'contiguous-file'])
const TYPE_NAMES: Readonly<Record<string, string>> = {
  symlink: 'a symbolic link',
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a named pipe (fifo)'
}

export async function* tarMembers(
  input: Readable,
  walk: ContainerWalk,
  place: ContainerPlace
): AsyncGenerator<ArchiveMember> {
  const { prefix, label } = place
  const extract = tarStream.extract()
  const ending = endOfArchiveWatch()
  input.once('error', (error) => extract.destroy(error))
  feed(input.pipe(ending.stream), extract)
  const entries = extract[Symbol.asyncIterator]()
  let lastName = ''
  let current: ReturnType<typeof bridge> | null = null
  try {
    for (;;) {
      const next = await nextEntry(entries, place)
      if (next.done) break
      const entry = next.value
      const header = entry.header
      walk.countEntry(prefix + header.name)
      lastName = prefix + header.name
      const member = admit(header, walk, prefix)
      if (!member) {
        await drain(entry)
        continue
      }
      current = bridge(entry)
      yield { ...member, stream: current.stream }
      await current.release()
      current = null
    }
    if (!ending.sawEnd())
      walk.skip(
        place.name,
        'truncated',
        `${label} ends without the tar end-of-archive marker: it may be truncated` +
          (lastName ? `, and entries after ${quoteName(lastName)} may be missing` : '')
      )
  } finally {
    current?.stream.destroy()
    extract.destroy()
    input.destroy()
  }
}

/** Node's pipe() does not know tar-stream's streams, so the flow and its back-pressure are spelt out. */
function feed(input: Readable, extract: TarExtract): void {
  input.on('data', (chunk: Buffer) => {
    if (!extract.write(chunk)) input.pause()
  })
  extract.on('drain', () => input.resume())
  input.on('end', () => extract.end(null))
}

async function nextEntry(
  entries: AsyncIterator<TarEntry>,
  place: ContainerPlace
): Promise<IteratorResult<TarEntry>> {
  try {
    return await entries.next()
  } catch (error) {
    if (error instanceof ContainerError) throw error
    const message = (error as Error).message
    if (message === TAR_STREAM_TRUNCATED)
      throw new ContainerError(
        'truncated',
        place.name,
        `${place.label} ends in the middle of an entry: the archive is truncated`
      )
    throw new ContainerError('corrupt', place.name, `${place.label} is not a readable tar (${message})`)
  }
}

/** The member a header describes, or null (and the reason reported) when it is not a readable file. */
function admit(header: Header, walk: ContainerWalk, prefix: string): Omit<ArchiveMember, 'stream'> | null {
  const type = header.type ?? 'file'
  if (type === 'directory' || (REGULAR_TYPES.has(type) && isFolderName(header.name))) return null
  const checked = checkEntryName(header.name)
  if (!checked.ok) {
    walk.skip(prefix + header.name, 'unsafe_name', checked.reason)
    return null
  }
  const name = prefix + checked.name
  const quoted = quoteName(name)
  if (!REGULAR_TYPES.has(type)) {
    const target = header.linkname ? ` to ${quoteName(header.linkname)}` : ''
    walk.skip(
      name,
      'not_regular_file',
      `${quoted} is ${TYPE_NAMES[type] ?? `a '${type}' entry`}${target}, not a file; skipped`
    )
    return null
  }
  const clutter = notLogDataReason(name)
  if (clutter) {
    walk.skip(name, 'not_log_data', clutter)
    return null
  }
  const size = header.size ?? 0
  if (size > walk.limits.maxEntryExpandedBytes) {
    walk.skip(
      name,
      'entry_bytes',
      `${quoted} is ${formatBytes(size)}, above the limit maxEntryExpandedBytes of ${formatBytes(walk.limits.maxEntryExpandedBytes)}; not read`
    )
    return null
  }
  return { name, size, lastModified: header.mtime ? header.mtime.getTime() : null }
}

/**
 * A Node stream over a tar entry. The tar moves on only once the entry is consumed, so release() discards
 * whatever the reader left; a reader that destroys the stream early has the rest discarded at once.
 */
function bridge(entry: TarEntry): { stream: PassThrough; release(): Promise<void> } {
  const stream = new PassThrough()
  let discarding = false
  const finished = entryFinished(entry)
  entry.on('data', (chunk: unknown) => {
    if (!discarding && !stream.destroyed && !stream.write(chunk)) entry.pause()
  })
  entry.on('end', () => {
    if (!discarding) stream.end()
  })
  entry.on('error', (error: Error) => stream.destroy(error))
  // The reader sees an error through its own listeners, the responder through the walk's report; without a
  // listener here, an entry that fails before it is opened would take the process down.
  stream.on('error', () => undefined)
  stream.on('drain', () => entry.resume())
  stream.on('close', () => {
    if (stream.writableFinished) return
    discarding = true
    entry.resume()
  })
  return {
    stream,
    async release() {
      discarding = true
      stream.destroy()
      entry.resume()
      await finished
    }
  }
}

function drain(entry: TarEntry): Promise<void> {
  const finished = entryFinished(entry)
  entry.resume()
  return finished
}

function entryFinished(entry: TarEntry): Promise<void> {
  return new Promise((resolve) => {
    entry.once('end', resolve)
    entry.once('close', resolve)
    entry.once('error', () => resolve())
  })
}

/** Watches for the zero blocks that end a tar: what comes after them is padding or junk. */
function endOfArchiveWatch(): { stream: Transform; sawEnd(): boolean } {
  let trailingZeros = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      let last = chunk.length - 1
      while (last >= 0 && chunk[last] === 0) last--
      trailingZeros = last < 0 ? trailingZeros + chunk.length : chunk.length - 1 - last
      callback(null, chunk)
    }
  })
  return { stream, sawEnd: () => trailingZeros >= END_OF_ARCHIVE_BYTES }
}
