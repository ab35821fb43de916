// Focused cases for the access log parser: each tricky shape real servers write, and the exact reason a
// line is refused. The golden file covers the same ground end to end; these pin one behaviour each.

import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { createApacheAccessParser } from '../../../../src-main/core/ingest/parsers/apacheAccess'

const combined = createApacheAccessParser('combined')
const common = createApacheAccessParser('common')

function accepted(line: string, parser = combined): NormalisedEvent {
  const result = parser.parse(line)
  if (!result.ok) throw new Error(`expected the line to parse, got: ${result.reason}`)
  return result.event
}

function reason(line: string, parser = combined): string {
  const result = parser.parse(line)
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event.fields)}`)
  return result.reason
}

describe('apache access parser', () => {
  it('maps a combined line to ECS fields', () => {
    const event = accepted(
      '10.1.2.3 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?x=1 HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"'
    )
    expect(event.timestamp).toBe(Date.parse('2000-10-10T20:55:36Z'))
    expect(event.fields).toEqual({
      'event.kind': 'event',
      'event.category': 'web',
      'event.dataset': 'apache.access',
      'event.outcome': 'success',
      'source.ip': '10.1.2.3',
      'user.name': 'frank',
      message: 'GET /apache_pb.gif?x=1 HTTP/1.0',
      'http.request.method': 'GET',
      'http.version': '1.0',
      'url.original': '/apache_pb.gif?x=1',
      'url.path': '/apache_pb.gif',
      'url.query': 'x=1',
      'http.response.status_code': 200,
      'http.response.body.bytes': 2326,
      'http.request.referrer': 'http://www.example.com/start.html',
      'user_agent.original': 'Mozilla/4.08 [en] (Win98; I ;Nav)'
    })
    expect(event.extra).toBeUndefined()
  })

  it('sets the outcome from the status: below 400 success, otherwise failure', () => {
    const outcome = (status: number): unknown =>
      accepted(`1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" ${status} 1 "-" "-"`).fields[
        'event.outcome'
      ]
    expect([200, 302, 399, 400, 401, 404, 500].map(outcome)).toEqual([
      'success',
      'success',
      'success',
      'failure',
      'failure',
      'failure',
      'failure'
    ])
  })

  it('canonicalises IPv6 clients and keeps host names out of source.ip', () => {
    expect(
      accepted('2001:DB8::0:1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1').fields['source.ip']
    ).toBe('2001:db8::1')
    const named = accepted('proxy.example.net - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1')
    expect(named.fields['source.ip']).toBeUndefined()
    expect(named.fields['source.domain']).toBe('proxy.example.net')
    expect(named.extra).toBeUndefined()
    const octal = accepted('010.1.1.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1')
    expect(octal.fields['source.ip']).toBeUndefined()
  })

  it('undoes escaped quotes and backslashes in the request and user agent', () => {
    const event = accepted(
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /q?a=\\"x\\" HTTP/1.1" 200 1 "-" "agent \\"quoted\\" \\\\ end"'
    )
    expect(event.fields['url.query']).toBe('a="x"')
    expect(event.fields['user_agent.original']).toBe('agent "quoted" \\ end')
  })

  it('finds the end of a request holding a raw quote (Apache 1.3 did not escape them)', () => {
    const event = accepted('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /a"b "c HTTP/1.0" 404 7 "-" "-"')
    expect(event.fields['url.original']).toBe('/a"b "c')
    expect(event.fields['http.version']).toBe('1.0')
    expect(event.fields['http.response.status_code']).toBe(404)
    expect(event.fields['user_agent.original']).toBeUndefined()
  })

  it('keeps lines whose request is empty, a dash or binary, with the status and bytes', () => {
    const empty = accepted('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "" 400 0 "-" "-"')
    expect(empty.fields['http.request.method']).toBeUndefined()
    expect(empty.fields['message']).toBeUndefined()
    expect(empty.fields['http.response.status_code']).toBe(400)
    const binary = accepted('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "\\x80\\x01\\x00" 400 226 "-" "-"')
    expect(binary.fields['message']).toBe('\\x80\\x01\\x00')
    expect(binary.fields['http.request.method']).toBeUndefined()
    const overflow = accepted(
      `1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "SEARCH /${'\u0090'.repeat(3000)}" 414 349`
    )
    expect(overflow.fields['http.request.method']).toBe('SEARCH')
    expect(overflow.fields['http.version']).toBeUndefined()
  })

  it("reads '-' bytes as 0 (Apache's %b) and a '-' status as no status", () => {
    const event = accepted('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" - -')
    expect(event.fields['http.response.body.bytes']).toBe(0)
    expect(event.fields['http.response.status_code']).toBeUndefined()
    expect(event.fields['event.outcome']).toBeUndefined()
  })

  it('splits absolute-form proxy requests into domain, path and query', () => {
    const event = accepted(
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET http://user@WWW.Example.com:8080/p?q=1 HTTP/1.1" 200 1'
    )
    expect(event.fields['url.path']).toBe('/p')
    expect(event.fields['url.query']).toBe('q=1')
    expect(event.fields['url.domain']).toBe('www.example.com')
  })

  it('keeps a user agent cut short by a truncated line, and text after it in extra', () => {
    const truncated = accepted(
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (cut'
    )
    expect(truncated.fields['user_agent.original']).toBe('Mozilla/5.0 (cut')
    const trailing = accepted(
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8" 0.004 "x"'
    )
    expect(trailing.extra).toEqual({ 'apache.access.trailing_fields': '0.004 "x"' })
  })

  it('rejects impossible dates and malformed timestamps with the text quoted', () => {
    expect(reason('1.2.3.4 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1')).toBe(
      "timestamp '31/Feb/2026:10:00:00 +0000' is not a date"
    )
    expect(reason('1.2.3.4 - - [10/Foo/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1')).toBe(
      "timestamp '10/Foo/2026:10:00:00 +0000' is not in the form dd/Mon/yyyy:HH:MM:SS ±hhmm"
    )
    expect(reason('1.2.3.4 - - [10/Oct/2026:10:00:00 +2500] "GET / HTTP/1.1" 200 1')).toBe(
      "timestamp '10/Oct/2026:10:00:00 +2500' is not in the form dd/Mon/yyyy:HH:MM:SS ±hhmm"
    )
  })

  it('rejects a bad status or byte count, naming the field', () => {
    expect(reason('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 2000 1')).toBe(
      "status '2000' is not a 3-digit HTTP status code"
    )
    expect(reason('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1k')).toBe(
      "byte count '1k' is not a number or '-'"
    )
    expect(reason('')).toBe('empty line')
    expect(reason('just some text')).toBe("line does not start with 'client ident user [timestamp]'")
  })

  it('tells common from combined: the common parser refuses referrer and user agent', () => {
    const line = '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8"'
    expect(reason(line, common)).toBe(
      `the common format ends at the byte count but the line goes on ('"-" "curl/8"'): is it combined?`
    )
    expect(
      accepted('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1', common).fields['url.path']
    ).toBe('/')
    expect(combined.format).toBe('apache_combined')
    expect(common.format).toBe('apache_common')
  })
})
