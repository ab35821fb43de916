// AWS CloudTrail: the API calls made in an account, as delivered to S3 (`{"Records":[…]}`, one document
// holding many events) or exported one event per line (the OTRF datasets). Each call becomes an ECS cloud
// event; CloudTrail's own field names stay in `extra` too, because Sigma's AWS rules address them directly.

import type { EventFieldValues } from '../../../common/event'
import { assertTimeZone } from '../../time/zonedTime'
import {
  acceptedDocumentShare,
  frameJsonSample,
  isJsonObject,
  jsonObjectParser,
  type JsonObject
} from '../jsonFraming'
import type {
  EmitOutcome,
  LineParseResult,
  RecordParser,
  SourceRecord,
  TextFormatDefinition
} from '../parser'
import { recordSourceAddress } from './addresses'
import { cappedJson, emitResult, extraValue, flattenJson } from './jsonGeneric'
import { parseTimestampValue } from './jsonTimestamp'
import { jsonText } from './jsonValues'
import { accept, excerpt, reject, type ExtraFields } from './results'

/** Parts of an event kept whole as JSON text: free-form, often large, and searched as text. */
const JSON_TEXT_KEYS: ReadonlySet<string> = new Set([
  'requestParameters',
  'responseElements',
  'additionalEventData',
  'resources',
  'serviceEventDetails'
])

/** Timestamp fields, in order: CloudTrail's own, then the one an export pipeline added. */
const TIME_KEYS = ['eventTime', '@timestamp'] as const

function createCloudTrailParser(): RecordParser {
  return jsonObjectParser('cloudtrail', readCloudTrailDocument)
}

function readCloudTrailDocument(object: JsonObject, record: SourceRecord, emit: EmitOutcome): void {
  const records = object['Records']
  if (records === undefined) {
    emitResult(readCloudTrailEvent(object, record.text), record, emit)
    return
  }
  if (!Array.isArray(records)) {
    emit({ kind: 'rejected', reason: `'Records' is not a list of CloudTrail events`, record })
    return
  }
  if (records.length === 0) {
    emit({ kind: 'skipped', reason: 'CloudTrail file with an empty Records list: no events', record })
    return
  }
  readRecordsList(records, record, emit)
}

/**
 * One document, many events. A record settles either as events or as one rejection, so when some
 * entries are unreadable and others are fine, each unreadable one becomes an event of kind
 * 'pipeline_error' (ECS's kind for this) carrying the reason, at the time of the readable entry before it
 * (or of the first readable one).
 */
function readRecordsList(records: unknown[], record: SourceRecord, emit: EmitOutcome): void {
  const results = records.map((entry) =>
    isJsonObject(entry)
      ? readCloudTrailEvent(entry, JSON.stringify(entry))
      : reject(`not an object but ${excerpt(JSON.stringify(entry) ?? '', 0)}`)
  )
  const firstEvent = results.find((result) => result.ok)
  if (firstEvent?.ok !== true) {
    const first = results[0]
    const reason = first.ok ? '' : first.reason
    emit({
      kind: 'rejected',
      reason: `no readable CloudTrail event in Records; the first: ${reason}`,
      record
    })
    return
  }
  let timestamp = firstEvent.event.timestamp
  results.forEach((result, index) => {
    if (result.ok) {
      timestamp = result.event.timestamp
      emit({ kind: 'event', event: result.event, record })
      return
    }
    const fields: EventFieldValues = {
      'event.kind': 'pipeline_error',
      'event.dataset': 'aws.cloudtrail',
      'event.reason': `Records[${index}]: ${result.reason}`,
      'cloud.provider': 'aws'
    }
    const failed = accept(timestamp, fields, {}, cappedJson(records[index]))
    if (failed.ok) emit({ kind: 'event', event: failed.event, record })
  })
}

function readCloudTrailEvent(event: JsonObject, raw: string): LineParseResult {
  const eventName = jsonText(event['eventName'])
  if (eventName === undefined) {
    return reject(`not a CloudTrail event: no eventName in '${excerpt(raw, 0)}'`)
  }
  const timestamp = readEventTime(event)
  if (typeof timestamp === 'string') return reject(timestamp)
  const eventSource = jsonText(event['eventSource'])
  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.module': 'aws',
    'event.dataset': 'aws.cloudtrail',
    'event.action': eventName,
    'cloud.provider': 'aws'
  }
  const extra = cloudTrailNames(event)
  if (eventSource !== undefined) fields['event.provider'] = eventSource
  setIfText(fields, 'event.id', event['eventID'])
  setIfText(fields, 'cloud.region', event['awsRegion'])
  setIfText(fields, 'user_agent.original', event['userAgent'])
  const sourceAddress = jsonText(event['sourceIPAddress'])
  if (sourceAddress !== undefined) recordSourceAddress(sourceAddress, fields, extra)
  describeIdentity(event['userIdentity'], fields)
  if (fields['cloud.account.id'] === undefined) {
    setIfText(fields, 'cloud.account.id', event['recipientAccountId'])
  }
  describeOutcome(event, eventName, fields)
  fields['message'] = describeCall(eventName, eventSource, fields)
  return accept(timestamp, fields, extra, raw)
}

