import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { regexLiterals } from '../../../../src-main/core/detect/sigma/regexLiterals'

describe('regexLiterals', () => {
  it('finds the literal text every match must contain', () => {
    // either word would do; the longer one filters better
    expect(regexLiterals('union\\s+select')).toEqual(['select'])
    expect(regexLiterals('(?:cmd|exec)=(?:whoami|id)')).toEqual(['cmd', 'exec'])
    expect(regexLiterals('/\\.env(?:\\.[a-z]+)?$')).toEqual(['/.env'])
    expect(regexLiterals('(?i)Invoke-Mimikatz')).toEqual(['invoke-mimikatz'])
    expect(regexLiterals('ab?c')).toEqual(['a'])
    expect(regexLiterals('x{2,}yz')).toEqual(['yz'])
    expect(regexLiterals('\\x41BC')).toEqual(['abc'])
  })

  it('requires nothing when a branch, an optional part or a class could match without literal text', () => {
    expect(regexLiterals('abc|\\d+')).toBeNull()
    expect(regexLiterals('(?:abc)?\\d')).toBeNull()
    expect(regexLiterals('[a-z]+')).toBeNull()
    expect(regexLiterals('(?=abc)')).toBeNull()
    expect(regexLiterals('a|')).toBeNull()
    expect(regexLiterals('(unclosed')).toBeNull()
  })

  it('never names a literal a matching text lacks', () => {
    const atoms = [
      'a',
      'b',
      'ab',
      '\\.',
      '.',
      '\\d',
      '[xy]',
      '(?:a|bc)',
      '(b)',
      '(?:ab)?',
      'c*',
      'd+',
      'e{2}',
      '|'
    ]
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...atoms), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', '.', '1', 'x'), { maxLength: 16 }),
        (parts, chars) => {
          const source = parts.join('')
          let expression: RegExp
          try {
            expression = new RegExp(source)
          } catch {
            return
          }
          const text = chars.join('')
          const literals = regexLiterals(source)
          if (literals === null || !expression.test(text)) return
          expect(literals.some((literal) => text.toLowerCase().includes(literal))).toBe(true)
        }
      ),
      { numRuns: 3000 }
    )
  })
})
