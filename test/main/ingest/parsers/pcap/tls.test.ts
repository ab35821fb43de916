// TLS ClientHellos: server name (SNI), highest offered version (supported_versions for TLS 1.3), JA3 with
// GREASE values left out; a hello longer than its segment is gathered from the next in-order segment.

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  clientHelloRecordLength,
  readClientHello
} from '../../../../../src-main/core/ingest/parsers/pcap/tls'
import {
  ACK,
  PSH,
  accountingViolation,
  ascii,
  concat,
  ethernet,
  eventsOf,
  ipv4,
  pcapFile,
  readCapture,
  tcp,
  u16
} from './captureBuilder'

function extension(type: number, data: Uint8Array | number[]): Uint8Array {
  return concat(u16(type), u16(data.length), data)
}

/** A ClientHello record (RFC 8446 4.1.2) with GREASE in ciphers, extensions, groups and versions. */
function clientHello(serverName: string | null, padding = 0): Uint8Array {
  const sni =
    serverName === null
      ? []
      : extension(0, concat(u16(serverName.length + 3), [0], u16(serverName.length), ascii(serverName)))
  const extensions = concat(
    extension(0x3a3a, []),
    sni,
    extension(10, concat(u16(6), u16(0x1a1a), u16(29), u16(23))),
    extension(11, [1, 0]),
    extension(43, concat([6], u16(0x2a2a), u16(0x0304), u16(0x0303))),
    padding > 0 ? extension(21, new Uint8Array(padding)) : []
  )
  const body = concat(
    u16(0x0303),
    new Uint8Array(32),
    [0],
    u16(6),
    u16(0x1301),
    u16(0x0a0a),
    u16(0xc02f),
    [1, 0],
    u16(extensions.length),
    extensions
  )
  const handshake = concat([1, 0], u16(body.length), body)
  return concat([0x16, 3, 1], u16(handshake.length), handshake)
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex')

describe('readClientHello', () => {
  it('reads SNI, the TLS 1.3 version from supported_versions, and JA3 without GREASE values', () => {
    const hello = clientHello('login.example.org')
    expect(clientHelloRecordLength(hello, 0, hello.length)).toBe(hello.length)
    // JA3: version 771 (0x0303), ciphers 0x1301 and 0xc02f, extensions 0,10,11,43, groups 29,23, format 0.
    expect(readClientHello(hello, 0, hello.length)).toEqual({
      serverName: 'login.example.org',
      version: 0x0304,
      ja3: md5('771,4865-49199,0-10-11-43,29-23,0')
    })
  })

  it('reads a hello without SNI', () => {
    const hello = clientHello(null)
    expect(readClientHello(hello, 0, hello.length)).toMatchObject({
      serverName: null,
      ja3: md5('771,4865-49199,10-11-43,29-23,0')
    })
  })

  it('recognises only ClientHello handshake records', () => {
    const serverHello = Uint8Array.from(clientHello('x.test'))
    serverHello[5] = 2
    const applicationData = Uint8Array.from(clientHello('x.test'))
    applicationData[0] = 0x17
    for (const bytes of [
      serverHello,
      applicationData,
      ascii('GET / HTTP/1.1\r\n'),
      new Uint8Array([0x16, 3])
    ]) {
      expect(clientHelloRecordLength(bytes, 0, bytes.length)).toBe(-1)
    }
  })

  it('says what is missing in a hello cut short', () => {
    const hello = clientHello('a.test')
    expect(readClientHello(hello, 0, 30)).toBe('ClientHello cut short before its session id')
    expect(readClientHello(hello, 0, 45)).toBe('ClientHello cut short before its cipher suites')
  })
})

const T0 = 1521820954

function segment(sequence: number, payload: Uint8Array): Uint8Array {
  return ethernet(
    0x0800,
    ipv4({
      source: '172.16.5.5',
      destination: '198.51.100.20',
      protocol: 6,
      payload: tcp({ sourcePort: 49999, destinationPort: 443, flags: PSH | ACK, sequence, payload })
    })
  )
}

describe('TLS events', () => {
  it('emits the server name with version and JA3', () => {
    const outcomes = readCapture(pcapFile([{ time: T0, data: segment(1, clientHello('c2.example.net')) }]))
    const [tls] = eventsOf(outcomes, 'network.tls')
    expect(tls.event.fields).toMatchObject({
      'event.action': 'tls_client_hello',
      'tls.client.server_name': 'c2.example.net',
      'destination.domain': 'c2.example.net',
      'destination.port': 443,
      'network.protocol': 'tls',
      message: 'TLS ClientHello for c2.example.net (TLS 1.3)'
    })
    expect(tls.event.extra).toEqual({
      'tls.version': '1.3',
      'tls.version_protocol': 'tls',
      'tls.client.ja3': md5('771,4865-49199,0-10-11-43,29-23,0')
    })
  })

  it('gathers a hello spread over two segments (large post-quantum key shares) before reading it', () => {
    const hello = clientHello('big.example.com', 1800)
    const first = hello.subarray(0, 1400)
    const packets = [
      { time: T0, data: segment(5000, first) },
      { time: T0 + 0.001, data: segment(5000 + first.length, hello.subarray(1400)) }
    ]
    const outcomes = readCapture(pcapFile(packets))
    expect(accountingViolation(outcomes, 2)).toBeNull()
    expect(
      eventsOf(outcomes, 'network.tls').map(({ record, event }) => [
        record.line,
        event.fields['tls.client.server_name']
      ])
    ).toEqual([[2, 'big.example.com']])
    const outOfOrder = readCapture(
      pcapFile([packets[0], { time: T0 + 0.001, data: segment(1, hello.subarray(1400)) }])
    )
    expect(eventsOf(outOfOrder, 'network.tls')).toEqual([])
  })

  it('names the flow tls even when the hello carries no server name', () => {
    const outcomes = readCapture(pcapFile([{ time: T0, data: segment(1, clientHello(null)) }]))
    expect(eventsOf(outcomes, 'network.tls')).toEqual([])
    expect(eventsOf(outcomes, 'network.flow')[0].event.fields['network.protocol']).toBe('tls')
  })
})
