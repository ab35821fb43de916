// Zeek's JSON logs (LogAscii::use_json, or the JSON streaming package): one object per line with the field
// names of the TSV logs (id.orig_h), ts as epoch seconds or ISO 8601, and _path naming the log when the
// writer adds it. A record without _path is typed from its fields. The mapping to ECS is zeekFields',
// shared with zeek_tsv, so the same connection reads the same in either format.

import { describeTimestampProblem, isTimestampProblem, parseRfc3339 } from '../../time/timestamps'
import { assertTimeZone } from '../../time/zonedTime'
import { readJsonObject, type JsonObject } from '../jsonFraming'
import {
  lineRecordParser,
  type LineParseResult,
  type ParserOptions,
  type RecordParser,
  type TextFormatDefinition
} from '../parser'
import { isJsonScalar, lineObjectProblems } from './jsonValues'
import { accept, excerpt, reject } from './results'
import {
  describeZeekRecord,
  describeZeekTimeProblem,
  inferZeekLogType,
  zeekEpochNumberToMs,
  zeekEpochTextToMs,
  type ZeekScalar,
  type ZeekValue
} from './zeekFields'

const ISO_FORM = 'yyyy-mm-ddThh:mm:ss.ffffffZ'
const RECORD_OBJECT_PROBLEMS = lineObjectProblems('one record object')

interface ZeekJsonRecord {
  timestamp: number
  logType: string | undefined
  values: Map<string, ZeekValue>
}

/** One JSON document read as a Zeek record, or why it is not one. */
function readZeekJson(text: string, timeZone: string): ZeekJsonRecord | { problem: string } {
  const read = readJsonObject(text, RECORD_OBJECT_PROBLEMS)
  if (!read.ok) return { problem: read.reason }
  const values = new Map<string, ZeekValue>()
  flatten(read.object, '', values)
  const ts = values.get('ts')
  if (ts === undefined) return { problem: `no ts field: every Zeek record has its time in ts` }
  const timestamp = timestampOf(ts, timeZone)
  if (typeof timestamp === 'string') return { problem: timestamp }
  const path = values.get('_path')
  const logType = typeof path === 'string' && path !== '' ? path : inferZeekLogType(values)
  return { timestamp, logType, values }
}

/**
 * Zeek's JSON names nested record fields with dots (id.orig_h); writers that nest them as objects are read
 * the same way. Nulls, empty strings and empty arrays are unset or empty fields, which TSV leaves out too;
 * empty strings inside arrays are dropped.
 */
function flatten(object: JsonObject, prefix: string, values: Map<string, ZeekValue>): void {
  for (const key in object) {
    const value = object[key]
    const name = prefix + key
    if (typeof value === 'string') {
      if (value !== '') values.set(name, value)
    } else if (typeof value === 'number' || typeof value === 'boolean') {
      values.set(name, value)
    } else if (Array.isArray(value)) {
      // A set holding only the empty string is what TSV writes as (empty).
      const elements = value.filter((element) => element !== '' && element !== null).map(elementOf)
      if (elements.length > 0) values.set(name, elements)
    } else if (value !== null && typeof value === 'object') {
      flatten(value as JsonObject, `${name}.`, values)
    }
  }
}

function elementOf(value: unknown): ZeekScalar {
  return isJsonScalar(value) ? value : JSON.stringify(value)
}

/** ts as ms: epoch seconds (a number, or digits in a string) or ISO 8601; a reason when it is neither. */
function timestampOf(ts: ZeekValue, timeZone: string): number | string {
  if (typeof ts === 'number') {
    return zeekEpochNumberToMs(ts) ?? `ts ${ts} is not epoch seconds`
  }
  if (typeof ts !== 'string') return `ts is ${Array.isArray(ts) ? 'a list' : 'a boolean'}, not a time`
  if (ts.length >= 19 && ts.charCodeAt(4) === 45) {
    // Zeek writes ISO times in UTC with a Z; one without an offset is read in the declared zone.
    const iso = parseRfc3339(ts, 0, ts.length, timeZone)
    return isTimestampProblem(iso) ? describeTimestampProblem(iso, excerpt(ts, 0), ISO_FORM) : iso
  }
  return zeekEpochTextToMs(ts) ?? describeZeekTimeProblem(excerpt(ts, 0))
}

function readZeekJsonLine(text: string, timeZone: string): LineParseResult {
  const read = readZeekJson(text, timeZone)
  if ('problem' in read) return reject(read.problem)
  const { fields, extra } = describeZeekRecord(read.logType, read.values)
  return accept(read.timestamp, fields, extra, text)
}

/** A parser for Zeek JSON records; it keeps no state between records. */
export function createZeekJsonParser(options: ParserOptions): RecordParser {
  assertTimeZone(options.timeZone)
  const timeZone = options.timeZone
  return lineRecordParser({ format: 'zeek_json', parse: (line) => readZeekJsonLine(line, timeZone) })
}

/**
 * Whether a record is Zeek's and not just any JSON with a ts: it names its log (_path), carries a
 * connection (uid, id.orig_h) or has the fields of a known log.
 */
function isZeekRecord(record: ZeekJsonRecord): boolean {
  const values = record.values
  return values.has('_path') || values.has('uid') || values.has('id.orig_h') || record.logType !== undefined
}

/**
 * The share of sample lines that are Zeek records. Zeek writes one object per line, never arrays, so the
 * sample's lines are its records.
 */
function sniffZeekJson(sample: readonly string[]): number {
  let records = 0
  let zeek = 0
  for (const line of sample) {
    if (line.trim() === '') continue
    records++
    const read = readZeekJson(line, 'UTC')
    if (!('problem' in read) && isZeekRecord(read)) zeek++
  }
  return records === 0 ? 0 : zeek / records
}

export const zeekJsonFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'zeek_json',
  framing: 'json',
  sniff: sniffZeekJson,
  create: createZeekJsonParser
}
