// temporal and temporal_ordered: several rules matching for the same group close together in time.
//
// - temporal: at each arriving match, the window is the group's unconsumed matches at most timespan older.
//   Without a condition every referenced rule must have a match in it; with one (gt/gte only) the number of
//   distinct rules that do must satisfy it. It fires at the match that completes it; the members are every
//   window match of those rules, and they are consumed.
// - temporal_ordered: the referenced rules match in the order written (strictly later input positions,
//   timestamps non-decreasing), first to last within timespan, same group. Per group and prefix length only
//   the chain with the latest start is kept, so an early lone first-rule match cannot stretch the window.
//   A match of a rule listed at several steps is tried from the last step down, so it never chains with
//   itself. The members are the chain's matches; they are consumed, and kept prefixes sharing them dropped.

import type { CorrelationJudge, EmitHit, SequencedMatch } from './correlationTypes'
import type { PlannedCorrelation } from './correlationPlan'
import { mergeBySequence } from './correlationHits'

/** One rule's unconsumed matches in a group; those before `head` have left the window. */
interface RuleQueue<Ref> {
  items: SequencedMatch<Ref>[]
  head: number
}

/** Drops matches more than `span` before `now`; says whether any is left. */
function slide<Ref>(queue: RuleQueue<Ref>, now: number, span: number): boolean {
  while (queue.head < queue.items.length && now - queue.items[queue.head].match.timestamp > span) queue.head++
  if (queue.head === queue.items.length) {
    queue.items = []
    queue.head = 0
    return false
  }
  if (queue.head > 4096 && queue.head * 2 > queue.items.length) {
    queue.items = queue.items.slice(queue.head)
    queue.head = 0
  }
  return true
}

export function temporalJudge<Ref>(plan: PlannedCorrelation, emit: EmitHit<Ref>): CorrelationJudge<Ref> {
  const span = plan.rule.timespanMs
  const ruleIndex = new Map(plan.referenced.map((id, index) => [id, index]))
  const groups = new Map<string, RuleQueue<Ref>[]>()
  const emptyQueues = (): RuleQueue<Ref>[] => plan.referenced.map(() => ({ items: [], head: 0 }))
  return {
    add(entry, key) {
      let queues = groups.get(key)
      if (queues === undefined) groups.set(key, (queues = emptyQueues()))
      queues[ruleIndex.get(entry.match.ruleId) ?? 0].items.push(entry)
      const now = entry.match.timestamp
      let present = 0
      for (const queue of queues) if (slide(queue, now, span)) present++
      if (!plan.accepts(present)) return
      emit(key, mergeBySequence(queues.map((queue) => queue.items.slice(queue.head))), present)
      groups.set(key, emptyQueues())
    },
    finish() {}
  }
}

interface Chain<Ref> {
  entries: SequencedMatch<Ref>[]
  start: number
}

export function temporalOrderedJudge<Ref>(
  plan: PlannedCorrelation,
  emit: EmitHit<Ref>
): CorrelationJudge<Ref> {
  const span = plan.rule.timespanMs
  const stepCount = plan.steps.length
  const stepsOf = new Map<string, number[]>()
  plan.steps.forEach((id, step) => stepsOf.set(id, [step, ...(stepsOf.get(id) ?? [])]))
  /** Per group, index n holds the kept chain matching steps 0..n-1 (index 0 unused). */
  const groups = new Map<string, (Chain<Ref> | undefined)[]>()
  return {
    add(entry, key) {
      let chains = groups.get(key)
      if (chains === undefined) groups.set(key, (chains = new Array<Chain<Ref> | undefined>(stepCount)))
      const now = entry.match.timestamp
      for (const step of stepsOf.get(entry.match.ruleId) ?? []) {
        let chain: Chain<Ref> = { entries: [entry], start: now }
        if (step > 0) {
          const prefix = chains[step]
          if (prefix === undefined || now - prefix.start > span) continue
          chain = { entries: [...prefix.entries, entry], start: prefix.start }
        }
        if (step + 1 === stepCount) {
          emit(key, chain.entries, plan.referenced.length)
          const consumed = new Set(chain.entries)
          for (let n = 1; n < stepCount; n++) {
            if (chains[n]?.entries.some((member) => consumed.has(member))) chains[n] = undefined
          }
          return
        }
        const kept = chains[step + 1]
        if (kept === undefined || chain.start >= kept.start) chains[step + 1] = chain
      }
    },
    finish() {}
  }
}
