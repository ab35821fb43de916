// Compiles one Sigma detection rule for every logsource entry it applies to: each entry has its own field
// mapping, so each gets its own closure (a process-creation rule reads Image on Sysmon events and
// NewProcessName on Security 4688). Exclusions — global filters and analyst tuning — are compiled the same
// way and subtracted from the rule's matches.

import { compileDetection } from './detectionCompiler'
import type { FieldGetter, FieldSlots } from './eventView'
import { resolveField } from './fieldResolver'
import type { LiteralRequirement } from './literalRequirements'
import type { LogsourceEntry } from './logsourceMap'
import type { SearchIdentifier, SigmaDetectionRule } from './ruleTypes'
import type { Predicate, ValueEnvironment } from './valueMatchers'

/** The rule on the events of one logsource entry. */
export interface RuleVariant {
  entry: LogsourceEntry | null
  matches: Predicate
  /** Literals an event must contain for `matches` to be worth trying (null: always try). */
  requires: LiteralRequirement
  /** Reads a field the way this variant's mapping does (correlation group-by, highlighting). */
  field(name: string): FieldGetter
}

export interface CompiledRule {
  rule: SigmaDetectionRule
  variants: RuleVariant[]
  /** Sigma field names the detection reads. */
  fields: string[]
  /** Placeholders the rule uses that have no values: selections using them match nothing. */
  missingPlaceholders: string[]
}

/** A detection to subtract from a rule's matches (a filter's selection, or field values to ignore). */
export interface RuleExclusion {
  searches: Readonly<Record<string, SearchIdentifier>>
  conditions: readonly string[]
}

export interface CompileOptions {
  slots: FieldSlots
  placeholders: ReadonlyMap<string, readonly string[]>
}

/**
 * `entries` are the logsource entries the rule applies to; an empty list compiles it once against fields
 * by their own names, which is how rules for sources Cairn has no mapping for still get checked.
 * Throws SigmaRuleError when the rule cannot be compiled.
 */
export function compileRule(
  rule: SigmaDetectionRule,
  entries: readonly LogsourceEntry[],
  exclusions: readonly RuleExclusion[],
  options: CompileOptions
): CompiledRule {
  const missing = new Set<string>()
  let fields: string[] = []
  const variants = (entries.length === 0 ? [null] : entries).map((entry): RuleVariant => {
    const env = environmentFor(entry, options, missing)
    const detection = compileDetection(rule.searches, rule.conditions, env)
    fields = detection.fields
    const excluded = exclusions.map((exclusion) =>
      compileDetection(exclusion.searches, exclusion.conditions, env)
    )
    const matches: Predicate =
      excluded.length === 0
        ? detection.matches
        : (view) => detection.matches(view) && !excluded.some((exclusion) => exclusion.matches(view))
    const getters = new Map<string, FieldGetter>()
    return {
      entry,
      matches,
      requires: detection.requires,
      field: (name) => {
        let getter = getters.get(name)
        if (getter === undefined) {
          getter = resolveField(entry, name).get
          getters.set(name, getter)
        }
        return getter
      }
    }
  })
  return { rule, variants, fields, missingPlaceholders: [...missing] }
}

function environmentFor(
  entry: LogsourceEntry | null,
  options: CompileOptions,
  missing: Set<string>
): ValueEnvironment {
  return {
    field: (name) => {
      const resolved = resolveField(entry, name)
      return {
        slot: options.slots.slotFor(resolved.key),
        get: resolved.get,
        listSeparator: resolved.listSeparator
      }
    },
    placeholders: options.placeholders,
    missingPlaceholders: missing
  }
}
