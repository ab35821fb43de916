// CSV and TSV exports with a header row (SIEM and EDR exports, spreadsheets, cloud console downloads) as
// events. The parser first holds a few lines to find the delimiter and a few rows to decide what each column
// holds (csvColumns), then reads every record: the header is skipped, each row becomes an event with its time
// read by csvTimestamps, and rows that fit the header badly are kept with what they have.

import type { EventField, EventFieldValues, NormalisedEvent } from '../../../common/event'
import { NUMERIC_EVENT_FIELDS } from '../../../common/event'
import type { TimestampProblem } from '../../time/timestamps'
import { assertTimeZone } from '../../time/zonedTime'
import type { EmitOutcome, ParserOptions, RecordParser, SourceRecord, TextFormatDefinition } from '../parser'
import { isHostname, normaliseIp, recordSourceAddress } from './addresses'
import { columnNames, extraKeys, planColumns, readNumber, type SuggestedTarget } from './csvColumns'
import {
  CsvRecordSplitter,
  detectDelimiter,
  splitSampleRecords,
  stripByteOrderMark,
  type CsvPiece
} from './csvRecords'
import { CSV_TIMESTAMP_FORMS, CsvTimestampReader } from './csvTimestamps'
import { excerpt, type ExtraFields } from './results'

export { suggestColumnMap } from './csvColumns'

