// The raw XML view of a decoded record, for analysts and for the oracle test: laid out as python-evtx's
// record.xml() lays it out (every element with an end tag, a newline after each), values as Windows renders
// them. Text escapes &, < and >, attributes also ", and characters XML cannot carry become references.

import type { XmlElement, XmlNode } from './evtxTypes'

/**
 * The record's XML, or null when it would be longer than `maxChars`: templates are shared within a chunk,
 * so a small record can expand a large template many times (a crafted file, or a stale slack record read
 * through a template that has since been overwritten), and rendering stops before that costs memory.
 */
export function xmlText(root: XmlElement, maxChars = Infinity): string | null {
  const xml = new XmlWriter(maxChars)
  xml.element(root)
  return xml.overflowed ? null : xml.text
}

/** Writes the XML into one string, counting its length against the budget. */
class XmlWriter {
  text = ''
  overflowed = false

  constructor(private readonly maxChars: number) {}

  element(element: XmlElement): void {
    if (this.overflowed) return
    let tag = `<${element.name}`
    for (const attribute of element.attributes)
      tag += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`
    this.write(`${tag}>`)
    for (const child of element.children) this.node(child)
    this.write(`</${element.name}>\n`)
  }

  private node(node: XmlNode): void {
    if (typeof node === 'string') this.write(escapeText(node))
    else if (node.kind === 'element') this.element(node)
    else if (node.kind === 'cdata')
      this.write(`<![CDATA[${node.text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`)
    else this.write(node.data === '' ? `<?${node.target}?>` : `<?${node.target} ${node.data}?>`)
  }

  private write(part: string): void {
    if (this.text.length + part.length > this.maxChars) this.overflowed = true
    else this.text += part
  }
}

function escapeText(text: string): string {
  return escape(text, false)
}

function escapeAttribute(text: string): string {
  return escape(text, true)
}

/** Anything escape() would replace in text (attributes add the quote); the regex engine scans fastest. */
// eslint-disable-next-line no-control-regex -- the control characters are what must be found
const NEEDS_ESCAPE = /[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/

/** One pass; text with nothing to escape (nearly all) is returned as it is. */
function escape(text: string, attribute: boolean): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  let escaped = ''
  let copied = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    const replacement =
      code > 0x9f || (code > 0x3e && code < 0x7f) ? undefined : replacementOf(code, attribute)
    if (replacement === undefined) continue
    escaped += text.slice(copied, index) + replacement
    copied = index + 1
  }
  return copied === 0 ? text : escaped + text.slice(copied)
}

/**
 * &, <, > (and " in attributes) as entities; the characters XML 1.0 forbids and python-evtx calls restricted
 * (C0 but tab, LF and CR; DEL; C1 but NEL) as character references.
 */
function replacementOf(code: number, attribute: boolean): string | undefined {
  if (code === 0x26) return '&amp;'
  if (code === 0x3c) return '&lt;'
  if (code === 0x3e) return '&gt;'
  if (code === 0x22) return attribute ? '&quot;' : undefined
  const restricted =
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code !== 0x85)
  return restricted ? `&#x${code.toString(16)};` : undefined
}
