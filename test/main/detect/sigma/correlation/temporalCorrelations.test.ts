import { describe, expect, it } from 'vitest'
import { MINUTE, correlation, hitMembers, match, run } from './correlationFixtures'

const user = (name: string) => ({ User: name })

describe('temporal', () => {
  const together = (rules: string[], bounds?: Record<string, number>) =>
    correlation({
      id: 'together',
      type: 'temporal',
      rules,
      timespanMs: 5 * MINUTE,
      ...(bounds === undefined ? {} : { condition: { bounds, fields: [] } })
    })

  it('requires the same group across rules: A for alice and B for bob do not fire', () => {
    const result = run(
      [together(['A', 'B'])],
      [match('A', 'a-alice', 0, user('alice')), match('B', 'b-bob', MINUTE, user('bob'))]
    )
    expect(hitMembers(result, 'together')).toEqual([])
  })

  it('fires at the match that completes the set, with every window match of each rule', () => {
    const result = run(
      [together(['A', 'B'])],
      [
        match('A', 'a0', 0, user('alice')),
        match('B', 'b-bob', 0, user('bob')),
        match('A', 'a1', MINUTE, user('alice')),
        match('B', 'b2', 2 * MINUTE, user('alice')),
        match('B', 'b3', 3 * MINUTE, user('alice'))
      ]
    )
    // a0, a1, b2 complete alice's set at b2 and are consumed, so b3 alone (no fresh A) does not fire.
    expect(hitMembers(result, 'together')).toEqual([['a0', 'a1', 'b2']])
    expect(result.hits.get('together')?.[0]).toMatchObject({ group: { User: 'alice' }, value: 2 })
  })

  it('fires exactly timespan apart and not 1 ms more', () => {
    const result = run(
      [together(['A', 'B'])],
      [
        match('A', 'carol-a', 0, user('carol')),
        match('A', 'dave-a', 0, user('dave')),
        match('B', 'carol-b', 5 * MINUTE, user('carol')),
        match('B', 'dave-b', 5 * MINUTE + 1, user('dave'))
      ]
    )
    expect(hitMembers(result, 'together')).toEqual([['carol-a', 'carol-b']])
  })

  it('with a condition, counts the distinct rules seen together', () => {
    const stream = [match('A', 'a', 0, user('alice')), match('C', 'c', MINUTE, user('alice'))]
    expect(hitMembers(run([together(['A', 'B', 'C'], { gte: 2 })], stream, {}, ['B']), 'together')).toEqual([
      ['a', 'c']
    ])
    expect(hitMembers(run([together(['A', 'B', 'C'])], stream, {}, ['B']), 'together')).toEqual([])
  })
})

describe('temporal_ordered', () => {
  const ordered = (rules: string[], timespanMs = 10 * MINUTE) =>
    correlation({ id: 'ordered', type: 'temporal_ordered', rules, timespanMs })

  it('enforces the order of every rule, not only the first', () => {
    const result = run(
      [ordered(['A', 'B', 'C'])],
      [
        match('A', 'alice-a', 0, user('alice')),
        match('A', 'bob-a', 0, user('bob')),
        match('C', 'alice-c', MINUTE, user('alice')),
        match('B', 'bob-b', MINUTE, user('bob')),
        match('B', 'alice-b', 2 * MINUTE, user('alice')),
        match('C', 'bob-c', 2 * MINUTE, user('bob'))
      ]
    )
    // alice: A, C, B (2 and 3 swapped) must not fire; bob: A, B, C fires.
    expect(hitMembers(result, 'ordered')).toEqual([['bob-a', 'bob-b', 'bob-c']])
    expect(result.hits.get('ordered')?.[0]).toMatchObject({ group: { User: 'bob' }, value: 3 })
  })

  it('an early lone first-rule match does not stretch the window: the latest start is kept', () => {
    const result = run(
      [ordered(['A', 'B'])],
      [
        match('A', 'a0', 0, user('alice')),
        match('A', 'a8', 8 * MINUTE, user('alice')),
        match('B', 'b15', 15 * MINUTE, user('alice'))
      ]
    )
    // a0 → b15 is 15 min (too far); a8 → b15 is 7 min.
    expect(hitMembers(result, 'ordered')).toEqual([['a8', 'b15']])
  })

  it('fires exactly timespan apart and not 1 ms more', () => {
    const result = run(
      [ordered(['A', 'B'])],
      [
        match('A', 'carol-a', 0, user('carol')),
        match('A', 'dave-a', 0, user('dave')),
        match('B', 'carol-b', 10 * MINUTE, user('carol')),
        match('B', 'dave-b', 10 * MINUTE + 1, user('dave'))
      ]
    )
    expect(hitMembers(result, 'ordered')).toEqual([['carol-a', 'carol-b']])
  })

  it('a rule listed at two steps (by name and by id) needs two matches: one never chains with itself', () => {
    const names = { failed_login: 'failed' }
    const rule = ordered(['failed_login', 'failed'])
    const once = run([rule], [match('failed', 'f1', 0, user('alice'))], names)
    expect(hitMembers(once, 'ordered')).toEqual([])
    const twice = run(
      [rule],
      [match('failed', 'f1', 0, user('alice')), match('failed', 'f2', MINUTE, user('alice'))],
      names
    )
    expect(hitMembers(twice, 'ordered')).toEqual([['f1', 'f2']])
    expect(twice.hits.get('ordered')?.[0].value).toBe(1)
  })

  it('consumes a fired chain, so its matches do not start another one', () => {
    const result = run(
      [ordered(['A', 'B'])],
      [
        match('A', 'a', 0, user('alice')),
        match('B', 'b1', MINUTE, user('alice')),
        match('B', 'b2', 2 * MINUTE, user('alice'))
      ]
    )
    expect(hitMembers(result, 'ordered')).toEqual([['a', 'b1']])
  })
})
