// Sigma string values: `*` and `?` wildcards with backslash escapes, read exactly as the specification
// says (`\*` and `\?` are literal, `\\` is one backslash, any other backslash is itself), and turned into
// the cheapest test that decides them — equality, includes, startsWith, endsWith, or an anchored RegExp.

/** A run of any characters, or exactly one character. */
export const ANY_RUN = 0
export const ANY_ONE = 1
export type PatternToken = string | typeof ANY_RUN | typeof ANY_ONE

/** Splits a Sigma string into literal text and wildcards. */
export function parseSigmaString(text: string): PatternToken[] {
  const tokens: PatternToken[] = []
  let literal = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '\\') {
      const next = text[index + 1]
      if (next === '*' || next === '?' || next === '\\') {
        literal += next
        index++
      } else {
        literal += '\\'
      }
    } else if (char === '*' || char === '?') {
      if (literal !== '') tokens.push(literal)
      literal = ''
      tokens.push(char === '*' ? ANY_RUN : ANY_ONE)
    } else {
      literal += char
    }
  }
  if (literal !== '') tokens.push(literal)
  return tokens
}

/** A value whose wildcards and escapes were already resolved (encoded values, expanded placeholders). */
export function literalPattern(text: string): PatternToken[] {
  return text === '' ? [] : [text]
}

export function hasWildcards(tokens: readonly PatternToken[]): boolean {
  return tokens.some((token) => typeof token !== 'string')
}

/** The pattern as plain text with wildcards written back as `*`/`?` (for messages and discriminators). */
export function patternText(tokens: readonly PatternToken[]): string {
  return tokens.map((token) => (token === ANY_RUN ? '*' : token === ANY_ONE ? '?' : token)).join('')
}

export function lowerPattern(tokens: readonly PatternToken[]): PatternToken[] {
  return tokens.map((token) => (typeof token === 'string' ? token.toLowerCase() : token))
}

/** Decides a value against one pattern; the caller lower-cases the value when the pattern was lowered. */
export type TextTest = (value: string) => boolean

export function compileTextTest(tokens: readonly PatternToken[]): TextTest {
  if (!hasWildcards(tokens)) {
    const exact = tokens.join('')
    return (value) => value === exact
  }
  const [first, middle, last] = tokens
  if (tokens.length === 1 && first === ANY_RUN) return () => true
  if (tokens.length === 3 && first === ANY_RUN && last === ANY_RUN && typeof middle === 'string') {
    return (value) => value.includes(middle)
  }
  if (tokens.length === 2 && typeof first === 'string' && middle === ANY_RUN) {
    return (value) => value.startsWith(first)
  }
  if (tokens.length === 2 && first === ANY_RUN && typeof middle === 'string') {
    return (value) => value.endsWith(middle)
  }
  const expression = new RegExp(`^${patternSource(tokens)}$`, 's')
  return (value) => expression.test(value)
}

function patternSource(tokens: readonly PatternToken[]): string {
  return tokens
    .map((token) => (token === ANY_RUN ? '.*' : token === ANY_ONE ? '.' : escapeRegExp(token)))
    .join('')
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}

/**
 * One test for a list of patterns of which any may match: exact values go into a Set, the rest are tried
 * in turn.
 */
export function compileAnyTextTest(patterns: readonly (readonly PatternToken[])[]): TextTest {
  const exact = new Set<string>()
  const others: TextTest[] = []
  for (const tokens of patterns) {
    if (hasWildcards(tokens)) others.push(compileTextTest(tokens))
    else exact.add(tokens.join(''))
  }
  if (others.length === 0) {
    if (exact.size === 1) {
      const [only] = exact
      return (value) => value === only
    }
    return (value) => exact.has(value)
  }
  if (exact.size === 0 && others.length === 1) return others[0]
  return (value) => {
    if (exact.has(value)) return true
    for (const test of others) if (test(value)) return true
    return false
  }
}
