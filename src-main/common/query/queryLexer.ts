// Splits query text into tokens for the parser and the completer: brackets, quoted phrases and words, each
// with its position so errors and completions point at the text the analyst typed. Words keep their
// backslash escapes (the parser needs to know which `:`, `*` and `?` were escaped); phrases are unescaped.

export type BracketText = '(' | ')' | '[' | ']' | '{' | '}'

export type QueryToken =
  | { type: 'bracket'; text: BracketText; position: number; end: number }
  /** `raw` is the source text, escapes included. */
  | { type: 'word'; raw: string; position: number; end: number }
  /** `value` is the text between the quotes with `\"` and `\\` unescaped. */
  | { type: 'phrase'; value: string; position: number; end: number }

export interface QuerySyntaxError {
  message: string
  position: number
  length: number
}

export type LexResult = { ok: true; tokens: QueryToken[] } | { ok: false; error: QuerySyntaxError }

const BRACKETS = '()[]{}'

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v'
}

/** Ends a word: white space, a bracket or a quote. */
function endsWord(char: string): boolean {
  return isSpace(char) || BRACKETS.includes(char) || char === '"'
}

export function lexQuery(text: string): LexResult {
  const tokens: QueryToken[] = []
  let at = 0
  while (at < text.length) {
    const char = text[at]
    if (isSpace(char)) {
      at++
    } else if (BRACKETS.includes(char)) {
      tokens.push({ type: 'bracket', text: char as BracketText, position: at, end: at + 1 })
      at++
    } else if (char === '"') {
      const phrase = readPhrase(text, at)
      if (!phrase) {
        return fail("unclosed quote: expected a closing '\"'", at, text.length - at)
      }
      tokens.push(phrase)
      at = phrase.end
    } else {
      let end = at
      while (end < text.length && !endsWord(text[end])) end += text[end] === '\\' ? 2 : 1
      if (end > text.length) return fail("expected a character after '\\'", text.length - 1, 1)
      tokens.push({ type: 'word', raw: text.slice(at, end), position: at, end })
      at = end
    }
  }
  return { ok: true, tokens }
}

/** Inside quotes only `\"` and `\\` are escapes, so a Windows path reads as written: "C:\Windows". */
function readPhrase(text: string, start: number): QueryToken | null {
  let value = ''
  let at = start + 1
  while (at < text.length) {
    const char = text[at]
    if (char === '"') return { type: 'phrase', value, position: start, end: at + 1 }
    if (char === '\\' && (text[at + 1] === '"' || text[at + 1] === '\\')) {
      value += text[at + 1]
      at += 2
    } else {
      value += char
      at++
    }
  }
  return null
}

function fail(message: string, position: number, length: number): LexResult {
  return { ok: false, error: { message, position, length } }
}

/** The index in a word's raw text of its first unescaped `char`, or -1. */
export function unescapedIndexOf(raw: string, char: string, from = 0): number {
  for (let at = from; at < raw.length; at++) {
    if (raw[at] === '\\') at++
    else if (raw[at] === char) return at
  }
  return -1
}

/** Whether a word's raw text holds an unescaped `*` or `?`. */
export function hasWildcard(raw: string): boolean {
  return unescapedIndexOf(raw, '*') >= 0 || unescapedIndexOf(raw, '?') >= 0
}

/** A word's text with its escapes removed: `a\:b` is `a:b`. */
export function unescapeWord(raw: string): string {
  return raw.replace(/\\(.)/gs, '$1')
}
