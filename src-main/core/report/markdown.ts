// Analysts write notes in Markdown; the report prints them as pdfmake text. markdown-it only tokenises
// (HTML parsing off), and every token becomes literal text, so `<script>` in a note prints as `<script>`
// and links print their address: nothing in a note is interpreted beyond Markdown's own structure.

import MarkdownIt from 'markdown-it'
import type { Token } from 'markdown-it'
import type { Content, ContentNode, ContentText } from 'pdfmake'
import { clipText } from './format'
import { CONTENT_WIDTH, COLOURS } from './theme'

/**
 * Past this depth markdown-it stops parsing a container and silently drops the rest of its text. Notes that
 * deep are printed as written instead (see markdownToContent), so no analyst text is ever lost.
 */
const MAX_NESTING = 20

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false, maxNesting: MAX_NESTING })

/** Words at least this long (URLs, hashes, base64) may break anywhere instead of leaving ragged gaps. */
const LONG_WORD = /(\S{32,})/

/**
 * pdfmake's line breaking is quadratic in the number of words in one text node (it copies the remaining
 * words for each word it places), so long text is set as consecutive nodes of at most this many characters.
 */
const MAX_NODE_CHARS = 6_000

/** A single unbroken word longer than this (a pasted blob) is clipped, saying so; the case keeps it whole. */
const MAX_WORD_CHARS = 6_000

/** Characters the built-in Courier font can show; code with anything else falls back to Roboto. */
const COURIER_SAFE = /^[\t\n\r\u0020-\u007e\u00a0-\u00ff]*$/

type Run = ContentText & { text: string }
type RunStyle = Omit<ContentText, 'text'>

interface BlockNode {
  token: Token
  children: BlockNode[]
}

/** markdown-it's flat open/close token stream as a tree, so each block converts from its own children. */
function toTree(tokens: Token[]): BlockNode[] {
  const root: BlockNode[] = []
  const stack: BlockNode[][] = [root]
  for (const token of tokens) {
    const siblings = stack[stack.length - 1]
    if (token.nesting === -1) {
      stack.pop()
      continue
    }
    const node: BlockNode = { token, children: [] }
    siblings.push(node)
    if (token.nesting === 1) stack.push(node.children)
  }
  return root
}

function textRuns(text: string, style: RunStyle): Run[] {
  return text
    .split(LONG_WORD)
    .filter((part) => part !== '')
    .map((part) =>
      LONG_WORD.test(part)
        ? { ...style, text: clipText(part, MAX_WORD_CHARS), wordBreak: 'break-all' }
        : { ...style, text: part }
    )
}

/** `text` in pieces of at most MAX_NODE_CHARS, cut after a space (long words are runs of their own). */
function splitAtSpaces(text: string): string[] {
  const pieces: string[] = []
  let rest = text
  while (rest.length > MAX_NODE_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_NODE_CHARS)
    const end = cut > 0 ? cut + 1 : MAX_NODE_CHARS
    pieces.push(rest.slice(0, end))
    rest = rest.slice(end)
  }
  return [...pieces, rest]
}

/** Runs as one text node, or as a stack of consecutive nodes when there is too much text for one. */
function textBlock(
  runs: Run[],
  props: RunStyle & { style?: string; headlineLevel?: number } = {}
): ContentNode {
  const chunks: Run[][] = [[]]
  let size = 0
  for (const run of runs) {
    for (const piece of run.wordBreak ? [run.text] : splitAtSpaces(run.text)) {
      if (size + piece.length > MAX_NODE_CHARS && chunks[chunks.length - 1].length > 0) {
        chunks.push([])
        size = 0
      }
      chunks[chunks.length - 1].push({ ...run, text: piece })
      size += piece.length
    }
  }
  return chunks.length === 1
    ? { ...props, text: chunks[0] }
    : { ...props, stack: chunks.map((chunk) => ({ text: chunk })) }
}

/** Code in Courier when Courier can show every character of it, otherwise in the text font. */
function codeStyle(text: string, courierStyle: 'code' | 'inlineCode'): RunStyle {
  if (COURIER_SAFE.test(text)) return { style: courierStyle }
  return courierStyle === 'code'
    ? { fontSize: 8, preserveLeadingSpaces: true }
    : { background: COLOURS.codeFill }
}

/** Text set line for line as written, in consecutive nodes cut at line ends where it is long. */
function preformatted(text: string, style: RunStyle): ContentNode {
  const groups: string[][] = [[]]
  let size = 0
  for (const line of text.replace(/\t/g, '    ').split('\n')) {
    if (size + line.length > MAX_NODE_CHARS && groups[groups.length - 1].length > 0) {
      groups.push([])
      size = 0
    }
    groups[groups.length - 1].push(line)
    size += line.length + 1
  }
  return { ...style, stack: groups.map((lines) => textBlock(textRuns(lines.join('\n'), {}))) }
}

