import { describe, expect, it } from 'vitest'
import { BASE, MINUTE, SECOND, correlation, hitMembers, match, run } from './correlationFixtures'
import type { RuleMatch } from '../../../../../src-main/core/detect/sigma/correlation/runCorrelations'
import type { EventRef } from './correlationFixtures'

// The spec's worked example: event_count of failed logins (gte 10 per User in 10m), then temporal_ordered
// multiple_failed_login → successful_login per User in 10m. Rules are referenced by name.
const NAMES = {
  failed_login: 'id-failed',
  successful_login: 'id-success',
  multiple_failed_login: 'id-multiple-failed'
}

function failedThenSuccess(innerGroupBy = ['User'], outerGroupBy = ['User']) {
  return [
    correlation({
      id: 'id-outer',
      type: 'temporal_ordered',
      rules: ['multiple_failed_login', 'successful_login'],
      groupBy: outerGroupBy
    }),
    correlation({
      id: 'id-multiple-failed',
      name: 'multiple_failed_login',
      type: 'event_count',
      rules: ['failed_login'],
      groupBy: innerGroupBy,
      condition: { bounds: { gte: 10 }, fields: [] }
    })
  ]
}

const failures = (who: string, count: number, from: number, extra: Record<string, string> = {}) =>
  Array.from({ length: count }, (_, i) =>
    match('id-failed', `${who}-f${i + 1}`, from + i * MINUTE, { User: who, ...extra })
  )

const byTime = (matches: RuleMatch<EventRef>[]) => [...matches].sort((a, b) => a.timestamp - b.timestamp)

describe('chained correlations (spec example: failed logins followed by a success)', () => {
  it('fires for the user with 10 failures then a success, with all 11 events in time order', () => {
    const stream = byTime([
      ...failures('alice', 10, 0),
      match('id-success', 'alice-s', 10 * MINUTE, { User: 'alice' }),
      ...failures('bob', 9, 0),
      match('id-success', 'bob-s', 10 * MINUTE, { User: 'bob' }),
      match('id-success', 'carol-s', 0, { User: 'carol' }),
      ...failures('carol', 10, MINUTE)
    ])
    const result = run(failedThenSuccess(), stream, NAMES)
    // Inner: alice's 10 failures (0..9 min) and carol's (1..10 min); bob has only 9.
    expect(hitMembers(result, 'id-multiple-failed')).toEqual([
      failures('alice', 10, 0).map((m) => m.refs[0].eventId),
      failures('carol', 10, MINUTE).map((m) => m.refs[0].eventId)
    ])
    // Outer: only alice, whose success follows; carol's success came before her failures.
    const hits = result.hits.get('id-outer') ?? []
    expect(hitMembers(result, 'id-outer')).toEqual([
      [...failures('alice', 10, 0).map((m) => m.refs[0].eventId), 'alice-s']
    ])
    expect(hits[0]).toMatchObject({
      group: { User: 'alice' },
      firstSeen: BASE,
      lastSeen: BASE + 10 * MINUTE,
      value: 2
    })
  })

  it('at equal times, a success after the completing failure in the input follows it; one before does not', () => {
    const after = [...failures('alice', 10, 0), match('id-success', 's', 9 * MINUTE, { User: 'alice' })]
    expect(hitMembers(run(failedThenSuccess(), after, NAMES), 'id-outer')).toHaveLength(1)
    const before = [...failures('alice', 9, 0), match('id-success', 's', 9 * MINUTE, { User: 'alice' })]
    before.push(...failures('alice', 10, 0).slice(9))
    expect(hitMembers(run(failedThenSuccess(), before, NAMES), 'id-outer')).toEqual([])
  })

  it("uses the outer correlation's own group-by: failures on PC1 and the success on PC2 still chain", () => {
    const stream = [
      ...failures('alice', 10, 0, { Computer: 'PC1' }),
      match('id-success', 's', 10 * MINUTE, { User: 'alice', Computer: 'PC2' })
    ]
    const result = run(failedThenSuccess(['User', 'Computer'], ['User']), stream, NAMES)
    expect(result.hits.get('id-multiple-failed')?.[0].group).toEqual({ User: 'alice', Computer: 'PC1' })
    expect(result.hits.get('id-outer')?.map((hit) => hit.group)).toEqual([{ User: 'alice' }])
  })

  it('counts an inner hit lacking an outer group-by value as ungrouped', () => {
    const stream = [
      ...failures('alice', 10, 0, { Computer: 'PC1' }),
      match('id-success', 's', 10 * MINUTE, { User: 'alice', Computer: 'PC1' })
    ]
    // The inner hit only carries its own group (User), so it has no Computer for the outer group-by.
    const result = run(failedThenSuccess(['User'], ['Computer']), stream, NAMES)
    expect(hitMembers(result, 'id-outer')).toEqual([])
    expect(result.ungrouped.get('id-outer')).toBe(1)
  })

  it('does not let the match that completed an inner hit count as following it', () => {
    const rules = [
      correlation({
        id: 'pair',
        type: 'event_count',
        rules: ['A'],
        condition: { bounds: { gte: 2 }, fields: [] }
      }),
      correlation({ id: 'then-a', type: 'temporal_ordered', rules: ['pair', 'A'] })
    ]
    // a2 completes the pair hit; at the same position it comes before the hit, so only a3 follows it.
    const stream = [match('A', 'a1', 0, { User: 'u' }), match('A', 'a2', MINUTE, { User: 'u' })]
    expect(hitMembers(run(rules, stream), 'then-a')).toEqual([])
    stream.push(match('A', 'a3', MINUTE, { User: 'u' }))
    expect(hitMembers(run(rules, stream), 'then-a')).toEqual([['a1', 'a2', 'a3']])
  })

  it('lists a member event once when two referenced rules matched it', () => {
    const both = [
      correlation({ id: 'pair', type: 'temporal', rules: ['A', 'B'] }),
      correlation({
        id: 'outer',
        type: 'event_count',
        rules: ['pair', 'A'],
        condition: { bounds: { gte: 2 }, fields: [] }
      })
    ]
    const stream = [match('A', 'e1', 0, { User: 'u' }), match('B', 'e1', 0, { User: 'u' })]
    const result = run(both, stream)
    expect(hitMembers(result, 'pair')).toEqual([['e1']])
    // outer sees A(e1) and then the pair hit completed by B(e1): two matches, one event.
    expect(hitMembers(result, 'outer')).toEqual([['e1']])
    expect(result.hits.get('outer')?.[0].value).toBe(2)
  })
})

