// HTTP/1.x requests at the start of a TCP segment: the request line, Host and User-Agent, URL parts for
// origin-form, absolute-form and CONNECT targets; anything that is not a request line is left alone.

import { describe, expect, it } from 'vitest'
import { readHttpRequest } from '../../../../../src-main/core/ingest/parsers/pcap/http'
import { ACK, PSH, ascii, ethernet, eventsOf, ipv4, pcapFile, readCapture, tcp } from './captureBuilder'

function request(text: string): ReturnType<typeof readHttpRequest> {
  const bytes = ascii(text)
  return readHttpRequest(bytes, 0, bytes.length)
}

describe('readHttpRequest', () => {
  it('reads the request line and the Host and User-Agent headers, whatever their case', () => {
    expect(
      request(
        'POST /login.php?next=%2F HTTP/1.0\r\nHOST: shop.test\r\nuser-agent:  curl/8.5.0 \r\nAccept: */*\r\n\r\nuser=a'
      )
    ).toEqual({
      method: 'POST',
      target: '/login.php?next=%2F',
      version: '1.0',
      host: 'shop.test',
      userAgent: 'curl/8.5.0'
    })
  })

  it('keeps the request line when the headers continue in the next segment', () => {
    expect(request('GET /a HTTP/1.1\r\nHost: a.test\r\nUser-Ag')).toMatchObject({
      host: 'a.test',
      userAgent: null
    })
  })

  it('leaves responses, HTTP/2, lower-case methods, missing versions and binary data alone', () => {
    for (const text of [
      'HTTP/1.1 200 OK\r\n\r\n',
      'GET / HTTP/2.0\r\n',
      'get / HTTP/1.1\r\n',
      'GET /\r\n',
      'GET / HTTP/1.1',
      '\u0016\u0003\u0001\u0002\u0000',
      'A'.repeat(30) + ' / HTTP/1.1\r\n',
      ''
    ]) {
      expect(request(text), JSON.stringify(text)).toBeNull()
    }
  })
})

const T0 = 1521820954

function eventFor(payload: string): Record<string, unknown> {
  const frame = ethernet(
    0x0800,
    ipv4({
      source: '10.9.8.7',
      destination: '10.0.0.80',
      protocol: 6,
      payload: tcp({ sourcePort: 51515, destinationPort: 8080, flags: PSH | ACK, payload: ascii(payload) })
    })
  )
  const outcomes = readCapture(pcapFile([{ time: T0, data: frame }]))
  const [http] = eventsOf(outcomes, 'network.http')
  expect(eventsOf(outcomes, 'network.flow')[0].event.fields['network.protocol']).toBe('http')
  return { ...http.event.fields, ...http.event.extra }
}

describe('HTTP events', () => {
  it('describes an origin-form request with its Host and User-Agent', () => {
    expect(
      eventFor(
        'GET /wp-admin/admin-ajax.php?action=revslider HTTP/1.1\r\nHost: blog.test:8080\r\nUser-Agent: Mozilla/5.0 (sqlmap)\r\n\r\n'
      )
    ).toEqual({
      'event.kind': 'event',
      'event.category': 'network',
      'event.dataset': 'network.http',
      'event.action': 'http_request',
      'source.ip': '10.9.8.7',
      'source.port': 51515,
      'destination.ip': '10.0.0.80',
      'destination.port': 8080,
      'network.transport': 'tcp',
      'network.protocol': 'http',
      'http.request.method': 'GET',
      'http.version': '1.1',
      'url.original': '/wp-admin/admin-ajax.php?action=revslider',
      'url.path': '/wp-admin/admin-ajax.php',
      'url.query': 'action=revslider',
      'url.domain': 'blog.test',
      'url.port': 8080,
      'user_agent.original': 'Mozilla/5.0 (sqlmap)',
      message: 'GET /wp-admin/admin-ajax.php?action=revslider HTTP/1.1 (Host: blog.test:8080)'
    })
  })

  it('takes the domain from an absolute-form target (proxy requests) and from CONNECT', () => {
    expect(eventFor('GET http://proxy.test:3128/a?b=1 HTTP/1.1\r\n\r\n')).toMatchObject({
      'url.domain': 'proxy.test',
      'url.port': 3128,
      'url.path': '/a',
      'url.query': 'b=1'
    })
    const connect = eventFor('CONNECT c2.test:443 HTTP/1.1\r\nHost: c2.test:443\r\n\r\n')
    expect(connect).toMatchObject({
      'url.domain': 'c2.test',
      'url.port': 443,
      'http.request.method': 'CONNECT'
    })
    expect(connect['url.path']).toBeUndefined()
  })

  it('strips the brackets of an IPv6 literal host', () => {
    expect(eventFor('GET / HTTP/1.1\r\nHost: [2001:db8::5]:8443\r\n\r\n')).toMatchObject({
      'url.domain': '2001:db8::5',
      'url.port': 8443
    })
  })
})
