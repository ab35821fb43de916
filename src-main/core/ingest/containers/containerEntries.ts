// The one way ingestion reads evidence: a file, a folder, a zip, a tar or a .tar.gz, archives nested in any of
// them, all as one stream of entries with a report of what was skipped and why. Nothing is unpacked to disk;
// what a container holds is decided by content, and limits bound what a hostile archive can cost.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ContainerPlace } from './archiveMember'
import { ContainerError, isWalkEndingError, quoteName } from './containerErrors'
import { resolveContainerLimits } from './containerLimits'
import type { ContainerLimits } from './containerLimits'
import { inspectFile, readFileHead, sniffContainer, sniffGzipContent } from './containerSniff'
import { ContainerWalk } from './containerWalk'
import type { ContainerReport } from './containerWalk'
import { entryTurn } from './evidenceEntry'
import type { EntryTurn, EvidenceEntry } from './evidenceEntry'
import { folderFiles } from './folderEntries'
import type { FolderFile } from './folderEntries'
import { memberEntries, streamEntries } from './streamEntries'
import { openZip, zipMembers } from './zipEntries'

export type { EntryTurn, EvidenceEntry } from './evidenceEntry'
export type { ContainerReport, SkippedEntry } from './containerWalk'

/** 'gzip' is gzip around a container other than a tar; gzip around a single file is a 'file'. */
export type EvidenceSourceKind = 'file' | 'folder' | 'zip' | 'tar' | 'tar.gz' | 'gzip'

export interface EvidenceSource extends AsyncIterable<EvidenceEntry> {
  readonly path: string
  readonly kind: EvidenceSourceKind
  /** Filled in while the entries are walked; complete once the walk has ended. */
  readonly report: ContainerReport
  /** The same walk with each entry's turn: pass() says the reader is done with it before the walk moves on. */
  turns(): AsyncGenerator<EntryTurn>
}

/**
 * Entries come one at a time: open each (once) before asking for the next. A failure that ends the walk
 * (an unreadable source, the total-bytes or entry-count limit) is thrown by the iteration; anything less is
 * reported and the walk goes on.
 */
export async function openEvidenceSource(
  path: string,
  limits: Partial<ContainerLimits> = {}
): Promise<EvidenceSource> {
  const walk = new ContainerWalk(path, resolveContainerLimits(limits))
  const info = await stat(path).catch((error: Error) => {
    throw new ContainerError('unreadable', '', `${path} cannot be read: ${error.message}`)
  })
  if (info.isDirectory()) return evidenceSource(walk, 'folder', folderEntries(path, walk))
  if (!info.isFile())
    throw new ContainerError('not_regular_file', '', `${path} is neither a file nor a folder`)
  const file = { path, name: basename(path), ...inspectEvidenceFile(path) }
  const place = { name: file.name, prefix: '', label: path }
  return evidenceSource(walk, diskFileKind(file.head), diskFileEntries(file, place, walk))
}

function inspectEvidenceFile(path: string): ReturnType<typeof inspectFile> {
  try {
    return inspectFile(path)
  } catch (error) {
    throw new ContainerError('unreadable', '', `${path} cannot be read: ${(error as Error).message}`)
  }
}

function evidenceSource(
  walk: ContainerWalk,
  kind: EvidenceSourceKind,
  turns: AsyncGenerator<EntryTurn>
): EvidenceSource {
  let walked = false
  const walkOnce = () => {
    if (walked) throw new Error(`${walk.containerPath} was already walked; open the evidence source again`)
    walked = true
    return reportingFailure(turns, walk)
  }
  return {
    path: walk.containerPath,
    kind,
    report: walk.report,
    turns: walkOnce,
    [Symbol.asyncIterator]: () => entriesOf(walkOnce())
  }
}

async function* entriesOf(turns: AsyncGenerator<EntryTurn>): AsyncGenerator<EvidenceEntry> {
  for await (const turn of turns) yield turn.entry
}

/** A failure that ends the walk goes into the report too, so the report alone tells the whole story. */
async function* reportingFailure(
  turns: AsyncGenerator<EntryTurn>,
  walk: ContainerWalk
): AsyncGenerator<EntryTurn> {
  try {
    yield* turns
  } catch (error) {
    const failure =
      error instanceof ContainerError
        ? error
        : new ContainerError(
            'unreadable',
            '',
            `${walk.containerPath} could not be read: ${(error as Error).message}`
          )
    walk.noteError(basename(walk.containerPath), failure)
    throw failure
  }
}

/** What a file on disk is, from its first bytes: a plain (or gzip'd) file, or an archive to walk. */
export function diskFileKind(head: Buffer): EvidenceSourceKind {
  const kind = sniffContainer(head)
  if (kind !== 'gzip') return kind === 'plain' ? 'file' : kind
  const content = sniffGzipContent(head)
  return content === 'plain' ? 'file' : content === 'tar' ? 'tar.gz' : 'gzip'
}

/** True when the path is a folder or an archive, whose files are imported one by one. */
export async function isContainer(path: string): Promise<boolean> {
  const info = await stat(path)
  return info.isDirectory() || diskFileKind(await readFileHead(path)) !== 'file'
}

async function* folderEntries(root: string, walk: ContainerWalk): AsyncGenerator<EntryTurn> {
  for await (const file of folderFiles(root, walk)) {
    try {
      const place = { name: file.name, prefix: `${file.name}/`, label: quoteName(file.name) }
      yield* diskFileEntries(file, place, walk)
    } catch (error) {
      if (isWalkEndingError(error)) throw error
      walk.noteError(file.name, error)
    }
  }
}

/** A file on disk: itself (bytes as stored, gzip included), or the entries of the archive it is. */
async function* diskFileEntries(
  file: FolderFile,
  place: ContainerPlace,
  walk: ContainerWalk
): AsyncGenerator<EntryTurn> {
  const kind = diskFileKind(file.head)
  if (kind === 'file') {
    const turn = entryTurn(walk, { ...file, bytes: { diskPath: file.path } })
    try {
      yield turn
    } finally {
      turn.pass()
    }
  } else if (kind === 'zip') {
    const zip = await openZip(file.path, place.label, walk)
    yield* memberEntries(zipMembers(zip, walk, place), walk, 0)
  } else {
    const stream = createReadStream(file.path, { highWaterMark: 1024 * 1024 })
    yield* streamEntries(
      stream,
      { ...place, depth: 0, size: file.size, lastModified: file.lastModified },
      walk
    )
  }
}
