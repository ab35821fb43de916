// Turns a stream found inside evidence into entries: itself when it is plain data, else the entries of the
// container it holds (a tar, a zip, gzip around either or around a single file), recursively and streaming,
// up to the nesting limit. A nested container that fails is reported and the walk goes on past it.

import type { Readable } from 'node:stream'
import { constants as zlibConstants, createGunzip } from 'node:zlib'
import type { ArchiveMember, ContainerPlace } from './archiveMember'
import { ContainerLimitError, formatBytes, isWalkEndingError, quoteName } from './containerErrors'
import { meteredExpansion } from './containerLimits'
import { readStreamHead, sniffContainer, sniffGzipContent } from './containerSniff'
import type { ContainerWalk } from './containerWalk'
import { entryTurn } from './evidenceEntry'
import type { EntryTurn } from './evidenceEntry'
import { tarMembers } from './tarEntries'
import { openZip, zipMembers } from './zipEntries'

/** Where a stream was found, and how deep a container found there would sit (the evidence source is 0). */
export interface StreamPlace extends ContainerPlace {
  depth: number
  size: number | null
  lastModified: number | null
}

/** The entries of every member of an archive that sits at `depth`. */
export async function* memberEntries(
  members: AsyncGenerator<ArchiveMember>,
  walk: ContainerWalk,
  depth: number
): AsyncGenerator<EntryTurn> {
  for await (const member of members) {
    const { name, size, lastModified } = member
    const place = { name, prefix: `${name}/`, label: quoteName(name), depth: depth + 1, size, lastModified }
    try {
      yield* streamEntries(member.stream, place, walk)
    } catch (error) {
      if (isWalkEndingError(error)) throw error
      walk.noteError(name, error)
    }
  }
}

export async function* streamEntries(
  stream: Readable,
  place: StreamPlace,
  walk: ContainerWalk
): AsyncGenerator<EntryTurn> {
  const sniffed = await readStreamHead(stream)
  const { head } = sniffed
  const kind = sniffContainer(head)
  if (kind === 'plain') yield* leaf(sniffed.stream, place, walk)
  else if (kind === 'gzip') yield* gzipEntries(sniffed.stream, head, place, walk)
  else if (!withinNestingLimit(place, walk)) sniffed.stream.destroy()
  else if (kind === 'tar') yield* memberEntries(tarMembers(sniffed.stream, walk, place), walk, place.depth)
  else {
    const zip = await openZip(await bufferZip(sniffed.stream, place.name, walk), place.label, walk)
    yield* memberEntries(zipMembers(zip, walk, place), walk, place.depth)
  }
}

/** A .tar.gz is one archive; gzip around one file is no container at all; gzip around a zip is a level. */
async function* gzipEntries(
  stream: Readable,
  head: Buffer,
  place: StreamPlace,
  walk: ContainerWalk
): AsyncGenerator<EntryTurn> {
  const content = sniffGzipContent(head)
  const meter = { name: place.name, isEntry: content !== 'tar' }
  if (content === 'plain') {
    const unzipped = meteredExpansion(walk, stream, createGunzip(), meter)
    yield* leaf(unzipped, { ...place, size: null }, walk)
  } else if (!withinNestingLimit(place, walk)) {
    stream.destroy()
  } else if (content === 'tar') {
    // Read to the end of the input even without a gzip trailer: the tar's own end-of-archive marker tells a
    // complete archive from a truncated one, and a stray byte after the trailer is then no error.
    const gunzip = createGunzip({ finishFlush: zlibConstants.Z_SYNC_FLUSH })
    const tar = meteredExpansion(walk, stream, gunzip, meter)
    yield* memberEntries(tarMembers(tar, walk, place), walk, place.depth)
  } else {
    const unzipped = meteredExpansion(walk, stream, createGunzip(), meter)
    yield* streamEntries(unzipped, { ...place, size: null, depth: place.depth + 1 }, walk)
  }
}

async function* leaf(stream: Readable, place: StreamPlace, walk: ContainerWalk): AsyncGenerator<EntryTurn> {
  const turn = entryTurn(walk, { ...place, bytes: { stream } })
  try {
    yield turn
  } finally {
    turn.pass()
  }
}

function withinNestingLimit(place: StreamPlace, walk: ContainerWalk): boolean {
  const limit = walk.limits.maxNestingDepth
  if (place.depth <= limit) return true
  walk.skip(
    place.name,
    'nesting_depth',
    `${place.label} is an archive nested ${place.depth} deep, past the limit maxNestingDepth of ${limit}; not ` +
      `opened (extract it and add it directly)`
  )
  return false
}

/** yauzl needs random access, which a zip inside a stream has only once it is held in memory. */
async function bufferZip(stream: Readable, name: string, walk: ContainerWalk): Promise<Buffer> {
  const limit = walk.limits.maxBufferedZipBytes
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length
    if (length > limit)
      throw new ContainerLimitError(
        'buffered_zip_bytes',
        name,
        'maxBufferedZipBytes',
        limit,
        `${quoteName(name)} is a zip inside an archive larger than ${formatBytes(limit)}, the limit ` +
          `maxBufferedZipBytes for holding one in memory; not opened (extract it and add it directly)`
      )
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, length)
}
