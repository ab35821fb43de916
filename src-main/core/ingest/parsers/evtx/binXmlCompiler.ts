// Reads Binary XML tokens into compiled nodes: elements, attributes, text, CDATA, references, processing
// instructions and substitution slots. Template definitions go through here once per chunk; record-level
// fragments too, where a template instance is handed back to the decoder that holds the chunk's caches.

import type { XmlAttribute, XmlNode } from './evtxTypes'
import { MORE_FLAG, Token, ValueType } from './binXmlTokens'
import { BinXmlCursor, hex, type BinXmlContext } from './binXmlCursor'
import {
  appendNode,
  freezeNode,
  isFinished,
  type CompiledNode,
  type Slot,
  type SlotAttribute
} from './binXmlTemplates'
import { fixedValueSize, valueText, valueTypeLabel } from './substitutionValues'

/** Deeper nesting (elements, template instances, embedded Binary XML) than this is damage, not an event. */
export const MAX_DEPTH = 64

const ENTITIES = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"]
])

/**
 * Compiles the tokens in [start, limit) up to an end-of-stream token or the limit. `shared` freezes the
 * finished parts, for a template definition whose nodes every record of the chunk will reuse.
 */
export function compileFragment(
  context: BinXmlContext,
  start: number,
  limit: number,
  depth: number,
  shared: boolean
): CompiledNode[] {
  return new BinXmlCompiler(context, start, limit, shared).content(depth, null)
}

class BinXmlCompiler extends BinXmlCursor {
  constructor(
    context: BinXmlContext,
    pos: number,
    limit: number,
    private readonly shared: boolean
  ) {
    super(context, pos, limit)
  }

  /** Nodes up to the end of the element named `element` (its end token), or of the fragment when null. */
  content(depth: number, element: string | null): CompiledNode[] {
    const nodes: CompiledNode[] = []
    for (;;) {
      if (this.pos >= this.limit) {
        if (element === null) return nodes
        throw this.error(
          `element <${element}> is not closed before the end of its range at ${hex(this.limit)}`
        )
      }
      const at = this.pos
      const token = this.bytes[at]
      switch (token & ~MORE_FLAG) {
        case Token.endOfStream:
          if (element !== null) throw this.error(`end of stream inside element <${element}> at ${hex(at)}`)
          this.pos++
          return nodes
        case Token.endElement:
          if (element === null) throw this.error(`end element token with no open element at ${hex(at)}`)
          this.pos++
          return nodes
        case Token.openStartElement:
          this.push(nodes, this.element(depth + 1))
          break
        case Token.value:
        case Token.characterReference:
        case Token.entityReference:
          appendNode(nodes, this.text())
          break
        case Token.normalSubstitution:
        case Token.optionalSubstitution:
          nodes.push(this.slot())
          break
        case Token.cdataSection:
          this.need(3, 'CDATA section')
          this.push(nodes, { kind: 'cdata', text: this.utf16(this.u16(at + 1), at + 3) })
          break
        case Token.piTarget:
          this.push(nodes, this.processingInstruction())
          break
        case Token.templateInstance:
          for (const node of this.templateInstance(depth + 1)) this.push(nodes, node)
          break
        case Token.fragmentHeader:
          this.need(4, 'fragment header')
          this.pos += 4
          break
        default:
          throw this.error(`${this.unexpected(token)} at chunk offset ${hex(at)} in element content`)
      }
    }
  }

  private push(nodes: CompiledNode[], node: CompiledNode): void {
    if (this.shared && isFinished(node)) freezeNode(node)
    appendNode(nodes, node)
  }

  private templateInstance(depth: number): XmlNode[] {
    const { nodes, end } = this.context.templateInstance(this.pos, this.limit, depth)
    this.pos = end
    return nodes
  }

