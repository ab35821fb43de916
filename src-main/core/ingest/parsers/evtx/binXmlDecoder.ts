// Decodes the Binary XML of a chunk's records into element trees. One ChunkBinXml per chunk holds what its
// records share: names and template definitions, cached by chunk offset and compiled once, so each record
// costs little more than reading its substitution values. Referenced definitions are read straight from their
// offset, so a damaged earlier record does not spoil the records after it.

import { EvtxDecodeError, type XmlElement, type XmlNode } from './evtxTypes'
import { NAME_OVERHEAD, TEMPLATE_HEADER_SIZE, Token } from './binXmlTokens'
import { MAX_DEPTH, compileFragment } from './binXmlCompiler'
import { hex, type BinXmlContext } from './binXmlCursor'
import { instantiate, type CompiledNode } from './binXmlTemplates'
import { SubstitutionArray } from './binXmlSubstitutions'
import { utf16Text } from './binXmlStrings'
import type { ChunkBytes } from './binXmlValueFormats'

/** Substitutions outside any template instance have no values: every slot is an index past the array. */
const NO_VALUES = new SubstitutionArray(null, 0, [], [], [], 0)

export class ChunkBinXml implements BinXmlContext {
  readonly chunk: ChunkBytes
  private readonly names = new Map<number, string>()
  /** Compiled definitions by chunk offset, with the template id stored there (checked on every use). */
  private readonly templates = new Map<number, { id: number; nodes: readonly CompiledNode[] }>()
  private readonly compiling = new Set<number>()

  constructor(chunk: Uint8Array) {
    this.chunk = { bytes: chunk, view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength) }
  }

  /** The root element of the Binary XML in [start, end) of the chunk (a record's event). */
  decode(start: number, end: number): XmlElement {
    if (start < 0 || end > this.chunk.bytes.length || start >= end) {
      throw new EvtxDecodeError(
        start,
        `Binary XML range ${hex(start)}–${hex(end)} is empty or outside the chunk of ${this.chunk.bytes.length} bytes`
      )
    }
    const root = this.fragment(start, end, 0).find(
      (node) => typeof node !== 'string' && node.kind === 'element'
    )
    if (root === undefined)
      throw new EvtxDecodeError(start, `no element in the Binary XML at ${hex(start)}–${hex(end)}`)
    return root as XmlElement
  }

  /**
   * False when the Binary XML in [start, end) opens with a template instance whose definition, stored
   * elsewhere in the chunk, now has another id: a stale slack record whose template was overwritten,
   * which cannot be decoded. A quick look at a few bytes, so such records cost no failed decode.
   */
  hasCurrentTemplate(start: number, end: number): boolean {
    const { bytes, view } = this.chunk
    const instance = start + 4
    if (end > bytes.length || instance + 10 > end) return true
    if (bytes[start] !== Token.fragmentHeader || bytes[instance] !== Token.templateInstance) return true
    const definition = view.getUint32(instance + 6, true)
    if (definition === instance + 10 || definition + TEMPLATE_HEADER_SIZE > bytes.length) return true
    return view.getUint32(definition + 4, true) === view.getUint32(instance + 2, true)
  }

  /** The nodes of a fragment: a record's Binary XML or an embedded Binary XML value. */
  fragment(start: number, end: number, depth: number): XmlNode[] {
    const nodes: XmlNode[] = []
    instantiate(compileFragment(this, start, end, depth, false), NO_VALUES, nodes)
    return nodes
  }

  name(offset: number, at: number): string {
    const cached = this.names.get(offset)
    if (cached !== undefined) return cached
    const { bytes, view } = this.chunk
    if (offset + NAME_OVERHEAD > bytes.length) {
      throw new EvtxDecodeError(
        at,
        `name offset ${hex(offset)} at chunk offset ${hex(at)} is outside the chunk`
      )
    }
    const length = view.getUint16(offset + 6, true)
    if (offset + NAME_OVERHEAD + length * 2 > bytes.length) {
      throw new EvtxDecodeError(
        at,
        `the name at chunk offset ${hex(offset)} (referred to at ${hex(at)}) claims ${length} characters, past the end of the chunk`
      )
    }
    const name = utf16Text(bytes, offset + 8, length)
    this.names.set(offset, name)
    return name
  }

  templateInstance(at: number, limit: number, depth: number): { nodes: XmlNode[]; end: number } {
    if (depth > MAX_DEPTH) {
      throw new EvtxDecodeError(at, `template instances nest deeper than ${MAX_DEPTH} levels at ${hex(at)}`)
    }
    if (at + 10 > limit) {
      throw new EvtxDecodeError(
        at,
        `template instance at ${hex(at)} needs 10 bytes but its range ends at ${hex(limit)}`
      )
    }
    const { view } = this.chunk
    const definition = view.getUint32(at + 6, true)
    let valuesAt = at + 10
    if (definition === valuesAt) {
      if (definition + TEMPLATE_HEADER_SIZE > limit) {
        throw new EvtxDecodeError(
          at,
          `template definition at ${hex(definition)} is cut off by the end of its range at ${hex(limit)}`
        )
      }
      valuesAt = definition + TEMPLATE_HEADER_SIZE + view.getUint32(definition + 20, true)
    }
    const template = this.template(definition, view.getUint32(at + 2, true), at, depth)
    const values = SubstitutionArray.read(this, at, valuesAt, limit, depth)
    const nodes: XmlNode[] = []
    instantiate(template, values, nodes)
    return { nodes, end: values.end }
  }

  /**
   * The compiled definition at `offset`, from the cache or read and compiled now. The instance's template
   * id must be the definition's: a stale record in slack space may point at an offset where another
   * template now stands, and reading it through that one would give garbage.
   */
  private template(offset: number, id: number, at: number, depth: number): readonly CompiledNode[] {
    const cached = this.templates.get(offset)
    if (cached !== undefined && cached.id === id) return cached.nodes
    const { bytes, view } = this.chunk
    if (offset + TEMPLATE_HEADER_SIZE > bytes.length) {
      throw new EvtxDecodeError(
        at,
        `template instance at ${hex(at)} refers to a definition at ${hex(offset)}, outside the chunk`
      )
    }
    const storedId = view.getUint32(offset + 4, true)
    if (storedId !== id) {
      throw new EvtxDecodeError(
        at,
        `template instance at ${hex(at)} expects template id ${hex(id)} but the definition at ${hex(offset)} has ${hex(storedId)}`
      )
    }
    const start = offset + TEMPLATE_HEADER_SIZE
    const end = start + view.getUint32(offset + 20, true)
    if (end > bytes.length) {
      throw new EvtxDecodeError(
        at,
        `template definition at ${hex(offset)} claims ${end - start} bytes, past the end of the chunk`
      )
    }
    if (this.compiling.has(offset)) {
      throw new EvtxDecodeError(at, `template definition at ${hex(offset)} contains an instance of itself`)
    }
    this.compiling.add(offset)
    try {
      const compiled = compileFragment(this, start, end, depth, true)
      this.templates.set(offset, { id, nodes: compiled })
      return compiled
    } finally {
      this.compiling.delete(offset)
    }
  }
}
