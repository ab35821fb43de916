// What the rules table shows per column: a document's file name with its line first (what the analyst
// opens in an editor) and below it the folder within its rule source (the source's own path is the same
// on thousands of rows), and a readable name for documents that have no title.

import type { TableColumn } from '../../components/VirtualTable.vue'
import type { RuleSourceInfo, RuleSupport } from '../../../src-main/common/rules'

export type RuleColumnKey = 'status' | 'rule' | 'level' | 'enabled' | 'file'

export const RULE_COLUMNS: (TableColumn & { key: RuleColumnKey })[] = [
  { key: 'status', label: 'Status', width: '118px' },
  { key: 'rule', label: 'Rule · reason when not loaded', width: 'minmax(220px, 3fr)' },
  { key: 'level', label: 'Level', width: '108px' },
  { key: 'enabled', label: 'Runs', width: '86px' },
  { key: 'file', label: 'File:line', width: 'minmax(160px, 2fr)' }
]

/** An invalid document may have no title: name it by its place in the file instead. */
export function ruleName(rule: Pick<RuleSupport, 'title' | 'line'>): string {
  return rule.title.trim() !== '' ? rule.title : `Untitled document at line ${rule.line}`
}

function splitPath(path: string): string[] {
  return path.split(/[\\/]/).filter((part) => part !== '')
}

/** Compared by path components, so the folder /rules does not claim /rules-extra/x.yml. */
function sourceRoot(path: string, sources: readonly RuleSourceInfo[]): string[] {
  const parts = splitPath(path)
  const roots = sources
    .filter((source) => source.kind === 'folder')
    .map((source) => splitPath(source.path))
    .filter((root) => root.length < parts.length && root.every((part, index) => parts[index] === part))
  return roots.sort((a, b) => b.length - a.length)[0] ?? []
}

export function fileAndLine(
  rule: Pick<RuleSupport, 'path' | 'line'>,
  sources: readonly RuleSourceInfo[]
): { file: string; folder: string } {
  const parts = splitPath(rule.path)
  const folderParts = parts.slice(sourceRoot(rule.path, sources).length, -1)
  return { file: `${parts[parts.length - 1] ?? rule.path}:${rule.line}`, folder: folderParts.join('/') }
}
