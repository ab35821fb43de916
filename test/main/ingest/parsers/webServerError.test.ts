import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { sniffText as sniffFormat } from '../../../../src-main/core/ingest/formatRegistry'
import {
  createApacheErrorParser,
  createNginxErrorParser
} from '../../../../src-main/core/ingest/parsers/webServerError'

const berlin = { timeZone: 'Europe/Berlin', referenceYear: 2026 }
const utc = { timeZone: 'UTC', referenceYear: 2026 }

function accepted(result: ReturnType<ReturnType<typeof createApacheErrorParser>['parse']>): NormalisedEvent {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`)
  return result.event
}

describe('Apache error log parser', () => {
  const parser = createApacheErrorParser(utc)

  it('reads the 2.2 form with a client, in the declared zone', () => {
    const event = accepted(
      createApacheErrorParser(berlin).parse(
        '[Sun Dec 04 04:47:44 2005] [error] [client 10.0.0.153] File does not exist: /var/www/html/sumthin'
      )
    )
    expect(new Date(event.timestamp).toISOString()).toBe('2005-12-04T03:47:44.000Z')
    expect(event.fields).toMatchObject({
      'event.dataset': 'apache.error',
      'log.level': 'error',
      'source.ip': '10.0.0.153',
      message: 'File does not exist: /var/www/html/sumthin'
    })
  })

  it('reads the 2.4 form with module, pid, client port and microseconds', () => {
    const event = accepted(
      parser.parse(
        '[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:56414] AH00128: File does not exist: /x'
      )
    )
    expect(event.timestamp).toBe(Date.UTC(2000, 9, 11, 14, 32, 52, 123))
    expect(event.fields).toMatchObject({
      'process.pid': 35708,
      'source.ip': '72.15.99.187',
      'source.port': 56414,
      'log.level': 'error'
    })
    expect(event.extra).toEqual({ 'apache.error.module': 'core' })
  })

  it('rejects lines that are not error-log lines, and impossible dates, with reasons', () => {
    expect(parser.parse('127.0.0.1 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is not an Apache error log line')
    })
    expect(parser.parse('[Sun Feb 30 04:47:44 2005] [error] x')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is not a date')
    })
    expect(parser.parse('[Sun Dec 04 04:47:44 2005] [loud] x')).toMatchObject({
      ok: false,
      reason: "'loud' is not an Apache log level"
    })
  })
})

describe('nginx error log parser', () => {
  it('reads level, pid, client and request', () => {
    const event = accepted(
      createNginxErrorParser(utc).parse(
        '2026/03/14 03:12:44 [error] 1234#0: *1 open() "/usr/share/nginx/html/.env" failed (2: No such file or directory), client: 192.0.2.77, server: web01, request: "GET /.env HTTP/1.1", host: "web01"'
      )
    )
    expect(event.timestamp).toBe(Date.UTC(2026, 2, 14, 3, 12, 44))
    expect(event.fields).toMatchObject({
      'event.dataset': 'nginx.error',
      'log.level': 'error',
      'process.pid': 1234,
      'source.ip': '192.0.2.77',
      'http.request.method': 'GET',
      'url.original': '/.env'
    })
  })
})

describe('sniffing error logs', () => {
  it('tells error logs from access logs and syslog by content', () => {
    expect(
      sniffFormat([
        '[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties'
      ])[0]
    ).toEqual({
      format: 'apache_error',
      confidence: 1
    })
    expect(sniffFormat(['2026/03/14 03:12:44 [warn] 1#0: conflicting server name'])[0].format).toBe(
      'nginx_error'
    )
  })
})
