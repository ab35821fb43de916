// Text stored in a chunk: UTF-16 (names, strings, text tokens) and ANSI strings in the Windows-1252 code page.
// Short strings are built by hand, long ones through one TextDecoder call, as most names and values are short.

const utf16 = new TextDecoder('utf-16le')
/** Windows-1252's 0x80–0x9F (the rest is Latin-1); Node's TextDecoder reads these as C1 controls. */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/** UTF-16 text of `length` code units; short strings by hand, longer ones through TextDecoder. */
export function utf16Text(bytes: Uint8Array, offset: number, length: number): string {
  if (length > 24) return utf16.decode(bytes.subarray(offset, offset + length * 2))
  let text = ''
  for (let at = offset, end = offset + length * 2; at < end; at += 2) {
    text += String.fromCharCode(bytes[at] | (bytes[at + 1] << 8))
  }
  return text
}

/** ANSI strings in the Windows-1252 code page, as Windows writes them on Western systems. */
export function ansiText(bytes: Uint8Array, offset: number, size: number): string {
  let text = ''
  for (let at = offset; at < offset + size; at++) {
    const byte = bytes[at]
    text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte)
  }
  return text
}

export function withoutTrailingNuls(text: string): string {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 0) end--
  return end === text.length ? text : text.slice(0, end)
}
