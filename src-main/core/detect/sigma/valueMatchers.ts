// Compiles one field test of a search identifier (`Image|endswith: ['\cmd.exe', '\pwsh.exe']`) or one
// keyword list into a closure over the EventView. Matching is case-insensitive unless `cased` says
// otherwise (regular expressions are case-sensitive unless `i`), as the specification requires.

import { parseCidr, parseIp, maskIpv4, ipv6Key } from '../ioc/ipAddress'
import type { CidrRange } from '../ioc/ipAddress'
import type { EventView, FieldGetter, FieldValue } from './eventView'
import { eitherRequirement, everyRequirement, NO_REQUIREMENT } from './literalRequirements'
import type { LiteralRequirement, LiteralTerm } from './literalRequirements'
import { regexLiterals } from './regexLiterals'
import { compileRegex } from './regexValues'
import { SigmaRuleError } from './sigmaRuleError'
import {
  ANY_RUN,
  compileAnyTextTest,
  hasWildcards,
  literalPattern,
  lowerPattern,
  parseSigmaString
} from './sigmaString'
import type { PatternToken, TextTest } from './sigmaString'
import { timePartOf } from './timeParts'
import { readModifiers } from './valueModifiers'
import type { ModifierChain } from './valueModifiers'
import {
  encodeBase64,
  encodeBase64Offsets,
  encodeUtf16,
  expandPlaceholders,
  expandWindowsDashes
} from './valueTransforms'
import type { ValueAlternatives } from './valueTransforms'

export type Predicate = (view: EventView) => boolean

/** A compiled test and the literals an event must contain for it to pass (see literalRequirements.ts). */
export interface CompiledTest {
  test: Predicate
  requires: LiteralRequirement
}

export interface FieldReader {
  slot: number
  get: FieldGetter
  /** The value is a list with this separator (auditd record types): each element is matched on its own. */
  listSeparator?: string
}

export interface ValueEnvironment {
  /** Resolves a Sigma field name through the logsource's field mapping. */
  field(name: string): FieldReader
  placeholders: ReadonlyMap<string, readonly string[]>
  /** Placeholder names the rule uses that have no values (the rule then matches nothing through them). */
  missingPlaceholders: Set<string>
}

type Scalar = string | number | boolean | null

/** `field` is null for keyword (field-less) searches. */
export function compileValueTest(
  field: string | null,
  modifiers: readonly string[],
  value: unknown,
  env: ValueEnvironment
): CompiledTest {
  const chain = readModifiers(field ?? '', modifiers)
  const values = scalarsOf(field, value)
  if (chain.neq) {
    const { test } = compileChain(field, chain, values, env)
    return { test: (view) => !test(view), requires: NO_REQUIREMENT }
  }
  return compileChain(field, chain, values, env)
}

function untargeted(test: Predicate): CompiledTest {
  return { test, requires: NO_REQUIREMENT }
}

function scalarsOf(field: string | null, value: unknown): Scalar[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value]
  for (const item of list) {
    if (item !== null && typeof item === 'object') {
      throw new SigmaRuleError('invalid', `a value of '${field ?? 'keywords'}' is a map or list, not a value`)
    }
  }
  return list as Scalar[]
}

function compileChain(
  field: string | null,
  chain: ModifierChain,
  values: Scalar[],
  env: ValueEnvironment
): CompiledTest {
  const name = field ?? 'keywords'
  if (chain.exists) return untargeted(compileExists(field, values, env))
  if (field === null && (chain.fieldref || chain.cidr || chain.numeric !== null || chain.timePart !== null)) {
    throw new SigmaRuleError('invalid', `keyword searches cannot use field modifiers (${name})`)
  }
  const reader = field === null ? null : env.field(field)
  if (chain.fieldref) return untargeted(compileFieldRef(reader as FieldReader, chain, values, env))
  if (chain.cidr) return untargeted(compileCidr(reader as FieldReader, chain, values))
  if (chain.numeric !== null || chain.timePart !== null) {
    return untargeted(compileNumeric(reader as FieldReader, chain, values))
  }
  const nulls = values.filter((value) => value === null).length
  if (nulls > 0) {
    const rest = compileText(
      reader,
      chain,
      values.filter((value) => value !== null),
      env
    ).test
    const absent = (view: EventView): boolean => {
      const found = (reader as FieldReader).get(view.event)
      return found === undefined || found === ''
    }
    if (reader === null) throw new SigmaRuleError('invalid', 'a keyword search lists null')
    return untargeted(nulls === values.length ? absent : (view) => absent(view) || rest(view))
  }
  return compileText(reader, chain, values, env)
}

