import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../../../src-main/common/errors'
import { MINUTE, correlation, match, run } from './correlationFixtures'

function refusal(action: () => unknown): CairnError {
  try {
    action()
  } catch (error) {
    if (error instanceof CairnError) return error
    throw error
  }
  throw new Error('expected a CairnError, but nothing was thrown')
}

const counting = (id: string, rules: string[]) =>
  correlation({
    id,
    title: `Count ${id}`,
    type: 'event_count',
    rules,
    condition: { bounds: { gte: 2 }, fields: [] }
  })

describe('correlation plan checks', () => {
  it('refuses an unknown reference, naming the correlation and the reference', () => {
    const error = refusal(() => run([counting('c1', ['nope'])], []))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toContain("correlation 'Count c1' (id c1, rules/correlations.yml line 1)")
    expect(error.message).toContain("rules: 'nope' is not the id or name of any loaded rule")
  })

  it('refuses an alias naming an unknown rule', () => {
    const rule = correlation({ ...counting('c1', ['A']), aliases: { ip: { ghost_rule: 'source.ip' } } })
    expect(refusal(() => run([rule], [match('A', 'e', 0)])).message).toContain("aliases.ip: 'ghost_rule'")
  })

  it('refuses a reference cycle, naming the correlations in it', () => {
    const first = counting('c1', ['c2'])
    const second = counting('c2', ['c3'])
    const third = counting('c3', ['c1'])
    const error = refusal(() => run([first, second, third], []))
    expect(error.message).toContain("cycle: 'Count c1' → 'Count c2' → 'Count c3' → 'Count c1'")
    expect(refusal(() => run([counting('self', ['self'])], [])).message).toContain(
      "'Count self' → 'Count self'"
    )
  })

  it('refuses a missing condition where one is required', () => {
    const bare = correlation({ id: 'bare', title: 'No bounds', type: 'event_count', rules: ['A'] })
    expect(refusal(() => run([bare], [], {}, ['A'])).message).toMatch(/'No bounds'.*needs a condition/)
    const noField = correlation({
      id: 'vc',
      type: 'value_count',
      rules: ['A'],
      condition: { bounds: { gte: 2 }, fields: [] }
    })
    expect(refusal(() => run([noField], [], {}, ['A'])).message).toContain("value_count needs 'field'")
  })

  it('refuses temporal conditions that are not lower bounds or that accept a partial order', () => {
    const upper = correlation({
      id: 't',
      type: 'temporal',
      rules: ['A', 'B'],
      condition: { bounds: { lt: 2 }, fields: [] }
    })
    expect(refusal(() => run([upper], [match('A', 'a', 0), match('B', 'b', 0)])).message).toContain('gt/gte')
    const partial = correlation({
      id: 'o',
      type: 'temporal_ordered',
      rules: ['A', 'B'],
      condition: { bounds: { gte: 1 }, fields: [] }
    })
    expect(refusal(() => run([partial], [match('A', 'a', 0), match('B', 'b', 0)])).message).toContain(
      'partial sequence'
    )
  })

  it('refuses matches out of time order, naming the match', () => {
    const error = refusal(() =>
      run([counting('c1', ['A'])], [match('A', 'late', MINUTE), match('A', 'early', 0)])
    )
    expect(error.message).toContain('match 1 (rule A)')
  })
})
