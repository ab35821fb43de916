// The literal text a regular expression cannot match without: for `union\s+select` that is 'union' (or
// 'select'), for `(?:cmd|exec)=` one of 'cmd=' and 'exec='. Found by walking the pattern — sequences need
// their most selective part, alternatives one literal each, optional and repeated parts are looked through
// carefully — so `re` rules join the literal prefilter instead of running on every event. When in doubt
// the answer is null (no requirement), which is always safe.

/** Any one of these (lower case) occurs in every match; null when no such set was found. */
export type RegexLiterals = string[] | null

export function regexLiterals(source: string): RegexLiterals {
  try {
    const reader = new PatternReader(source.replace(/^\(\?[imsx]+\)/, ''))
    const literals = reader.alternation()
    if (!reader.atEnd()) return null
    return literals === null ? null : literals.map((literal) => literal.toLowerCase())
  } catch {
    return null
  }
}

const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'p', 'P', 'k', 'c'])
const CONTROL_ESCAPES: Readonly<Record<string, string>> = {
  t: '\t',
  n: '\n',
  r: '\r',
  f: '\f',
  v: '\v',
  '0': '\0'
}

/** One element of a sequence: literal text, a set of alternatives, or something that needs nothing. */
type Item = { kind: 'char'; char: string } | { kind: 'set'; literals: RegexLiterals }

class PatternReader {
  private position = 0

  constructor(private readonly source: string) {}

  atEnd(): boolean {
    return this.position >= this.source.length
  }

  alternation(): RegexLiterals {
    const branches: RegexLiterals[] = [this.sequence()]
    while (this.source[this.position] === '|') {
      this.position++
      branches.push(this.sequence())
    }
    if (branches.some((branch) => branch === null)) return null
    return [...new Set((branches as string[][]).flat())]
  }

  /** The best requirement of a sequence: its longest literal run, or its most selective group. */
  private sequence(): RegexLiterals {
    const candidates: string[][] = []
    let run = ''
    const endRun = (): void => {
      if (run !== '') candidates.push([run])
      run = ''
    }
    while (!this.atEnd() && this.source[this.position] !== '|' && this.source[this.position] !== ')') {
      const item = this.item()
      const quantifier = this.quantifier()
      if (quantifier === 'optional') {
        endRun()
        continue
      }
      if (item === null) {
        endRun()
        continue
      }
      if (item.kind === 'char') {
        run += item.char
        if (quantifier === 'repeated') endRun()
        continue
      }
      endRun()
      if (item.literals !== null) candidates.push(item.literals)
    }
    endRun()
    let best: string[] | null = null
    for (const candidate of candidates)
      if (best === null || selectivity(candidate) > selectivity(best)) best = candidate
    return best
  }

  private item(): Item | null {
    const char = this.source[this.position++]
    switch (char) {
      case '\\':
        return this.escape()
      case '[':
        this.skipClass()
        return null
      case '(':
        return this.group()
      case '.':
      case '^':
      case '$':
        return null
      default:
        return { kind: 'char', char }
    }
  }

  private escape(): Item | null {
    const next = this.source[this.position++]
    if (next === undefined) throw new Error('dangling escape')
    if (/[1-9]/.test(next) || CLASS_ESCAPES.has(next)) {
      if (next === 'p' || next === 'P' || next === 'k') this.skipBraced()
      return null
    }
    if (next in CONTROL_ESCAPES) return { kind: 'char', char: CONTROL_ESCAPES[next] }
    if (next === 'x') return { kind: 'char', char: String.fromCharCode(this.hex(2)) }
    if (next === 'u') return { kind: 'char', char: String.fromCharCode(this.hex(4)) }
    return { kind: 'char', char: next }
  }

  private group(): Item | null {
    let lookaround = false
    if (this.source[this.position] === '?') {
      const kind = this.source[this.position + 1]
      if (kind === ':') this.position += 2
      else if (kind === '=' || kind === '!') {
        this.position += 2
        lookaround = true
      } else if (
        kind === '<' &&
        (this.source[this.position + 2] === '=' || this.source[this.position + 2] === '!')
      ) {
        this.position += 3
        lookaround = true
      } else if (kind === '<') {
        const close = this.source.indexOf('>', this.position)
        if (close < 0) throw new Error('unnamed group')
        this.position = close + 1
      } else throw new Error('unknown group')
    }
    const inner = this.alternation()
    if (this.source[this.position] !== ')') throw new Error('unclosed group')
    this.position++
    return lookaround ? null : { kind: 'set', literals: inner }
  }

  /** 'optional' when the item may be absent, 'repeated' when it may repeat, null when it occurs once. */
  private quantifier(): 'optional' | 'repeated' | null {
    const char = this.source[this.position]
    let result: 'optional' | 'repeated' | null = null
    if (char === '?' || char === '*') {
      this.position++
      result = 'optional'
    } else if (char === '+') {
      this.position++
      result = 'repeated'
    } else if (char === '{') {
      const match = /^\{(\d+)(,\d*)?\}/.exec(this.source.slice(this.position))
      if (match === null) return null
      this.position += match[0].length
      result = match[1] === '0' ? 'optional' : match[2] === undefined && match[1] === '1' ? null : 'repeated'
    }
    if (result !== null && this.source[this.position] === '?') this.position++
    return result
  }

  private skipClass(): void {
    while (!this.atEnd()) {
      const char = this.source[this.position++]
      if (char === '\\') this.position++
      else if (char === ']') return
    }
    throw new Error('unclosed class')
  }

  private skipBraced(): void {
    const open = this.source[this.position]
    if (open !== '{' && open !== '<') return
    const close = this.source.indexOf(open === '{' ? '}' : '>', this.position)
    if (close < 0) throw new Error('unclosed name')
    this.position = close + 1
  }

  private hex(digits: number): number {
    const text = this.source.slice(this.position, this.position + digits)
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(text)) throw new Error('bad hex escape')
    this.position += digits
    return parseInt(text, 16)
  }
}

/** Longer shortest literals filter better; among equals, fewer alternatives do. */
function selectivity(literals: readonly string[]): number {
  return Math.min(...literals.map((literal) => literal.length)) * 1000 - literals.length
}
