// One line of an IOC CSV file split into cells. Feeds quote values that contain commas (user agents do),
// so a plain split(',') would cut them apart; a quoted cell may not span lines, which keeps line numbers
// in rejection reasons exact.

export type CsvLineSplit = { ok: true; cells: string[] } | { ok: false; reason: string }

/** RFC 4180 quoting within one line: "a ""quoted"" cell"; cells are trimmed outside quotes. */
export function splitCsvLine(line: string): CsvLineSplit {
  const cells: string[] = []
  let cell = ''
  let i = 0
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++
    if (line[i] === '"') {
      i++
      for (;;) {
        if (i >= line.length) return { ok: false, reason: 'a quoted cell is not closed on this line' }
        if (line[i] === '"') {
          if (line[i + 1] !== '"') break
          cell += '"'
          i += 2
        } else {
          cell += line[i++]
        }
      }
      i++
      while (line[i] === ' ' || line[i] === '\t') i++
      if (i < line.length && line[i] !== ',') {
        return { ok: false, reason: `unexpected text after a quoted cell at column ${i + 1}` }
      }
    } else {
      const comma = line.indexOf(',', i)
      const end = comma < 0 ? line.length : comma
      cell = line.slice(i, end).trim()
      i = end
    }
    cells.push(cell)
    cell = ''
    if (i >= line.length) return { ok: true, cells }
    i++
  }
}
