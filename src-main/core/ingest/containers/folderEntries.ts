// The regular files of an evidence folder, in sorted order for determinism. The walk keeps an explicit stack
// of open folders (no recursion, so depth is no problem) and yields one file at a time (no array of every
// file or promise). Symbolic links are never followed: one that leads out of the folder would read files the
// responder did not choose, one that stays inside would read a file twice. Each is reported with its target.

import type { Dirent } from 'node:fs'
import { readdir, readlink, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { quoteName } from './containerErrors'
import { inspectFile } from './containerSniff'
import type { ContainerWalk } from './containerWalk'
import { notLogDataReason } from './entryNames'

export interface FolderFile {
  path: string
  /** '/'-separated path relative to the evidence folder. */
  name: string
  size: number
  lastModified: number
  /** The first SNIFF_BYTES, to tell an archive from a plain file. */
  head: Buffer
}

interface OpenFolder {
  path: string
  /** '' for the evidence folder, else its relative name and a '/'. */
  prefix: string
  entries: Dirent[]
  next: number
}

export async function* folderFiles(root: string, walk: ContainerWalk): AsyncGenerator<FolderFile> {
  const realRoot = await realpath(root)
  const stack: OpenFolder[] = [{ path: root, prefix: '', entries: await sortedEntries(root), next: 0 }]
  while (stack.length > 0) {
    const folder = stack[stack.length - 1]
    if (folder.next === folder.entries.length) {
      stack.pop()
      continue
    }
    const entry = folder.entries[folder.next++]
    const path = join(folder.path, entry.name)
    const name = folder.prefix + entry.name
    walk.countEntry(name)
    const clutter = notLogDataReason(name)
    if (clutter) walk.skip(name, 'not_log_data', clutter)
    else if (entry.isSymbolicLink())
      walk.skip(name, 'not_regular_file', await symlinkReason(path, name, realRoot))
    else if (entry.isDirectory()) {
      const opened = await openFolder(path, name, walk)
      if (opened) stack.push(opened)
    } else if (!entry.isFile())
      walk.skip(
        name,
        'not_regular_file',
        `${quoteName(name)} is not a regular file (a device, socket or fifo); skipped`
      )
    else {
      const file = describeFile(path, name, walk)
      if (file) yield file
    }
  }
}

async function sortedEntries(path: string): Promise<Dirent[]> {
  const entries = await readdir(path, { withFileTypes: true })
  // Code-unit order, not locale order: the same on every machine.
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

async function openFolder(path: string, name: string, walk: ContainerWalk): Promise<OpenFolder | null> {
  try {
    return { path, prefix: `${name}/`, entries: await sortedEntries(path), next: 0 }
  } catch (error) {
    walk.noteError(name, error)
    return null
  }
}

/**
 * Synchronous on purpose: four thread-pool round trips per file (open, stat, read, close) made a folder of
 * 100,000 small files take twenty seconds; the same calls made directly take a tenth of that.
 */
function describeFile(path: string, name: string, walk: ContainerWalk): FolderFile | null {
  try {
    return { path, name, ...inspectFile(path) }
  } catch (error) {
    walk.noteError(name, error)
    return null
  }
}

async function symlinkReason(path: string, name: string, realRoot: string): Promise<string> {
  const quoted = quoteName(name)
  let target: string
  try {
    target = await realpath(path)
  } catch {
    const stored = await readlink(path).catch(() => '?')
    return `${quoted} is a symbolic link to ${quoteName(stored)}, which does not exist; not followed`
  }
  if (isWithin(realRoot, target)) {
    const inside = relative(realRoot, target).split(sep).join('/')
    return `${quoted} is a symbolic link to ${quoteName(inside)} in the evidence folder, which is read under its own name; not followed`
  }
  return `${quoted} is a symbolic link to ${quoteName(target)}, outside the evidence folder; not followed`
}

/** By components, never by string prefix: '/cases/1' does not contain '/cases/1-evil'. */
export function isWithin(folder: string, path: string): boolean {
  const outer = folder.split(sep).filter(Boolean)
  const inner = path.split(sep).filter(Boolean)
  return inner.length >= outer.length && outer.every((component, i) => inner[i] === component)
}
