// Durable file replacement: write a temp file beside the target, fsync it, rename over the target and fsync
// the directory, so a crash leaves either the old or the new file, never a torn one. Writes in chunks
// because Node 20 rejects single writes over 2 GiB. The async form lets an import parse on while a shard
// it closed is written.

import { closeSync, fsyncSync, openSync, renameSync, writeSync, unlinkSync } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { dirname, basename, join } from 'node:path'

const CHUNK = 64 * 1024 * 1024

/** The temp file writeFileAtomic uses for path, so an interrupted write can be cleaned up. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
}

export function writeFileAtomic(path: string, data: Uint8Array): void {
  const temp = tempPathFor(path)
  const fd = openSync(temp, 'w', 0o600)
  try {
    for (let offset = 0; offset < data.length; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, data.length)
      let written = offset
      while (written < end) written += writeSync(fd, data, written, end - written)
    }
    fsyncSync(fd)
  } catch (error) {
    closeSync(fd)
    unlinkSync(temp)
    throw error
  }
  closeSync(fd)
  renameSync(temp, path)
  fsyncDirectory(dirname(path))
}

/** writeFileAtomic without blocking the thread: the write and the syncs run in the I/O pool meanwhile. */
export async function writeFileAtomicAsync(path: string, data: Uint8Array): Promise<void> {
  const temp = tempPathFor(path)
  const file = await open(temp, 'w', 0o600)
  try {
    for (let offset = 0; offset < data.length; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, data.length)
      let written = offset
      while (written < end) written += (await file.write(data, written, end - written)).bytesWritten
    }
    await file.sync()
  } catch (error) {
    await file.close()
    await unlink(temp)
    throw error
  }
  await file.close()
  await rename(temp, path)
  fsyncDirectory(dirname(path))
}

export function fsyncDirectory(dir: string): void {
  // Directories cannot be opened for fsync on Windows; the rename is still atomic there.
  if (process.platform === 'win32') return
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
