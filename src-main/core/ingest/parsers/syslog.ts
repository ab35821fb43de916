// Syslog lines from Linux hosts: RFC 3164 (the BSD format of /var/log/auth.log and /var/log/messages,
// including rsyslog's variant with an RFC 3339 timestamp) and RFC 5424. Both become ECS events with host,
// program and level, and authSemantics adds what an auth line means (logins, sudo, account changes).

import type { EventFieldValues } from '../../../common/event'
import { isValidCivilDate, monthFromAbbreviation } from '../../time/civil'
import { digitsAt, isDigit } from '../../time/digits'
import {
  RFC3339_FORM,
  describeTimestampProblem,
  fractionToMs,
  isTimestampProblem,
  isValidTimeOfDay,
  parseRfc3339
} from '../../time/timestamps'
import { assertTimeZone } from '../../time/zonedTime'
import type { LineParseResult, LineParser, ParserOptions } from '../parser'
import { describeAuthLine } from './authSemantics'
import { skipSpaces, tokenEnd } from './lineTokens'
import { accept, excerpt, reject, type ExtraFields } from './results'
import { readStructuredData } from './structuredData'
import { readPriority, readTag, recordPriority } from './syslogHeader'
import { SyslogClock, SyslogYearInference } from './syslogYear'

const BSD_TIMESTAMP_FORM = 'Mmm dd hh:mm:ss'
const A_LEAP_YEAR = 2000
const SPACE = 32
const DOT = 46
const COLON = 58
const LESS_THAN = 60
const RFC5424_HEADER = 'expected <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]'
/** rsyslog's repeated-message reduction: `message repeated 5 times: [ Failed password for …]`. */
const REPEATED_MESSAGE = /^message repeated (\d+) times: \[ ?(.*)\]$/s

/** RFC 3164 parser for one file: it keeps the inferred year from line to line, so never share one. */
export function createRfc3164Parser(options: ParserOptions): LineParser {
  assertTimeZone(options.timeZone)
  const clock: BsdClock = {
    years: new SyslogYearInference(options.referenceYear, options.referenceMonth),
    wall: new SyslogClock(options.timeZone)
  }
  return { format: 'syslog_rfc3164', parse: (line) => parseRfc3164Line(line, options.timeZone, clock) }
}

/** What one file's BSD timestamps need to become instants: the inferred year and the zone's wall clock. */
interface BsdClock {
  years: SyslogYearInference
  wall: SyslogClock
}

export function createRfc5424Parser(): LineParser {
  return { format: 'syslog_rfc5424', parse: parseRfc5424Line }
}

type TimestampRead = { timestamp: number; end: number } | { problem: string }

function parseRfc3164Line(line: string, timeZone: string, clock: BsdClock): LineParseResult {
  if (line.length === 0) return reject('empty line')
  const fields: EventFieldValues = { 'event.kind': 'event', 'event.dataset': 'system.syslog' }
  const extra: ExtraFields = {}
  let position = 0
  if (line.charCodeAt(0) === LESS_THAN) {
    const priority = readPriority(line)
    if ('problem' in priority) return reject(priority.problem)
    recordPriority(priority.priority, fields, extra)
    position = priority.end
  }
  const stamp = isDigit(line.charCodeAt(position))
    ? readIsoTimestamp(line, position, timeZone)
    : readBsdTimestamp(line, position, clock)
  if ('problem' in stamp) return reject(stamp.problem)

  position = skipSpaces(line, stamp.end)
  if (position >= line.length) return reject('the line ends after the timestamp: no host or message')
  const hostEnd = tokenEnd(line, position)
  const host = line.slice(position, hostEnd)
  // A line written without a host name (some local daemons) has the tag where the host would be.
  if (!host.endsWith(':') && host.indexOf('[') === -1) {
    if (host !== '-') fields['host.name'] = host
    position = skipSpaces(line, hostEnd)
  }

  const tag = readTag(line, position)
  if (tag !== null) {
    fields['process.name'] = tag.program
    if (tag.pid !== undefined) fields['process.pid'] = tag.pid
    if (tag.procId !== undefined) extra['log.syslog.procid'] = tag.procId
  }
  // Trailing spaces are noise (PAM ends its messages with one) and would defeat anchored patterns.
  const message = line.slice(tag === null ? position : tag.messageStart).trimEnd()
  describeMessage(message, tag?.program, tag?.pamModule, fields, extra)
  return accept(stamp.timestamp, fields, extra, line)
}

