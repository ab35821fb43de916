// The substitution array that follows a template instance: a count, a (size, type) pair per value, then the
// values. Slots of the template resolve against it; embedded Binary XML values are decoded as fragments.

import { EvtxDecodeError, type XmlNode } from './evtxTypes'
import { ValueType } from './binXmlTokens'
import type { Slot, SlotValue, SubstitutionValues } from './binXmlTemplates'
import { valueText } from './substitutionValues'
import { hex } from './binXmlCursor'
import type { ChunkBinXml } from './binXmlDecoder'

export class SubstitutionArray implements SubstitutionValues {
  constructor(
    private readonly decoder: ChunkBinXml | null,
    private readonly instanceAt: number,
    private readonly offsets: readonly number[],
    private readonly sizes: readonly number[],
    private readonly types: readonly number[],
    /** Chunk offset just past the last value. */
    readonly end: number,
    private readonly depth = 0
  ) {}

  /** The array at `at` (the count) of the template instance at `instanceAt`, within `limit`. */
  static read(
    decoder: ChunkBinXml,
    instanceAt: number,
    at: number,
    limit: number,
    depth: number
  ): SubstitutionArray {
    const { view } = decoder.chunk
    if (at + 4 > limit) {
      throw new EvtxDecodeError(
        at,
        `substitution count at ${hex(at)} of the template instance at ${hex(instanceAt)} is past its range (ends ${hex(limit)})`
      )
    }
    const count = view.getUint32(at, true)
    let valueAt = at + 4 + count * 4
    if (valueAt > limit) {
      throw new EvtxDecodeError(
        at,
        `${count} substitution values at ${hex(at)} do not fit before the end of the range at ${hex(limit)}`
      )
    }
    const offsets: number[] = new Array<number>(count)
    const sizes: number[] = new Array<number>(count)
    const types: number[] = new Array<number>(count)
    for (let index = 0; index < count; index++) {
      const size = view.getUint16(at + 4 + index * 4, true)
      offsets[index] = valueAt
      sizes[index] = size
      types[index] = view.getUint8(at + 6 + index * 4)
      valueAt += size
    }
    if (valueAt > limit) {
      throw new EvtxDecodeError(
        at,
        `the substitution values at ${hex(at)} end at ${hex(valueAt)}, past the end of their range at ${hex(limit)}`
      )
    }
    return new SubstitutionArray(decoder, instanceAt, offsets, sizes, types, valueAt, depth)
  }

  resolve(slot: Slot): SlotValue {
    const { index } = slot
    if (this.decoder === null) {
      throw new EvtxDecodeError(
        slot.at,
        `substitution at chunk offset ${hex(slot.at)} is outside any template instance`
      )
    }
    if (index >= this.types.length) {
      throw new EvtxDecodeError(
        slot.at,
        `substitution at chunk offset ${hex(slot.at)} asks for value ${index} but the template instance at ${hex(this.instanceAt)} has ${this.types.length}`
      )
    }
    const type = this.types[index]
    if (type === ValueType.null) return slot.optional ? null : ''
    if (type === ValueType.binXml) return this.embedded(index)
    return valueText(this.decoder.chunk, this.offsets[index], this.sizes[index], type)
  }

  private embedded(index: number): readonly XmlNode[] {
    const start = this.offsets[index]
    return (this.decoder as ChunkBinXml).fragment(start, start + this.sizes[index], this.depth + 1)
  }
}
