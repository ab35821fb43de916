// The literal prefilter of one rule bucket: every literal the bucket's rules require, one Aho–Corasick
// automaton per field, and for each literal the rules that need it. For each event it scans each field
// once and marks the rules whose literals occurred; only those (and rules that require nothing) are tried.

import type { EventView, FieldGetter } from './eventView'
import { LiteralAutomaton } from './literalAutomaton'
import type { LiteralRequirement } from './literalRequirements'

interface FieldScan {
  slot: number
  get: FieldGetter | null
  automaton: LiteralAutomaton
  /** literal id → indices of the rules that need it. */
  rulesByLiteral: Int32Array[]
}

/** Longer literals add automaton states but hardly tell more rules apart. */
const MAX_LITERAL_LENGTH = 12

export class LiteralPrefilter {
  private readonly scans: FieldScan[] = []
  private readonly unconditional: Uint8Array
  private readonly marks: Uint32Array
  private stamp = 0
  private readonly mark = (rules: Int32Array): void => {
    for (let index = 0; index < rules.length; index++) this.marks[rules[index]] = this.stamp
  }

  /** `requirements[i]` belongs to the bucket's rule i. */
  constructor(requirements: readonly LiteralRequirement[]) {
    this.unconditional = new Uint8Array(requirements.length)
    this.marks = new Uint32Array(requirements.length)
    const byField = new Map<number, { get: FieldGetter | null; literals: Map<string, number[]> }>()
    requirements.forEach((requirement, rule) => {
      if (requirement === null) {
        this.unconditional[rule] = 1
        return
      }
      for (const { slot, get, literal } of requirement) {
        // Any part of a required literal is required too: the tail keeps the automaton small, and the
        // end of a path or switch is the part that tells rules apart.
        const kept = literal.length > MAX_LITERAL_LENGTH ? literal.slice(-MAX_LITERAL_LENGTH) : literal
        let field = byField.get(slot)
        if (field === undefined) {
          field = { get, literals: new Map() }
          byField.set(slot, field)
        }
        const rules = field.literals.get(kept) ?? []
        if (rules.at(-1) !== rule) rules.push(rule)
        field.literals.set(kept, rules)
      }
    })
    for (const [slot, field] of byField) {
      this.scans.push({
        slot,
        get: field.get,
        automaton: new LiteralAutomaton([...field.literals.keys()]),
        rulesByLiteral: [...field.literals.values()].map((rules) => Int32Array.from(rules))
      })
    }
  }

  /** Scans the event's fields; afterwards `mayMatch(i)` says whether rule i is worth trying. */
  scan(view: EventView): void {
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1
    if (this.stamp === 1) this.marks.fill(0)
    for (const scan of this.scans) {
      const text = scan.get === null ? view.keywordText(false) : view.lower(scan.slot, scan.get)
      if (text === undefined || text === '') continue
      const { rulesByLiteral } = scan
      scan.automaton.scan(text, (literal) => this.mark(rulesByLiteral[literal]))
    }
  }

  mayMatch(rule: number): boolean {
    return this.unconditional[rule] === 1 || this.marks[rule] === this.stamp
  }
}
