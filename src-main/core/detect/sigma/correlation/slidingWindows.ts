// The two ways the count family slides a window of length timespan over each group's matches. A window
// never holds matches further apart than the timespan and is never cut at fixed clock boundaries. Both keep
// a per-group array with head/tail pointers and an incremental measure, so each match enters and leaves a
// window once.

import type { CorrelationJudge, EmitHit, SequencedMatch } from './correlationTypes'
import type { PlannedCorrelation } from './correlationPlan'
import type { Firing, WindowMeasure } from './windowMeasures'

interface GroupWindow<Ref> {
  /** Unconsumed matches from `head` on; the window being measured is items[head..tail). */
  items: SequencedMatch<Ref>[]
  head: number
  tail: number
  measure: WindowMeasure<Ref>
}

/** Past this many passed-over entries a group's array is compacted, so a long quiet stream frees memory. */
const COMPACT_AFTER = 4096

function compact<Ref>(group: GroupWindow<Ref>): void {
  if (group.head === group.items.length) {
    group.items = []
    group.head = group.tail = 0
  } else if (group.head > COMPACT_AFTER && group.head * 2 > group.items.length) {
    group.items = group.items.slice(group.head)
    group.tail -= group.head
    group.head = 0
  }
}

function groupWindow<Ref>(
  groups: Map<string, GroupWindow<Ref>>,
  key: string,
  newMeasure: () => WindowMeasure<Ref>
): GroupWindow<Ref> {
  let group = groups.get(key)
  if (group === undefined) {
    group = { items: [], head: 0, tail: 0, measure: newMeasure() }
    groups.set(key, group)
  }
  return group
}

/** Emits each firing of the window items[head..tail) and consumes the whole window if anything fired. */
function fire<Ref>(
  group: GroupWindow<Ref>,
  key: string,
  firings: readonly Firing<Ref>[],
  emit: EmitHit<Ref>
): boolean {
  if (firings.length === 0) return false
  for (const firing of firings) {
    emit(key, firing.members ?? group.items.slice(group.head, group.tail), firing.value, firing.detail)
  }
  group.measure.clear()
  group.head = group.tail
  return true
}

/**
 * For gt/gte conditions on measures that only grow with the window (event_count, value_count, value_sum):
 * at each arriving match the window is the group's unconsumed matches at most timespan older; it fires as
 * soon as the condition holds, and its matches are consumed.
 */
export function growingWindows<Ref>(
  plan: PlannedCorrelation,
  newMeasure: () => WindowMeasure<Ref>,
  emit: EmitHit<Ref>
): CorrelationJudge<Ref> {
  const span = plan.rule.timespanMs
  const groups = new Map<string, GroupWindow<Ref>>()
  return {
    add(entry, key) {
      const group = groupWindow(groups, key, newMeasure)
      const now = entry.match.timestamp
      group.items.push(entry)
      group.tail = group.items.length
      group.measure.add(entry)
      while (now - group.items[group.head].match.timestamp > span)
        group.measure.remove(group.items[group.head++])
      fire(group, key, group.measure.judge(group.items, group.head, group.tail), emit)
      compact(group)
    },
    finish() {}
  }
}

/**
 * For every other condition: for each unconsumed match e of a group in order, the window is the group's
 * unconsumed matches from e to e + timespan. It is judged once it is complete (a later match of the group
 * is past e + timespan, or the input ended). If it fires its matches are consumed; otherwise the window
 * moves to the next match with a later timestamp (matches sharing e's timestamp share e's window).
 */
export function completeWindows<Ref>(
  plan: PlannedCorrelation,
  newMeasure: () => WindowMeasure<Ref>,
  emit: EmitHit<Ref>
): CorrelationJudge<Ref> {
  const span = plan.rule.timespanMs
  const groups = new Map<string, GroupWindow<Ref>>()
  const settle = (group: GroupWindow<Ref>, key: string, now: number): void => {
    const { items } = group
    while (group.head < items.length) {
      const start = items[group.head].match.timestamp
      if (start + span >= now) break
      while (group.tail < items.length && items[group.tail].match.timestamp - start <= span) {
        group.measure.add(items[group.tail++])
      }
      if (fire(group, key, group.measure.judge(items, group.head, group.tail), emit)) continue
      while (group.head < group.tail && items[group.head].match.timestamp === start) {
        group.measure.remove(items[group.head++])
      }
    }
    compact(group)
  }
  return {
    add(entry, key) {
      const group = groupWindow(groups, key, newMeasure)
      settle(group, key, entry.match.timestamp)
      group.items.push(entry)
    },
    finish() {
      for (const [key, group] of groups) settle(group, key, Infinity)
    }
  }
}
