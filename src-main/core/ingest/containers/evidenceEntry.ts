// One file of evidence as the ingest driver sees it, wherever it sits: a plain file, a file in a folder, or a
// member of a (nested) archive. Archive members are streamed in order, so an entry may be opened once, and
// only until the walk moves on to the next entry.

import { createReadStream } from 'node:fs'
import type { Readable } from 'node:stream'
import { ContainerError, quoteName } from './containerErrors'
import type { ContainerWalk } from './containerWalk'

export interface EvidenceEntry {
  /** Path inside the container, '/'-separated ('logs/auth.log'); a nested archive is one of its components. */
  name: string
  /** The evidence source on disk that holds the entry: the file or folder the responder chose. */
  containerPath: string
  /** Expanded bytes as declared by a header or the file system; null when unknown (inside gzip). */
  size: number | null
  /** ms since epoch UTC. */
  lastModified: number | null
  /**
   * The file itself when the entry is a file on disk (the evidence file, or a file in the evidence folder):
   * its bytes are returned as stored, gzip included, so they can be hashed and read like any evidence file.
   * Null for archive members, whose bytes are returned decompressed.
   */
  diskPath: string | null
  /** The entry's bytes; at most once, and before asking for the next entry. */
  open(): Promise<Readable>
}

export interface EntryTurn {
  entry: EvidenceEntry
  /** The walk has moved on: the entry can no longer be opened, and what it left unread is discarded. */
  pass(): void
}

export interface EntryContent {
  name: string
  size: number | null
  lastModified: number | null
  /** A stream to hand out, or a file on disk to open when asked. */
  bytes: { stream: Readable } | { diskPath: string }
}

export function entryTurn(walk: ContainerWalk, content: EntryContent): EntryTurn {
  let state: 'waiting' | 'opened' | 'passed' = 'waiting'
  const { name, bytes } = content
  let diskStream: Readable | null = null
  walk.report.entriesYielded++
  const entry: EvidenceEntry = {
    name,
    containerPath: walk.containerPath,
    size: content.size,
    lastModified: content.lastModified,
    diskPath: 'diskPath' in bytes ? bytes.diskPath : null,
    async open() {
      if (state !== 'waiting') {
        const why = state === 'opened' ? 'was already opened' : 'was passed: its turn is over'
        throw new ContainerError(
          'unreadable',
          name,
          `${quoteName(name)} ${why}; open each entry once, before asking for the next`
        )
      }
      state = 'opened'
      if ('stream' in bytes) return bytes.stream
      diskStream = createReadStream(bytes.diskPath, { highWaterMark: 1024 * 1024 })
      return diskStream
    }
  }
  return {
    entry,
    pass() {
      state = 'passed'
      if ('stream' in bytes) bytes.stream.destroy()
      diskStream?.destroy()
    }
  }
}