function compileExists(field: string | null, values: Scalar[], env: ValueEnvironment): Predicate {
  if (field === null || values.length !== 1 || typeof values[0] !== 'boolean') {
    throw new SigmaRuleError('invalid', `'${field ?? ''}|exists' needs one value, true or false`)
  }
  const { get } = env.field(field)
  const wanted = values[0]
  return (view) => (get(view.event) !== undefined) === wanted
}

/** The text a test reads: a field's value (lower-cased unless cased) or the event's keyword text. */
function textSource(reader: FieldReader | null, cased: boolean): (view: EventView) => string | undefined {
  if (reader === null) return (view) => view.keywordText(cased)
  const { slot, get } = reader
  if (cased) {
    return (view) => {
      const value = get(view.event)
      return value === undefined ? undefined : String(value)
    }
  }
  return (view) => view.lower(slot, get)
}

function compileText(
  reader: FieldReader | null,
  chain: ModifierChain,
  values: Scalar[],
  env: ValueEnvironment
): CompiledTest {
  const read = textSource(reader, chain.cased || (chain.regex !== null && !chain.regex.flags.includes('i')))
  const requirements: LiteralRequirement[] = []
  const flat: TextTest[] = values.map((value) => {
    if (typeof value === 'boolean' || value === null) {
      requirements.push(NO_REQUIREMENT)
      return compileAnyTextTest([literalPattern(String(value))])
    }
    if (chain.regex !== null) {
      if (typeof value !== 'string') throw new SigmaRuleError('invalid', `'re' needs a string, not ${value}`)
      const expression = compileRegex(value, chain.regex.flags)
      requirements.push(termsOn(regexLiterals(value), reader))
      return (text) => expression.test(text)
    }
    const patterns = patternsOf(String(value), reader === null, chain, env)
    requirements.push(literalsOf(patterns, reader))
    return patterns.length === 0 ? () => false : compileAnyTextTest(patterns)
  })
  if (flat.length === 0) return untargeted(() => false)
  const separator = reader?.listSeparator
  const tests = separator === undefined ? flat : flat.map((test) => anyElement(test, separator))
  if (chain.all) {
    return {
      test: (view) => {
        const text = read(view)
        if (text === undefined) return false
        for (const test of tests) if (!test(text)) return false
        return true
      },
      requires: everyRequirement(requirements)
    }
  }
  const any = tests.length === 1 ? tests[0] : (text: string) => tests.some((test) => test(text))
  return {
    test: (view) => {
      const text = read(view)
      return text !== undefined && any(text)
    },
    requires: eitherRequirement(requirements)
  }
}

function termsOn(literals: readonly string[] | null, reader: FieldReader | null): LiteralRequirement {
  if (literals === null || literals.includes('')) return NO_REQUIREMENT
  return literals.map((literal) => ({
    slot: reader?.slot ?? -1,
    get: reader?.get ?? null,
    literal,
    exact: false
  }))
}

/** One term per pattern: its longest literal run, lower-cased; none when a pattern has no literal. */
function literalsOf(
  patterns: readonly (readonly PatternToken[])[],
  reader: FieldReader | null
): LiteralRequirement {
  const terms: LiteralTerm[] = []
  for (const tokens of patterns) {
    let longest = ''
    for (const token of tokens) {
      if (typeof token === 'string' && token.length > longest.length) longest = token
    }
    if (longest === '') return NO_REQUIREMENT
    terms.push({
      slot: reader?.slot ?? -1,
      get: reader?.get ?? null,
      literal: longest.toLowerCase(),
      exact: !hasWildcards(tokens)
    })
  }
  return terms
}

/** A test of one value applied to each element of a list. */
function anyElement(test: TextTest, separator: string): TextTest {
  return (text) => text.split(separator).some(test)
}

