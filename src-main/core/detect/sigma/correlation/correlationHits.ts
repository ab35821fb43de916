// Builds hits from the matches a correlation fired on, and feeds hits on to outer correlations. A hit's
// members are its member events flattened through chained correlations, in time order, each event once;
// as a match for an outer correlation it is dated at its last member and exposes only its group values.

import type { CorrelationHit, SequencedHit, SequencedMatch } from './correlationTypes'

export function buildHit<Ref>(
  correlationId: string,
  group: Record<string, string | number>,
  window: readonly SequencedMatch<Ref>[],
  value: number,
  detail: string | undefined,
  refKey: (ref: Ref) => string
): SequencedHit<Ref> {
  const refs: Ref[] = []
  const times: number[] = []
  let seq = -1
  let sorted = true
  for (const entry of window) {
    seq = Math.max(seq, entry.seq)
    for (let i = 0; i < entry.match.refs.length; i++) {
      const time = entry.memberTimes?.[i] ?? entry.match.timestamp
      if (times.length > 0 && time < times[times.length - 1]) sorted = false
      refs.push(entry.match.refs[i])
      times.push(time)
    }
  }
  // Only chained hits can bring members out of time order; a stable sort keeps ties in window order.
  const order = sorted ? undefined : refs.map((_, index) => index).sort((a, b) => times[a] - times[b])
  const seen = new Set<string>()
  const members: Ref[] = []
  const memberTimes: number[] = []
  for (let position = 0; position < refs.length; position++) {
    const index = order === undefined ? position : order[position]
    const key = refKey(refs[index])
    if (seen.has(key)) continue
    seen.add(key)
    members.push(refs[index])
    memberTimes.push(times[index])
  }
  const firstSeen = memberTimes[0] ?? window[0].match.timestamp
  const lastSeen = memberTimes[memberTimes.length - 1] ?? window[window.length - 1].match.timestamp
  const hit: CorrelationHit<Ref> = { correlationId, group, firstSeen, lastSeen, members, value }
  if (detail !== undefined) hit.detail = detail
  return { hit, seq, memberTimes }
}

/** A hit as an outer correlation sees it: dated at its last member, its fields are its group values. */
export function hitAsMatch<Ref>({ hit, seq, memberTimes }: SequencedHit<Ref>): SequencedMatch<Ref> {
  const match = {
    ruleId: hit.correlationId,
    timestamp: hit.lastSeen,
    refs: hit.members,
    field: (name: string) => (Object.hasOwn(hit.group, name) ? hit.group[name] : undefined)
  }
  return { match, seq, memberTimes }
}

/**
 * Merges lists that are each in input order into one. Equal positions (a detection match and the hit it
 * completed) keep the order of the lists, so callers pass detection matches first.
 */
export function mergeBySequence<Ref>(
  lists: readonly (readonly SequencedMatch<Ref>[])[]
): readonly SequencedMatch<Ref>[] {
  const nonEmpty = lists.filter((list) => list.length > 0)
  if (nonEmpty.length === 1) return nonEmpty[0]
  const merged: SequencedMatch<Ref>[] = []
  const next = nonEmpty.map(() => 0)
  for (;;) {
    let pick = -1
    for (let i = 0; i < nonEmpty.length; i++) {
      if (next[i] === nonEmpty[i].length) continue
      if (pick === -1 || nonEmpty[i][next[i]].seq < nonEmpty[pick][next[pick]].seq) pick = i
    }
    if (pick === -1) return merged
    merged.push(nonEmpty[pick][next[pick]++])
  }
}
