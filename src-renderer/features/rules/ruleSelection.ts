// The rule selection as the analyst reads and edits it: one sentence for the selection in force, and the
// editor's form (ticked statuses and levels, tags and path fragments as typed) turned into the selection
// the backend keeps, with what to fix named before anything is sent. The limits mirror the contract's.

import type { Severity } from '../../../src-main/common/domain'
import type { RuleFilter, RuleSelection } from '../../../src-main/common/rules'
import { formatCount } from '../../format/numbers'

/** The statuses SigmaHQ gives its rules; a selection may name others, which the editor keeps. */
export const SIGMA_STATUSES: readonly string[] = [
  'stable',
  'test',
  'experimental',
  'deprecated',
  'unsupported'
]

/** Levels from least to most severe, the order a Sigma author reads them in. */
export const SELECTION_LEVELS: readonly Severity[] = ['informational', 'low', 'medium', 'high', 'critical']

/** The backend's default (src-main/core/detect/sigma/ruleSelection.ts): SigmaHQ's "not for use" left out. */
export { DEFAULT_SELECTION as DEFAULT_RULE_SELECTION } from '../../../src-main/common/rules'

export type SelectionSide = 'include' | 'exclude'
export const SELECTION_SIDES: readonly SelectionSide[] = ['include', 'exclude']

/** One side of the form: ticked boxes, and tags and path fragments as typed. */
export interface RuleFilterDraft {
  statuses: string[]
  levels: Severity[]
  tags: string
  paths: string
}

export type RuleSelectionDraft = Record<SelectionSide, RuleFilterDraft>

/** The inputs a problem can be shown under. */
export type DraftInput = 'levels' | 'tags' | 'paths'
export type DraftProblems = Partial<Record<`${SelectionSide}.${DraftInput}`, string>>

export type DraftResult = { ok: true; selection: RuleSelection } | { ok: false; problems: DraftProblems }

const MAX_ENTRIES = 500
const MAX_TAG_LENGTH = 256
const MAX_PATH_LENGTH = 4096
/** Lists longer than this read as "a, b, c and 7 more" in the summary. */
const SHOWN_PER_LIST = 3

function listed(values: readonly string[]): string {
  if (values.length <= SHOWN_PER_LIST) return values.join(', ')
  return `${values.slice(0, SHOWN_PER_LIST).join(', ')} and ${formatCount(values.length - SHOWN_PER_LIST)} more`
}

/** What a filter covers, e.g. "status deprecated, unsupported; or tag attack.t1059*"; '' when nothing. */
function coverage(filter: RuleFilter): string {
  const parts: string[] = []
  if (filter.statuses?.length) parts.push(`status ${listed(filter.statuses)}`)
  if (filter.levels?.length) parts.push(`level ${listed(filter.levels)}`)
  if (filter.tags?.length) parts.push(`tag ${listed(filter.tags)}`)
  if (filter.paths?.length) parts.push(`path containing ${listed(filter.paths)}`)
  // Kinds apart by "; or" so a list's commas never read as the boundary between two kinds.
  return parts.join('; or ')
}

/**
 * The selection in plain words: "Runs every rule except status deprecated, unsupported", or with an
 * include "Runs only rules with level high, critical. Leaves out rules with status deprecated".
 */
export function describeSelection(selection: RuleSelection): string {
  const included = selection.include ? coverage(selection.include) : null
  // The backend reads an include that names nothing as covering nothing.
  if (included === '') return 'Runs no rule: the include names no status, level, tag or path'
  const excluded = selection.exclude ? coverage(selection.exclude) : ''
  if (included === null) return excluded === '' ? 'Runs every rule' : `Runs every rule except ${excluded}`
  const base = `Runs only rules with ${included}`
  return excluded === '' ? base : `${base}. Leaves out rules with ${excluded}`
}

function draftSide(filter: RuleFilter | undefined): RuleFilterDraft {
  return {
    statuses: [...(filter?.statuses ?? [])],
    levels: [...(filter?.levels ?? [])],
    tags: (filter?.tags ?? []).join('\n'),
    paths: (filter?.paths ?? []).join('\n')
  }
}

