// A loaded set of Sigma rules: every document of every rule file read, checked and compiled once, with a
// verdict for each (loaded, unsupported, invalid — and, for a case, not applicable) so nothing is skipped
// silently. Detection rules are indexed per evidence format on first use; correlations and global filters
// are resolved against the rules they name.

import { createHash } from 'node:crypto'
import type { LogFormat } from '../../../common/domain'
import { FieldSlots } from './eventView'
import type { LogsourceEntry, LogsourceMap } from './logsourceMap'
import { compileRule } from './ruleCompiler'
import type { CompiledRule, RuleExclusion } from './ruleCompiler'
import { parseRuleFile } from './ruleDocuments'
import { FormatRuleIndex } from './ruleIndex'
import {
  DEFAULT_SELECTION,
  effectiveLevel,
  NO_TUNING,
  tuningExclusions,
  whyNotSelected
} from './ruleSelection'
import type { RuleSelection, RuleTuning } from './ruleSelection'
import type { SigmaCorrelationRule, SigmaFilterRule, SigmaRule } from './ruleTypes'
import { SigmaRuleError } from './sigmaRuleError'
import { checkCorrelations } from './correlationReferences'
import type { RuleSupport } from './ruleSupport'

export interface RuleFile {
  path: string
  text: string
}

export interface RuleSetOptions {
  placeholders?: ReadonlyMap<string, readonly string[]>
  selection?: RuleSelection
  tuning?: RuleTuning
}

export class SigmaRuleSet {
  /** Compiled detection rules that run (selected and not disabled). */
  readonly detections: CompiledRule[] = []
  /** Correlations whose every reference resolved to a running rule. */
  readonly correlations: SigmaCorrelationRule[] = []
  /** One verdict per rule document, in file order. */
  readonly support: RuleSupport[] = []
  /** Every id and name of a running rule or correlation → its id. */
  readonly references = new Map<string, string>()
  readonly tuning: RuleTuning
  readonly placeholders: ReadonlyMap<string, readonly string[]>
  /** Changes whenever anything that decides matches changes: rule texts, mapping, selection, tuning. */
  readonly fingerprint: string
  /** Filters and tuning subtracted from each rule, by rule id (for rebuilding rules in a worker). */
  readonly exclusionsById = new Map<string, RuleExclusion[]>()
  private readonly entriesById = new Map<string, readonly LogsourceEntry[]>()
  private readonly rulesById = new Map<string, SigmaRule>()
  private readonly indexes = new Map<LogFormat, FormatRuleIndex>()
  private readonly slots = new FieldSlots()
  private buildingBlocks: Set<string> | undefined

