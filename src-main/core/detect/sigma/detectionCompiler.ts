// Compiles a rule's `detection` — search identifiers and condition — into one closure over the EventView,
// once, when the rules load, together with the literals an event must contain for it to match. Each search
// identifier compiles once even when the condition names it several times, and a condition naming an
// identifier that does not exist is an invalid rule.

import type { EventView } from './eventView'
import { parseCondition, searchesMatching } from './conditionParser'
import type { ConditionNode } from './conditionParser'
import { eitherRequirement, everyRequirement, NO_REQUIREMENT } from './literalRequirements'
import type { LiteralRequirement } from './literalRequirements'
import type { SearchIdentifier } from './ruleTypes'
import { SigmaRuleError } from './sigmaRuleError'
import { compileValueTest } from './valueMatchers'
import type { CompiledTest, Predicate, ValueEnvironment } from './valueMatchers'

export interface CompiledDetection {
  matches: Predicate
  /** Literals an event must contain for `matches` to be worth trying. */
  requires: LiteralRequirement
  /** Sigma field names the detection reads, for highlighting them in matched events. */
  fields: string[]
}

export function compileDetection(
  searches: Readonly<Record<string, SearchIdentifier>>,
  conditions: readonly string[],
  env: ValueEnvironment
): CompiledDetection {
  const names = Object.keys(searches)
  const compiled = new Map<string, CompiledTest>()
  const fields = new Set<string>()
  const search = (name: string): CompiledTest => {
    let found = compiled.get(name)
    if (found === undefined) {
      if (!Object.hasOwn(searches, name)) {
        throw new SigmaRuleError('invalid', `the condition names '${name}', which is not a search identifier`)
      }
      found = compileSearch(name, searches[name], env, fields)
      compiled.set(name, found)
    }
    return found
  }
  const build = (node: ConditionNode): CompiledTest => {
    switch (node.kind) {
      case 'search':
        return search(node.name)
      case 'not': {
        const { test } = build(node.child)
        return { test: (view) => !test(view), requires: NO_REQUIREMENT }
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
        const parts = covered.map(search)
        return node.quantifier === 'all' ? allOf(parts) : anyOf(parts)
      }
    }
  }
  if (conditions.length === 0) throw new SigmaRuleError('invalid', 'the detection has no condition')
  const detection = anyOf(conditions.map((condition) => build(parseCondition(condition))))
  return { matches: detection.test, requires: detection.requires, fields: [...fields] }
}

function compileSearch(
  name: string,
  body: SearchIdentifier,
  env: ValueEnvironment,
  fields: Set<string>
): CompiledTest {
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
): CompiledTest {
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

function allOf(parts: CompiledTest[]): CompiledTest {
  if (parts.length === 1) return parts[0]
  const requires = everyRequirement(parts.map((part) => part.requires))
  const tests = parts.map((part) => part.test)
  if (tests.length === 2) {
    const [first, second] = tests
    return { test: (view: EventView) => first(view) && second(view), requires }
  }
  return {
    test: (view) => {
      for (const test of tests) if (!test(view)) return false
      return true
    },
    requires
  }
}

function anyOf(parts: CompiledTest[]): CompiledTest {
  if (parts.length === 1) return parts[0]
  const requires = eitherRequirement(parts.map((part) => part.requires))
  const tests = parts.map((part) => part.test)
  if (tests.length === 2) {
    const [first, second] = tests
    return { test: (view: EventView) => first(view) || second(view), requires }
  }
  return {
    test: (view) => {
      for (const test of tests) if (test(view)) return true
      return false
    },
    requires
  }
}
