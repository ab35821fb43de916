// A template definition compiled once per chunk: the parts with no substitution are finished (frozen) XML
// nodes shared by every record, the rest keep slots naming a substitution index. Instantiating a template
// for a record only fills the slots with that record's values, so most records cost a few small objects.

import type { XmlAttribute, XmlElement, XmlNode } from './evtxTypes'

/** A substitution token of a template: the value at `index` goes here. */
export interface Slot {
  readonly kind: 'slot'
  readonly index: number
  /** An optional substitution: a Null value leaves out the attribute, or adds nothing to the content. */
  readonly optional: boolean
  /** Chunk offset of the substitution token. */
  readonly at: number
}

/** An attribute whose value has substitutions: its text and slots in order. */
export interface SlotAttribute {
  readonly name: string
  readonly parts: readonly (string | Slot)[]
}

/** An element with a substitution somewhere inside it. */
export interface SlotElement {
  readonly kind: 'slot-element'
  readonly name: string
  readonly attributes: readonly (XmlAttribute | SlotAttribute)[]
  readonly children: readonly CompiledNode[]
}

export type CompiledNode = XmlNode | Slot | SlotElement

/** What a slot becomes: text, nodes (embedded Binary XML), or null (an optional substitution of Null). */
export type SlotValue = string | readonly XmlNode[] | null

/** The values of one template instance. */
export interface SubstitutionValues {
  resolve(slot: Slot): SlotValue
}

/** Adds a child, joining text to text before it so an element's text is one string. */
export function appendNode<T>(into: (string | T)[], node: string | T): void {
  if (typeof node === 'string') {
    if (node === '') return
    const last = into.length - 1
    if (last >= 0 && typeof into[last] === 'string') {
      into[last] = (into[last] as string) + node
      return
    }
  }
  into.push(node)
}

/** The record's nodes: compiled nodes with every slot filled from `values`. */
export function instantiate(
  nodes: readonly CompiledNode[],
  values: SubstitutionValues,
  into: XmlNode[]
): void {
  for (const node of nodes) {
    if (typeof node === 'string') appendNode(into, node)
    else if (node.kind === 'slot') appendValue(into, values.resolve(node))
    else if (node.kind === 'slot-element') into.push(instantiateElement(node, values))
    else into.push(node)
  }
}

function appendValue(into: XmlNode[], value: SlotValue): void {
  if (value === null) return
  if (typeof value === 'string') appendNode(into, value)
  else for (const node of value) appendNode(into, node)
}

function instantiateElement(element: SlotElement, values: SubstitutionValues): XmlElement {
  const attributes: XmlAttribute[] = []
  for (const attribute of element.attributes) {
    if (!('parts' in attribute)) attributes.push(attribute)
    else {
      const value = attributeValue(attribute, values)
      if (value !== null) attributes.push({ name: attribute.name, value })
    }
  }
  const children: XmlNode[] = []
  instantiate(element.children, values, children)
  return { kind: 'element', name: element.name, attributes, children }
}

/** Null only when the value is a lone optional substitution of Null: Windows then leaves the attribute out. */
function attributeValue(attribute: SlotAttribute, values: SubstitutionValues): string | null {
  let text = ''
  for (const part of attribute.parts) {
    if (typeof part === 'string') {
      text += part
      continue
    }
    const value = values.resolve(part)
    if (value === null && attribute.parts.length === 1) return null
    if (typeof value === 'string') text += value
  }
  return text
}

/** A node with no slot in it: the same for every record. */
export function isFinished(node: CompiledNode): node is XmlNode {
  return typeof node === 'string' || (node.kind !== 'slot' && node.kind !== 'slot-element')
}

/** Makes a finished node safe to share between records: nothing in it can be changed. */
export function freezeNode(node: XmlNode): void {
  if (typeof node === 'string' || Object.isFrozen(node)) return
  if (node.kind === 'element') {
    for (const attribute of node.attributes) Object.freeze(attribute)
    for (const child of node.children) freezeNode(child)
    Object.freeze(node.attributes)
    Object.freeze(node.children)
  }
  Object.freeze(node)
}
