// Zeek's TSV logs, the ASCII writer's default: a block of #directives declares the separator, the unset and
// empty markers, the log type (#path) and the columns (#fields, #types), then one record per line. Logs
// concatenated with cat repeat the block mid-file, so the parser keeps the header state and starts over at
// each #separator. Cells are typed from #types, unescaped (\xHH, \\) and mapped to ECS by zeekFields.

import type { RecordOutcome, RecordParser, SourceRecord, TextFormatDefinition } from '../parser'
import { accept, excerpt } from './results'
import {
  describeZeekRecord,
  describeZeekTimeProblem,
  inferZeekLogType,
  zeekEpochTextToMs,
  type ZeekScalar,
  type ZeekValue
} from './zeekFields'

const DEFAULT_SEPARATOR = '\t'
const DEFAULT_SET_SEPARATOR = ','
const DEFAULT_EMPTY_FIELD = '(empty)'
const DEFAULT_UNSET_FIELD = '-'
const HASH = 35
const BACKSLASH = 92
const SPACE = 32

const HEADER_DIRECTIVES: ReadonlySet<string> = new Set([
  'separator',
  'set_separator',
  'empty_field',
  'unset_field',
  'path',
  'open',
  'fields',
  'types',
  'close'
])

/** Zeek types whose values are numbers: counts, ports, and times and intervals in seconds. */
const NUMERIC_TYPES: ReadonlySet<string> = new Set(['count', 'int', 'port', 'double', 'time', 'interval'])

/** A column name as Zeek writes one (id.orig_h): how zeek-cut's header line is told from data. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/

type CellKind = 'text' | 'number' | 'bool'

interface Column {
  name: string
  kind: CellKind
  /** A set, vector or table: cells hold elements joined by the set separator. */
  container: boolean
}

/** What a line is, under the header state it found. */
type LineShape =
  | { kind: 'header'; directive: string; problem?: string }
  | { kind: 'comment' }
  | { kind: 'columnHeader' }
  | { kind: 'row'; cells: string[] }
  | { kind: 'foreign'; reason: string }

/** The header state of one log file: markers, log type and columns, replaced by each new header block. */
class ZeekTsvLayout {
  private separator = DEFAULT_SEPARATOR
  private setSeparator = DEFAULT_SET_SEPARATOR
  private emptyField = DEFAULT_EMPTY_FIELD
  private unsetField = DEFAULT_UNSET_FIELD
  private path: string | undefined
  private names: string[] | null = null
  private types: string[] | null = null
  private columns: Column[] | null = null
  private tsIndex = -1
  /** The log type the columns show, for logs without #path (zeek-cut output). */
  private inferredType: string | undefined

  classify(line: string): LineShape {
    if (line.charCodeAt(0) === HASH) return this.readDirective(line)
    const cells = line.split(this.separator)
    if (this.columns === null) {
      if (isColumnHeader(cells)) {
        this.names = cells
        this.types = null
        this.buildColumns()
        return { kind: 'columnHeader' }
      }
      return {
        kind: 'foreign',
        reason: `no #fields header before this line ('${excerpt(line, 0)}'): a Zeek TSV log declares its columns in #fields`
      }
    }
    if (cells.length !== this.columns.length) {
      return {
        kind: 'foreign',
        reason: `${cells.length} value${cells.length === 1 ? '' : 's'} where #fields declares ${this.columns.length} columns: '${excerpt(line, 0)}'`
      }
    }
    return { kind: 'row', cells }
  }

  private readDirective(line: string): LineShape {
    let end = 1
    while (end < line.length && isDirectiveChar(line.charCodeAt(end))) end++
    const directive = line.slice(1, end)
    const next = line.charCodeAt(end)
    const delimited = end === line.length || next === SPACE || line.startsWith(this.separator, end)
    if (!HEADER_DIRECTIVES.has(directive) || !delimited) return { kind: 'comment' }
    const value = end === line.length ? '' : line.slice(end + (next === SPACE ? 1 : this.separator.length))
    return { kind: 'header', directive, problem: this.applyDirective(directive, value) }
  }

