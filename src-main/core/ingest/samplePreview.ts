// Parses the head of a source with a chosen format, for the import preview: the first records as the
// analyst will see them once imported (or the reason each is rejected or skipped), without writing anything.

import type { LogFormat, PreviewRecord } from '../../common/domain'
import { formatDefinition } from './formatRegistry'
import { JsonFramer } from './jsonFraming'
import { splitLines } from './lineReader'
import type { ParserOptions, RecordOutcome, SourceRecord } from './parser'

export const PREVIEW_RECORDS = 20

export async function previewRecords(
  head: Buffer,
  complete: boolean,
  format: LogFormat,
  options: ParserOptions
): Promise<PreviewRecord[]> {
  const definition = formatDefinition(format, options)
  const records: PreviewRecord[] = []
  const take = (outcome: RecordOutcome) => {
    if (records.length < PREVIEW_RECORDS) records.push(toPreview(outcome))
  }
  if (definition.kind === 'binary') {
    const reader = definition.create(options)
    reader.write(head, take)
    if (complete) reader.end(take)
    return records.sort((a, b) => a.line - b.line)
  }
  const parser = definition.create(options)
  const framer = definition.framing === 'json' ? new JsonFramer() : null
  const read = (record: SourceRecord) => parser.read(record, take)
  const lines: { text: string; line: number; offset: number }[] = []
  for await (const batch of splitLines(oneChunk(head))) {
    batch.lines.forEach((text, i) =>
      lines.push({ text, line: batch.firstLineNumber + i, offset: batch.offsets[i] })
    )
  }
  // A cut last line would only show a false rejection: leave it out unless the head is the whole source.
  if (!complete) lines.pop()
  for (const line of lines) {
    if (records.length >= PREVIEW_RECORDS) break
    if (framer) framer.push(line.text, line.line, line.offset, read)
    else if (line.text.trim() !== '') read(line)
  }
  if (complete) {
    framer?.end(read)
    parser.end(take)
  }
  return records
}

async function* oneChunk(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes
}

function toPreview(outcome: RecordOutcome): PreviewRecord {
  const { record } = outcome
  return {
    line: record.line,
    raw: record.text.length > 2000 ? `${record.text.slice(0, 2000)}…` : record.text,
    outcome: outcome.kind,
    timestamp: outcome.kind === 'event' ? outcome.event.timestamp : null,
    fields: outcome.kind === 'event' ? outcome.event.fields : {},
    reason: outcome.kind === 'event' ? null : outcome.reason
  }
}
