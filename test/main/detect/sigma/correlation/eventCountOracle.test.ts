import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { BASE, correlation, match, run, type EventRef } from './correlationFixtures'
import type { RuleMatch } from '../../../../../src-main/core/detect/sigma/correlation/runCorrelations'

/**
 * The oracle, straight from the definition: a group fires iff some `threshold` of its events have the
 * last at most `timespan` after the first. Checked over every pair (i, j) of the group's events in time
 * order: events i..j span j - i + 1 events within t[j] - t[i].
 */
function groupsThatFire(
  events: { user: string; time: number }[],
  threshold: number,
  timespan: number
): string[] {
  const firing = new Set<string>()
  for (const user of new Set(events.map((event) => event.user))) {
    const times = events.filter((event) => event.user === user).map((event) => event.time)
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < times.length; j++) {
        if (j - i + 1 >= threshold && times[j] - times[i] <= timespan) firing.add(user)
      }
    }
  }
  return [...firing].sort()
}

const streams = fc.array(fc.record({ user: fc.constantFrom('u1', 'u2', 'u3'), gap: fc.nat({ max: 6 }) }), {
  maxLength: 30
})

describe('event_count against a brute-force oracle', () => {
  it('agrees on which groups fire, and every hit is a valid window', () => {
    fc.assert(
      fc.property(
        streams,
        fc.integer({ min: 1, max: 5 }),
        fc.nat({ max: 10 }),
        (steps, threshold, timespan) => {
          let time = 0
          const events = steps.map(({ user, gap }) => ({ user, time: (time += gap) }))
          const matches: RuleMatch<EventRef>[] = events.map((event, i) =>
            match('R', `e${i}`, event.time, { User: event.user })
          )
          const rule = correlation({
            id: 'count',
            type: 'event_count',
            rules: ['R'],
            timespanMs: timespan,
            condition: { bounds: { gte: threshold }, fields: [] }
          })
          const hits = run([rule], matches, {}, ['R']).hits.get('count') ?? []
          const fired = [...new Set(hits.map((hit) => String(hit.group.User)))].sort()
          expect(fired).toEqual(groupsThatFire(events, threshold, timespan))
          const seen = new Set<string>()
          for (const hit of hits) {
            expect(hit.members.length).toBeGreaterThanOrEqual(threshold)
            expect(hit.lastSeen - hit.firstSeen).toBeLessThanOrEqual(timespan)
            for (const ref of hit.members) {
              const index = Number(ref.eventId.slice(1))
              expect(events[index].user).toBe(hit.group.User)
              expect(BASE + events[index].time).toBeGreaterThanOrEqual(hit.firstSeen)
              expect(seen.has(ref.eventId)).toBe(false)
              seen.add(ref.eventId)
            }
          }
        }
      ),
      { numRuns: 500 }
    )
  })
})
