import { describe, expect, it } from 'vitest'
import {
  BASE,
  DAY,
  HOUR,
  MINUTE,
  correlation,
  hitMembers,
  match,
  run,
  type EventRef
} from './correlationFixtures'
import type { RuleMatch } from '../../../../../src-main/core/detect/sigma/correlation/runCorrelations'

const user = (name: string) => ({ User: name })

describe('event_count', () => {
  const failedLogins = (gte: number, timespanMs: number) =>
    correlation({
      id: 'many',
      type: 'event_count',
      rules: ['failed'],
      timespanMs,
      condition: { bounds: { gte }, fields: [] }
    })

  it('fires when the first and last events are exactly timespan apart, not 1 ms more', () => {
    const result = run(
      [failedLogins(3, 10 * MINUTE)],
      [
        match('failed', 'a1', 0, user('alice')),
        match('failed', 'b1', 0, user('bob')),
        match('failed', 'a2', 5 * MINUTE, user('alice')),
        match('failed', 'b2', 5 * MINUTE, user('bob')),
        match('failed', 'a3', 10 * MINUTE, user('alice')),
        match('failed', 'b3', 10 * MINUTE + 1, user('bob'))
      ]
    )
    const hits = result.hits.get('many') ?? []
    expect(hits.map((hit) => hit.members.map((ref) => ref.eventId))).toEqual([['a1', 'a2', 'a3']])
    expect(hits[0]).toMatchObject({
      group: { User: 'alice' },
      value: 3,
      firstSeen: BASE,
      lastSeen: BASE + 10 * MINUTE
    })
  })

  it('never stretches a window: 10 events 2 min apart hold at most 3 per 5 min', () => {
    const stream = Array.from({ length: 10 }, (_, i) =>
      match('failed', `e${i * 2}`, i * 2 * MINUTE, user('alice'))
    )
    expect(hitMembers(run([failedLogins(5, 5 * MINUTE)], stream), 'many')).toEqual([])
    // With 3 in 5 min: 0,2,4 fire at minute 4 and are consumed; then 6,8,10 and 12,14,16; 18 is left over.
    expect(hitMembers(run([failedLogins(3, 5 * MINUTE)], stream), 'many')).toEqual([
      ['e0', 'e2', 'e4'],
      ['e6', 'e8', 'e10'],
      ['e12', 'e14', 'e16']
    ])
  })

  it('applies the time window: events a day apart never fire with timespan 1h', () => {
    const stream = [0, 1, 2].map((day) => match('failed', `d${day}`, day * DAY, user('alice')))
    expect(hitMembers(run([failedLogins(2, HOUR)], stream), 'many')).toEqual([])
  })

  it('fires on a burst straddling a clock-hour boundary (10:50, 10:58, 11:05)', () => {
    const stream = [50, 58, 65].map((minute) => match('failed', `m${minute}`, minute * MINUTE, user('alice')))
    // BASE is 10:00 UTC, so offsets 50, 58 and 65 minutes are 10:50, 10:58 and 11:05.
    expect(new Date(BASE + 65 * MINUTE).toISOString()).toBe('2026-03-01T11:05:00.000Z')
    expect(hitMembers(run([failedLogins(3, HOUR)], stream), 'many')).toEqual([['m50', 'm58', 'm65']])
  })

  it('consumes the events of a hit: the next hit needs fresh events', () => {
    const stream = [0, 1, 2, 3].map((minute) => match('failed', `m${minute}`, minute * MINUTE, user('alice')))
    expect(hitMembers(run([failedLogins(2, 10 * MINUTE)], stream), 'many')).toEqual([
      ['m0', 'm1'],
      ['m2', 'm3']
    ])
  })

  it('treats the number 5 and the text "5" as one group, and counts matches without the group-by field', () => {
    const result = run(
      [failedLogins(2, 10 * MINUTE)],
      [
        match('failed', 'n', 0, { User: 5 }),
        match('failed', 'x', 0),
        match('failed', 's', MINUTE, { User: '5' })
      ]
    )
    expect(hitMembers(result, 'many')).toEqual([['n', 's']])
    expect(result.hits.get('many')?.[0].group).toEqual({ User: 5 })
    expect(result.ungrouped.get('many')).toBe(1)
  })
})

