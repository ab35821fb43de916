// The import preview: what each file of a source would import as, before anything is committed — the
// format detected with its confidence (or the one the analyst chose), the declared zone and whether it
// matters, the first records parsed, and for CSV the column mapping. An archive or folder is previewed
// entry by entry, up to a limit, by streaming the heads of its entries.

import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { DECLARED_ZONE_FORMATS } from '../../common/domain'
import type { ColumnSuggestion, ColumnTarget, LogFormat, SourcePreview } from '../../common/domain'
import { openStreamBytes } from '../ingest/byteSource'
import { isContainer, openEvidenceSource } from '../ingest/containers/containerEntries'
import { sampleFileHead } from '../ingest/fileSample'
import { chooseFormat } from '../ingest/formatChoice'
import type { ParserOptions } from '../ingest/parser'
import { suggestColumnMap } from '../ingest/parsers/csv'
import { previewRecords } from '../ingest/samplePreview'
import { SAMPLE_BYTES, sampleLines, sampleStream } from '../ingest/sourceSample'

/** Entries of an archive or folder previewed at most; the import itself takes them all. */
export const MAX_PREVIEW_ENTRIES = 100

export interface PreviewRequest {
  path: string
  entry?: string
  format?: LogFormat
  options: ParserOptions
  /** Column maps chosen for earlier CSV sources of the case: one whose columns match is proposed again. */
  rememberedColumnMaps?: readonly Record<string, ColumnTarget>[]
}

export async function previewSource(request: PreviewRequest): Promise<SourcePreview[]> {
  if (!(await isContainer(request.path))) {
    const sample = await sampleFileHead(request.path)
    const size = statSync(request.path).size
    return [await previewHead('', basename(request.path), size, sample.bytes, sample.complete, request)]
  }
  const previews: SourcePreview[] = []
  const source = await openEvidenceSource(request.path)
  for await (const turn of source.turns()) {
    const { entry } = turn
    if (request.entry && entry.name !== request.entry) {
      turn.pass()
      continue
    }
    const bytes = await openStreamBytes(await entry.open(), () => {})
    const sampled = await sampleStream(bytes.stream)
    turn.pass()
    const name = `${basename(request.path)} › ${entry.name}`
    previews.push(
      await previewHead(
        entry.name,
        name,
        entry.size,
        sampled.head,
        sampled.head.length < SAMPLE_BYTES,
        request
      )
    )
    if (previews.length >= MAX_PREVIEW_ENTRIES) break
  }
  return previews
}

async function previewHead(
  entry: string,
  name: string,
  size: number | null,
  head: Buffer,
  complete: boolean,
  request: PreviewRequest
): Promise<SourcePreview> {
  const decided = chooseFormat(head, complete, request.format)
  const format = decided.format
  const options = format === 'csv' ? withRememberedColumns(head, complete, request) : request.options
  return {
    entry,
    name,
    size,
    guesses: decided.guesses,
    format,
    problem: decided.problem,
    timeZone: options.timeZone,
    zoneApplies: format !== null && DECLARED_ZONE_FORMATS.has(format),
    sample: format ? await previewRecords(head, complete, format, options) : [],
    columns: format === 'csv' ? csvColumns(head, complete, options) : null
  }
}

/** The analyst's column map if given, else one remembered for a CSV with exactly these columns. */
function withRememberedColumns(head: Buffer, complete: boolean, request: PreviewRequest): ParserOptions {
  if (request.options.columnMap || !request.rememberedColumnMaps?.length) return request.options
  const names = csvColumns(head, complete, request.options)
    .map((column) => column.name)
    .sort()
  const remembered = request.rememberedColumnMaps.find(
    (map) => JSON.stringify(Object.keys(map).sort()) === JSON.stringify(names)
  )
  return remembered ? { ...request.options, columnMap: remembered } : request.options
}

function csvColumns(head: Buffer, complete: boolean, options: ParserOptions): ColumnSuggestion[] {
  const [header, ...rows] = sampleLines(head, complete, 50)
  if (header === undefined) return []
  const suggested = suggestColumnMap(header, rows)
  return suggested.columns.map((column) => ({
    name: column.name,
    target: options.columnMap?.[column.name] ?? column.target,
    sample: column.sample
  }))
}
