// Counts why records were rejected or skipped, by kind: quoted details ('31/Feb/2026') are masked so
// similar reasons group together, and the first record of each kind is kept as its example. Tallies from
// the parallel parts of one import merge into one.

import type { RejectReasonCount } from '../../common/domain'

const MAX_KINDS = 1_000
const EXAMPLE_CHARS = 500

export interface TallyEntry {
  count: number
  example: { line: number; raw: string }
}

export class ReasonTally {
  private readonly kinds = new Map<string, TallyEntry>()

  /** Counts one record under its reason's kind; returns the reason unchanged, for storing with the record. */
  add(reason: string, line: number, raw: string): string {
    const kind = reason.replace(/'[^']*'/g, "'…'")
    const entry = this.kinds.get(kind)
    if (entry) {
      entry.count++
      if (line < entry.example.line) entry.example = example(line, raw)
    } else if (this.kinds.size < MAX_KINDS) {
      this.kinds.set(kind, { count: 1, example: example(line, raw) })
    }
    return reason
  }

  merge(entries: readonly [string, TallyEntry][]): void {
    for (const [kind, other] of entries) {
      const entry = this.kinds.get(kind)
      if (entry) {
        entry.count += other.count
        if (other.example.line < entry.example.line) entry.example = other.example
      } else if (this.kinds.size < MAX_KINDS) {
        this.kinds.set(kind, { ...other })
      }
    }
  }

  entries(): [string, TallyEntry][] {
    return [...this.kinds]
  }

  top(limit: number): RejectReasonCount[] {
    return [...this.kinds]
      .map(([reason, entry]) => ({ reason, count: entry.count, example: entry.example }))
      .sort((a, b) => b.count - a.count || a.example.line - b.example.line)
      .slice(0, limit)
  }
}

function example(line: number, raw: string): { line: number; raw: string } {
  return { line, raw: raw.length > EXAMPLE_CHARS ? `${raw.slice(0, EXAMPLE_CHARS)}…` : raw }
}