  constructor(
    files: readonly RuleFile[],
    readonly logsources: LogsourceMap,
    options: RuleSetOptions = {}
  ) {
    const map = logsources
    this.tuning = options.tuning ?? NO_TUNING
    this.placeholders = options.placeholders ?? new Map()
    const selection = options.selection ?? DEFAULT_SELECTION
    this.fingerprint = ruleSetFingerprint(
      files,
      logsources.sourceText,
      selection,
      this.tuning,
      this.placeholders
    )
    const rules: SigmaRule[] = []
    for (const file of files) {
      for (const document of parseRuleFile(file.path, file.text).documents) {
        if (!document.ok) {
          const { origin, message } = document.problem
          this.support.push({
            path: origin.path,
            id: `${origin.path}#${origin.document}`,
            title: '',
            kind: 'unknown',
            status: 'invalid',
            reason: message,
            line: origin.line,
            enabled: false
          })
        } else rules.push(document.rule)
      }
    }
    const exclusions = filterExclusions(
      rules.filter((rule): rule is SigmaFilterRule => rule.kind === 'filter')
    )
    const verdicts = new Map<string, RuleSupport>()
    const followers = blocksOfSelectedCorrelations(rules, selection, this.tuning)
    for (const rule of rules) {
      this.rulesById.set(rule.id, rule)
      const notSelected =
        followers.has(rule) && !this.tuning.disabled.includes(rule.id)
          ? null
          : whyNotSelected(rule, selection, this.tuning)
      const verdict = supportOf(rule, notSelected, this.tuning)
      if (rule.kind === 'detection') {
        const entries = map.entriesFor(rule.logsource)
        try {
          const ruleExclusions = [
            ...(exclusions.get(rule.id) ?? []),
            ...(rule.name ? (exclusions.get(rule.name) ?? []) : []),
            ...tuningExclusions(rule, this.tuning)
          ]
          const compiled = compileRule(rule, entries, ruleExclusions, {
            slots: this.slots,
            placeholders: this.placeholders
          })
          if (ruleExclusions.length > 0) this.exclusionsById.set(rule.id, ruleExclusions)
          this.entriesById.set(rule.id, entries)
          verdict.reason = loadedReason(entries, compiled.missingPlaceholders, notSelected)
          if (notSelected === null) {
            this.detections.push(compiled)
            this.remember(rule)
          }
        } catch (error) {
          if (!(error instanceof SigmaRuleError)) throw error
          verdict.status = error.kind
          verdict.reason = error.message
          verdict.enabled = false
        }
      } else if (rule.kind === 'correlation' && notSelected === null) {
        this.remember(rule)
      }
      verdicts.set(rule.id, verdict)
      if (rule.name !== undefined) verdicts.set(rule.name, verdict)
      this.support.push(verdict)
    }
    const correlations = rules.filter((rule): rule is SigmaCorrelationRule => rule.kind === 'correlation')
    for (const { rule, problem } of checkCorrelations(correlations, this.references, verdicts)) {
      const verdict = verdicts.get(rule.id)
      if (verdict === undefined) continue
      if (problem === null) {
        if (verdict.enabled) this.correlations.push(rule)
      } else {
        verdict.status = problem.kind
        verdict.reason = problem.message
        verdict.enabled = false
        this.references.delete(rule.id)
        if (rule.name !== undefined) this.references.delete(rule.name)
      }
    }
  }

  /** Any rule document that parsed, by id (whatever its verdict). */
  rule(id: string): SigmaRule | undefined {
    return this.rulesById.get(id)
  }

  /** The rules that can match events of one format, indexed. */
  indexFor(format: LogFormat): FormatRuleIndex {
    let index = this.indexes.get(format)
    if (index === undefined) {
      const applicable = this.detections.filter((compiled) => this.appliesTo(compiled.rule.id, format))
      index = new FormatRuleIndex(format, applicable, this.slots.count)
      this.indexes.set(format, index)
    }
    return index
  }

  /** The verdicts for a case holding evidence of these formats: rules no evidence can feed are not applicable. */
  supportFor(formats: ReadonlySet<LogFormat>): RuleSupport[] {
    return this.support.map((verdict) => {
      if (verdict.status !== 'loaded' || verdict.kind !== 'detection') return verdict
      if ([...formats].some((format) => this.appliesTo(verdict.id, format))) return verdict
      const reason = 'no evidence in this case is of a kind this rule reads'
      return {
        ...verdict,
        status: 'not_applicable',
        reason: verdict.reason === '' ? reason : `${reason}; ${verdict.reason}`
      }
    })
  }

  /**
   * A rule raises alerts of its own unless it is a building block: referenced by a correlation of the same
   * file that does not ask to `generate` it. The specification scopes this to "the rules in a
   * multi-document YAML that build a correlation"; a rule of its own file (a SigmaHQ rule a team's
   * correlation refers to by id) keeps alerting.
   */
  isStandalone(ruleId: string): boolean {
    this.buildingBlocks ??= new Set(
      this.correlations
        .filter((correlation) => !correlation.generate)
        .flatMap((correlation) =>
          correlation.rules
            .map((reference) => this.references.get(reference) ?? reference)
            .filter((id) => this.rulesById.get(id)?.origin.path === correlation.origin.path)
        )
    )
    return !this.buildingBlocks.has(ruleId)
  }

