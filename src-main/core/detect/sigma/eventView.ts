// How compiled Sigma rules see one event. Thousands of rules may read the same field of the same event
// (1,600 SigmaHQ rules test process creations), so the lower-cased value of each field and the keyword
// haystack are computed once per event and shared, keyed by a slot number each field reader owns.

import type { EventFieldValues, NormalisedEvent } from '../../../common/event'

export type FieldValue = string | number | undefined

/** The parts of an event Sigma rules read; a StoredEvent or a freshly parsed NormalisedEvent both fit. */
export type SigmaEvent = Pick<NormalisedEvent, 'timestamp' | 'fields' | 'extra' | 'raw'>

/** Reads one field of an event, as a field mapping resolved it. */
export type FieldGetter = (event: SigmaEvent) => FieldValue

export class EventView {
  event: SigmaEvent = { timestamp: 0, fields: {}, raw: '' }
  private stamp = 1
  private lowerStamps: Uint32Array
  private lowerValues: (string | undefined)[]
  private haystackStamp = 0
  private haystack = ''
  private loweredHaystack: string | undefined

  /** `rawHoldsEverything`: the raw record shows every value as written (a web or syslog line). */
  constructor(
    slots: number,
    private readonly rawHoldsEverything = false
  ) {
    this.lowerStamps = new Uint32Array(slots)
    this.lowerValues = new Array<string | undefined>(slots)
  }

  /** Points the view at the next event; everything cached for the previous one is forgotten. */
  reset(event: SigmaEvent): void {
    this.event = event
    this.stamp = this.stamp === 0xffffffff ? 1 : this.stamp + 1
    if (this.stamp === 1) this.lowerStamps.fill(0)
  }

  /** The field's value in lower case (numbers as their decimal text), computed once per event. */
  lower(slot: number, getter: FieldGetter): string | undefined {
    if (this.lowerStamps[slot] === this.stamp) return this.lowerValues[slot]
    const value = getter(this.event)
    const lowered = value === undefined ? undefined : String(value).toLowerCase()
    this.lowerStamps[slot] = this.stamp
    this.lowerValues[slot] = lowered
    return lowered
  }

  /**
   * Everything keyword searches look through: a line whose raw text shows every value as written is read
   * as it is; any other record (JSON, CSV, Zeek, auditd …) by its field values, unescaped and decoded, which
   * its parser keeps in full. `cased` searches get the original case.
   */
  keywordText(cased: boolean): string {
    if (this.haystackStamp !== this.stamp) {
      this.haystack = this.rawHoldsEverything ? this.event.raw : buildHaystack(this.event)
      this.haystackStamp = this.stamp
      this.loweredHaystack = undefined
    }
    if (cased) return this.haystack
    this.loweredHaystack ??= this.haystack.toLowerCase()
    return this.loweredHaystack
  }
}

function buildHaystack(event: SigmaEvent): string {
  const parts: string[] = []
  appendValues(parts, event.fields)
  if (event.extra !== undefined) appendValues(parts, event.extra)
  return parts.join('\n')
}

function appendValues(parts: string[], values: EventFieldValues | Record<string, string | number>): void {
  for (const key in values) {
    const value = (values as Record<string, string | number | undefined>)[key]
    if (value !== undefined) parts.push(String(value))
  }
}

/** Hands out one cache slot per distinct field reader while a rule set compiles. */
export class FieldSlots {
  private readonly slots = new Map<string, number>()

  slotFor(key: string): number {
    let slot = this.slots.get(key)
    if (slot === undefined) {
      slot = this.slots.size
      this.slots.set(key, slot)
    }
    return slot
  }

  get count(): number {
    return this.slots.size
  }
}
