// What an archive (zip or tar) hands to the walk for each regular file it holds: the name already checked,
// the bytes already metered against the limits. When the walk asks for the next member, the archive stops
// or drains whatever of the previous one was left unread (a tar can only be read in order).

import type { Readable } from 'node:stream'

export interface ArchiveMember {
  /** '/'-separated path inside the evidence source; a nested container is one of its components. */
  name: string
  /** Expanded size as the header declares it: informative only, the meter does not trust it. */
  size: number | null
  /** ms since epoch UTC. */
  lastModified: number | null
  /** The member's bytes, decompressed and metered. */
  stream: Readable
}

/** Where a container sits in the evidence source. */
export interface ContainerPlace {
  /** The container's own name in reports: its path inside the evidence source, or the file's base name. */
  name: string
  /** Put before its entries' names: '' for the evidence source itself, else `name` and a '/'. */
  prefix: string
  /** How messages refer to it: the evidence path for the source itself, else its quoted name. */
  label: string
}
