// The Sigma condition language: search identifiers joined by `and`, `or`, `not` and parentheses, and
// `1 of` / `any of` / `all of` over identifier patterns or `them`. Precedence is not > and > or. The Sigma 1
// aggregation pipe (`| count() by …`) and `near` are refused with the construct named: they are written
// as correlation rules now.

import { SigmaRuleError } from './sigmaRuleError'

export type ConditionNode =
  | { kind: 'and' | 'or'; children: ConditionNode[] }
  | { kind: 'not'; child: ConditionNode }
  | { kind: 'search'; name: string }
  | { kind: 'quantified'; quantifier: 'any' | 'all'; pattern: string }

const TOKEN = /\s*(\(|\)|[^\s()]+)/y

export function parseCondition(text: string): ConditionNode {
  const pipe = text.indexOf('|')
  if (pipe >= 0) {
    throw new SigmaRuleError(
      'unsupported',
      `condition '${text}' uses the Sigma 1 aggregation '${text.slice(pipe).trim()}'; write it as a correlation rule`
    )
  }
  const tokens = tokenize(text)
  if (tokens.length === 0) throw new SigmaRuleError('invalid', 'the condition is empty')
  const parser = new ConditionReader(text, tokens)
  const node = parser.readOr()
  parser.expectEnd()
  return node
}

function tokenize(text: string): string[] {
  const tokens: string[] = []
  TOKEN.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = TOKEN.exec(text)) !== null) tokens.push(match[1])
  return tokens
}

class ConditionReader {
  private position = 0

  constructor(
    private readonly text: string,
    private readonly tokens: readonly string[]
  ) {}

  readOr(): ConditionNode {
    const children = [this.readAnd()]
    while (this.peekWord() === 'or') {
      this.position++
      children.push(this.readAnd())
    }
    return children.length === 1 ? children[0] : { kind: 'or', children }
  }

  expectEnd(): void {
    if (this.position < this.tokens.length) {
      this.fail(`unexpected '${this.tokens[this.position]}'`)
    }
  }

  private readAnd(): ConditionNode {
    const children = [this.readNot()]
    while (this.peekWord() === 'and') {
      this.position++
      children.push(this.readNot())
    }
    return children.length === 1 ? children[0] : { kind: 'and', children }
  }

  private readNot(): ConditionNode {
    if (this.peekWord() === 'not') {
      this.position++
      return { kind: 'not', child: this.readNot() }
    }
    return this.readPrimary()
  }

  private readPrimary(): ConditionNode {
    const token = this.tokens[this.position]
    if (token === undefined) this.fail('it ends where a search identifier was expected')
    const word = token.toLowerCase()
    if (token === '(') {
      this.position++
      const inner = this.readOr()
      if (this.tokens[this.position] !== ')') this.fail('a parenthesis is not closed')
      this.position++
      return inner
    }
    if (token === ')' || word === 'and' || word === 'or') this.fail(`unexpected '${token}'`)
    if (word === 'near') {
      throw new SigmaRuleError(
        'unsupported',
        `condition '${this.text}' uses 'near'; write it as a correlation rule`
      )
    }
    if (this.tokens[this.position + 1]?.toLowerCase() === 'of') {
      return this.readQuantified(token)
    }
    this.position++
    return { kind: 'search', name: token }
  }

  private readQuantified(count: string): ConditionNode {
    const quantifier = count === '1' || count.toLowerCase() === 'any' ? 'any' : count === 'all' ? 'all' : null
    if (quantifier === null) {
      const reason =
        /^\d+$/.test(count) && count !== '1'
          ? `'${count} of' is not Sigma: only '1 of', 'any of' and 'all of' exist`
          : `'${count} of' is not a quantifier`
      throw new SigmaRuleError('invalid', `condition '${this.text}': ${reason}`)
    }
    const pattern = this.tokens[this.position + 2]
    if (pattern === undefined || pattern === '(' || pattern === ')') this.fail(`'${count} of' names nothing`)
    this.position += 3
    return { kind: 'quantified', quantifier, pattern }
  }

  private peekWord(): string | undefined {
    return this.tokens[this.position]?.toLowerCase()
  }

  private fail(reason: string): never {
    throw new SigmaRuleError('invalid', `condition '${this.text}': ${reason}`)
  }
}

/** The search identifiers a quantifier covers: `them` is every one not starting with '_'. */
export function searchesMatching(pattern: string, names: readonly string[]): string[] {
  if (pattern === 'them') return names.filter((name) => !name.startsWith('_'))
  const expression = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  )
  return names.filter((name) => expression.test(name))
}