/** Inline tokens (emphasis, code spans, links, images) as styled text runs. */
function inlineRuns(tokens: Token[]): Run[] {
  const runs: Run[] = []
  let bold = 0
  let italics = 0
  let struck = 0
  const links: { href: string; firstRun: number }[] = []
  const style = (): RunStyle => ({
    ...(bold > 0 && { bold: true }),
    ...(italics > 0 && { italics: true }),
    ...(struck > 0 && { decoration: 'lineThrough' as const })
  })
  for (const token of tokens) {
    switch (token.type) {
      case 'strong_open':
      case 'strong_close':
        bold += token.nesting
        break
      case 'em_open':
      case 'em_close':
        italics += token.nesting
        break
      case 's_open':
      case 's_close':
        struck += token.nesting
        break
      case 'softbreak':
        runs.push({ text: ' ' })
        break
      case 'hardbreak':
        runs.push({ text: '\n' })
        break
      case 'code_inline':
        runs.push(...textRuns(token.content, { ...style(), ...codeStyle(token.content, 'inlineCode') }))
        break
      case 'link_open':
        links.push({ href: String(token.attrGet('href') ?? ''), firstRun: runs.length })
        break
      case 'link_close': {
        const link = links.pop()
        if (!link || link.href === '') break
        const label = runs
          .slice(link.firstRun)
          .map((run) => run.text)
          .join('')
        if (label !== link.href) runs.push(...textRuns(` (${link.href})`, { color: COLOURS.muted }))
        break
      }
      case 'image':
        runs.push(
          ...textRuns(`[image: ${token.content}] (${String(token.attrGet('src') ?? '')})`, {
            color: COLOURS.muted
          })
        )
        break
      default:
        runs.push(...textRuns(token.content, style()))
    }
  }
  return runs
}

function inlineOf(node: BlockNode): Run[] {
  const inline = node.children.find((child) => child.token.type === 'inline')
  return inline ? inlineRuns(inline.token.children ?? []) : []
}

function codeBlock(code: string): Content {
  const text = code.replace(/\n$/, '')
  return {
    table: { widths: ['*'], body: [[preformatted(text, codeStyle(text, 'code'))]] },
    layout: 'code',
    margin: [0, 2, 0, 8]
  }
}

function table(node: BlockNode): Content {
  const rows = node.children
    .flatMap((section) => section.children)
    .filter((row) => row.token.type === 'tr_open')
  const columns = rows.reduce((widest, row) => Math.max(widest, row.children.length), 1)
  const body = rows.map((row, index) => {
    const style = index === 0 ? 'tableHeader' : 'tableCell'
    const cells = row.children.map((cell) => textBlock(inlineOf(cell), { style }))
    while (cells.length < columns) cells.push({ text: '' })
    return cells
  })
  return {
    table: { widths: Array<'*'>(columns).fill('*'), body, headerRows: 1 },
    layout: 'data',
    margin: [0, 2, 0, 8]
  }
}

/** Headings inside a note sit below the note's own title, so they stay small. */
const HEADING_STYLES: Record<string, string> = { h1: 'noteHeading', h2: 'noteHeading' }

function block(node: BlockNode): Content {
  const { token } = node
  switch (token.type) {
    case 'heading_open':
      return textBlock(inlineOf(node), {
        style: HEADING_STYLES[token.tag] ?? 'noteSubheading',
        headlineLevel: 3
      })
    case 'paragraph_open':
      return textBlock(inlineOf(node), token.hidden ? {} : { style: 'paragraph' })
    case 'bullet_list_open':
      return { ul: node.children.map(listItem), margin: [0, 0, 0, 6], markerColor: COLOURS.muted }
    case 'ordered_list_open':
      return {
        ol: node.children.map(listItem),
        start: Number(token.attrGet('start') ?? 1),
        margin: [0, 0, 0, 6]
      }
    case 'blockquote_open':
      return {
        table: { widths: ['*'], body: [[{ stack: blocks(node.children), color: COLOURS.muted }]] },
        layout: 'quote',
        margin: [0, 2, 0, 6]
      }
    case 'fence':
    case 'code_block':
      return codeBlock(token.content)
    case 'table_open':
      return table(node)
    case 'hr':
      return {
        canvas: [
          { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.5, lineColor: COLOURS.rule }
        ],
        margin: [0, 4, 0, 8]
      }
    case 'inline':
      return textBlock(inlineRuns(token.children ?? []))
    default:
      // Anything else (a block type a later markdown-it adds) still prints, as its text.
      return node.children.length > 0
        ? { stack: blocks(node.children) }
        : textBlock(textRuns(token.content, {}))
  }
}

function listItem(node: BlockNode): Content {
  return { stack: blocks(node.children) }
}

function blocks(nodes: BlockNode[]): Content[] {
  return nodes.map(block)
}

/** Markdown as pdfmake content; every character of the source that is not Markdown syntax prints as text. */
export function markdownToContent(markdown: string): Content[] {
  const tokens = parser.parse(markdown, {})
  if (tokens.some((token) => token.level >= MAX_NESTING - 1)) {
    return [
      {
        text: 'This note nests too deeply to lay out as Markdown; it is printed as written.',
        style: 'caption'
      },
      preformatted(markdown, { preserveLeadingSpaces: true, margin: [0, 4, 0, 6] })
    ]
  }
  return blocks(toTree(tokens))
}
