// What an event must contain for a rule to have any chance of matching: a set of (field, literal) pairs of
// which at least one must occur, the literal inside the field's lower-cased value. Derived from the
// compiled detection (an AND needs only its most selective part, an OR needs one from every branch, a
// NOT or a test without literal text needs nothing), it lets the index skip, with one Aho–Corasick pass
// per field, the rules whose literals an event does not contain.

import type { FieldGetter } from './eventView'

export interface LiteralTerm {
  /** The field's cache slot, or -1 for the keyword text of the whole event. */
  slot: number
  get: FieldGetter | null
  /** Lower case. */
  literal: string
  /** The literal is the field's whole value (an exact match), not a part of it. */
  exact: boolean
}

/** null: no literal is required (the rule must always be tried). */
export type LiteralRequirement = readonly LiteralTerm[] | null

export const NO_REQUIREMENT: LiteralRequirement = null

/** Any branch may match, so each must bring its own literal. */
export function eitherRequirement(branches: readonly LiteralRequirement[]): LiteralRequirement {
  if (branches.length === 0 || branches.some((branch) => branch === null)) return null
  return (branches as (readonly LiteralTerm[])[]).flat()
}

/** Every part must match, so the most selective part's literals are enough. */
export function everyRequirement(parts: readonly LiteralRequirement[]): LiteralRequirement {
  let best: LiteralRequirement = null
  for (const part of parts) {
    if (part === null) continue
    if (best === null || selectivity(part) > selectivity(best)) best = part
  }
  return best
}

/**
 * Longer shortest literals filter better; among equals, fewer terms do. Whole values count for less: a field
 * compared whole (a method, a status code, an event id) usually holds few distinct values, so 'get' or
 * '200' lets most events through where a fragment of a URL or command line of the same length would not.
 */
function selectivity(terms: readonly LiteralTerm[]): number {
  const shortest = Math.min(...terms.map((term) => term.literal.length))
  const weight = terms.every((term) => term.exact) ? 250 : 1000
  return shortest * weight - terms.length
}
