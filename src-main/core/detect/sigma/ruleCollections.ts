// Sigma 1.0 rule collections, still found in older rule sets: `action: global` documents are merged into every
// following rule until `action: reset`, and `action: repeat` re-emits the previous rule with its own keys
// merged in. Action documents yield no rule; the merged documents are then checked like any other.

import { stringify } from 'yaml'
import { fieldOf, isRuleMap, shownField, type LineLocator, type RuleMap } from './ruleFieldReader'
import type { RuleSource, SourceDocument } from './ruleYamlDocuments'

const COLLECTION_ACTIONS = ['global', 'reset', 'repeat'] as const

/** The accumulated `action: global` keys and where each of them was written. */
interface GlobalKeys {
  value: RuleMap
  locate: LineLocator
}

/**
 * Resolves the collection actions of a file's documents, in file order. Documents without `action` pass
 * through unchanged when no global is in force; otherwise they become merged rules, re-serialised as YAML.
 */
export function expandCollections(documents: readonly SourceDocument[]): SourceDocument[] {
  const expanded: SourceDocument[] = []
  let globals: GlobalKeys | undefined
  let previous: RuleSource | undefined
  for (const document of documents) {
    if (!document.ok) {
      expanded.push(document)
      previous = undefined
      continue
    }
    const { source } = document
    const map = isRuleMap(source.value) ? source.value : undefined
    const action = map === undefined ? undefined : fieldOf(map, 'action')
    if (map === undefined || action === undefined) {
      const rule = globals === undefined ? source : mergedSource(source, globals)
      expanded.push({ ok: true, source: rule })
      previous = rule
      continue
    }
    const keys = withoutAction(map)
    if (action === 'global') {
      globals =
        globals === undefined
          ? { value: keys, locate: source.locate }
          : { value: deepMerge(globals.value, keys), locate: preferring(source.locate, globals.locate) }
    } else if (action === 'reset') {
      globals = undefined
    } else if (action === 'repeat' && previous !== undefined) {
      previous = mergedSource(source, previous)
      expanded.push({ ok: true, source: previous })
    } else {
      expanded.push(actionProblem(source, action))
    }
  }
  return expanded
}

/**
 * Maps merged key by key: a key present in both as maps is merged again, any other later value (a list,
 * text, a number) replaces the earlier one.
 */
export function deepMerge(base: RuleMap, overlay: RuleMap): RuleMap {
  const merged: RuleMap = { ...base }
  for (const [key, value] of Object.entries(overlay)) {
    const earlier = fieldOf(merged, key)
    const next = isRuleMap(value) && isRuleMap(earlier) ? deepMerge(earlier, value) : value
    // defineProperty, not assignment: a rule key named `__proto__` must stay a key.
    Object.defineProperty(merged, key, { value: next, enumerable: true, writable: true, configurable: true })
  }
  return merged
}

/**
 * A document's keys merged over an earlier rule or the globals, cloned so rules never share nested values;
 * keys are located in the later text first.
 */
function mergedSource(source: RuleSource, earlier: { value: unknown; locate: LineLocator }): RuleSource {
  const base = isRuleMap(earlier.value) ? earlier.value : {}
  const value = structuredClone(
    isRuleMap(source.value) ? deepMerge(base, withoutAction(source.value)) : source.value
  )
  return { ...source, value, yaml: stringify(value), locate: preferring(source.locate, earlier.locate) }
}

function withoutAction(map: RuleMap): RuleMap {
  return Object.fromEntries(Object.entries(map).filter(([key]) => key !== 'action'))
}

function preferring(later: LineLocator, earlier: LineLocator): LineLocator {
  return (path) => {
    const found = later(path)
    if (found.exact) return found
    const before = earlier(path)
    return before.exact ? before : found
  }
}

function actionProblem(source: RuleSource, action: unknown): SourceDocument {
  const line = source.locate(['action']).line
  const message =
    action === 'repeat'
      ? '`action: repeat` has no readable rule before it in this file to repeat'
      : `${shownField(['action'], action)} is not one of ${COLLECTION_ACTIONS.join(', ')} ` +
        '(a top-level `action` is reserved for Sigma 1 rule collections)'
  return { ok: false, index: source.index, line, message: `line ${line}: ${message}` }
}