  /** Applies one directive; returns why it could not be used, if it could not. */
  private applyDirective(directive: string, value: string): string | undefined {
    switch (directive) {
      case 'separator': {
        const separator = unescapeZeekText(value)
        if (separator === '') return `#separator '${excerpt(value, 0)}' names no separator`
        this.startBlock(separator)
        return undefined
      }
      case 'set_separator':
        this.setSeparator = unescapeZeekText(value)
        return undefined
      case 'empty_field':
        this.emptyField = unescapeZeekText(value)
        return undefined
      case 'unset_field':
        this.unsetField = unescapeZeekText(value)
        return undefined
      case 'path':
        this.path = value === '' ? undefined : value
        return undefined
      case 'fields':
        this.names = value.split(this.separator)
        return this.buildColumns()
      case 'types':
        this.types = value.split(this.separator)
        return this.buildColumns()
      default:
        return undefined
    }
  }

  private startBlock(separator: string): void {
    this.separator = separator
    this.setSeparator = DEFAULT_SET_SEPARATOR
    this.emptyField = DEFAULT_EMPTY_FIELD
    this.unsetField = DEFAULT_UNSET_FIELD
    this.path = undefined
    this.names = null
    this.types = null
    this.columns = null
    this.tsIndex = -1
    this.inferredType = undefined
  }

  private buildColumns(): string | undefined {
    const names = this.names
    if (names === null) return undefined
    const types = this.types
    const typed = types !== null && types.length === names.length
    this.columns = names.map((name, index) => columnOf(name, typed ? types[index] : undefined))
    this.tsIndex = names.indexOf('ts')
    this.inferredType = inferZeekLogType(new Map(names.map((name) => [name, true])))
    if (types !== null && !typed) {
      return `#types lists ${types.length} types for ${names.length} #fields columns: values are read untyped`
    }
    return undefined
  }

  /** The event for a row of the declared width, or why the row cannot be one. */
  toOutcome(cells: readonly string[], record: SourceRecord): RecordOutcome {
    const columns = this.columns ?? []
    if (this.tsIndex === -1) {
      return rejected(
        record,
        `the columns have no ts: a Zeek record needs its time (zeek-cut output without ts?)`
      )
    }
    const tsText = cells[this.tsIndex]
    if (tsText === this.unsetField || tsText === this.emptyField) {
      return rejected(record, `ts is unset ('${tsText}'): the record has no time`)
    }
    const timestamp = zeekEpochTextToMs(tsText)
    if (timestamp === null) return rejected(record, describeZeekTimeProblem(excerpt(tsText, 0)))

    const values = new Map<string, ZeekValue>()
    for (let i = 0; i < columns.length; i++) {
      const cell = cells[i]
      if (cell === this.unsetField || cell === this.emptyField) continue
      values.set(columns[i].name, this.cellValue(cell, columns[i]))
    }
    const { fields, extra } = describeZeekRecord(this.path ?? this.inferredType, values)
    const result = accept(timestamp, fields, extra, record.text)
    return result.ok ? { kind: 'event', event: result.event, record } : rejected(record, result.reason)
  }

  private cellValue(cell: string, column: Column): ZeekValue {
    if (!column.container) return scalarOf(cell, column.kind)
    const elements = cell.split(this.setSeparator)
    const values: ZeekScalar[] = new Array<ZeekScalar>(elements.length)
    for (let i = 0; i < elements.length; i++) values[i] = scalarOf(elements[i], column.kind)
    return values
  }
}

function isDirectiveChar(code: number): boolean {
  return (code >= 97 && code <= 122) || code === 95
}

/** zeek-cut -m writes the column names as a plain first line; it is one when it names Zeek's own columns. */
function isColumnHeader(cells: readonly string[]): boolean {
  if (!cells.every((cell) => FIELD_NAME.test(cell))) return false
  return cells.includes('uid') || cells.includes('id.orig_h') || cells.includes('fuid')
}

function columnOf(name: string, type: string | undefined): Column {
  if (type === undefined) return { name, kind: 'text', container: false }
  const open = type.indexOf('[')
  const container = open !== -1 && type.endsWith(']')
  const elementType = container ? type.slice(open + 1, -1) : type
  const kind: CellKind = NUMERIC_TYPES.has(elementType) ? 'number' : elementType === 'bool' ? 'bool' : 'text'
  return { name, kind, container }
}

