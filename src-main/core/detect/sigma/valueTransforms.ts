// The Sigma modifiers that rewrite a value before it is matched: placeholder expansion (`expand`), the
// encodings (`utf16le`/`utf16be`/`utf16`/`wide`, `base64`, `base64offset`) and `windash`. Each turns one
// value into one or more alternatives, any of which may match.

import { SigmaRuleError } from './sigmaRuleError'

/** One value's alternatives as text, and whether the text is raw bytes (one char per byte) after UTF-16. */
export interface ValueAlternatives {
  texts: string[]
  binary: boolean
}

const PLACEHOLDER = /\\%|%([^%\s]+)%/g

/**
 * Replaces `%name%` placeholders with each of their configured values (every combination when a value has
 * several). `\%` stays a plain percent sign. A placeholder nobody defined leaves no alternative, so the
 * value matches nothing; the caller is told which names were missing.
 */
export function expandPlaceholders(
  text: string,
  placeholders: ReadonlyMap<string, readonly string[]>,
  missing: Set<string>
): string[] {
  let results = ['']
  let last = 0
  for (const match of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(last, match.index)
    last = match.index + match[0].length
    const name = match[1]
    if (name === undefined) {
      results = results.map((prefix) => prefix + before + '%')
      continue
    }
    const values = placeholders.get(name) ?? placeholders.get(name.toLowerCase())
    if (values === undefined || values.length === 0) {
      missing.add(name)
      return []
    }
    results = results.flatMap((prefix) => values.map((value) => prefix + before + value))
  }
  const rest = text.slice(last)
  return results.map((prefix) => prefix + rest)
}

export function encodeUtf16(text: string, order: 'le' | 'be', withBom: boolean): string {
  const bytes = Buffer.from(text, 'utf16le')
  if (order === 'be') bytes.swap16()
  const encoded = bytes.toString('latin1')
  if (!withBom) return encoded
  return (order === 'le' ? '\xff\xfe' : '\xfe\xff') + encoded
}

function bytesOf(alternatives: ValueAlternatives, text: string): Buffer {
  return Buffer.from(text, alternatives.binary ? 'latin1' : 'utf8')
}

export function encodeBase64(alternatives: ValueAlternatives): ValueAlternatives {
  return {
    texts: alternatives.texts.map((text) => bytesOf(alternatives, text).toString('base64')),
    binary: false
  }
}

/**
 * The three forms a value takes inside a longer base64 string, one per alignment: the value is encoded after
 * 0, 1 and 2 filler bytes, and the characters that depend on neighbouring bytes are cut off both ends.
 */
export function encodeBase64Offsets(alternatives: ValueAlternatives): ValueAlternatives {
  const startCuts = [0, 2, 3]
  const endCuts = [0, 3, 2]
  const texts: string[] = []
  for (const text of alternatives.texts) {
    const bytes = bytesOf(alternatives, text)
    for (let shift = 0; shift < 3; shift++) {
      const encoded = Buffer.concat([Buffer.alloc(shift, 0x20), bytes]).toString('base64')
      const endCut = endCuts[(bytes.length + shift) % 3]
      texts.push(encoded.slice(startCuts[shift], encoded.length - endCut))
    }
  }
  return { texts, binary: false }
}

/** The characters Windows accepts in front of a command-line switch. */
export const WINDOWS_DASHES = ['-', '/', '\u2013', '\u2014', '\u2015']
const MAX_WINDASH_VARIANTS = 5 ** 5
const WORD_CHAR = /[A-Za-z0-9_]/

/**
 * Every spelling of a command line whose switches may start with any Windows dash: a dash counts as a switch
 * when it starts a word (no word character before it, one after it).
 */
export function expandWindowsDashes(text: string): string[] {
  const positions: number[] = []
  for (let index = 0; index < text.length; index++) {
    if (!WINDOWS_DASHES.includes(text[index])) continue
    const before = index === 0 ? '' : text[index - 1]
    const after = text[index + 1] ?? ''
    if (!WORD_CHAR.test(before) && WORD_CHAR.test(after)) positions.push(index)
  }
  if (WINDOWS_DASHES.length ** positions.length > MAX_WINDASH_VARIANTS) {
    throw new SigmaRuleError(
      'unsupported',
      `windash on '${text}' would expand to more than ${MAX_WINDASH_VARIANTS} spellings`
    )
  }
  let variants = ['']
  let last = 0
  for (const position of positions) {
    const between = text.slice(last, position)
    variants = variants.flatMap((prefix) => WINDOWS_DASHES.map((dash) => prefix + between + dash))
    last = position + 1
  }
  const rest = text.slice(last)
  return variants.map((prefix) => prefix + rest)
}
