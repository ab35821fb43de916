// One Cairn at a time per case. case.db lives in memory and every save replaces the whole file, so two
// processes with the same case open (the app and a `cairn notes add`, say) would silently overwrite each
// other's work. The lock file names its holder; a lock left by a process that no longer runs is taken over.

import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CairnError } from '../../common/errors'

const LOCK_FILE = 'case.lock'

interface LockHolder {
  pid: number
  host: string
  since: string
}

const heldLocks = new Set<string>()
process.on('exit', () => {
  for (const path of heldLocks) releaseLockFile(path)
})

export class CaseLock {
  private constructor(private readonly path: string) {}

  static acquire(dir: string): CaseLock {
    const path = join(dir, LOCK_FILE)
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600)
        const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
        writeSync(fd, JSON.stringify(holder))
        closeSync(fd)
        heldLocks.add(path)
        return new CaseLock(path)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
        const holder = readHolder(path)
        if (holder && !isStale(holder)) {
          throw new CairnError(
            'CONFLICT',
            `this case is open in another Cairn (process ${holder.pid} on ${holder.host} since ${holder.since}); close it there first`
          )
        }
        releaseLockFile(path)
      }
    }
    throw new CairnError(
      'CONFLICT',
      `the lock ${path} could not be taken; another Cairn may be opening this case`
    )
  }

  release(): void {
    heldLocks.delete(this.path)
    releaseLockFile(this.path)
  }
}

function readHolder(path: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : null
  } catch {
    return null // unreadable or half-written: treated as stale
  }
}

/** A lock from this machine whose process is gone. Locks from other hosts (shared folders) are respected. */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false
  if (holder.pid === process.pid) return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

function releaseLockFile(path: string): void {
  try {
    unlinkSync(path)
  } catch {
    // already gone
  }
}