function scalarOf(text: string, kind: CellKind): ZeekScalar {
  if (kind === 'number') {
    const value = Number(text)
    return Number.isNaN(value) || text === '' ? unescapeZeekText(text) : value
  }
  if (kind === 'bool') {
    if (text === 'T') return true
    if (text === 'F') return false
  }
  return unescapeZeekText(text)
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Undoes the ASCII writer's escaping: \\ is a backslash and \xHH a byte. Bytes of valid UTF-8 become their
 * characters; tab, newline and carriage return become themselves; other control bytes and invalid UTF-8
 * stay written as \xHH, which is also how Zeek's JSON writer shows them.
 */
export function unescapeZeekText(text: string): string {
  if (text.indexOf('\\') === -1) return text
  let out = ''
  let highBytes: number[] = []
  const flushHighBytes = (): void => {
    if (highBytes.length === 0) return
    try {
      out += UTF8.decode(Uint8Array.from(highBytes))
    } catch {
      for (const byte of highBytes) out += `\\x${byte.toString(16).padStart(2, '0')}`
    }
    highBytes = []
  }
  let i = 0
  while (i < text.length) {
    const code = text.charCodeAt(i)
    if (code === BACKSLASH && i + 1 < text.length) {
      if (text.charCodeAt(i + 1) === BACKSLASH) {
        flushHighBytes()
        out += '\\'
        i += 2
        continue
      }
      const byte = text.charCodeAt(i + 1) === 120 ? hexByte(text, i + 2) : -1
      if (byte >= 0x80) {
        highBytes.push(byte)
        i += 4
        continue
      }
      if (byte >= 0) {
        flushHighBytes()
        out += isReadableByte(byte) ? String.fromCharCode(byte) : text.slice(i, i + 4)
        i += 4
        continue
      }
    }
    flushHighBytes()
    out += text[i]
    i++
  }
  flushHighBytes()
  return out
}

function hexByte(text: string, start: number): number {
  if (start + 2 > text.length) return -1
  const high = hexDigit(text.charCodeAt(start))
  const low = hexDigit(text.charCodeAt(start + 1))
  return high < 0 || low < 0 ? -1 : high * 16 + low
}

function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48
  if (code >= 97 && code <= 102) return code - 87
  if (code >= 65 && code <= 70) return code - 55
  return -1
}

function isReadableByte(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d
}

function rejected(record: SourceRecord, reason: string): RecordOutcome {
  return { kind: 'rejected', reason, record }
}

/** A parser for one Zeek TSV file; it keeps the header state, so never share one between files. */
export function createZeekTsvParser(): RecordParser {
  const layout = new ZeekTsvLayout()
  return {
    format: 'zeek_tsv',
    read(record, emit) {
      emit(settleLine(layout, record))
    },
    end() {}
  }
}

function settleLine(layout: ZeekTsvLayout, record: SourceRecord): RecordOutcome {
  const line = record.text
  if (line.trim() === '') return rejected(record, 'blank line')
  const shape = layout.classify(line)
  switch (shape.kind) {
    case 'header':
      return shape.problem === undefined
        ? { kind: 'skipped', reason: `Zeek header (#${shape.directive})`, record }
        : rejected(record, shape.problem)
    case 'comment':
      return { kind: 'skipped', reason: 'comment line (not a Zeek header directive)', record }
    case 'columnHeader':
      return {
        kind: 'skipped',
        reason: 'Zeek column header (zeek-cut output: no #types, values read untyped)',
        record
      }
    case 'foreign':
      return rejected(record, shape.reason)
    case 'row':
      return layout.toOutcome(shape.cells, record)
  }
}

/**
 * The share of the sample's non-comment lines that are Zeek headers or rows of the declared width; 0 when
 * no Zeek header appears at all (many text files start with # comments).
 */
function sniffZeekTsv(sample: readonly string[]): number {
  const layout = new ZeekTsvLayout()
  let counted = 0
  let own = 0
  let sawHeader = false
  for (const line of sample) {
    if (line.trim() === '') continue
    const shape = layout.classify(line)
    if (shape.kind === 'comment') continue
    counted++
    if (shape.kind === 'header' || shape.kind === 'columnHeader') {
      sawHeader = true
      own++
    } else if (shape.kind === 'row') {
      own++
    }
  }
  return sawHeader ? own / counted : 0
}

export const zeekTsvFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'zeek_tsv',
  framing: 'line',
  sniff: sniffZeekTsv,
  // Zeek writes epoch seconds, which need no zone or year.
  create: () => createZeekTsvParser()
}
