// Writes Binary XML the way Windows lays it out in a chunk, for unit tests and for anyone building synthetic
// EVTX files: names stored inline on first use and referenced after, template definitions inline on first
// instance and referenced by chunk offset after, substitution arrays of any value type, every token.

import { ARRAY_FLAG, Token, ValueType } from '../../../src-main/core/ingest/parsers/evtx/binXmlTokens'

export const CHUNK_SIZE = 65536

/** What to write: an element, text and references, CDATA, a processing instruction or a substitution. */
export type BxNode =
  | { element: string; attributes?: BxAttribute[]; children?: BxNode[]; empty?: boolean }
  | { text: string }
  | { charRef: number }
  | { entityRef: string }
  | { cdata: string }
  | { pi: string; data?: string }
  | { substitution: number; optional?: boolean; type?: number }
  | { templateInstance: BxTemplate; values: BxValue[] }

/** An attribute: its value is text, references and substitutions in order. */
export interface BxAttribute {
  name: string
  value: BxNode[]
}

/** A template definition; written inline by its first instance, referenced by later ones. */
export interface BxTemplate {
  id: number
  nodes: BxNode[]
}

/** A substitution value: its type and how to write its bytes (the size is measured). */
export interface BxValue {
  type: number
  write(builder: BinXmlBuilder): void
}

/** Windows' name hash: h = h * 65599 + code unit, kept to 16 bits. */
export function nameHash(name: string): number {
  let hash = 0
  for (let index = 0; index < name.length; index++)
    hash = (Math.imul(hash, 65599) + name.charCodeAt(index)) >>> 0
  return hash & 0xffff
}

export class BinXmlBuilder {
  readonly chunk = new Uint8Array(CHUNK_SIZE)
  private readonly view = new DataView(this.chunk.buffer)
  private readonly names = new Map<string, number>()
  private readonly templates = new Map<BxTemplate, number>()

  /** `offset`: where in the chunk writing starts (records start at 512; their Binary XML 24 bytes later). */
  constructor(public offset = 512 + 24) {}

  u8(value: number): this {
    this.chunk[this.offset++] = value
    return this
  }

  u16(value: number): this {
    this.view.setUint16(this.offset, value, true)
    this.offset += 2
    return this
  }

  u32(value: number): this {
    this.view.setUint32(this.offset, value >>> 0, true)
    this.offset += 4
    return this
  }

  u64(value: bigint): this {
    this.view.setBigUint64(this.offset, BigInt.asUintN(64, value), true)
    this.offset += 8
    return this
  }

  bytes(bytes: ArrayLike<number>): this {
    this.chunk.set(bytes, this.offset)
    this.offset += bytes.length
    return this
  }

  utf16(text: string): this {
    for (let index = 0; index < text.length; index++) this.u16(text.charCodeAt(index))
    return this
  }

  fragmentHeader(): this {
    return this.u8(Token.fragmentHeader).u8(1).u8(1).u8(0)
  }

  endOfStream(): this {
    return this.u8(Token.endOfStream)
  }

  /** A whole record payload: fragment header, the nodes, end of stream. Returns its range in the chunk. */
  record(nodes: BxNode[]): { start: number; end: number } {
    const start = this.offset
    this.fragmentHeader()
    for (const node of nodes) this.node(node)
    this.endOfStream()
    return { start, end: this.offset }
  }

  /** A name offset: the name itself follows when this is its first use in the chunk. */
  name(name: string): this {
    const known = this.names.get(name)
    if (known !== undefined) return this.u32(known)
    const at = this.offset + 4
    this.names.set(name, at)
    return this.u32(at).u32(0).u16(nameHash(name)).u16(name.length).utf16(name).u16(0)
  }

  node(node: BxNode): this {
    if ('element' in node) return this.element(node)
    if ('text' in node)
      return this.u8(Token.value).u8(ValueType.wString).u16(node.text.length).utf16(node.text)
    if ('charRef' in node) return this.u8(Token.characterReference).u16(node.charRef)
    if ('entityRef' in node) return this.u8(Token.entityReference).name(node.entityRef)
    if ('cdata' in node) return this.u8(Token.cdataSection).u16(node.cdata.length).utf16(node.cdata)
    if ('pi' in node) {
      this.u8(Token.piTarget).name(node.pi)
      return node.data === undefined ? this : this.u8(Token.piData).u16(node.data.length).utf16(node.data)
    }
    if ('substitution' in node) {
      const token = node.optional === true ? Token.optionalSubstitution : Token.normalSubstitution
      return this.u8(token)
        .u16(node.substitution)
        .u8(node.type ?? ValueType.wString)
    }
    return this.templateInstance(node.templateInstance, node.values)
  }

  private element(node: Extract<BxNode, { element: string }>): this {
    const attributes = node.attributes ?? []
    this.u8(Token.openStartElement | (attributes.length > 0 ? 0x40 : 0)).u16(0xffff)
    const sizeAt = this.offset
    this.u32(0).name(node.element)
    if (attributes.length > 0) {
      const listAt = this.offset
      this.u32(0)
      attributes.forEach((attribute, index) => {
        this.u8(Token.attribute | (index < attributes.length - 1 ? 0x40 : 0)).name(attribute.name)
        for (const part of attribute.value) this.node(part)
      })
      this.view.setUint32(listAt, this.offset - listAt - 4, true)
    }
    const children = node.children ?? []
    if (children.length === 0 && node.empty !== false) this.u8(Token.closeEmptyElement)
    else {
      this.u8(Token.closeStartElement)
      for (const child of children) this.node(child)
      this.u8(Token.endElement)
    }
    this.view.setUint32(sizeAt, this.offset - sizeAt - 4, true)
    return this
  }

