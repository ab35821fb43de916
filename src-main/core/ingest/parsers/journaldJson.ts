// systemd journal exports (`journalctl -o json`, one object per line, or `-o json-pretty`): each entry's
// trusted fields (_PID, _HOSTNAME, _SYSTEMD_UNIT …) become ECS fields, and the message goes through the same
// auth.log semantics as syslog, so an sshd or sudo journal yields the logins and commands auth.log would.

import type { EventFieldValues, NormalisedEvent } from '../../../common/event'
import { readJsonObject, type JsonObject, type JsonObjectProblems } from '../jsonFraming'
import type { EmitOutcome, RecordParser, SourceRecord, TextFormatDefinition } from '../parser'
import { describeAuthLine } from './authSemantics'
import { excerpt, type ExtraFields } from './results'
import { facilityName, severityName } from './syslogHeader'

/** Journal fields with an ECS column; everything else goes to extra as journald.<FIELD>. */
const FIELD_COLUMNS: Readonly<
  Record<string, 'host.name' | 'service.name' | 'process.executable' | 'process.command_line'>
> = {
  _HOSTNAME: 'host.name',
  _SYSTEMD_UNIT: 'service.name',
  _EXE: 'process.executable',
  _CMDLINE: 'process.command_line'
}
/** Fields read by hand below, so never copied to extra as well. */
const READ_FIELDS = new Set([
  '__REALTIME_TIMESTAMP',
  'MESSAGE',
  'PRIORITY',
  'SYSLOG_FACILITY',
  'SYSLOG_IDENTIFIER',
  '_PID',
  '_UID',
  ...Object.keys(FIELD_COLUMNS)
])
/** µs since the epoch as journalctl writes it: a decimal string (16 digits until the year 2286). */
const MICROSECONDS = /^\d{1,16}$/
const UTF8 = new TextDecoder('utf-8')
const JOURNAL_PROBLEMS: JsonObjectProblems = {
  invalid: (text, parseMessage) => `'${excerpt(text, 0)}' is not JSON (${parseMessage})`,
  notObject: (text) =>
    `'${excerpt(text, 0)}' is not a JSON object: journalctl -o json writes one object per entry`
}

export const journaldJsonFormat: TextFormatDefinition = {
  kind: 'text',
  format: 'journald_json',
  framing: 'json',
  sniff(sample) {
    if (sample.length === 0) return 0
    let entries = 0
    for (const line of sample) if (isJournalEntry(parseObject(line))) entries++
    if (entries > 0) return entries / sample.length
    return isJournalEntry(firstPrettyDocument(sample)) ? 1 : 0
  },
  create: () => journalRecordParser
}

const journalRecordParser: RecordParser = {
  format: 'journald_json',
  read(record: SourceRecord, emit: EmitOutcome) {
    const result = describeJournalEntry(record.text)
    if (typeof result === 'string') emit({ kind: 'rejected', reason: result, record })
    else emit({ kind: 'event', event: result, record })
  },
  end() {}
}

/** One journal entry as an event, or why the document is not one. */
export function describeJournalEntry(text: string): NormalisedEvent | string {
  const read = readJsonObject(text, JOURNAL_PROBLEMS)
  if (!read.ok) return read.reason
  const fields = read.object
  const realtime = fields['__REALTIME_TIMESTAMP']
  if (typeof realtime !== 'string' || !MICROSECONDS.test(realtime)) {
    return realtime === undefined
      ? 'the entry has no __REALTIME_TIMESTAMP: journalctl -o json always writes it, so this is another JSON log'
      : `__REALTIME_TIMESTAMP '${excerpt(String(realtime), 0)}' is not microseconds since the epoch`
  }
  return toEvent(fields, Math.floor(Number(realtime) / 1000), text)
}

