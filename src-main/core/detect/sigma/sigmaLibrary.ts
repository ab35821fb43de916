// Where the Sigma rules a detection run uses come from: Cairn's own pack plus every rule folder the
// analyst added (a SigmaHQ checkout, a team's rules), with the selection, tuning and placeholder values
// that apply. The compiled set is built on first use and rebuilt only when a source changes.

import { join } from 'node:path'
import { builtinSigma } from './builtinSigma'
import { readRuleFolder } from './ruleFolders'
import type { UnreadableRuleFile } from './ruleFolders'
import type { RuleSelection, RuleTuning } from './ruleSelection'
import { SigmaRuleSet } from './ruleSet'
import type { RuleFile } from './ruleSet'

export interface SigmaLibraryOptions {
  folders?: readonly string[]
  /** Leave Cairn's own pack out (e.g. to check a folder on its own). */
  withoutBuiltin?: boolean
  selection?: RuleSelection
  tuning?: RuleTuning
  placeholders?: ReadonlyMap<string, readonly string[]>
}

export class SigmaLibrary {
  private built: SigmaRuleSet | undefined
  private unreadableFiles: UnreadableRuleFile[] = []

  constructor(private options: SigmaLibraryOptions = {}) {}

  get folders(): readonly string[] {
    return this.options.folders ?? []
  }

  /** Files in the folders that could not be read (each also listed in the support report as invalid). */
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
      selection: this.options.selection,
      tuning: this.options.tuning,
      placeholders: this.options.placeholders
    })
    return this.built
  }

  /** Replaces the sources; the next ruleSet() recompiles. */
  configure(options: SigmaLibraryOptions): void {
    this.options = options
    this.built = undefined
  }
}
