// Typed reading of one rule document's fields. Every problem is collected with the line of the key at fault,
// so the validators read like the specification ("title: text, at most 256 characters") and a responder
// gets every fix a rule needs in one message instead of one per reload.

import type { RuleOrigin, RuleProblem } from './ruleTypes'

/** Keys and list positions from the document root down to a field, e.g. ['correlation', 'group-by', 0]. */
export type FieldPath = readonly (string | number)[]

/** The line of a field; `exact` is false when only an enclosing key (or the document) could be found. */
export interface LocatedLine {
  line: number
  exact: boolean
}

export type LineLocator = (path: FieldPath) => LocatedLine

/** A YAML map as read into JavaScript: a plain object (never a list, a Buffer or null). */
export type RuleMap = Record<string, unknown>

export interface TextShape {
  minLength?: number
  maxLength?: number
  /** A pattern the text must match, and how to name that form to a responder. */
  pattern?: { regex: RegExp; description: string }
}

export interface ListShape {
  unique?: boolean
  nonEmpty?: boolean
}

export interface FieldProblem {
  line: number
  message: string
}

/** At most this many problems are spelled out in one message; the rest are counted. */
const PROBLEMS_SHOWN = 5
const VALUE_SHOWN = 80

export function isRuleMap(value: unknown): value is RuleMap {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
}

/** A key's own value: never one inherited from Object.prototype (a rule key named `constructor`). */
export function fieldOf(map: RuleMap, key: string): unknown {
  return Object.hasOwn(map, key) ? map[key] : undefined
}

export function describePath(path: FieldPath): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('')
}

/** What kind of YAML value this is, as a responder would say it. */
export function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)'
  if (Array.isArray(value)) return 'a list'
  if (isRuleMap(value)) return 'a map'
  if (typeof value === 'string') return 'text'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'boolean') return 'true/false'
  return 'an unsupported YAML value'
}

/** A value as it would appear in the rule, cut short when long. */
function shownValue(value: unknown): string {
  const text =
    typeof value === 'string' ? value : Array.isArray(value) || isRuleMap(value) ? '…' : String(value)
  return text.length > VALUE_SHOWN ? `${text.slice(0, VALUE_SHOWN)}…` : text
}

/** `key: value` for messages about a scalar field. */
export function shownField(path: FieldPath, value: unknown): string {
  return `\`${describePath(path)}: ${shownValue(value)}\``
}

/** Length in code points, as JSON Schema counts maxLength (an emoji is one character, not two). */
function characterCount(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) i++
    count++
  }
  return count
}

export class RuleFieldReader {
  private readonly found: FieldProblem[] = []

  constructor(private readonly locate: LineLocator) {}

  get problems(): readonly FieldProblem[] {
    return this.found
  }

  fail(path: FieldPath, message: string): void {
    this.found.push({ line: this.locate(path).line, message })
  }

  /** The value of a key that must be present, reporting it missing otherwise. */
  required(map: RuleMap, key: string, path: FieldPath, why: string): unknown {
    const value = fieldOf(map, key)
    if (value === undefined)
      this.fail([...path, key], `\`${describePath([...path, key])}\` is missing; ${why}`)
    return value
  }

  map(value: unknown, path: FieldPath): RuleMap | undefined {
    if (value === undefined || isRuleMap(value)) return value
    this.wrongKind(path, value, 'a map of keys and values')
    return undefined
  }

  text(value: unknown, path: FieldPath, shape: TextShape = {}): string | undefined {
    if (value === undefined) return undefined
    if (typeof value !== 'string') {
      this.wrongKind(path, value, 'text')
      return undefined
    }
    const length = value.length > (shape.maxLength ?? Infinity) ? characterCount(value) : value.length
    if (shape.maxLength !== undefined && length > shape.maxLength) {
      this.fail(
        path,
        `\`${describePath(path)}\` is ${length} characters long; at most ${shape.maxLength} are allowed`
      )
    } else if (shape.minLength !== undefined && characterCount(value) < shape.minLength) {
      this.fail(path, `${shownField(path, value)} is shorter than ${shape.minLength} characters`)
    } else if (shape.pattern !== undefined && !shape.pattern.regex.test(value)) {
      this.fail(path, `${shownField(path, value)} is not ${shape.pattern.description}`)
    } else {
      return value
    }
    return undefined
  }

  textList(
    value: unknown,
    path: FieldPath,
    item: TextShape = {},
    list: ListShape = {}
  ): string[] | undefined {
    if (value === undefined) return undefined
    if (!Array.isArray(value)) {
      this.wrongKind(path, value, 'a list of text')
      return undefined
    }
    if (list.nonEmpty === true && value.length === 0) {
      this.fail(path, `\`${describePath(path)}\` is an empty list; give at least one entry`)
      return undefined
    }
    const before = this.found.length
    const texts = value.map((entry, i) => this.text(entry, [...path, i], item))
    if (list.unique === true) this.checkUnique(texts, path)
    return this.found.length === before ? (texts as string[]) : undefined
  }

  choice<T extends string>(value: unknown, path: FieldPath, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined
    if ((allowed as readonly unknown[]).includes(value)) return value as T
    this.fail(path, `${shownField(path, value)} is not one of ${allowed.join(', ')}`)
    return undefined
  }

  flag(value: unknown, path: FieldPath): boolean | undefined {
    if (value === undefined || typeof value === 'boolean') return value
    this.fail(path, `${shownField(path, value)} must be true or false`)
    return undefined
  }

  wrongKind(path: FieldPath, value: unknown, expected: string): void {
    const scalar = typeof value === 'number' || typeof value === 'boolean'
    const hint = expected === 'text' && scalar ? '; quote it to make it text' : ''
    this.fail(path, `${shownField(path, value)} must be ${expected}, not ${kindOf(value)}${hint}`)
  }

  private checkUnique(texts: (string | undefined)[], path: FieldPath): void {
    const seen = new Set<string>()
    texts.forEach((text, i) => {
      if (text === undefined) return
      if (seen.has(text))
        this.fail([...path, i], `\`${describePath(path)}\` lists \`${shownValue(text)}\` twice`)
      seen.add(text)
    })
  }
}

/** One problem for the whole document: every finding in line order, each naming its line. */
export function ruleProblem(found: readonly FieldProblem[], origin: RuleOrigin): RuleProblem {
  const ordered = [...found].sort((a, b) => a.line - b.line)
  const shown = ordered.slice(0, PROBLEMS_SHOWN).map((problem) => `line ${problem.line}: ${problem.message}`)
  const rest = ordered.length - shown.length
  const message = shown.join('; ') + (rest > 0 ? `; and ${rest} more problem${rest === 1 ? '' : 's'}` : '')
  return { kind: 'invalid', message, origin: { ...origin, line: ordered[0]?.line ?? origin.line } }
}
