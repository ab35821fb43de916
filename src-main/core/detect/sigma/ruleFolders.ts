// Reads the Sigma rule files of a folder the analyst adds (a SigmaHQ checkout, a team's own rules): every
// .yml/.yaml below it, paths relative to the folder, with unreadable or oversized files reported rather
// than skipped silently.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { CairnError } from '../../../common/errors'
import type { RuleFile } from './ruleSet'

/** No Sigma rule comes near this; a bigger .yml is not a rule file. */
const MAX_RULE_FILE_BYTES = 1024 * 1024

export interface UnreadableRuleFile {
  path: string
  reason: string
}

export interface RuleFolder {
  files: RuleFile[]
  unreadable: UnreadableRuleFile[]
}

/** Throws CairnError 'NOT_FOUND' when the folder itself cannot be listed. */
export function readRuleFolder(root: string): RuleFolder {
  const folder: RuleFolder = { files: [], unreadable: [] }
  let top
  try {
    top = statSync(root)
  } catch {
    throw new CairnError('NOT_FOUND', `rule folder ${root} does not exist or cannot be read`)
  }
  if (!top.isDirectory()) throw new CairnError('BAD_REQUEST', `${root} is not a folder of Sigma rules`)
  walk(root, root, folder)
  folder.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return folder
}

function walk(root: string, dir: string, folder: RuleFolder): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    folder.unreadable.push({
      path: relativePath(root, dir),
      reason: `folder cannot be listed: ${messageOf(error)}`
    })
    return
  }
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(root, path, folder)
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) readOne(root, path, folder)
  }
}

function readOne(root: string, path: string, folder: RuleFolder): void {
  const shown = relativePath(root, path)
  try {
    const size = statSync(path).size
    if (size > MAX_RULE_FILE_BYTES) {
      folder.unreadable.push({ path: shown, reason: `${size} bytes is too large for a Sigma rule file` })
      return
    }
    folder.files.push({ path: shown, text: readFileSync(path, 'utf8') })
  } catch (error) {
    folder.unreadable.push({ path: shown, reason: messageOf(error) })
  }
}

function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
