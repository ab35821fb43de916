// What the count family measures over a window, kept incrementally as matches enter and leave it so a
// sliding window never rescans its members: a count, distinct values, a sum, an average, or how rare each
// value is. `judge` says whether the window fires and with which value(s).

import type { SequencedMatch } from './correlationTypes'
import type { PlannedCorrelation } from './correlationPlan'
import { fieldReader, numericValue, valueKeyReader, valueLabel } from './matchFields'

export interface Firing<Ref> {
  value: number
  detail?: string
  /** The window's matches this firing is about; absent means all of them. */
  members?: SequencedMatch<Ref>[]
}

export interface WindowMeasure<Ref> {
  add(entry: SequencedMatch<Ref>): void
  remove(entry: SequencedMatch<Ref>): void
  clear(): void
  /** Judges the window items[start..end), which is exactly what has been added and not removed. */
  judge(items: readonly SequencedMatch<Ref>[], start: number, end: number): readonly Firing<Ref>[]
}

const NO_FIRING: readonly never[] = []
/** value_count details list at most this many values; a window of 10,000 users stays readable. */
const LISTED_VALUES = 20

function eventCount<Ref>(plan: PlannedCorrelation): WindowMeasure<Ref> {
  let count = 0
  return {
    add: () => void count++,
    remove: () => void count--,
    clear: () => void (count = 0),
    judge: () => (plan.accepts(count) ? [{ value: count }] : NO_FIRING)
  }
}

/** Occurrences per distinct value (or tuple) of the condition fields; matches lacking one add nothing. */
function valueCounter<Ref>(plan: PlannedCorrelation) {
  const keyOf = valueKeyReader(plan, plan.rule.condition?.fields ?? [])
  const counts = new Map<string, number>()
  return {
    keyOf,
    counts,
    add(entry: SequencedMatch<Ref>): [string, number] | undefined {
      const key = keyOf(entry.match)
      if (key === undefined) return undefined
      const count = (counts.get(key) ?? 0) + 1
      counts.set(key, count)
      return [key, count]
    },
    remove(entry: SequencedMatch<Ref>): [string, number] | undefined {
      const key = keyOf(entry.match)
      if (key === undefined) return undefined
      const count = (counts.get(key) ?? 0) - 1
      if (count <= 0) counts.delete(key)
      else counts.set(key, count)
      return [key, count]
    }
  }
}

function valueCount<Ref>(plan: PlannedCorrelation): WindowMeasure<Ref> {
  const counter = valueCounter<Ref>(plan)
  const fields = plan.rule.condition?.fields ?? []
  const detail = (): string => {
    const labels = [...counter.counts.keys()]
      .slice(0, LISTED_VALUES)
      .map((key) => valueLabel(key, fields.length))
    const more = counter.counts.size - labels.length
    return `${fields.join(', ')}: ${labels.join(', ')}${more > 0 ? ` and ${more} more` : ''}`
  }
  return {
    add: (entry) => void counter.add(entry),
    remove: (entry) => void counter.remove(entry),
    clear: () => counter.counts.clear(),
    judge: () =>
      plan.accepts(counter.counts.size) ? [{ value: counter.counts.size, detail: detail() }] : NO_FIRING
  }
}

/** value_sum and value_avg: the numeric values of the one condition field; other values are ignored. */
function numericTotal<Ref>(plan: PlannedCorrelation, average: boolean): WindowMeasure<Ref> {
  const field = plan.rule.condition?.fields[0] ?? ''
  const read = fieldReader(plan, field)
  let sum = 0
  let numbers = 0
  const change = (entry: SequencedMatch<Ref>, sign: 1 | -1): void => {
    const value = numericValue(read(entry.match))
    if (value === undefined) return
    numbers += sign
    // Resetting when the last number leaves keeps float error from piling up over a long stream.
    sum = numbers === 0 ? 0 : sum + sign * value
  }
  return {
    add: (entry) => change(entry, 1),
    remove: (entry) => change(entry, -1),
    clear: () => void ((sum = 0), (numbers = 0)),
    judge: () => {
      if (!average) return plan.accepts(sum) ? [{ value: sum, detail: `${field}: sum ${sum}` }] : NO_FIRING
      if (numbers === 0) return NO_FIRING
      const mean = sum / numbers
      return plan.accepts(mean)
        ? [{ value: mean, detail: `${field}: average ${mean} of ${numbers} values` }]
        : NO_FIRING
    }
  }
}

/**
 * value_percentile: each distinct value's share of the window's events (all of them, with or without the
 * field). `levels` counts how many values occur exactly c times, so finding whether any share fits the
 * condition looks at O(√window) levels instead of every value.
 */
function valuePercentile<Ref>(plan: PlannedCorrelation): WindowMeasure<Ref> {
  const counter = valueCounter<Ref>(plan)
  const fieldCount = plan.rule.condition?.fields.length ?? 0
  const levels = new Map<number, number>()
  let events = 0
  const shift = (from: number, to: number): void => {
    if (from > 0) {
      const left = (levels.get(from) ?? 0) - 1
      if (left === 0) levels.delete(from)
      else levels.set(from, left)
    }
    if (to > 0) levels.set(to, (levels.get(to) ?? 0) + 1)
  }
  const share = (count: number): number => (100 * count) / events
  return {
    add(entry) {
      events++
      const changed = counter.add(entry)
      if (changed !== undefined) shift(changed[1] - 1, changed[1])
    },
    remove(entry) {
      events--
      const changed = counter.remove(entry)
      if (changed !== undefined) shift(changed[1] + 1, changed[1])
    },
    clear() {
      events = 0
      counter.counts.clear()
      levels.clear()
    },
    judge(items, start, end) {
      let anyFits = false
      for (const count of levels.keys()) if ((anyFits = plan.accepts(share(count)))) break
      if (!anyFits) return NO_FIRING
      const byValue = new Map<string, SequencedMatch<Ref>[]>()
      for (let i = start; i < end; i++) {
        const key = counter.keyOf(items[i].match)
        if (key === undefined || !plan.accepts(share(counter.counts.get(key) ?? 0))) continue
        const members = byValue.get(key)
        if (members === undefined) byValue.set(key, [items[i]])
        else members.push(items[i])
      }
      return [...byValue].map(([key, members]) => ({
        value: share(members.length),
        detail: valueLabel(key, fieldCount),
        members
      }))
    }
  }
}

/** A fresh measure for one group's window. */
export function measureFactory<Ref>(plan: PlannedCorrelation): () => WindowMeasure<Ref> {
  switch (plan.rule.type) {
    case 'value_count':
      return () => valueCount(plan)
    case 'value_sum':
      return () => numericTotal(plan, false)
    case 'value_avg':
      return () => numericTotal(plan, true)
    case 'value_percentile':
      return () => valuePercentile(plan)
    case 'event_count':
    default:
      return () => eventCount(plan)
  }
}
