// Line formats settle each line at once, so tests can drive their record parsers one line at a time and
// read the result like a plain line parser's. Built on the format registry, as imports build parsers.

import type { LogFormat } from '../../../../src-main/common/domain'
import { formatDefinition } from '../../../../src-main/core/ingest/formatRegistry'
import type { LineParser, LineParseResult, ParserOptions } from '../../../../src-main/core/ingest/parser'

export function lineParserFor(format: LogFormat, options: ParserOptions): LineParser {
  const definition = formatDefinition(format, options)
  if (definition.kind !== 'text' || definition.framing !== 'line') {
    throw new Error(`${format} is not a line format`)
  }
  const parser = definition.create(options)
  let lineNumber = 0
  return {
    format,
    parse(line: string): LineParseResult {
      let result: LineParseResult | undefined
      parser.read({ text: line, line: ++lineNumber, offset: 0 }, (outcome) => {
        result =
          outcome.kind === 'event'
            ? { ok: true, event: outcome.event }
            : { ok: false, reason: outcome.reason }
      })
      if (!result) throw new Error(`${format} held line ${lineNumber} back; it is not settled line by line`)
      return result
    }
  }
}
