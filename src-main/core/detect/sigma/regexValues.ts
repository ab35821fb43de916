// Sigma `re` values are PCRE; JavaScript's RegExp reads most of them the same way. Leading inline flags
// (`(?i)`) become RegExp flags, and PCRE escapes that JavaScript would silently read as a plain letter
// (`\A`, `\Z`, `\h` …) are refused rather than left to match the wrong thing.

import { SigmaRuleError } from './sigmaRuleError'

const LEADING_FLAGS = /^\(\?([imsx]+)\)/
const PCRE_ONLY_ESCAPES = /\\[AZzhHRKQEGXCe]/
const INLINE_GROUP_FLAGS = /\(\?[imsx-]+[):]/

export function compileRegex(pattern: string, flags: string): RegExp {
  let source = pattern
  let allFlags = flags
  const leading = LEADING_FLAGS.exec(source)
  if (leading !== null) {
    if (leading[1].includes('x')) {
      throw new SigmaRuleError('unsupported', `regular expression '${pattern}' uses extended mode (?x)`)
    }
    allFlags += leading[1]
    source = source.slice(leading[0].length)
  }
  const escape = PCRE_ONLY_ESCAPES.exec(withoutEscapedBackslashes(source))
  if (escape !== null) {
    throw new SigmaRuleError(
      'unsupported',
      `regular expression '${pattern}' uses the PCRE escape '${escape[0]}', which JavaScript reads differently`
    )
  }
  if (INLINE_GROUP_FLAGS.test(source)) {
    throw new SigmaRuleError('unsupported', `regular expression '${pattern}' sets flags inside the pattern`)
  }
  try {
    return new RegExp(source, [...new Set(allFlags)].join(''))
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new SigmaRuleError('unsupported', `regular expression '${pattern}' does not compile: ${reason}`)
  }
}

/** Hides `\\` pairs so an escaped backslash followed by a letter is not mistaken for an escape. */
function withoutEscapedBackslashes(source: string): string {
  return source.replace(/\\\\/g, '')
}
