// Apache httpd / nginx access logs in the common (CLF) and combined formats, as ECS web events. Internet-
// facing servers log binary request lines, raw quotes (Apache 1.3 did not escape them) and host names for
// clients, so a line is kept whenever its timestamp and status parse, with whatever else could be read.
// This is the hottest parser (million-line imports), so it scans with indexOf and char codes instead of
// matching one large regex per line.

import type { LogFormat } from '../../../common/domain'
import type { EventFieldValues } from '../../../common/event'
import { digitRunValue, digitsAt, isDigit } from '../../time/digits'
import { describeTimestampProblem, isTimestampProblem } from '../../time/timestamps'
import type { LineParseResult, LineParser } from '../parser'
import { recordSourceAddress } from './addresses'
import { tokenEnd } from './lineTokens'
import { accept, excerpt, reject, type ExtraFields } from './results'
import {
  CLF_TIMESTAMP_FORM,
  describeRequest,
  findClosingQuote,
  isEscaped,
  outcomeOfStatus,
  parseClfTimestamp,
  unescapeQuoted
} from './webAccessFields'

export type AccessLogVariant = 'combined' | 'common'

const SPACE = 32
const QUOTE = 34
const DASH = 45

/**
 * A parser for one access log variant. 'combined' also accepts lines without referrer and user agent (a
 * server whose format changed mid-file); 'common' refuses lines that carry them, which is what lets format
 * sniffing tell the two apart.
 */
export function createApacheAccessParser(variant: AccessLogVariant): LineParser {
  const format: LogFormat = variant === 'combined' ? 'apache_combined' : 'apache_common'
  const acceptsReferrerAndAgent = variant === 'combined'
  return { format, parse: (line) => parseAccessLine(line, acceptsReferrerAndAgent) }
}

function parseAccessLine(line: string, acceptsReferrerAndAgent: boolean): LineParseResult {
  if (line.length === 0) return reject('empty line')
  const clientEnd = line.indexOf(' ')
  const identEnd = clientEnd > 0 ? line.indexOf(' ', clientEnd + 1) : -1
  const bracket = identEnd > 0 ? line.indexOf(' [', identEnd) : -1
  if (bracket === -1) return reject(`line does not start with 'client ident user [timestamp]'`)

  const timestampStart = bracket + 2
  const timestampEnd = line.indexOf(']', timestampStart)
  if (timestampEnd === -1) return reject(`no ']' closes the timestamp`)
  const timestamp = parseClfTimestamp(line, timestampStart, timestampEnd)
  if (isTimestampProblem(timestamp)) {
    return reject(
      describeTimestampProblem(timestamp, excerpt(line, timestampStart, timestampEnd), CLF_TIMESTAMP_FORM)
    )
  }

  if (line.charCodeAt(timestampEnd + 1) !== SPACE || line.charCodeAt(timestampEnd + 2) !== QUOTE) {
    return reject(`expected '"request"' after the timestamp, found '${excerpt(line, timestampEnd + 1)}'`)
  }
  const requestStart = timestampEnd + 3
  const requestEnd = findRequestEnd(line, requestStart)
  if (requestEnd === -1) return reject(diagnoseMissingStatus(line, requestStart))
  const tailEnd = statusAndBytesEnd(line, requestEnd)
  const hasReferrerAndAgent = tailEnd < line.length
  if (hasReferrerAndAgent && !acceptsReferrerAndAgent) {
    return reject(
      `the common format ends at the byte count but the line goes on ('${excerpt(line, tailEnd + 1)}'): is it combined?`
    )
  }

  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.category': 'web',
    'event.dataset': 'apache.access'
  }
  const extra: ExtraFields = {}
  recordSourceAddress(line.slice(0, clientEnd), fields, extra)
  const ident = line.slice(clientEnd + 1, identEnd)
  if (ident !== '-') extra['apache.access.identity'] = ident
  const user = line.slice(identEnd + 1, bracket)
  if (user !== '-' && user !== '') fields['user.name'] = user

  const request = unescapeQuoted(line, requestStart, requestEnd)
  if (request !== '' && request !== '-') {
    fields['message'] = request
    describeRequest(request, fields)
  }

  const statusStart = requestEnd + 2
  if (line.charCodeAt(statusStart) !== DASH) {
    const status = digitsAt(line, statusStart, 3)
    fields['http.response.status_code'] = status
    fields['event.outcome'] = outcomeOfStatus(status)
  }
  const bytesStart = line.indexOf(' ', statusStart) + 1
  // Apache's %b writes '-' for a response with no body, so '-' means 0 bytes, not "unknown".
  fields['http.response.body.bytes'] =
    line.charCodeAt(bytesStart) === DASH ? 0 : digitRunValue(line, bytesStart, tailEnd)

  if (hasReferrerAndAgent) readReferrerAndAgent(line, tailEnd + 1, fields, extra)

  return accept(timestamp, fields, extra, line)
}