describe('complete-window conditions', () => {
  const counting = (bounds: Record<string, number>) =>
    correlation({ id: 'count', type: 'event_count', rules: ['r'], condition: { bounds, fields: [] } })

  it('neq 2: a window of 2 does not fire, the window after it (1 event) does', () => {
    const result = run(
      [counting({ neq: 2 })],
      [
        match('r', 'a1', 0, user('alice')),
        match('r', 'a2', MINUTE, user('alice')),
        match('r', 'b1', 20 * MINUTE, user('bob')),
        match('r', 'c1', 30 * MINUTE, user('carol')),
        match('r', 'c2', 31 * MINUTE, user('carol')),
        match('r', 'c3', 32 * MINUTE, user('carol'))
      ]
    )
    // alice: window from a1 = {a1,a2} = 2, no; from a2 = {a2} = 1, fires. bob: 1. carol: 3.
    expect(hitMembers(result, 'count')).toEqual([['a2'], ['b1'], ['c1', 'c2', 'c3']])
    expect(result.hits.get('count')?.map((hit) => hit.value)).toEqual([1, 1, 3])
  })

  it('a range gt 2 and lte 4 holds for 3 or 4 events in a window', () => {
    const stream: RuleMatch<EventRef>[] = [
      ...[0, 1, 2, 3, 4].map((m) => match('r', `a${m}`, m * MINUTE, user('alice'))),
      ...[0, 1, 2].map((m) => match('r', `b${m}`, HOUR + m * MINUTE, user('bob'))),
      ...[0, 1].map((m) => match('r', `c${m}`, 2 * HOUR + m * MINUTE, user('carol'))),
      match('r', 'd0', 3 * HOUR, user('dave')),
      match('r', 'd5', 3 * HOUR + 5 * MINUTE, user('dave')),
      match('r', 'd10', 3 * HOUR + 10 * MINUTE, user('dave')),
      match('r', 'd10+1ms', 3 * HOUR + 10 * MINUTE + 1, user('dave'))
    ]
    // alice: from a0 the window holds 5 (too many), from a1 it holds a1..a4 = 4. bob: 3. carol: 2, then 1.
    // dave: from d0 the window [d0, d0 + 10 min] holds d0, d5, d10 = 3; d10+1ms is left alone.
    expect(hitMembers(run([counting({ gt: 2, lte: 4 })], stream), 'count')).toEqual([
      ['a1', 'a2', 'a3', 'a4'],
      ['b0', 'b1', 'b2'],
      ['d0', 'd5', 'd10']
    ])
  })
})

describe('value_count', () => {
  it('counts distinct tuples of two fields; a match lacking one is a member but adds no value', () => {
    const rule = correlation({
      id: 'vc',
      type: 'value_count',
      rules: ['logon'],
      groupBy: ['Computer'],
      timespanMs: HOUR,
      condition: { bounds: { gte: 3 }, fields: ['User', 'Domain'] }
    })
    const on = (extra: Record<string, string>) => ({ Computer: 'PC1', ...extra })
    const result = run(
      [rule],
      [
        match('logon', 'e1', 0, on({ User: 'alice', Domain: 'CORP' })),
        match('logon', 'e2', MINUTE, on({ User: 'alice', Domain: 'CORP' })),
        match('logon', 'e3', 2 * MINUTE, on({ User: 'alice' })),
        match('logon', 'e4', 3 * MINUTE, on({ User: 'alice', Domain: 'LAB' })),
        match('logon', 'e5', 4 * MINUTE, on({ User: 'alice', Domain: 'DEV' }))
      ]
    )
    // Distinct (User, Domain): (alice, CORP), (alice, LAB), (alice, DEV) reach 3 only at e5.
    const hits = result.hits.get('vc') ?? []
    expect(hits.map((hit) => hit.members.map((ref) => ref.eventId))).toEqual([['e1', 'e2', 'e3', 'e4', 'e5']])
    expect(hits[0].value).toBe(3)
    expect(hits[0].detail).toBe('User, Domain: (alice, CORP), (alice, LAB), (alice, DEV)')
  })
})

