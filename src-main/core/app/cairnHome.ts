// Where Cairn keeps its own state: the default cases folder and the recent-cases list. CAIRN_HOME
// overrides the location (tests, portable installs); the default is ~/.cairn.

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { RecentCase } from '../../common/domain'
import { writeFileAtomic } from '../sqlite/atomicFile'

const MAX_RECENT = 20

export class CairnHome {
  readonly root: string

  constructor(root = process.env.CAIRN_HOME || join(homedir(), '.cairn')) {
    this.root = resolve(root)
    mkdirSync(this.casesRoot, { recursive: true })
  }

  get casesRoot(): string {
    return join(this.root, 'cases')
  }

  recentCases(): RecentCase[] {
    const path = join(this.root, 'recent.json')
    if (!existsSync(path)) return []
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown
      return Array.isArray(parsed) ? parsed.filter(isRecentCase).filter((entry) => existsSync(entry.dir)) : []
    } catch {
      return [] // a damaged list only costs the shortcuts, never a case
    }
  }

  rememberCase(entry: RecentCase): void {
    const list = [entry, ...this.recentCases().filter((known) => known.id !== entry.id)].slice(0, MAX_RECENT)
    writeFileAtomic(join(this.root, 'recent.json'), Buffer.from(JSON.stringify(list, null, 2)))
  }

  findRecent(caseId: string): RecentCase | undefined {
    return this.recentCases().find((entry) => entry.id === caseId)
  }
}

function isRecentCase(value: unknown): value is RecentCase {
  const entry = value as RecentCase
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.id === 'string' &&
    typeof entry.title === 'string' &&
    typeof entry.dir === 'string' &&
    typeof entry.openedAt === 'number'
  )
}