function parseRfc5424Line(line: string): LineParseResult {
  if (line.charCodeAt(0) !== LESS_THAN) {
    return reject(`RFC 5424 lines start with <PRI>VERSION, found '${excerpt(line, 0, tokenEnd(line, 0))}'`)
  }
  const priority = readPriority(line)
  if ('problem' in priority) return reject(priority.problem)
  const versionEnd = tokenEnd(line, priority.end)
  const version = line.slice(priority.end, versionEnd)
  if (version !== '1') {
    return reject(`syslog version '${excerpt(version, 0, version.length)}' is not 1: not an RFC 5424 line`)
  }
  const fields: EventFieldValues = { 'event.kind': 'event', 'event.dataset': 'system.syslog' }
  const extra: ExtraFields = {}
  recordPriority(priority.priority, fields, extra)

  const header: string[] = []
  let position = versionEnd
  for (const name of ['TIMESTAMP', 'HOSTNAME', 'APP-NAME', 'PROCID', 'MSGID']) {
    if (line.charCodeAt(position) !== SPACE || position + 1 >= line.length) {
      return reject(`the header ends before ${name}: ${RFC5424_HEADER}`)
    }
    const end = tokenEnd(line, position + 1)
    header.push(line.slice(position + 1, end))
    position = end
  }
  const [timestampText, host, appName, procId, msgId] = header
  if (timestampText === '-') return reject(`the timestamp is '-' (NILVALUE): the event has no time`)
  const timestamp = parseRfc3339(timestampText, 0, timestampText.length)
  if (isTimestampProblem(timestamp)) {
    return reject(
      describeTimestampProblem(timestamp, excerpt(timestampText, 0, timestampText.length), RFC3339_FORM)
    )
  }
  if (line.charCodeAt(position) !== SPACE) {
    return reject(`the header ends before STRUCTURED-DATA: ${RFC5424_HEADER}`)
  }
  const structuredData = readStructuredData(line, position + 1, extra)
  if ('problem' in structuredData) {
    return reject(`structured data is not well formed: ${structuredData.problem}`)
  }
  position = structuredData.end
  if (position < line.length && line.charCodeAt(position) !== SPACE) {
    return reject(
      `expected a space after the structured data, found '${excerpt(line, position, line.length)}'`
    )
  }

  if (host !== '-') fields['host.name'] = host
  if (appName !== '-') fields['process.name'] = appName
  if (procId !== '-') {
    if (/^\d{1,10}$/.test(procId)) fields['process.pid'] = Number(procId)
    else extra['log.syslog.procid'] = procId
  }
  if (msgId !== '-') extra['log.syslog.msgid'] = msgId
  // RFC 5424 marks UTF-8 messages with a byte order mark; it is not part of the text.
  let message = position < line.length ? line.slice(position + 1).trimEnd() : ''
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1)
  describeMessage(message, appName === '-' ? undefined : appName, undefined, fields, extra)
  return accept(timestamp, fields, extra, line)
}

/** Sets message and, for auth lines, what they mean; unwraps rsyslog's repeated-message reduction first. */
function describeMessage(
  message: string,
  program: string | undefined,
  pamModule: string | undefined,
  fields: EventFieldValues,
  extra: ExtraFields
): void {
  if (message !== '') fields['message'] = message
  let meaning = message
  const repeated = REPEATED_MESSAGE.exec(message)
  if (repeated !== null) {
    extra['log.syslog.repeated'] = Number(repeated[1])
    meaning = repeated[2]
  }
  if (describeAuthLine(program, pamModule, meaning, { fields, extra })) {
    fields['event.dataset'] = 'system.auth'
  }
}

function readIsoTimestamp(line: string, start: number, timeZone: string): TimestampRead {
  const end = tokenEnd(line, start)
  const timestamp = parseRfc3339(line, start, end, timeZone)
  if (isTimestampProblem(timestamp)) {
    return { problem: describeTimestampProblem(timestamp, excerpt(line, start, end), RFC3339_FORM) }
  }
  return { timestamp, end }
}

/** `Mmm dd hh:mm:ss` (day space-padded or not, optional fraction), with the year inferred. */
function readBsdTimestamp(line: string, start: number, clock: BsdClock): TimestampRead {
  const month = monthFromAbbreviation(line, start)
  let position = start + 4
  if (line.charCodeAt(position) === SPACE) position++
  const twoDigitDay = isDigit(line.charCodeAt(position + 1))
  const day = digitsAt(line, position, twoDigitDay ? 2 : 1)
  position += twoDigitDay ? 3 : 2
  const hour = digitsAt(line, position, 2)
  const minute = digitsAt(line, position + 3, 2)
  const second = digitsAt(line, position + 6, 2)
  let end = position + 8
  let ms = 0
  if (line.charCodeAt(end) === DOT) {
    const fractionStart = end + 1
    end = fractionStart
    while (isDigit(line.charCodeAt(end))) end++
    ms = fractionToMs(line, fractionStart, end - fractionStart)
  }
  if (
    month === 0 ||
    line.charCodeAt(start + 3) !== SPACE ||
    line.charCodeAt(position - 1) !== SPACE ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    line.charCodeAt(position + 2) !== COLON ||
    line.charCodeAt(position + 5) !== COLON ||
    (end < line.length && line.charCodeAt(end) !== SPACE)
  ) {
    return {
      problem: describeTimestampProblem('malformed', bsdTimestampText(line, start), BSD_TIMESTAMP_FORM)
    }
  }
  // Feb 29 is a date in some years and Feb 30 in none: only the former depends on the inferred year.
  if (!isValidCivilDate(A_LEAP_YEAR, month, day) || !isValidTimeOfDay(hour, minute, second)) {
    return {
      problem: describeTimestampProblem('impossible', bsdTimestampText(line, start), BSD_TIMESTAMP_FORM)
    }
  }
  const expectedYear = clock.years.currentYear
  const year = clock.years.yearOf(month, day, hour, minute, second, ms)
  if (year === null) {
    return {
      problem: `timestamp '${bsdTimestampText(line, start)}' is not a date in ${expectedYear}, the year inferred for this line`
    }
  }
  return { timestamp: clock.wall.toUtc(year, month, day, hour, minute, second, ms), end }
}

/** The first three space-separated tokens from `start` (month, day, time): what a reason quotes. */
function bsdTimestampText(line: string, start: number): string {
  let end = start
  for (let token = 0; token < 3 && end < line.length; token++) {
    end = tokenEnd(line, skipSpaces(line, end))
  }
  return excerpt(line, start, end)
}
