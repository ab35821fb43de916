// Notes are Markdown, rendered without ever producing HTML from their text: markdown-it (raw HTML off,
// no linkify, no <autolinks>) parses to tokens, and tokens become Vue VNodes from a fixed set of tags, so
// text (including anything that looks like a tag) reaches the DOM only as text nodes. Nothing is
// clickable: a link shows its text and the full address it names, so a note cannot show one address and
// open another (a responder copies addresses into an isolated browser). Images show their alt text.

import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import { h } from 'vue'
import type { VNode, VNodeChild } from 'vue'

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false }).disable('autolink')

const BLOCK_AND_INLINE_TAGS = new Set(
  'p h1 h2 h3 h4 h5 h6 ul ol li blockquote strong em s table thead tbody tr th td'.split(' ')
)

interface Frame {
  tag: string
  props: Record<string, unknown>
  children: VNodeChild[]
  /** A link's address, shown in full after its text. */
  href?: string
}

function attribute(token: Token, name: string): string | null {
  const value = token.attrGet(name)
  return value === null ? null : String(value)
}

function frameFor(token: Token): Frame {
  if (token.type === 'link_open') {
    return {
      tag: 'span',
      props: { class: 'md-inert-link' },
      children: [],
      href: attribute(token, 'href') ?? ''
    }
  }
  const props: Record<string, unknown> = {}
  const start = attribute(token, 'start')
  if (token.tag === 'ol' && start && /^\d+$/.test(start)) props.start = Number(start)
  const align = /^text-align:(left|center|right)$/.exec(attribute(token, 'style') ?? '')
  if (align) props.style = { textAlign: align[1] }
  return { tag: BLOCK_AND_INLINE_TAGS.has(token.tag) ? token.tag : 'span', props, children: [] }
}

function close(frame: Frame): VNode {
  if (frame.href === undefined) return h(frame.tag, frame.props, frame.children)
  const address = h('span', { class: 'md-link-address' }, `<${frame.href}>`)
  return h(frame.tag, frame.props, [...frame.children, ' ', address])
}

function leaf(token: Token): VNodeChild[] {
  switch (token.type) {
    case 'inline':
      return build(token.children ?? [])
    case 'code_inline':
      return [h('code', token.content)]
    case 'fence':
    case 'code_block':
      return [h('pre', [h('code', token.content)])]
    case 'softbreak':
      return ['\n']
    case 'hardbreak':
      return [h('br')]
    case 'hr':
      return [h('hr')]
    case 'image':
      return [h('span', { class: 'md-image' }, `[image: ${token.content}]`)]
    default:
      return [token.content]
  }
}

function build(tokens: Token[]): VNodeChild[] {
  const root: Frame = { tag: '', props: {}, children: [] }
  const stack: Frame[] = [root]
  for (const token of tokens) {
    // Tight lists mark their paragraphs hidden: the text belongs directly to the list item.
    if (token.hidden && token.nesting !== 0) continue
    if (token.nesting === 1) {
      stack.push(frameFor(token))
    } else if (token.nesting === -1) {
      const closed = close(stack.pop() as Frame)
      stack[stack.length - 1].children.push(closed)
    } else {
      stack[stack.length - 1].children.push(...leaf(token))
    }
  }
  return root.children
}

/** The note's Markdown as VNodes, built only from text nodes and an allow-list of tags. */
export function markdownToNodes(source: string): VNode[] {
  return build(markdown.parse(source, {})) as VNode[]
}
