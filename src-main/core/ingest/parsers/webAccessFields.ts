// The pieces every web access log shares whatever its layout (Apache combined, a custom LogFormat, nginx
// log_format, IIS W3C): the CLF timestamp, the request line split into ECS fields, backslash-escaped quoted
// values, and the outcome a status means. One copy, so every web format maps a request the same way.

import type { EventFieldValues } from '../../../common/event'
import { civilToEpochMs, isValidCivilDate, monthFromAbbreviation } from '../../time/civil'
import { digitsAt } from '../../time/digits'
import { isValidTimeOfDay, type TimestampProblem } from '../../time/timestamps'
import { parseFixedOffset } from '../../time/zonedTime'
import { isHostname, normaliseIp } from './addresses'

export const CLF_TIMESTAMP_FORM = 'dd/Mon/yyyy:HH:MM:SS ±hhmm'
export const CLF_TIMESTAMP_LENGTH = 26

const SPACE = 32
const SLASH = 47
const COLON = 58
const OPEN_BRACKET = 91
const BACKSLASH = 92

/** UTC ms of `10/Oct/2000:13:55:36 -0700` in text[start, end). */
export function parseClfTimestamp(text: string, start: number, end: number): number | TimestampProblem {
  if (end - start !== CLF_TIMESTAMP_LENGTH) return 'malformed'
  const day = digitsAt(text, start, 2)
  const month = monthFromAbbreviation(text, start + 3)
  const year = digitsAt(text, start + 7, 4)
  const hour = digitsAt(text, start + 12, 2)
  const minute = digitsAt(text, start + 15, 2)
  const second = digitsAt(text, start + 18, 2)
  const offset = parseFixedOffset(text, start + 21, end)
  if (
    day < 0 ||
    month === 0 ||
    year < 0 ||
    hour < 0 ||
    minute < 0 ||
    second < 0 ||
    offset === null ||
    text.charCodeAt(start + 2) !== SLASH ||
    text.charCodeAt(start + 6) !== SLASH ||
    text.charCodeAt(start + 11) !== COLON ||
    text.charCodeAt(start + 14) !== COLON ||
    text.charCodeAt(start + 17) !== COLON ||
    text.charCodeAt(start + 20) !== SPACE
  ) {
    return 'malformed'
  }
  if (year < 1 || !isValidCivilDate(year, month, day) || !isValidTimeOfDay(hour, minute, second)) {
    return 'impossible'
  }
  return civilToEpochMs(year, month, day, hour, minute, second, 0) - offset
}

/** What an HTTP status says about the request: below 400 it was served, otherwise it failed. */
export function outcomeOfStatus(status: number): 'success' | 'failure' {
  return status < 400 ? 'success' : 'failure'
}

/** Splits `METHOD target HTTP/x.y` into ECS fields; garbage (binary overflow attempts) stays in message. */
export function describeRequest(request: string, fields: EventFieldValues): void {
  const methodEnd = request.indexOf(' ')
  const method = methodEnd === -1 ? request : request.slice(0, methodEnd)
  if (!HTTP_METHOD.test(method)) return
  fields['http.request.method'] = method
  if (methodEnd === -1) return
  let target = request.slice(methodEnd + 1)
  const versionStart = target.lastIndexOf(' ')
  if (versionStart !== -1) {
    const version = HTTP_VERSION.exec(target.slice(versionStart + 1))
    if (version !== null) {
      fields['http.version'] = version[1]
      target = target.slice(0, versionStart)
    }
  }
  if (target !== '') describeTarget(target, fields)
}

/** The request target as url.original, and its domain, path and query when it has them. */
export function describeTarget(target: string, fields: EventFieldValues): void {
  fields['url.original'] = target
  if (target.charCodeAt(0) === SLASH) {
    recordPathAndQuery(target, fields)
    return
  }
  const absolute = ABSOLUTE_URL.exec(target)
  if (absolute === null) return
  const host = hostOfAuthority(absolute[1])
  if (host !== null) fields['url.domain'] = host
  if (absolute[2] !== '') recordPathAndQuery(absolute[2], fields)
}

/**
 * A log that writes the request's parts (%m %U%q %H, nginx's $request_method $uri$is_args$args, IIS's
 * cs-method cs-uri-stem cs-uri-query) rather than the request line still gets url.original and a message in
 * the request line's form, like every web event.
 */
export function completeRequestFields(fields: EventFieldValues): void {
  const path = fields['url.path']
  if (fields['url.original'] === undefined && path !== undefined) {
    const query = fields['url.query']
    fields['url.original'] = query === undefined ? String(path) : `${path}?${query}`
  }
  const method = fields['http.request.method']
  if (fields['message'] === undefined && method !== undefined) {
    const target = fields['url.original']
    const version = fields['http.version']
    let message = String(method)
    if (target !== undefined) message += ` ${target}`
    if (version !== undefined) message += ` HTTP/${version}`
    fields['message'] = message
  }
}

/** The version of an `HTTP/1.1` protocol token, or null when the token is something else. */
export function httpVersionOf(protocol: string): string | null {
  const version = HTTP_VERSION.exec(protocol)
  return version === null ? null : version[1]
}

export function isHttpMethod(text: string): boolean {
  return HTTP_METHOD.test(text)
}

/** An RFC 9110 method token; binary junk and spaces fail it. */
const HTTP_METHOD = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]{0,31}$/
const HTTP_VERSION = /^HTTP\/(\d+(?:\.\d+)?)$/
/** Absolute-form targets (proxy requests such as `GET http://www.yahoo.com/`): authority, then the rest. */
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)(.*)$/s

function recordPathAndQuery(target: string, fields: EventFieldValues): void {
  const queryStart = target.indexOf('?')
  if (queryStart === -1) {
    fields['url.path'] = target
    return
  }
  fields['url.path'] = target.slice(0, queryStart)
  fields['url.query'] = target.slice(queryStart + 1)
}

function hostOfAuthority(authority: string): string | null {
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1)
  if (hostAndPort.charCodeAt(0) === OPEN_BRACKET) {
    const close = hostAndPort.indexOf(']')
    return close === -1 ? null : normaliseIp(hostAndPort.slice(1, close))
  }
  const portStart = hostAndPort.lastIndexOf(':')
  const host = portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart)
  return normaliseIp(host) ?? (isHostname(host) ? host.toLowerCase() : null)
}

/** Text between quotes with Apache's \" and \\ escapes undone (\xhh escapes of raw bytes are kept as logged). */
export function unescapeQuoted(line: string, start: number, end: number): string {
  const text = line.slice(start, end)
  return text.indexOf('\\') === -1 ? text : text.replace(/\\(["\\])/g, '$1')
}

/** True when the character at `index` is preceded by an odd number of backslashes (after `floor`). */
export function isEscaped(line: string, index: number, floor: number): boolean {
  let backslashes = 0
  for (let i = index - 1; i >= floor && line.charCodeAt(i) === BACKSLASH; i--) backslashes++
  return backslashes % 2 === 1
}

/** The first quote at or after `start` that no backslash escapes, or -1. */
export function findClosingQuote(line: string, start: number): number {
  let quote = line.indexOf('"', start)
  while (quote !== -1 && isEscaped(line, quote, start)) quote = line.indexOf('"', quote + 1)
  return quote
}
