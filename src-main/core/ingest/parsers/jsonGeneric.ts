// JSON documents of no known schema (application logs, ECS exports, anything `jq` can read): each object
// is one event, flattened to dotted keys. Keys that are Cairn's ECS columns fill them, so an ECS document
// maps as-is; every other key is kept in `extra`, and the time comes from whichever field holds one.

import {
  EVENT_FIELDS,
  NUMERIC_EVENT_FIELDS,
  type EventField,
  type EventFieldValues
} from '../../../common/event'
import { assertTimeZone } from '../../time/zonedTime'
import { acceptedDocumentShare, isJsonObject, jsonObjectParser, type JsonObject } from '../jsonFraming'
import type {
  EmitOutcome,
  LineParseResult,
  ParserOptions,
  RecordParser,
  SourceRecord,
  TextFormatDefinition
} from '../parser'
import { isHostname, normaliseIp, recordSourceAddress } from './addresses'
import { findTimestamp, JsonTimestampReader } from './jsonTimestamp'
import { isJsonScalar } from './jsonValues'
import { accept, reject, type ExtraFields } from './results'

/** Longest JSON rendering of an array or object kept in `extra`; longer ones are cut with an ellipsis. */
const MAX_EXTRA_JSON_CHARS = 4096
/** Longest message rendered from a document that has no message field. */
const MAX_RENDERED_MESSAGE_CHARS = 200
/**
 * The generic reader accepts any dated object, so it claims a sample less surely than a format that
 * recognises the documents' own shape (CloudTrail, Windows events), which should win when both fit.
 */
const GENERIC_CONFIDENCE = 0.8

const EVENT_FIELD_NAMES: ReadonlySet<string> = new Set(EVENT_FIELDS)
/** Keys that hold an application's message when the document has no ECS `message`. */
const MESSAGE_KEYS = ['msg', 'log', 'MESSAGE', 'Message', 'text'] as const
const DECIMAL_NUMBER = /^-?\d+(?:\.\d+)?$/
/** Non-ECS names application loggers (pino, bunyan, structlog …) use for a column, read when it is empty. */
const COLUMN_ALIASES: readonly [string, 'log.level' | 'host.name'][] = [
  ['level', 'log.level'],
  ['severity', 'log.level'],
  ['hostname', 'host.name'],
  ['host', 'host.name']
]

/** A document flattened to dotted keys: scalars and arrays; empty objects and nulls are left out. */
export type FlatDocument = Map<string, unknown>

export function flattenJson(object: JsonObject, into: FlatDocument = new Map(), prefix = ''): FlatDocument {
  for (const key in object) {
    if (!Object.hasOwn(object, key)) continue
    const value = object[key]
    if (value === null || value === undefined) continue
    if (isJsonObject(value)) flattenJson(value, into, `${prefix}${key}.`)
    else into.set(prefix + key, value)
  }
  return into
}

/** A JSON value as `extra` keeps it: numbers and strings as they are, anything else as capped JSON text. */
export function extraValue(value: unknown): string | number {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value)
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  return cappedJson(value)
}

export function cappedJson(value: unknown): string {
  const text = JSON.stringify(value) ?? ''
  return text.length > MAX_EXTRA_JSON_CHARS ? `${text.slice(0, MAX_EXTRA_JSON_CHARS)}…` : text
}

/** Puts one flattened key where it belongs: its ECS column when it is one, `extra` otherwise. */
export function assignJsonField(
  key: string,
  value: unknown,
  fields: EventFieldValues,
  extra: ExtraFields
): void {
  if (EVENT_FIELD_NAMES.has(key)) assignEventField(key as EventField, value, fields, extra)
  else extra[key] = extraValue(value)
}

/**
 * Sets an ECS column from a JSON value, checking what the column may hold: numbers for numeric fields,
 * valid addresses for IPs (a host name goes to the matching domain field). A value that does not fit is
 * kept in `extra` under the same name. A list of scalars (ECS writes event.category as one) is joined
 * with commas, as dns.answers is.
 */
function assignEventField(
  field: EventField,
  value: unknown,
  fields: EventFieldValues,
  extra: ExtraFields
): void {
  const scalar = Array.isArray(value) && value.every(isJsonScalar) ? value.join(',') : value
  if (!isJsonScalar(scalar)) {
    extra[field] = extraValue(value)
    return
  }
  if (NUMERIC_EVENT_FIELDS.has(field)) {
    const number =
      typeof scalar === 'number' ? scalar : DECIMAL_NUMBER.test(String(scalar)) ? Number(scalar) : NaN
    if (Number.isFinite(number)) fields[field] = number
    else extra[field] = String(scalar)
    return
  }
  const text = String(scalar)
  if (text === '') return
  if (field === 'source.ip') recordSourceAddress(text, fields, extra)
  else if (field === 'destination.ip') recordDestinationAddress(text, fields, extra)
  else fields[field] = text
}

function recordDestinationAddress(text: string, fields: EventFieldValues, extra: ExtraFields): void {
  const ip = normaliseIp(text)
  if (ip !== null) fields['destination.ip'] = ip
  else if (isHostname(text)) fields['destination.domain'] ??= text
  else extra['destination.address'] = text
}

/** The first message-like string field, or `key=value` pairs of the document cut to a readable length. */
function messageOf(document: FlatDocument, timestampField: string): string {
  for (const key of MESSAGE_KEYS) {
    const value = document.get(key)
    if (typeof value === 'string' && value !== '') return value
  }
  let rendering = ''
  for (const [key, value] of document) {
    if (key === timestampField || !isJsonScalar(value)) continue
    rendering += `${rendering === '' ? '' : ' '}${key}=${String(value)}`
    if (rendering.length > MAX_RENDERED_MESSAGE_CHARS) {
      return `${rendering.slice(0, MAX_RENDERED_MESSAGE_CHARS)}…`
    }
  }
  return rendering
}

/** Settles a record with one result: its event, or its rejection. */
export function emitResult(result: LineParseResult, record: SourceRecord, emit: EmitOutcome): void {
  if (result.ok) emit({ kind: 'event', event: result.event, record })
  else emit({ kind: 'rejected', reason: result.reason, record })
}

function readGenericObject(
  object: JsonObject,
  raw: string,
  timestamps: JsonTimestampReader
): LineParseResult {
  const document = flattenJson(object)
  const time = timestamps.read(document)
  if ('problem' in time) return reject(time.problem)
  const fields: EventFieldValues = {}
  const extra: ExtraFields = {}
  for (const [key, value] of document) assignJsonField(key, value, fields, extra)
  for (const [alias, field] of COLUMN_ALIASES) {
    const value = document.get(alias)
    if (fields[field] === undefined && typeof value === 'string' && value !== '') fields[field] = value
  }
  fields['event.kind'] ??= 'event'
  if (fields['message'] === undefined) {
    const message = messageOf(document, time.field)
    if (message !== '') fields['message'] = message
  }
  return accept(time.timestamp, fields, extra, raw)
}

function createJsonParser(options: ParserOptions): RecordParser {
  assertTimeZone(options.timeZone)
  const timestamps = new JsonTimestampReader(options.timeZone)
  return jsonObjectParser('json', (object, record, emit) =>
    emitResult(readGenericObject(object, record.text, timestamps), record, emit)
  )
}

function hasUsableTimestamp(object: JsonObject): boolean {
  return 'timestamp' in findTimestamp(flattenJson(object), 'UTC')
}

export const jsonFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'json',
  framing: 'json',
  sniff: (sample) => GENERIC_CONFIDENCE * acceptedDocumentShare(sample, hasUsableTimestamp),
  create: createJsonParser
}