describe('value_sum, value_avg, value_percentile', () => {
  it('value_sum adds numbers and numeric text, ignoring other values', () => {
    const rule = correlation({
      id: 'exfil',
      type: 'value_sum',
      rules: ['web'],
      timespanMs: HOUR,
      condition: { bounds: { gt: 1000 }, fields: ['bytes'] }
    })
    const result = run(
      [rule],
      [
        match('web', 'e1', 0, { User: 'alice', bytes: '600' }),
        match('web', 'e2', MINUTE, { User: 'alice', bytes: 300 }),
        match('web', 'e3', 2 * MINUTE, { User: 'alice', bytes: 'n/a' }),
        match('web', 'e4', 3 * MINUTE, { User: 'alice', bytes: '200' })
      ]
    )
    // 600 + 300 = 900 is not above 1000; + 200 = 1100 is, at e4.
    const hits = result.hits.get('exfil') ?? []
    expect(hits.map((hit) => hit.members.map((ref) => ref.eventId))).toEqual([['e1', 'e2', 'e3', 'e4']])
    expect(hits[0].value).toBe(1100)
  })

  it('value_avg averages only the numeric values of a complete window', () => {
    const rule = correlation({
      id: 'avg',
      type: 'value_avg',
      rules: ['net'],
      groupBy: ['Host'],
      timespanMs: HOUR,
      condition: { bounds: { gt: 500 }, fields: ['BytesOut'] }
    })
    const result = run(
      [rule],
      [
        match('net', 'a1', 0, { Host: 'A', BytesOut: 400 }),
        match('net', 'b1', 0, { Host: 'B', BytesOut: 600 }),
        match('net', 'a2', 10 * MINUTE, { Host: 'A', BytesOut: 700 }),
        match('net', 'a3', 20 * MINUTE, { Host: 'A', BytesOut: 'x' }),
        match('net', 'b2', 30 * MINUTE, { Host: 'B', BytesOut: 300 }),
        match('net', 'a4', 90 * MINUTE, { Host: 'A', BytesOut: 100 })
      ]
    )
    // A: window [0, 60 min] = a1, a2, a3 averages (400 + 700) / 2 = 550 > 500; a4 alone is 100.
    // B: (600 + 300) / 2 = 450, then 300 alone: never above 500.
    const hits = result.hits.get('avg') ?? []
    expect(hits.map((hit) => hit.members.map((ref) => ref.eventId))).toEqual([['a1', 'a2', 'a3']])
    expect(hits[0].value).toBe(550)
  })

  it('value_percentile reports each value whose share of the window fits, with its events', () => {
    const rule = correlation({
      id: 'rare',
      type: 'value_percentile',
      rules: ['proc'],
      groupBy: ['Computer'],
      timespanMs: DAY,
      condition: { bounds: { lte: 5 }, fields: ['Image'] }
    })
    const stream: RuleMatch<EventRef>[] = [
      ...Array.from({ length: 18 }, (_, i) =>
        match('proc', `s${i}`, i * MINUTE, { Computer: 'PC1', Image: 'svchost.exe' })
      ),
      match('proc', 'evil', 30 * MINUTE, { Computer: 'PC1', Image: 'evil.exe' }),
      match('proc', 'noimage', 31 * MINUTE, { Computer: 'PC1' }),
      ...Array.from({ length: 4 }, (_, i) =>
        match('proc', `t${i}`, i * MINUTE, { Computer: 'PC2', Image: 'svchost.exe' })
      ),
      match('proc', 'odd', 40 * MINUTE, { Computer: 'PC2', Image: 'odd.exe' })
    ].sort((a, b) => a.timestamp - b.timestamp)
    // PC1: 20 events, evil.exe is 1 of 20 = 5% (<= 5); svchost 18/20 = 90%. PC2: odd.exe is 1 of 5 = 20%.
    const hits = run([rule], stream).hits.get('rare') ?? []
    expect(hits.map((hit) => [hit.detail, hit.value, hit.members.map((ref) => ref.eventId)])).toEqual([
      ['evil.exe', 5, ['evil']]
    ])
  })
})
