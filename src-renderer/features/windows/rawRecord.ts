// An indented view of a raw record — an EVTX record's XML, a JSON document — for reading, made only where
// that is cheap and cannot change what the record says: values are copied through character for character
// (no JSON.parse round trip, which would round 64-bit integers), only whitespace between tokens changes,
// and the result is checked to hold the same non-space characters as the raw text, or not offered at all.

export type RawKind = 'xml' | 'json' | 'text'

export interface RawView {
  kind: RawKind
  /** The indented text, or null when the record is shown as recorded only. */
  pretty: string | null
}

/** Records larger than this are shown as recorded: indenting them would stall the window. */
export const MAX_PRETTY_CHARS = 512 * 1024
const INDENT = '  '

export function rawView(raw: string): RawView {
  const start = raw.trimStart()[0]
  const kind: RawKind = start === '<' ? 'xml' : start === '{' || start === '[' ? 'json' : 'text'
  if (kind === 'text' || raw.length > MAX_PRETTY_CHARS) return { kind, pretty: null }
  const pretty = kind === 'json' ? indentJson(raw) : indentXml(raw)
  return { kind, pretty: pretty !== null && sameContent(pretty, raw) ? pretty : null }
}

/** JSON re-indented token by token; null when the text is not valid JSON. */
export function indentJson(raw: string): string | null {
  try {
    JSON.parse(raw)
  } catch {
    return null
  }
  let out = ''
  let depth = 0
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]
    if (char === '"') {
      const end = stringEnd(raw, i)
      out += raw.slice(i, end)
      i = end - 1
    } else if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']'
      const next = nextNonSpace(raw, i + 1)
      if (raw[next] === close) {
        out += char + close
        i = next
      } else out += char + '\n' + INDENT.repeat(++depth)
    } else if (char === '}' || char === ']') out += '\n' + INDENT.repeat(--depth) + char
    else if (char === ',') out += ',\n' + INDENT.repeat(depth)
    else if (char === ':') out += ': '
    else if (!isSpace(char)) out += char
  }
  return out
}

/**
 * XML indented one element a line, an element holding only text kept on its line. Comments, CDATA and
 * processing instructions other than the declaration are left to the raw view (their text may hold what
 * looks like markup), as is anything whose tags do not balance.
 */
export function indentXml(raw: string): string | null {
  if (/<!--|<!\[CDATA\[|<!DOCTYPE/i.test(raw)) return null
  const parts = raw.split(/(<(?:[^>"']|"[^"]*"|'[^']*')*>)/)
  const lines: string[] = []
  let depth = 0
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]
    if (i % 2 === 0) {
      if (part.trim() !== '') lines.push(INDENT.repeat(depth) + part.trim())
      continue
    }
    if (part.startsWith('</')) {
      if (--depth < 0) return null
      lines.push(INDENT.repeat(depth) + part)
    } else if (part.endsWith('/>') || part.startsWith('<?')) {
      lines.push(INDENT.repeat(depth) + part)
    } else {
      // <Data Name="x">text</Data> stays on one line.
      const text = parts[i + 1] ?? ''
      const closing = parts[i + 2] ?? ''
      if (closing.startsWith('</') && !text.includes('\n')) {
        lines.push(INDENT.repeat(depth) + part + text + closing)
        i += 2
      } else lines.push(INDENT.repeat(depth++) + part)
    }
  }
  return depth === 0 ? lines.join('\n') : null
}

/** The index just past the closing quote of the JSON string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
  return i + 1
}

function nextNonSpace(text: string, from: number): number {
  let i = from
  while (i < text.length && isSpace(text[i])) i++
  return i
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t'
}

/** Whether two texts differ only in whitespace: the guarantee an indented view must keep. */
function sameContent(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '')
}