  private element(depth: number): CompiledNode {
    const at = this.pos
    if (depth > MAX_DEPTH) throw this.error(`elements nest deeper than ${MAX_DEPTH} levels at ${hex(at)}`)
    const token = this.bytes[at]
    this.need(11, 'open start element')
    this.pos += 7
    const name = this.name()
    if ((token & MORE_FLAG) !== 0) {
      this.need(4, `attribute list of <${name}>`)
      this.pos += 4
    }
    const attributes: (XmlAttribute | SlotAttribute)[] = []
    let fixed = true
    while (this.pos < this.limit && (this.bytes[this.pos] & ~MORE_FLAG) === Token.attribute) {
      const attribute = this.attribute()
      if ('parts' in attribute) fixed = false
      else if (this.shared) Object.freeze(attribute)
      attributes.push(attribute)
    }
    this.need(1, `end of the start tag of <${name}>`)
    const close = this.bytes[this.pos++]
    let children: CompiledNode[] = []
    if (close === Token.closeStartElement) children = this.content(depth, name)
    else if (close !== Token.closeEmptyElement) {
      throw this.error(
        `expected close start element or close empty element after the attributes of <${name}> ` +
          `at chunk offset ${hex(this.pos - 1)}, found ${this.unexpected(close)}`
      )
    }
    if (fixed && children.every(isFinished)) {
      return {
        kind: 'element',
        name,
        attributes: attributes as XmlAttribute[],
        children: children as XmlNode[]
      }
    }
    return { kind: 'slot-element', name, attributes, children }
  }

  private attribute(): XmlAttribute | SlotAttribute {
    this.need(5, 'attribute')
    this.pos++
    const name = this.name()
    const parts: (string | Slot)[] = []
    let text = ''
    for (;;) {
      this.need(1, `value of attribute ${name}`)
      const token = this.bytes[this.pos] & ~MORE_FLAG
      if (token === Token.value || token === Token.characterReference || token === Token.entityReference) {
        text += this.text()
      } else if (token === Token.normalSubstitution || token === Token.optionalSubstitution) {
        if (text !== '') parts.push(text)
        text = ''
        parts.push(this.slot())
      } else break
    }
    if (parts.length === 0) return { name, value: text }
    if (text !== '') parts.push(text)
    return { name, parts }
  }

  /** A value, character reference or entity reference token as the text it stands for. */
  private text(): string {
    const at = this.pos
    const token = this.bytes[at] & ~MORE_FLAG
    if (token === Token.characterReference) {
      this.need(3, 'character reference')
      this.pos += 3
      return String.fromCharCode(this.u16(at + 1))
    }
    if (token === Token.entityReference) {
      this.need(5, 'entity reference')
      this.pos++
      const name = this.name()
      return ENTITIES.get(name) ?? `&${name};`
    }
    this.need(2, 'value')
    const type = this.bytes[at + 1]
    this.pos += 2
    if (type === ValueType.wString || type === ValueType.ansiString) {
      this.need(2, 'value length')
      const length = this.u16(this.pos)
      this.pos += 2
      if (type === ValueType.wString) return this.utf16(length, this.pos)
      this.need(length, 'value')
      this.pos += length
      return valueText(this.context.chunk, this.pos - length, length, type)
    }
    const size = fixedValueSize(type)
    if (size === undefined) {
      throw this.error(
        `a value token of ${valueTypeLabel(type)} at chunk offset ${hex(at)} has no size to read it by`
      )
    }
    this.need(size, 'value')
    this.pos += size
    return valueText(this.context.chunk, this.pos - size, size, type)
  }

  private slot(): Slot {
    const at = this.pos
    this.need(4, 'substitution')
    this.pos += 4
    return {
      kind: 'slot',
      index: this.u16(at + 1),
      optional: (this.bytes[at] & ~MORE_FLAG) === Token.optionalSubstitution,
      at
    }
  }

  private processingInstruction(): XmlNode {
    this.need(5, 'processing instruction target')
    this.pos++
    const target = this.name()
    let data = ''
    if (this.pos < this.limit && (this.bytes[this.pos] & ~MORE_FLAG) === Token.piData) {
      this.need(3, 'processing instruction data')
      data = this.utf16(this.u16(this.pos + 1), this.pos + 3)
    }
    return { kind: 'pi', target, data }
  }
}