/**
 * Every value under CloudTrail's own name, as Sigma's AWS rules address them: nested identities flattened
 * (userIdentity.arn), request and response bodies kept whole as JSON text.
 */
function cloudTrailNames(event: JsonObject): ExtraFields {
  const extra: ExtraFields = {}
  for (const key in event) {
    const value = event[key]
    if (!Object.hasOwn(event, key) || value === null || value === undefined) continue
    if (JSON_TEXT_KEYS.has(key)) {
      extra[key] = cappedJson(value)
    } else if (isJsonObject(value)) {
      for (const [path, leaf] of flattenJson(value, new Map(), `${key}.`)) extra[path] = extraValue(leaf)
    } else {
      extra[key] = extraValue(value)
    }
  }
  return extra
}

/** UTC ms of the event, or why there is none. CloudTrail writes `2026-03-14T09:12:01Z`. */
function readEventTime(event: JsonObject): number | string {
  for (const key of TIME_KEYS) {
    const value = event[key]
    if (value === undefined) continue
    const timestamp = parseTimestampValue(value, 'UTC')
    if (timestamp !== null) return timestamp
    return `${key} '${excerpt(String(value), 0)}' is not a date-time such as 2026-03-14T09:12:01Z`
  }
  return 'the CloudTrail event has no eventTime'
}

/**
 * Who made the call. user.name is the IAM user, else the role session (the last part of an assumed-role
 * ARN), else the AWS service that acted, else 'root' for the root account.
 */
function describeIdentity(identity: unknown, fields: EventFieldValues): void {
  if (!isJsonObject(identity)) return
  const arn = jsonText(identity['arn'])
  const name =
    jsonText(identity['userName']) ??
    (arn !== undefined && arn.includes(':assumed-role/') ? arn.slice(arn.lastIndexOf('/') + 1) : undefined) ??
    jsonText(identity['invokedBy']) ??
    (identity['type'] === 'Root' ? 'root' : undefined)
  if (name !== undefined) fields['user.name'] = name
  setIfText(fields, 'user.id', identity['principalId'])
  setIfText(fields, 'cloud.account.id', identity['accountId'])
}

/**
 * A call failed when CloudTrail recorded an error; a console sign-in is an authentication whose result
 * is in responseElements.ConsoleLogin.
 */
function describeOutcome(event: JsonObject, eventName: string, fields: EventFieldValues): void {
  const errorCode = jsonText(event['errorCode'])
  const errorMessage = jsonText(event['errorMessage'])
  let failed = errorCode !== undefined || errorMessage !== undefined
  if (eventName === 'ConsoleLogin') {
    fields['event.category'] = 'authentication'
    const response = event['responseElements']
    if (isJsonObject(response) && response['ConsoleLogin'] === 'Failure') failed = true
  }
  fields['event.outcome'] = failed ? 'failure' : 'success'
  const reason = errorMessage ?? errorCode
  if (reason !== undefined) fields['event.reason'] = reason
}

function describeCall(eventName: string, eventSource: string | undefined, fields: EventFieldValues): string {
  const call = eventSource === undefined ? eventName : `${eventName} on ${eventSource}`
  const who = fields['user.name'] === undefined ? '' : ` by ${fields['user.name']}`
  const from = fields['source.ip'] ?? fields['source.domain']
  const where = from === undefined ? '' : ` from ${from}`
  const failure = fields['event.outcome'] === 'failure' ? ` failed: ${fields['event.reason'] ?? 'error'}` : ''
  return `${call}${who}${where}${failure}`
}

function setIfText(
  fields: EventFieldValues,
  field: 'event.id' | 'cloud.region' | 'user_agent.original' | 'user.id' | 'cloud.account.id',
  value: unknown
): void {
  const found = jsonText(value)
  if (found !== undefined) fields[field] = found
}

/** A CloudTrail event: an API call with its name, the service it went to and CloudTrail's version stamp. */
function isCloudTrailEvent(object: unknown): boolean {
  return (
    isJsonObject(object) &&
    typeof object['eventName'] === 'string' &&
    typeof object['eventSource'] === 'string' &&
    (object['eventVersion'] !== undefined || object['eventTime'] !== undefined)
  )
}

function isCloudTrailDocument(object: JsonObject): boolean {
  const records = object['Records']
  if (records === undefined) return isCloudTrailEvent(object)
  return Array.isArray(records) && records.length > 0 && isCloudTrailEvent(records[0])
}

/** A pretty-printed Records file longer than the sample: its start shows what it is. */
const RECORDS_FILE_START = /^\s*\{\s*"Records"\s*:\s*\[/

function sniffCloudTrail(sample: readonly string[]): number {
  if (frameJsonSample(sample).length === 0) {
    const start = sample.join('\n')
    return RECORDS_FILE_START.test(start) && start.includes('"eventSource"') && start.includes('"eventName"')
      ? 0.9
      : 0
  }
  return acceptedDocumentShare(sample, isCloudTrailDocument)
}

export const cloudTrailFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'cloudtrail',
  framing: 'json',
  sniff: sniffCloudTrail,
  create: (options) => {
    assertTimeZone(options.timeZone)
    return createCloudTrailParser()
  }
}