/**
 * Index of the quote closing the request: the first one followed by ` status bytes`. Apache 2 escapes
 * quotes inside the request as \", but Apache 1.3 wrote them raw, so a quote only counts as the end when
 * the status and byte count follow it; an escaped quote is accepted only if no unescaped one qualifies.
 */
function findRequestEnd(line: string, requestStart: number): number {
  let escapedCandidate = -1
  for (let quote = line.indexOf('"', requestStart); quote !== -1; quote = line.indexOf('"', quote + 1)) {
    if (statusAndBytesEnd(line, quote) === -1) continue
    if (!isEscaped(line, quote, requestStart)) return quote
    if (escapedCandidate === -1) escapedCandidate = quote
  }
  return escapedCandidate
}

/** End of ` status bytes` after the quote at `quote` (end of line or a space), or -1 if they are not there. */
function statusAndBytesEnd(line: string, quote: number): number {
  if (line.charCodeAt(quote + 1) !== SPACE) return -1
  let position = quote + 2
  if (line.charCodeAt(position) === DASH) position += 1
  else if (digitsAt(line, position, 3) >= 0) position += 3
  else return -1
  if (line.charCodeAt(position) !== SPACE) return -1
  const bytesStart = ++position
  if (line.charCodeAt(position) === DASH) position++
  else while (isDigit(line.charCodeAt(position))) position++
  if (position === bytesStart) return -1
  return position === line.length || line.charCodeAt(position) === SPACE ? position : -1
}

/** Says what is wrong after the request when no quote is followed by a valid status and byte count. */
function diagnoseMissingStatus(line: string, requestStart: number): string {
  let quote = line.indexOf('"', requestStart)
  while (quote !== -1 && isEscaped(line, quote, requestStart)) quote = line.indexOf('"', quote + 1)
  if (quote === -1) return 'the request has no closing quote'
  if (line.charCodeAt(quote + 1) !== SPACE) {
    return `expected ' status bytes' after the request, found '${excerpt(line, quote + 1)}'`
  }
  const statusEnd = tokenEnd(line, quote + 2)
  const status = line.slice(quote + 2, statusEnd)
  if (status !== '-' && (status.length !== 3 || digitsAt(status, 0, 3) < 0)) {
    return `status '${excerpt(status, 0)}' is not a 3-digit HTTP status code`
  }
  if (statusEnd >= line.length) return 'the line ends after the status: no byte count'
  const bytes = line.slice(statusEnd + 1, tokenEnd(line, statusEnd + 1))
  return `byte count '${excerpt(bytes, 0)}' is not a number or '-'`
}

/** Reads ` "referrer" "user agent"` starting at the space at `start`; what follows goes to extra. */
function readReferrerAndAgent(
  line: string,
  start: number,
  fields: EventFieldValues,
  extra: ExtraFields
): void {
  let position = start
  for (const field of ['http.request.referrer', 'user_agent.original'] as const) {
    if (line.charCodeAt(position) !== QUOTE) break
    const close = findClosingQuote(line, position + 1)
    // A value cut short by a truncated line still says something: keep it up to the end of the line.
    const valueEnd = close === -1 ? line.length : close
    const value = unescapeQuoted(line, position + 1, valueEnd)
    if (value !== '-' && value !== '') fields[field] = value
    position = valueEnd + 1
    if (position >= line.length) return
    if (line.charCodeAt(position) !== SPACE) break
    position++
  }
  if (position < line.length) extra['apache.access.trailing_fields'] = line.slice(position)
}
