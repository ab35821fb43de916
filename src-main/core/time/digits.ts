// Reads fixed-width decimal fields straight from a line's characters. Timestamp parsers run once per line
// on million-line files, so they read digits in place instead of slicing substrings and calling parseInt.

/** True for the character code of an ASCII digit. */
export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57
}

/** The value of exactly `count` ASCII digits starting at `start`, or -1 if any of them is not a digit. */
export function digitsAt(text: string, start: number, count: number): number {
  if (start < 0 || start + count > text.length) return -1
  let value = 0
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/** The value of the digits in text[start, end), or -1 when the range is empty or holds a non-digit. */
export function digitRunValue(text: string, start: number, end: number): number {
  return end > start ? digitsAt(text, start, end - start) : -1
}
