// Reads an indicator list a responder brings to a case: plain text (one value per line, the way most
// blocklists are published) or CSV with a header. Every line ends up either as a normalised IocEntry or
// as a rejection that names the line and says what is wrong with it; nothing is dropped silently.

import { splitCsvLine } from './csvLine'
import { classifyIndicator, defang, normaliseAs, normaliseUserAgent } from './indicatorSyntax'
import type { IndicatorParse } from './indicatorSyntax'
import { IOC_TYPES } from './iocTypes'
import type { IocEntry, IocType } from './iocTypes'

export interface RejectedIocLine {
  /** 1-based line number in the list file. */
  line: number
  raw: string
  /** Starts with the line number, so it can be shown on its own: "line 7: '300.1.2.3' is not …". */
  reason: string
}

export interface IocListParse {
  entries: IocEntry[]
  rejected: RejectedIocLine[]
}

/** Type names feeds use besides ours (MISP attribute types, common CSV headers). */
const TYPE_ALIASES: ReadonlyMap<string, IocType> = new Map([
  ['ipv4', 'ip'],
  ['ipv6', 'ip'],
  ['ip-src', 'ip'],
  ['ip-dst', 'ip'],
  ['hostname', 'domain'],
  ['fqdn', 'domain'],
  ['uri', 'url'],
  ['sha-1', 'sha1'],
  ['sha-256', 'sha256'],
  ['ua', 'user_agent'],
  ['useragent', 'user_agent'],
  ['user-agent', 'user_agent']
])

const USER_AGENT_PREFIX = 'ua:'

interface CsvColumns {
  type: number
  value: number
  comment: number
  count: number
}

type LineParse = { ok: true; type: IocType; value: string; comment: string } | { ok: false; reason: string }

/**
 * Parses a list file. CSV is recognised by a header row naming a `value` column (optionally `type` and
 * `comment`); anything else is plain text, where a line is a value followed by an optional comment after
 * a comma, a tab or ' #'. In plain text a user agent needs the `ua:` prefix or a `user_agent,<value>` row,
 * because its spaces and commas are otherwise read as the start of a comment.
 */
export function parseIocList(text: string, listName: string): IocListParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  const headerIndex = lines.findIndex(isContentLine)
  const columns = headerIndex < 0 ? null : csvHeaderColumns(lines[headerIndex].trim())
  const entries: IocEntry[] = []
  const rejected: RejectedIocLine[] = []
  const seen = new Set<string>()
  lines.forEach((raw, index) => {
    if (!isContentLine(raw) || (columns !== null && index === headerIndex)) return
    const line = raw.trim()
    const parsed = columns === null ? parsePlainLine(line) : parseCsvRow(line, columns)
    if (!parsed.ok) {
      rejected.push({ line: index + 1, raw, reason: `line ${index + 1}: ${parsed.reason}` })
      return
    }
    const key = `${parsed.type}\u0000${parsed.value}`
    if (seen.has(key)) return
    seen.add(key)
    const entry: IocEntry = { type: parsed.type, value: parsed.value, list: listName }
    if (parsed.comment !== '') entry.comment = parsed.comment
    entries.push(entry)
  })
  return { entries, rejected }
}

function isContentLine(line: string): boolean {
  const trimmed = line.trim()
  return trimmed !== '' && !trimmed.startsWith('#')
}

function csvHeaderColumns(line: string): CsvColumns | null {
  const split = splitCsvLine(line)
  if (!split.ok) return null
  const names = split.cells.map((cell) => cell.toLowerCase())
  if (!names.includes('value') || !names.every((name) => /^[a-z][a-z0-9_ -]*$/.test(name))) return null
  const comment = names.indexOf('comment')
  return {
    type: names.indexOf('type'),
    value: names.indexOf('value'),
    comment: comment >= 0 ? comment : names.indexOf('description'),
    count: names.length
  }
}

function parseCsvRow(line: string, columns: CsvColumns): LineParse {
  const split = splitCsvLine(line)
  if (!split.ok) return split
  if (split.cells.length > columns.count) return tooManyCells(split.cells.length, columns.count)
  const cell = (column: number): string => (column >= 0 ? (split.cells[column] ?? '') : '')
  const value = cell(columns.value)
  if (value === '') return { ok: false, reason: `the value column (${columns.value + 1}) is empty` }
  const typeName = cell(columns.type)
  const parsed = typeName === '' ? parseUntypedValue(value) : parseTypedValue(typeName, value)
  return withComment(parsed, cell(columns.comment))
}

function parsePlainLine(line: string): LineParse {
  if (line.slice(0, USER_AGENT_PREFIX.length).toLowerCase() === USER_AGENT_PREFIX) {
    // User agents contain commas, so only a tab may start their comment.
    const [userAgent, ...comment] = line.slice(USER_AGENT_PREFIX.length).split('\t')
    return withComment(normaliseUserAgent(userAgent), comment.join('\t'))
  }
  const firstComma = line.indexOf(',')
  if (firstComma > 0 && resolveType(line.slice(0, firstComma)) !== null) {
    const split = splitCsvLine(line)
    if (!split.ok) return split
    if (split.cells.length > 3) return tooManyCells(split.cells.length, 3)
    return withComment(parseTypedValue(split.cells[0], split.cells[1]), split.cells[2] ?? '')
  }
  const separator = line.search(/[,\t]|\s#/)
  const value = (separator < 0 ? line : line.slice(0, separator)).trim()
  const comment = separator < 0 ? '' : line.slice(separator).replace(/^[\s,]*#?/, '')
  if (value === '') return { ok: false, reason: 'the line has a comment but no value before it' }
  if (/\s/.test(value)) {
    return {
      ok: false,
      reason:
        `'${value}' contains spaces; start a comment with ',', a tab or ' #', ` +
        `or prefix a user agent with '${USER_AGENT_PREFIX}'`
    }
  }
  return withComment(parseUntypedValue(value), comment)
}

function parseUntypedValue(value: string): IndicatorParse {
  if (value.slice(0, USER_AGENT_PREFIX.length).toLowerCase() === USER_AGENT_PREFIX) {
    return normaliseUserAgent(value.slice(USER_AGENT_PREFIX.length))
  }
  return classifyIndicator(defang(value))
}

function parseTypedValue(typeName: string, value: string): IndicatorParse {
  const type = resolveType(typeName)
  if (type === null) {
    return {
      ok: false,
      reason: `unknown indicator type '${typeName}'; expected one of ${IOC_TYPES.join(', ')}`
    }
  }
  return normaliseAs(type, type === 'user_agent' ? value : defang(value))
}

function resolveType(name: string): IocType | null {
  const lower = name.trim().toLowerCase()
  return IOC_TYPES.find((type) => type === lower) ?? TYPE_ALIASES.get(lower) ?? null
}

/** Usually an unquoted user agent: its commas split it into cells. */
function tooManyCells(found: number, expected: number): { ok: false; reason: string } {
  return {
    ok: false,
    reason: `the row has ${found} cells where ${expected} are expected; quote values that contain commas`
  }
}

function withComment(parsed: IndicatorParse, comment: string): LineParse {
  return parsed.ok ? { ...parsed, comment: comment.trim() } : parsed
}
