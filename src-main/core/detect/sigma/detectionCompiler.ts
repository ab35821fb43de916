// Compiles a rule's `detection` — search identifiers and condition — into one closure over the EventView,
// once, when the rules load. Each search identifier compiles once even when the condition names it
// several times, and a condition naming an identifier that does not exist is an invalid rule.

import type { EventView } from './eventView'
import { parseCondition, searchesMatching } from './conditionParser'
import type { ConditionNode } from './conditionParser'
import type { SearchIdentifier } from './ruleTypes'
import { SigmaRuleError } from './sigmaRuleError'
import { compileValueTest } from './valueMatchers'
import type { Predicate, ValueEnvironment } from './valueMatchers'

export interface CompiledDetection {
  matches: Predicate
  /** Sigma field names the detection reads, for highlighting them in matched events. */
  fields: string[]
}

export function compileDetection(
  searches: Readonly<Record<string, SearchIdentifier>>,
  conditions: readonly string[],
  env: ValueEnvironment
): CompiledDetection {
  const names = Object.keys(searches)
  const compiled = new Map<string, Predicate>()
  const fields = new Set<string>()
  const searchPredicate = (name: string): Predicate => {
    let predicate = compiled.get(name)
    if (predicate === undefined) {
      if (!Object.hasOwn(searches, name)) {
        throw new SigmaRuleError('invalid', `the condition names '${name}', which is not a search identifier`)
      }
      predicate = compileSearch(name, searches[name], env, fields)
      compiled.set(name, predicate)
    }
    return predicate
  }
  const build = (node: ConditionNode): Predicate => {
    switch (node.kind) {
      case 'search':
        return searchPredicate(node.name)
      case 'not': {
        const child = build(node.child)
        return (view) => !child(view)
      }
      case 'and':
        return allOf(node.children.map(build))
      case 'or':
        return anyOf(node.children.map(build))
      case 'quantified': {
        const covered = searchesMatching(node.pattern, names)
        if (covered.length === 0) {
          throw new SigmaRuleError(
            'invalid',
            `'${node.pattern}' in the condition matches no search identifier`
          )
        }
        const predicates = covered.map(searchPredicate)
        return node.quantifier === 'all' ? allOf(predicates) : anyOf(predicates)
      }
    }
  }
  if (conditions.length === 0) throw new SigmaRuleError('invalid', 'the detection has no condition')
  const matches = anyOf(conditions.map((condition) => build(parseCondition(condition))))
  return { matches, fields: [...fields] }
}

function compileSearch(
  name: string,
  body: SearchIdentifier,
  env: ValueEnvironment,
  fields: Set<string>
): Predicate {
  if (Array.isArray(body)) {
    if (body.length === 0) throw new SigmaRuleError('invalid', `search identifier '${name}' is an empty list`)
    const maps = body.filter(isMap)
    if (maps.length === 0) return compileValueTest(null, [], body, env)
    if (maps.length !== body.length) {
      throw new SigmaRuleError(
        'invalid',
        `search identifier '${name}' mixes maps and plain values in one list`
      )
    }
    return anyOf(maps.map((map) => compileMap(name, map, env, fields)))
  }
  if (isMap(body)) return compileMap(name, body, env, fields)
  if (typeof body === 'string' || typeof body === 'number') return compileValueTest(null, [], body, env)
  throw new SigmaRuleError('invalid', `search identifier '${name}' is empty`)
}

function compileMap(
  name: string,
  map: Readonly<Record<string, unknown>>,
  env: ValueEnvironment,
  fields: Set<string>
): Predicate {
  const keys = Object.keys(map)
  if (keys.length === 0) throw new SigmaRuleError('invalid', `search identifier '${name}' is an empty map`)
  return allOf(
    keys.map((key) => {
      const [field, ...modifiers] = key.split('|')
      if (field !== '') fields.add(field)
      return compileValueTest(field === '' ? null : field, modifiers, map[key], env)
    })
  )
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function allOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]
  if (predicates.length === 2) {
    const [first, second] = predicates
    return (view: EventView) => first(view) && second(view)
  }
  return (view) => {
    for (const predicate of predicates) if (!predicate(view)) return false
    return true
  }
}

function anyOf(predicates: Predicate[]): Predicate {
  if (predicates.length === 1) return predicates[0]
  if (predicates.length === 2) {
    const [first, second] = predicates
    return (view: EventView) => first(view) || second(view)
  }
  return (view) => {
    for (const predicate of predicates) if (predicate(view)) return true
    return false
  }
}