/** The patterns one value stands for once every value-rewriting modifier has been applied. */
function patternsOf(
  text: string,
  keyword: boolean,
  chain: ModifierChain,
  env: ValueEnvironment
): PatternToken[][] {
  let alternatives: ValueAlternatives = { texts: [text], binary: false }
  let encoded = false
  for (const step of chain.steps) {
    if (step === 'expand') {
      alternatives = {
        texts: alternatives.texts.flatMap((one) =>
          expandPlaceholders(one, env.placeholders, env.missingPlaceholders)
        ),
        binary: alternatives.binary
      }
    } else if (step === 'windash') {
      alternatives = { texts: alternatives.texts.flatMap(expandWindowsDashes), binary: alternatives.binary }
    } else if (step === 'base64') {
      alternatives = encodeBase64(alternatives)
      encoded = true
    } else if (step === 'base64offset') {
      alternatives = encodeBase64Offsets(alternatives)
      encoded = true
    } else {
      const order = step === 'utf16be' ? 'be' : 'le'
      alternatives = {
        texts: alternatives.texts.map((one) => encodeUtf16(one, order, step === 'utf16')),
        binary: true
      }
      encoded = true
    }
  }
  const position = keyword && chain.position === 'exact' ? 'contains' : chain.position
  return alternatives.texts.map((one) => {
    const tokens = encoded ? literalPattern(one) : parseSigmaString(one)
    const placed = place(tokens, position)
    return chain.cased ? placed : lowerPattern(placed)
  })
}

function place(tokens: PatternToken[], position: ModifierChain['position']): PatternToken[] {
  const placed = [...tokens]
  if ((position === 'contains' || position === 'endswith') && placed[0] !== ANY_RUN) placed.unshift(ANY_RUN)
  if ((position === 'contains' || position === 'startswith') && placed.at(-1) !== ANY_RUN) {
    placed.push(ANY_RUN)
  }
  return placed
}

function compileFieldRef(
  reader: FieldReader,
  chain: ModifierChain,
  values: Scalar[],
  env: ValueEnvironment
): Predicate {
  const others = values.map((value) => {
    if (typeof value !== 'string') throw new SigmaRuleError('invalid', `'fieldref' needs field names`)
    return env.field(value)
  })
  const read = textSource(reader, chain.cased)
  const compare = (text: string, other: string): boolean =>
    chain.position === 'contains'
      ? text.includes(other)
      : chain.position === 'startswith'
        ? text.startsWith(other)
        : chain.position === 'endswith'
          ? text.endsWith(other)
          : text === other
  const tests = others.map((other) => {
    const readOther = textSource(other, chain.cased)
    return (view: EventView): boolean => {
      const text = read(view)
      const otherText = readOther(view)
      return text !== undefined && otherText !== undefined && compare(text, otherText)
    }
  })
  return chain.all ? (view) => tests.every((test) => test(view)) : (view) => tests.some((test) => test(view))
}

function compileCidr(reader: FieldReader, chain: ModifierChain, values: Scalar[]): Predicate {
  const ranges: CidrRange[] = values.map((value) => {
    const parsed = parseCidr(String(value))
    if (!parsed.ok) throw new SigmaRuleError('invalid', `cidr value: ${parsed.reason}`)
    return parsed.range
  })
  const { get } = reader
  const inAny = (found: FieldValue): boolean => {
    if (found === undefined) return false
    const address = parseIp(String(found))
    if (address === null) return false
    const inRange = (range: CidrRange): boolean =>
      range.version === 4
        ? address.version === 4 && maskIpv4(address.value, range.prefix) === range.network
        : address.version === 6 &&
          ipv6Key(address.parts, range.prefix) === ipv6Key(range.network, range.prefix)
    return chain.all ? ranges.every(inRange) : ranges.some(inRange)
  }
  return (view) => inAny(get(view.event))
}

function compileNumeric(reader: FieldReader, chain: ModifierChain, values: Scalar[]): Predicate {
  const limits = values.map((value) => {
    const number = typeof value === 'number' ? value : Number(value)
    if (typeof value === 'boolean' || value === null || value === '' || !Number.isFinite(number)) {
      throw new SigmaRuleError(
        'invalid',
        `'${chain.numeric ?? chain.timePart}' needs a number, not '${value}'`
      )
    }
    return number
  })
  const operator = chain.numeric
  const holds = (found: number, limit: number): boolean =>
    operator === 'lt'
      ? found < limit
      : operator === 'lte'
        ? found <= limit
        : operator === 'gt'
          ? found > limit
          : operator === 'gte'
            ? found >= limit
            : found === limit
  const { get } = reader
  const part = chain.timePart
  return (view) => {
    const raw = get(view.event)
    if (raw === undefined || raw === '') return false
    const found = part === null ? Number(raw) : timePartOf(raw, part)
    if (!Number.isFinite(found)) return false
    return chain.all
      ? limits.every((limit) => holds(found, limit))
      : limits.some((limit) => holds(found, limit))
  }
}
