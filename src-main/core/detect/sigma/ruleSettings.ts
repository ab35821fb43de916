// The analyst's rule settings, kept in Cairn's home (sigma-rules.json) so they apply to every case: the
// rule folders added to Cairn's own pack, which rules run (by status, level, tag, path) and the tuning
// (rules turned off, levels changed, field values ignored). Validated on load; a damaged file is reported,
// never silently replaced.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { CairnError } from '../../../common/errors'
import { writeFileAtomic } from '../../sqlite/atomicFile'
import { DEFAULT_SELECTION, ruleSelectionSchema, ruleTuningSchema } from './ruleSelection'
import type { RuleSelection, RuleTuning } from './ruleSelection'

const SETTINGS_FILE = 'sigma-rules.json'

const settingsSchema = z.strictObject({
  folders: z.array(z.string().min(1)).default([]),
  selection: ruleSelectionSchema.default(DEFAULT_SELECTION),
  tuning: ruleTuningSchema.default({ disabled: [], levels: {}, exclusions: {} })
})

export interface RuleSettings {
  folders: string[]
  /** Which rules run, by status, level, tag and path. */
  selection: RuleSelection
  tuning: RuleTuning
}

export function loadRuleSettings(home: string): RuleSettings {
  const path = join(home, SETTINGS_FILE)
  if (!existsSync(path)) {
    return { folders: [], selection: DEFAULT_SELECTION, tuning: { disabled: [], levels: {}, exclusions: {} } }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new CairnError(
      'UNREADABLE_INPUT',
      `${path} is not valid JSON (${(error as Error).message}); fix or remove it`
    )
  }
  const result = settingsSchema.safeParse(parsed)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new CairnError(
      'UNREADABLE_INPUT',
      `${path}: ${issue.path.join('.')} ${issue.message}; fix or remove it`
    )
  }
  return result.data
}

export function saveRuleSettings(home: string, settings: RuleSettings): void {
  writeFileAtomic(join(home, SETTINGS_FILE), Buffer.from(JSON.stringify(settings, null, 2)))
}