  private appliesTo(ruleId: string, format: LogFormat): boolean {
    const entries = this.entriesById.get(ruleId)
    if (entries === undefined) return false
    return entries.length === 0
      ? GENERIC_FORMATS.has(format)
      : entries.some((entry) => entry.formats.has(format))
  }

  private remember(rule: SigmaRule): void {
    this.references.set(rule.id, rule.id)
    if (rule.name !== undefined) this.references.set(rule.name, rule.id)
  }
}

/** Rules for sources Cairn has no mapping for still run on structured evidence, reading fields by name. */
const GENERIC_FORMATS: ReadonlySet<LogFormat> = new Set<LogFormat>(['json', 'csv'])

/**
 * The building blocks of the correlations the selection keeps (rules of the same file they refer to, through
 * chains): they run with their correlation whatever their own status, level or tags, which a correlation
 * file gives only its outermost rule.
 */
function blocksOfSelectedCorrelations(
  rules: readonly SigmaRule[],
  selection: RuleSelection,
  tuning: RuleTuning
): Set<SigmaRule> {
  const followers = new Set<SigmaRule>()
  const pending = rules.filter(
    (rule) => rule.kind === 'correlation' && whyNotSelected(rule, selection, tuning) === null
  ) as SigmaCorrelationRule[]
  while (pending.length > 0) {
    const correlation = pending.pop()!
    for (const reference of correlation.rules) {
      const block = rules.find(
        (rule) =>
          rule.origin.path === correlation.origin.path && (rule.id === reference || rule.name === reference)
      )
      if (block === undefined || followers.has(block)) continue
      followers.add(block)
      if (block.kind === 'correlation') pending.push(block)
    }
  }
  return followers
}

function ruleSetFingerprint(
  files: readonly RuleFile[],
  logsources: string,
  selection: RuleSelection,
  tuning: RuleTuning,
  placeholders: ReadonlyMap<string, readonly string[]>
): string {
  const hash = createHash('sha256')
  for (const file of files) hash.update(`${file.path}\u0000${file.text}\u0000`)
  hash.update(logsources)
  hash.update(JSON.stringify([selection, tuning, [...placeholders]]))
  return hash.digest('hex')
}

function supportOf(rule: SigmaRule, notSelected: string | null, tuning: RuleTuning): RuleSupport {
  return {
    path: rule.origin.path,
    id: rule.id,
    title: rule.title,
    kind: rule.kind,
    status: 'loaded',
    reason: notSelected ?? '',
    line: rule.origin.line,
    level: effectiveLevel(rule, tuning),
    enabled: notSelected === null,
    ...(notSelected === null ? {} : { offBy: tuning.disabled.includes(rule.id) ? 'tuning' : 'selection' })
  }
}

function loadedReason(
  entries: readonly LogsourceEntry[],
  missing: readonly string[],
  notSelected: string | null
): string {
  const notes: string[] = []
  if (notSelected !== null) notes.push(notSelected)
  if (entries.length === 0)
    notes.push('no Cairn source maps to its logsource; it reads JSON and CSV evidence by field name')
  if (missing.length > 0) {
    notes.push(
      `placeholder ${missing.map((name) => `%${name}%`).join(', ')} has no values, so what uses it matches nothing`
    )
  }
  return notes.join('; ')
}

function filterExclusions(filters: readonly SigmaFilterRule[]): Map<string, RuleExclusion[]> {
  const byRule = new Map<string, RuleExclusion[]>()
  for (const filter of filters) {
    for (const reference of filter.rules) {
      const list = byRule.get(reference) ?? []
      list.push({ searches: filter.searches, conditions: filter.conditions })
      byRule.set(reference, list)
    }
  }
  return byRule
}
