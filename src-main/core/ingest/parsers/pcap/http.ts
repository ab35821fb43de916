// HTTP/1.x requests seen at the start of a TCP segment: the request line, and Host and User-Agent from
// the headers in the same segment. Enough for "who asked what of whom" without reassembling streams; a
// request whose headers continue in the next segment keeps what the first one held.

import type { NormalisedEvent } from '../../../../common/event'
import type { ExtraFields } from '../results'
import { latin1 } from './bytes'
import { packetEvent, packetFields, type PacketContext } from './packetEvent'

export interface HttpRequest {
  method: string
  target: string
  /** '1.0' or '1.1'. */
  version: string
  host: string | null
  userAgent: string | null
}

/** Request line and headers are looked for in this many bytes at most. */
const MAX_HEAD_BYTES = 16 * 1024
const MAX_METHOD_LENGTH = 24
const SPACE = 0x20
const CR = 0x0d
const LF = 0x0a
const COLON = 0x3a

/** The request at the start of bytes[start, end), or null when the segment does not start one. */
export function readHttpRequest(bytes: Uint8Array, start: number, end: number): HttpRequest | null {
  const limit = Math.min(end, start + MAX_HEAD_BYTES)
  let at = start
  while (at < limit && isMethodCharacter(bytes[at])) at++
  if (at === start || at - start > MAX_METHOD_LENGTH || at >= limit || bytes[at] !== SPACE) return null
  const method = latin1(bytes, start, at)
  const lineEnd = indexOfLineEnd(bytes, at + 1, limit)
  if (lineEnd < 0) return null
  let contentEnd = lineEnd
  if (contentEnd > at + 1 && bytes[contentEnd - 1] === CR) contentEnd--
  // 'HTTP/1.x' closes the line; the target is everything between the spaces.
  const versionStart = contentEnd - 8
  if (versionStart <= at + 1 || bytes[versionStart - 1] !== SPACE || !isHttp1(bytes, versionStart))
    return null
  const request: HttpRequest = {
    method,
    target: latin1(bytes, at + 1, versionStart - 1),
    version: `1.${String.fromCharCode(bytes[versionStart + 7])}`,
    host: null,
    userAgent: null
  }
  readHeaders(bytes, lineEnd + 1, limit, request)
  return request
}

/** One network.http event for a request read from a packet. */
export function httpEvent(request: HttpRequest, context: PacketContext): NormalisedEvent {
  const fields = packetFields(context, 'network.http', 'http')
  const extra: ExtraFields = {}
  fields['event.action'] = 'http_request'
  fields['http.request.method'] = request.method
  fields['http.version'] = request.version
  fields['url.original'] = request.target
  const url = splitTarget(request.target)
  if (url.path !== null) fields['url.path'] = url.path
  if (url.query !== null) fields['url.query'] = url.query
  const authority = request.host ?? url.authority
  if (authority !== null) {
    const { domain, port } = splitAuthority(authority)
    if (domain !== '') fields['url.domain'] = domain
    if (port !== null) extra['url.port'] = port
  }
  if (request.userAgent !== null) fields['user_agent.original'] = request.userAgent
  const host = request.host === null ? '' : ` (Host: ${request.host})`
  fields['message'] = `${request.method} ${request.target} HTTP/${request.version}${host}`
  return packetEvent(context, fields, extra)
}

/** Method tokens are upper-case letters in practice (RFC 9110 registry); '-' and '_' for extensions. */
function isMethodCharacter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || code === 0x2d || code === 0x5f
}

function isHttp1(bytes: Uint8Array, at: number): boolean {
  return (
    bytes[at] === 0x48 &&
    bytes[at + 1] === 0x54 &&
    bytes[at + 2] === 0x54 &&
    bytes[at + 3] === 0x50 &&
    bytes[at + 4] === 0x2f &&
    bytes[at + 5] === 0x31 &&
    bytes[at + 6] === 0x2e &&
    (bytes[at + 7] === 0x30 || bytes[at + 7] === 0x31)
  )
}

function indexOfLineEnd(bytes: Uint8Array, from: number, limit: number): number {
  for (let index = from; index < limit; index++) if (bytes[index] === LF) return index
  return -1
}

/** Host and User-Agent from complete header lines, up to the blank line or the end of the segment. */
function readHeaders(bytes: Uint8Array, from: number, limit: number, request: HttpRequest): void {
  let lineStart = from
  while (lineStart < limit) {
    const lineEnd = indexOfLineEnd(bytes, lineStart, limit)
    if (lineEnd < 0) return
    let contentEnd = lineEnd
    if (contentEnd > lineStart && bytes[contentEnd - 1] === CR) contentEnd--
    if (contentEnd === lineStart) return
    let colon = lineStart
    while (colon < contentEnd && bytes[colon] !== COLON) colon++
    if (colon < contentEnd) {
      const name = latin1(bytes, lineStart, colon).toLowerCase()
      if (name === 'host' && request.host === null) request.host = latin1(bytes, colon + 1, contentEnd).trim()
      if (name === 'user-agent' && request.userAgent === null) {
        request.userAgent = latin1(bytes, colon + 1, contentEnd).trim()
      }
    }
    lineStart = lineEnd + 1
  }
}

/** Path and query of an origin-form or absolute-form target; the authority of the latter or of CONNECT. */
function splitTarget(target: string): {
  authority: string | null
  path: string | null
  query: string | null
} {
  let rest = target
  let authority: string | null = null
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(target)
  if (scheme !== null) {
    const pathStart = target.indexOf('/', scheme[0].length)
    authority = target.slice(scheme[0].length, pathStart < 0 ? target.length : pathStart)
    rest = pathStart < 0 ? '/' : target.slice(pathStart)
  } else if (!target.startsWith('/')) {
    // CONNECT host:port, or OPTIONS *.
    return { authority: target === '*' ? null : target, path: null, query: null }
  }
  const question = rest.indexOf('?')
  if (question < 0) return { authority, path: rest, query: null }
  return { authority, path: rest.slice(0, question), query: rest.slice(question + 1) }
}

/** `example.com:8080` → domain and port; `[2001:db8::1]:8443` keeps the address without brackets. */
function splitAuthority(authority: string): { domain: string; port: number | null } {
  const hostStart = authority.lastIndexOf('@') + 1
  const host = authority.slice(hostStart)
  if (host.startsWith('[')) {
    const close = host.indexOf(']')
    if (close < 0) return { domain: host, port: null }
    return { domain: host.slice(1, close), port: portOf(host.slice(close + 1)) }
  }
  const colon = host.lastIndexOf(':')
  if (colon < 0) return { domain: host, port: null }
  return { domain: host.slice(0, colon), port: portOf(host.slice(colon)) }
}

function portOf(text: string): number | null {
  if (!/^:\d{1,5}$/.test(text)) return null
  const port = Number(text.slice(1))
  return port <= 65535 ? port : null
}