/** Non-blank lines read before the delimiter is chosen, and rows read before the columns are planned. */
const DELIMITER_SAMPLE_LINES = 50
const PLAN_SAMPLE_ROWS = 50
/** A cell written in a web or IIS export for "no value". */
const NO_VALUE = '-'
/** What the sniffer parses with: zone and year do not decide whether a row reads; 2000 keeps Feb 29. */
const SNIFF_OPTIONS: ParserOptions = { timeZone: 'UTC', referenceYear: 2000 }
/** Confidence for a file that looks like CSV but whose rows have no time Cairn reads. */
const NO_TIME_CONFIDENCE = 0.2
/** A header cell that reads as a column name: starts with a letter, short, no ':' or quotes. */
const COLUMN_NAME = /^[\p{L}_@#$][\p{L}\p{N}_@#$ .\-/()[\]]{0,63}$/u

/** What the parser knows once the columns are planned. */
interface CsvTable {
  names: string[]
  targets: SuggestedTarget[]
  /** Keys in extra for the columns, by index. */
  keys: string[]
  timeColumns: number[]
  /** How the time columns are named in reasons: "column 'Time'" or "columns Month + Date + Time". */
  timeLabel: string
  reader: CsvTimestampReader
}

class CsvRecordParser implements RecordParser {
  readonly format = 'csv'
  /** Lines held until the delimiter is known; null after. */
  private lines: SourceRecord[] | null = []
  private nonBlankLines = 0
  private splitter: CsvRecordSplitter | null = null
  /** Pieces held until the columns are planned; null after. */
  private pieces: CsvPiece[] | null = []
  private heldRecords = 0
  private headerPiece: CsvPiece | null = null
  private table: CsvTable | null = null
  private emit: EmitOutcome = () => {}
  private readonly settlePiece = (piece: CsvPiece): void => this.takePiece(piece)

  constructor(private readonly options: ParserOptions) {}

  read(record: SourceRecord, emit: EmitOutcome): void {
    this.emit = emit
    if (this.splitter !== null) {
      this.splitter.push(record, this.settlePiece)
      return
    }
    const lines = this.lines as SourceRecord[]
    lines.push(record)
    if (record.text.trim() !== '' && ++this.nonBlankLines >= DELIMITER_SAMPLE_LINES) this.startSplitting()
  }

  end(emit: EmitOutcome): void {
    this.emit = emit
    if (this.splitter === null) this.startSplitting()
    ;(this.splitter as CsvRecordSplitter).finish(this.settlePiece)
    if (this.pieces !== null) this.planAndFlush()
  }

  private startSplitting(): void {
    const lines = this.lines as SourceRecord[]
    this.lines = null
    const texts = lines.map((line) => line.text).filter((text) => text.trim() !== '')
    const splitter = new CsvRecordSplitter(
      detectDelimiter(stripByteOrderMark(texts[0] ?? ''), texts.slice(1))
    )
    this.splitter = splitter
    for (const line of lines) splitter.push(line, this.settlePiece)
  }

  private takePiece(piece: CsvPiece): void {
    if (this.pieces === null) {
      this.settle(piece)
      return
    }
    this.pieces.push(piece)
    if (piece.kind === 'record' && ++this.heldRecords > PLAN_SAMPLE_ROWS) this.planAndFlush()
  }

  /** Plans the columns from the header and the rows held so far, then settles everything held. */
  private planAndFlush(): void {
    const pieces = this.pieces as CsvPiece[]
    this.pieces = null
    const records = pieces.filter((piece) => piece.kind === 'record')
    this.headerPiece = records[0] ?? null
    const names = columnNames(records[0]?.cells ?? [])
    const plan = planColumns(
      names,
      records.slice(1).map((record) => record.cells),
      this.options.columnMap
    )
    const timeNames = plan.timeColumns.map((index) => names[index])
    this.table = {
      names,
      targets: plan.targets,
      keys: extraKeys(names),
      timeColumns: plan.timeColumns,
      timeLabel: timeNames.length === 1 ? `column '${timeNames[0]}'` : `columns ${timeNames.join(' + ')}`,
      reader: new CsvTimestampReader({
        timeZone: this.options.timeZone,
        dateOrder: plan.dateOrder,
        referenceYear: this.options.referenceYear,
        referenceMonth: this.options.referenceMonth
      })
    }
    for (const piece of pieces) this.settle(piece)
  }

  private settle(piece: CsvPiece): void {
    const emit = this.emit
    if (piece.kind === 'blank') {
      emit({ kind: 'rejected', reason: 'blank line', record: piece.record })
      return
    }
    if (piece.kind === 'unclosed') {
      emit({ kind: 'rejected', reason: piece.reason, record: piece.record })
      return
    }
    const table = this.table as CsvTable
    const record: SourceRecord =
      piece.continuation.length === 0
        ? piece.first
        : { text: piece.text, line: piece.first.line, offset: piece.first.offset }
    if (piece === this.headerPiece) {
      emit({ kind: 'skipped', reason: 'CSV header', record })
    } else if (isHeaderAgain(piece.cells, table.names)) {
      emit({ kind: 'skipped', reason: 'CSV header repeated (files joined together?)', record })
    } else {
      this.settleRow(piece.cells, piece.text, record, table)
    }
    for (const line of piece.continuation) {
      emit({
        kind: 'skipped',
        reason: `continuation of the CSV record at line ${piece.first.line}`,
        record: line
      })
    }
  }

  private settleRow(cells: string[], text: string, record: SourceRecord, table: CsvTable): void {
    const time = readRowTime(cells, table)
    if (typeof time === 'string') {
      this.emit({ kind: 'rejected', reason: time, record })
      return
    }
    const fields: EventFieldValues = { 'event.kind': 'event', 'event.dataset': 'csv' }
    const extra: ExtraFields = {}
    const columns = Math.min(cells.length, table.targets.length)
    for (let index = 0; index < columns; index++) {
      const target = table.targets[index]
      const cell = cells[index]
      if (cell === '' || target === 'timestamp' || target === 'ignore') continue
      if (target === 'extra') extra[table.keys[index]] = cell
      else recordField(target, cell, table.keys[index], fields, extra)
    }
    noteRaggedRow(cells, table.names.length, extra)
    const event: NormalisedEvent = { timestamp: time, fields, raw: text }
    if (hasKeys(extra)) event.extra = extra
    this.emit({ kind: 'event', event, record })
  }
}

/** The row's time in ms UTC, or the reason it has none. */
function readRowTime(cells: readonly string[], table: CsvTable): number | string {
  const columns = table.timeColumns
  if (columns.length === 0) {
    return `no column holds a time Cairn reads (columns: ${excerpt(table.names.join(', '), 0)}): choose the time column in the import dialog`
  }
  let text = cells[columns[0]] ?? ''
  for (let index = 1; index < columns.length; index++) {
    const part = cells[columns[index]] ?? ''
    if (part !== '') text = text === '' ? part : `${text} ${part}`
  }
  if (text.trim() === '') return `no time: ${table.timeLabel} ${columns.length === 1 ? 'is' : 'are'} empty`
  const timestamp = table.reader.read(text)
  if (typeof timestamp === 'number') return timestamp
  return describeTimeProblem(timestamp, text, table.timeLabel)
}

function describeTimeProblem(problem: TimestampProblem, text: string, label: string): string {
  const quoted = `time '${excerpt(text, 0)}' (${label})`
  return problem === 'impossible'
    ? `${quoted} is not a date`
    : `${quoted} is not in a form Cairn reads: ${CSV_TIMESTAMP_FORMS}`
}

/**
 * Puts a mapped cell in its field. Addresses must be IPs (host names go to *.domain), numbers must be
 * numbers; a cell that does not fit, or a second column for a field already filled, stays in extra.
 */
function recordField(
  field: EventField,
  cell: string,
  key: string,
  fields: EventFieldValues,
  extra: ExtraFields
): void {
  const value = cell.trim()
  if (value === '' || value === NO_VALUE) return
  if (fields[field] !== undefined) {
    extra[key] = cell
  } else if (field === 'source.ip') {
    recordSourceAddress(value, fields, extra)
  } else if (field === 'destination.ip') {
    const ip = normaliseIp(value)
    if (ip !== null) fields['destination.ip'] = ip
    else if (isHostname(value)) fields['destination.domain'] = value
    else extra['destination.address'] = value
  } else if (NUMERIC_EVENT_FIELDS.has(field)) {
    const number = readNumber(value)
    if (number === null) extra[key] = cell
    else fields[field] = number
  } else {
    fields[field] = value
  }
}

/** Rows with fewer cells than the header read the missing ones as empty; extra cells are kept in order. */
function noteRaggedRow(cells: readonly string[], columns: number, extra: ExtraFields): void {
  if (cells.length === columns || columns === 0) return
  if (cells.length < columns) {
    extra['csv.note'] =
      `row has ${cells.length} cells for the header's ${columns}: the missing ones read as empty`
    return
  }
  for (let index = columns; index < cells.length; index++) {
    if (cells[index] !== '') extra[`csv.extra_${index - columns + 1}`] = cells[index]
  }
  extra['csv.note'] =
    `row has ${cells.length} cells for the header's ${columns}: the cells past it are kept as csv.extra_1, csv.extra_2 … (empty ones left out)`
}

function isHeaderAgain(cells: readonly string[], names: readonly string[]): boolean {
  if (cells.length !== names.length || cells[0].trim() !== names[0]) return false
  for (let index = 1; index < cells.length; index++) if (cells[index].trim() !== names[index]) return false
  return true
}

function hasKeys(object: object): boolean {
  for (const key in object) if (Object.hasOwn(object, key)) return true
  return false
}

/**
 * How sure the sample is CSV/TSV: it needs a header of column names and at least two rows with as many
 * cells; then it is the share of rows that read as events with a time. A sample without a readable time
 * scores low: every row would be rejected.
 */
function sniffCsv(sample: readonly string[]): number {
  const lines = sample.filter((line) => line.trim() !== '')
  if (lines.length < 3) return 0
  const delimiter = detectDelimiter(stripByteOrderMark(lines[0]), lines.slice(1))
  const records = splitSampleRecords(lines, delimiter)
  const names = columnNames(records[0] ?? [])
  if (!looksLikeHeader(names)) return 0
  const rows = records.length - 1
  const fitting = records.slice(1).filter((cells) => cells.length === names.length).length
  if (fitting < 2) return 0
  const parser = new CsvRecordParser(SNIFF_OPTIONS)
  let events = 0
  const count: EmitOutcome = (outcome) => {
    if (outcome.kind === 'event') events++
  }
  lines.forEach((text, index) => parser.read({ text, line: index + 1, offset: 0 }, count))
  parser.end(count)
  if (events === 0) return NO_TIME_CONFIDENCE
  return events / rows
}

function looksLikeHeader(names: readonly string[]): boolean {
  if (names.length < 2) return false
  let named = 0
  for (const name of names) {
    if (name === '') continue
    if (!COLUMN_NAME.test(name)) return false
    named++
  }
  return named >= 2
}

export const csvFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'csv',
  framing: 'line',
  sniff: sniffCsv,
  create(options) {
    assertTimeZone(options.timeZone)
    return new CsvRecordParser(options)
  }
}
