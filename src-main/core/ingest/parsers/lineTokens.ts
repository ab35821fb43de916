// Walking the space-separated tokens of a log line in place, without slicing, as the syslog, auditd and
// Apache parsers read their lines: one copy of the two steps each of them used to carry.

const SPACE = 32

/** The index of the first character at or after `start` that is not a space. */
export function skipSpaces(line: string, start: number): number {
  let position = start
  while (line.charCodeAt(position) === SPACE) position++
  return position
}

/** The index of the space that ends the token starting at `start`, or the line's length. */
export function tokenEnd(line: string, start: number): number {
  const space = line.indexOf(' ', start)
  return space === -1 ? line.length : space
}