describe('field name aliases (spec example: internal_ip / remote_ip)', () => {
  const names = { internal_error: 'id-internal-error', new_network_connection: 'id-new-connection' }
  const rule = correlation({
    id: 'alias',
    type: 'temporal',
    rules: ['internal_error', 'new_network_connection'],
    groupBy: ['internal_ip', 'remote_ip'],
    timespanMs: 10 * SECOND,
    aliases: {
      internal_ip: { internal_error: 'destination.ip', new_network_connection: 'source.ip' },
      remote_ip: { internal_error: 'source.ip', new_network_connection: 'destination.ip' }
    }
  })

  it('groups events whose addresses sit in different fields', () => {
    const stream = [
      match('id-internal-error', 'err', 0, { 'destination.ip': '10.0.0.5', 'source.ip': '203.0.113.9' }),
      match('id-new-connection', 'other', SECOND, {
        'source.ip': '10.0.0.6',
        'destination.ip': '203.0.113.9'
      }),
      match('id-new-connection', 'conn', 2 * SECOND, {
        'source.ip': '10.0.0.5',
        'destination.ip': '203.0.113.9'
      }),
      match('id-new-connection', 'no-ip', 3 * SECOND, { 'source.ip': '10.0.0.5' })
    ]
    const result = run([rule], stream, names)
    expect(hitMembers(result, 'alias')).toEqual([['err', 'conn']])
    expect(result.hits.get('alias')?.[0].group).toEqual({ internal_ip: '10.0.0.5', remote_ip: '203.0.113.9' })
    expect(result.ungrouped.get('alias')).toBe(1)
  })
})
