// Where the Sigma rules a detection run uses come from: Cairn's own pack plus the rule folders the analyst
// added (kept in Cairn's home, with the tuning) and any folders given for one run (`--rules`). The
// compiled set is built on first use and rebuilt only when a source or the tuning changes.

import { join, resolve, sep } from 'node:path'
import type { LogFormat } from '../../../common/domain'
import { CairnError } from '../../../common/errors'
import type { RuleExclusionSetting, RuleSourceInfo, RulesOverview, RuleSupport } from '../../../common/rules'
import type { Severity } from '../../../common/domain'
import { builtinSigma } from './builtinSigma'
import { readRuleFolder } from './ruleFolders'
import type { UnreadableRuleFile } from './ruleFolders'
import { DEFAULT_SELECTION } from './ruleSelection'
import type { RuleSelection, RuleTuning } from './ruleSelection'
import { loadRuleSettings, saveRuleSettings } from './ruleSettings'
import type { RuleSettings } from './ruleSettings'
import { SigmaRuleSet } from './ruleSet'
import type { RuleFile } from './ruleSet'

export interface SigmaLibraryOptions {
  /** Cairn's home: where the analyst's folders and tuning are kept; none keeps nothing (tests, `rules check`). */
  home?: string
  /** Folders for this run only. */
  folders?: readonly string[]
  /** Leave Cairn's own pack out (to check a folder on its own). */
  withoutBuiltin?: boolean
  selection?: RuleSelection
  tuning?: RuleTuning
  placeholders?: ReadonlyMap<string, readonly string[]>
}

const BUILTIN_PREFIX = 'resources/rules/'

export class SigmaLibrary {
  private built: SigmaRuleSet | undefined
  private unreadableFiles: UnreadableRuleFile[] = []
  private loadedSettings: RuleSettings | undefined

  constructor(private readonly options: SigmaLibraryOptions = {}) {}

  /** Read on first use, so a damaged settings file is reported where rules are used, not at start-up. */
  private get settings(): RuleSettings {
    this.loadedSettings ??=
      this.options.home === undefined
        ? {
            folders: [],
            selection: this.options.selection ?? DEFAULT_SELECTION,
            tuning: this.options.tuning ?? { disabled: [], levels: {}, exclusions: {} }
          }
        : loadRuleSettings(this.options.home)
    return this.loadedSettings
  }

  /** The saved folders first, then this run's. */
  get folders(): readonly string[] {
    return [...new Set([...this.settings.folders, ...(this.options.folders ?? [])])]
  }

  get unreadable(): readonly UnreadableRuleFile[] {
    this.ruleSet()
    return this.unreadableFiles
  }

  /** Throws CairnError when a folder cannot be read. */
  ruleSet(): SigmaRuleSet {
    if (this.built !== undefined) return this.built
    const builtin = builtinSigma()
    const files: RuleFile[] = this.options.withoutBuiltin ? [] : [...builtin.rules]
    this.unreadableFiles = []
    for (const folder of this.folders) {
      const read = readRuleFolder(folder)
      files.push(...read.files.map((file) => ({ ...file, path: join(folder, file.path) })))
      this.unreadableFiles.push(
        ...read.unreadable.map((file) => ({ ...file, path: join(folder, file.path) }))
      )
    }
    this.built = new SigmaRuleSet(files, builtin.logsources, {
      selection: this.options.selection ?? this.settings.selection,
      tuning: this.settings.tuning,
      placeholders: this.options.placeholders
    })
    return this.built
  }

  /** Every rule's verdict (for a case: rules none of its evidence can feed are not applicable), by source. */
  overview(caseFormats?: ReadonlySet<LogFormat>): RulesOverview {
    const ruleSet = this.ruleSet()
    const rules = caseFormats === undefined ? ruleSet.support : ruleSet.supportFor(caseFormats)
    const sources: RuleSourceInfo[] = []
    if (!this.options.withoutBuiltin)
      sources.push(sourceInfo('builtin', '', rules, (path) => path.startsWith(BUILTIN_PREFIX), 0, false))
    for (const folder of this.folders) {
      const inFolder = (path: string): boolean => path.startsWith(folder + sep)
      const unreadable = this.unreadableFiles.filter((file) => inFolder(file.path)).length
      sources.push(
        sourceInfo('folder', folder, rules, inFolder, unreadable, this.settings.folders.includes(folder))
      )
    }
    return { sources, selection: this.selection, rules }
  }

  /** Adds a folder for good (kept in Cairn's home). Throws when it cannot be read. */
  addFolder(path: string): void {
    const folder = resolve(path)
    readRuleFolder(folder)
    if (this.settings.folders.includes(folder)) return
    this.save({ ...this.settings, folders: [...this.settings.folders, folder] })
  }

  removeFolder(path: string): void {
    const folder = resolve(path)
    if (!this.settings.folders.includes(folder)) {
      throw new CairnError('NOT_FOUND', `${folder} is not one of the rule folders`)
    }
    this.save({ ...this.settings, folders: this.settings.folders.filter((known) => known !== folder) })
  }

  setEnabled(ruleId: string, enabled: boolean): void {
    this.requireRule(ruleId)
    const others = this.settings.tuning.disabled.filter((id) => id !== ruleId)
    this.save({
      ...this.settings,
      tuning: { ...this.settings.tuning, disabled: enabled ? others : [...others, ruleId] }
    })
  }

  /** null puts the rule back at the level it was written with. */
  setLevel(ruleId: string, level: Severity | null): void {
    this.requireRule(ruleId)
    const levels = { ...this.settings.tuning.levels }
    if (level === null) delete levels[ruleId]
    else levels[ruleId] = level
    this.save({ ...this.settings, tuning: { ...this.settings.tuning, levels } })
  }

  /** Which rules run: include/exclude by status, level, tag (a trailing * matches a prefix) and path. */
  get selection(): RuleSelection {
    return this.options.selection ?? this.settings.selection
  }

  setSelection(selection: RuleSelection): void {
    this.save({ ...this.settings, selection })
  }

  /** Replaces the rule's field-value exclusions (an empty list removes them). */
  setExclusions(ruleId: string, exclusions: readonly RuleExclusionSetting[]): void {
    this.requireRule(ruleId)
    if (this.ruleSet().rule(ruleId)?.kind !== 'detection') {
      throw new CairnError(
        'BAD_REQUEST',
        'exclusions filter the matches of a detection rule; set them on the rules this one builds on'
      )
    }
    const all = { ...this.settings.tuning.exclusions }
    if (exclusions.length === 0) delete all[ruleId]
    else all[ruleId] = exclusions.map(({ field, values }) => ({ field, values: [...values] }))
    this.save({ ...this.settings, tuning: { ...this.settings.tuning, exclusions: all } })
  }

  private requireRule(ruleId: string): void {
    if (this.ruleSet().rule(ruleId) === undefined)
      throw new CairnError('NOT_FOUND', `no rule has the id ${ruleId}`)
  }

  private save(settings: RuleSettings): void {
    if (this.options.home !== undefined) saveRuleSettings(this.options.home, settings)
    this.loadedSettings = settings
    this.built = undefined
  }
}

function sourceInfo(
  kind: RuleSourceInfo['kind'],
  path: string,
  rules: readonly RuleSupport[],
  belongs: (path: string) => boolean,
  unreadable: number,
  removable: boolean
): RuleSourceInfo {
  const own = rules.filter((rule) => belongs(rule.path))
  return {
    kind,
    path,
    documents: own.length,
    loaded: own.filter((rule) => rule.status === 'loaded').length,
    unreadable,
    removable
  }
}