  /** A template instance: the definition inline on first use, then the substitution array. */
  templateInstance(template: BxTemplate, values: BxValue[]): this {
    const known = this.templates.get(template)
    this.u8(Token.templateInstance).u8(1).u32(template.id)
    if (known !== undefined) this.u32(known)
    else {
      const at = this.offset + 4
      this.templates.set(template, at)
      this.u32(at).u32(0).u32(template.id).bytes(new Uint8Array(12))
      const sizeAt = this.offset
      this.u32(0).fragmentHeader()
      for (const node of template.nodes) this.node(node)
      this.endOfStream()
      this.view.setUint32(sizeAt, this.offset - sizeAt - 4, true)
    }
    return this.substitutionArray(values)
  }

  substitutionArray(values: BxValue[]): this {
    this.u32(values.length)
    const descriptorsAt = this.offset
    for (const value of values) this.u16(0).u8(value.type).u8(0)
    values.forEach((value, index) => {
      const start = this.offset
      value.write(this)
      this.view.setUint16(descriptorsAt + index * 4, this.offset - start, true)
    })
    return this
  }
}

const fixed = (type: number, write: (builder: BinXmlBuilder) => void): BxValue => ({ type, write })

/** Substitution values of every type, written as Windows writes them. */
export const value = {
  null: (): BxValue => fixed(ValueType.null, () => undefined),
  wString: (text: string): BxValue => fixed(ValueType.wString, (b) => b.utf16(text)),
  ansiString: (bytes: number[]): BxValue => fixed(ValueType.ansiString, (b) => b.bytes(bytes)),
  int8: (n: number): BxValue => fixed(ValueType.int8, (b) => b.u8(n & 0xff)),
  uInt8: (n: number): BxValue => fixed(ValueType.uInt8, (b) => b.u8(n)),
  int16: (n: number): BxValue => fixed(ValueType.int16, (b) => b.u16(n & 0xffff)),
  uInt16: (n: number): BxValue => fixed(ValueType.uInt16, (b) => b.u16(n)),
  int32: (n: number): BxValue => fixed(ValueType.int32, (b) => b.u32(n)),
  uInt32: (n: number): BxValue => fixed(ValueType.uInt32, (b) => b.u32(n)),
  int64: (n: bigint): BxValue => fixed(ValueType.int64, (b) => b.u64(n)),
  uInt64: (n: bigint): BxValue => fixed(ValueType.uInt64, (b) => b.u64(n)),
  real32: (bits: number): BxValue => fixed(ValueType.real32, (b) => b.u32(bits)),
  real64: (n: number): BxValue =>
    fixed(ValueType.real64, (b) => b.bytes(new Uint8Array(new Float64Array([n]).buffer))),
  bool: (n: number): BxValue => fixed(ValueType.bool, (b) => b.u32(n)),
  binary: (bytes: number[]): BxValue => fixed(ValueType.binary, (b) => b.bytes(bytes)),
  /** The 16 bytes as stored (first three groups little-endian). */
  guid: (bytes: number[]): BxValue => fixed(ValueType.guid, (b) => b.bytes(bytes)),
  sizeT: (n: bigint, size: 4 | 8): BxValue =>
    fixed(ValueType.sizeT, (b) => (size === 4 ? b.u32(Number(n)) : b.u64(n))),
  fileTime: (ticks: bigint): BxValue => fixed(ValueType.fileTime, (b) => b.u64(ticks)),
  /** year, month, day of week, day, hour, minute, second, milliseconds */
  systemTime: (fields: number[]): BxValue =>
    fixed(ValueType.systemTime, (b) => fields.forEach((field) => b.u16(field))),
  /** revision, 48-bit authority, sub-authorities */
  sid: (revision: number, authority: number, subAuthorities: number[]): BxValue =>
    fixed(ValueType.sid, (b) => {
      b.u8(revision).u8(subAuthorities.length)
      for (let shift = 40; shift >= 0; shift -= 8) b.u8(Math.floor(authority / 2 ** shift) & 0xff)
      for (const sub of subAuthorities) b.u32(sub)
    }),
  hexInt32: (n: number): BxValue => fixed(ValueType.hexInt32, (b) => b.u32(n)),
  hexInt64: (n: bigint): BxValue => fixed(ValueType.hexInt64, (b) => b.u64(n)),
  evtHandle: (n: number): BxValue => fixed(ValueType.evtHandle, (b) => b.u32(n)),
  evtXml: (text: string): BxValue => fixed(ValueType.evtXml, (b) => b.utf16(text)),
  /** Embedded Binary XML: a fragment written in place, so its names and templates join the chunk's. */
  binXml: (nodes: BxNode[]): BxValue =>
    fixed(ValueType.binXml, (b) => {
      b.fragmentHeader()
      for (const node of nodes) b.node(node)
      b.endOfStream()
    }),
  /** An array: items of one type back to back; strings each end with a NUL. */
  array: (items: BxValue[], itemType = items[0]?.type ?? ValueType.wString): BxValue =>
    fixed(itemType | ARRAY_FLAG, (b) => {
      for (const item of items) {
        item.write(b)
        if (itemType === ValueType.wString) b.u16(0)
        if (itemType === ValueType.ansiString) b.u8(0)
      }
    })
}