export function draftOf(selection: RuleSelection): RuleSelectionDraft {
  return { include: draftSide(selection.include), exclude: draftSide(selection.exclude) }
}

/** The statuses to offer: SigmaHQ's, then any other the selection in force names. */
export function statusChoices(selection: RuleSelection): string[] {
  const named = [...(selection.include?.statuses ?? []), ...(selection.exclude?.statuses ?? [])]
  return [...new Set([...SIGMA_STATUSES, ...named])]
}

/** One entry a line or comma-separated; blanks and repeats dropped, surrounding spaces trimmed. */
export function entriesOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '')
    )
  ]
}

/** Long entries are cut in messages so the message stays readable. */
function quoted(entry: string): string {
  return `“${entry.length > 60 ? `${entry.slice(0, 60)}…` : entry}”`
}

function tagProblem(tags: readonly string[]): string | null {
  if (tags.length > MAX_ENTRIES) {
    return `Give at most ${formatCount(MAX_ENTRIES)} tags, not ${formatCount(tags.length)}.`
  }
  for (const tag of tags) {
    if (tag.length > MAX_TAG_LENGTH) {
      return `${quoted(tag)} is longer than ${formatCount(MAX_TAG_LENGTH)} characters.`
    }
    if (/\s/.test(tag)) {
      return `${quoted(tag)} holds a space: put one tag a line, or separate tags with commas.`
    }
    if (tag.slice(0, -1).includes('*')) {
      return `In ${quoted(tag)}, * works only at the end (attack.t1059* matches every tag starting attack.t1059).`
    }
  }
  return null
}

function pathProblem(paths: readonly string[]): string | null {
  if (paths.length > MAX_ENTRIES) {
    return `Give at most ${formatCount(MAX_ENTRIES)} path fragments, not ${formatCount(paths.length)}.`
  }
  for (const path of paths) {
    if (path.length > MAX_PATH_LENGTH) {
      return `${quoted(path)} is longer than ${formatCount(MAX_PATH_LENGTH)} characters.`
    }
    if (path.includes('*'))
      return `Path fragments are plain text, not patterns: drop the * from ${quoted(path)}.`
  }
  return null
}

/** The filter a side of the form makes, in the editor's order; undefined when it names nothing. */
function filterOf(side: RuleFilterDraft, statuses: readonly string[]): RuleFilter | undefined {
  const filter: RuleFilter = {}
  const ticked = statuses.filter((status) => side.statuses.includes(status))
  const levels = SELECTION_LEVELS.filter((level) => side.levels.includes(level))
  const tags = entriesOf(side.tags)
  const paths = entriesOf(side.paths)
  if (ticked.length > 0) filter.statuses = ticked
  if (levels.length > 0) filter.levels = levels
  if (tags.length > 0) filter.tags = tags
  if (paths.length > 0) filter.paths = paths
  return Object.keys(filter).length > 0 ? filter : undefined
}

/**
 * The selection the form describes, or what to fix. A side left empty is left out: an empty include
 * would cover no rule at all, where the analyst means "no limit".
 */
export function selectionOf(draft: RuleSelectionDraft, statuses: readonly string[]): DraftResult {
  const problems: DraftProblems = {}
  for (const side of SELECTION_SIDES) {
    const tags = tagProblem(entriesOf(draft[side].tags))
    const paths = pathProblem(entriesOf(draft[side].paths))
    if (tags) problems[`${side}.tags`] = tags
    if (paths) problems[`${side}.paths`] = paths
  }
  // A rule without a level counts as medium, so leaving out all five leaves out every rule.
  if (SELECTION_LEVELS.every((level) => draft.exclude.levels.includes(level))) {
    problems['exclude.levels'] = 'Leaving out every level leaves no rule to run: untick at least one.'
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems }

  const selection: RuleSelection = {}
  const include = filterOf(draft.include, statuses)
  const exclude = filterOf(draft.exclude, statuses)
  if (include) selection.include = include
  if (exclude) selection.exclude = exclude
  return { ok: true, selection }
}
