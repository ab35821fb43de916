// Percent-decoding of request paths that cannot throw: a malformed escape (`%E0%A4%A`) stays as written
// and then fails the name checks that follow, instead of turning into a 500.

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
