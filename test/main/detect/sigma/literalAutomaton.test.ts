import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LiteralAutomaton } from '../../../../src-main/core/detect/sigma/literalAutomaton'

function found(literals: string[], text: string): number[] {
  const ids = new Set<number>()
  new LiteralAutomaton(literals).scan(text, (id) => ids.add(id))
  return [...ids].sort((a, b) => a - b)
}

describe('LiteralAutomaton', () => {
  it('reports every literal that occurs, including overlapping and nested ones', () => {
    // he, she, his, hers in 'ushers': she (1..3), he (2..3), hers (2..5)
    expect(found(['he', 'she', 'his', 'hers'], 'ushers')).toEqual([0, 1, 3])
    expect(found(['\\cmd.exe', 'cmd', '.exe'], 'c:\\windows\\cmd.exe')).toEqual([0, 1, 2])
    expect(found(['abc'], 'ababab')).toEqual([])
    expect(found(['é', '–enc'], 'powershell –enc é')).toEqual([0, 1])
  })

  it('agrees with String.includes on random literals and texts', () => {
    const alphabet = fc.constantFrom('a', 'b', 'c', '\\', '.', 'é')
    const word = (max: number) =>
      fc.array(alphabet, { minLength: 1, maxLength: max }).map((chars) => chars.join(''))
    fc.assert(
      fc.property(fc.array(word(4), { minLength: 1, maxLength: 12 }), word(40), (literals, text) => {
        const expected = literals.flatMap((literal, id) => (text.includes(literal) ? [id] : []))
        expect(found(literals, text)).toEqual(expected)
      }),
      { numRuns: 500 }
    )
  })
})