function toEvent(entry: JsonObject, timestamp: number, raw: string): NormalisedEvent {
  const fields: EventFieldValues = { 'event.kind': 'event', 'event.dataset': 'journald' }
  const extra: ExtraFields = {}
  const omitted: string[] = []
  for (const key in entry) {
    if (!Object.hasOwn(entry, key)) continue
    // journalctl writes null for a field too large to show (over 4096 bytes without --all).
    if (entry[key] === null) omitted.push(key)
    else if (!READ_FIELDS.has(key)) {
      const value = journalValue(entry[key])
      if (value !== undefined) extra[`journald.${key}`] = value
    }
  }
  for (const key in FIELD_COLUMNS) {
    const value = journalValue(entry[key])
    if (value !== undefined && value !== '') fields[FIELD_COLUMNS[key]] = value
  }
  const severity = decimal(entry['PRIORITY'])
  const level = severity === undefined ? undefined : severityName(severity)
  if (level !== undefined) fields['log.level'] = level
  const facilityNumber = decimal(entry['SYSLOG_FACILITY'])
  const facility = facilityNumber === undefined ? undefined : facilityName(facilityNumber)
  if (facility !== undefined) extra['log.syslog.facility.name'] = facility
  // Entries logged through the native API may lack SYSLOG_IDENTIFIER; the kernel-attested _COMM names them.
  const program = journalValue(entry['SYSLOG_IDENTIFIER']) ?? journalValue(entry['_COMM'])
  if (program !== undefined) fields['process.name'] = program
  const pid = decimal(entry['_PID'])
  if (pid !== undefined) fields['process.pid'] = pid
  // Trailing spaces are noise (PAM ends its messages with one) and would defeat anchored patterns.
  const message = journalValue(entry['MESSAGE'])?.trimEnd()
  if (message !== undefined && message !== '') fields.message = message
  if (omitted.length > 0) extra['journald.omitted_fields'] = omitted.join(',')

  const uid = journalValue(entry['_UID'])
  if (describeAuthLine(program, undefined, message ?? '', { fields, extra })) {
    fields['event.dataset'] = 'system.auth'
  }
  // _UID is the logging process's own (sshd runs as root): it is the user only when the message named none.
  if (uid !== undefined) {
    if (fields['user.name'] === undefined) fields['user.id'] = uid
    else extra['journald._UID'] = uid
  }
  const event: NormalisedEvent = { timestamp, fields, raw }
  if (Object.keys(extra).length > 0) event.extra = extra
  return event
}

/**
 * A journal field value as text. journalctl writes a value that is not valid UTF-8 as an array of byte
 * values, and a field that occurs several times in one entry as an array of its values.
 */
function journalValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return String(value)
  if (!Array.isArray(value)) return undefined
  if (value.every((item) => typeof item === 'number' && Number.isInteger(item) && item >= 0 && item <= 255)) {
    return UTF8.decode(Uint8Array.from(value as number[]))
  }
  const values = value.map(journalValue).filter((item) => item !== undefined)
  return values.length === 0 ? undefined : values.join('\n')
}

/** A non-negative whole number written as a string or a number, as journal numeric fields are. */
function decimal(value: unknown): number | undefined {
  const text = journalValue(value)
  return text !== undefined && /^\d{1,10}$/.test(text) ? Number(text) : undefined
}

/** What the sniff looks for: an object with a realtime timestamp the parser reads, and a message. */
function isJournalEntry(value: JsonObject | undefined): boolean {
  if (value === undefined) return false
  const realtime = value['__REALTIME_TIMESTAMP']
  return typeof realtime === 'string' && MICROSECONDS.test(realtime) && 'MESSAGE' in value
}

function parseObject(line: string): JsonObject | undefined {
  if (!line.trimStart().startsWith('{')) return undefined
  const read = readJsonObject(line)
  return read.ok ? read.object : undefined
}

/** The first document of a `-o json-pretty` sample: lines up to the first closing brace at column 0. */
function firstPrettyDocument(sample: readonly string[]): JsonObject | undefined {
  if (sample[0]?.trim() !== '{') return undefined
  const end = sample.findIndex((line) => line.trimEnd() === '}')
  return end === -1 ? undefined : parseObject(sample.slice(0, end + 1).join('\n'))
}
