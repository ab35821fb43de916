// DNS messages: names with compression (in questions, owners and record data), loops and out-of-bounds
// pointers refused, type and response code names, answers rendered as text; then the events the reader
// builds from DNS over UDP and over TCP (several messages per segment, one message across segments).

import { describe, expect, it } from 'vitest'
import { readDnsMessage, type DnsMessage } from '../../../../../src-main/core/ingest/parsers/pcap/dns'
import {
  ACK,
  PSH,
  accountingViolation,
  ascii,
  concat,
  dnsMessage,
  dnsName,
  ethernet,
  eventsOf,
  ipv4,
  pcapFile,
  readCapture,
  tcp,
  u16,
  u32,
  udp
} from './captureBuilder'

function read(bytes: Uint8Array): DnsMessage {
  const message = readDnsMessage(bytes, 0, bytes.length)
  if (typeof message === 'string') throw new Error(message)
  return message
}

const QUESTION_NAME_POINTER = [0xc0, 12]
/** 'example.com' inside the question 'www.example.com' starts after '\3www': offset 12 + 4. */
const EXAMPLE_COM_POINTER = [0xc0, 16]

describe('readDnsMessage', () => {
  it('reads a query: id, flags, first question with its type name', () => {
    const message = read(
      dnsMessage({ id: 0x1234, response: false, question: { name: 'www.example.com', type: 65 } })
    )
    expect(message).toEqual({
      id: 0x1234,
      response: false,
      opcode: 0,
      responseCode: 0,
      questionName: 'www.example.com',
      questionType: 65,
      questionCount: 1,
      answers: [],
      problem: null
    })
  })

  it('renders A, AAAA, CNAME, MX, NS, PTR, TXT, SRV and unknown answers, following pointers into record data', () => {
    const message = read(
      dnsMessage({
        id: 1,
        response: true,
        question: { name: 'www.example.com', type: 255 },
        answers: [
          { name: QUESTION_NAME_POINTER, type: 5, data: [3, ...ascii('cdn'), ...EXAMPLE_COM_POINTER] },
          { name: dnsName('cdn.example.com'), type: 1, data: [93, 184, 216, 34] },
          {
            name: QUESTION_NAME_POINTER,
            type: 28,
            data: [0x20, 0x01, 0x0d, 0xb8, ...new Array<number>(11).fill(0), 1]
          },
          {
            name: EXAMPLE_COM_POINTER,
            type: 15,
            data: [...u16(10), 4, ...ascii('mail'), ...EXAMPLE_COM_POINTER]
          },
          { name: EXAMPLE_COM_POINTER, type: 2, data: dnsName('ns1.example.org') },
          {
            name: dnsName('34.216.184.93.in-addr.arpa'),
            type: 12,
            data: [...ascii('\u0003www'), ...EXAMPLE_COM_POINTER]
          },
          {
            name: EXAMPLE_COM_POINTER,
            type: 16,
            data: [11, ...ascii('v=spf1 -all'), 7, ...ascii('say "x"')]
          },
          {
            name: EXAMPLE_COM_POINTER,
            type: 33,
            data: [...u16(1), ...u16(5), ...u16(5060), ...dnsName('sip.example.com')]
          },
          { name: EXAMPLE_COM_POINTER, type: 65399, data: [1, 2, 3, 4] }
        ]
      })
    )
    expect(message.problem).toBeNull()
    expect(message.answers).toEqual([
      'cdn.example.com',
      '93.184.216.34',
      '2001:db8::1',
      '10 mail.example.com',
      'ns1.example.org',
      'www.example.com',
      '"v=spf1 -all" "say \\"x\\""',
      '1 5 5060 sip.example.com',
      'TYPE65399 (4 bytes)'
    ])
  })

  it('escapes label bytes that are not printable, and dots inside labels, as zone files do', () => {
    const withName = concat(
      u16(1),
      u16(0x0100),
      u16(1),
      u16(0),
      [0, 0, 0, 0],
      [4, 0x2e, 0x20, 0x00, 0xff, 0],
      u16(16),
      [0, 1]
    )
    expect(read(withName).questionName).toBe('\\.\\032\\000\\255')
  })

  it('refuses pointers that loop, point forward or leave the message, and names over 255 bytes', () => {
    const header = (questions: number): Uint8Array =>
      concat(u16(7), u16(0x0100), u16(questions), [0, 0, 0, 0, 0, 0])
    const cases: [string, number[]][] = [
      ['pointer to itself', [0xc0, 12]],
      ['pointer forward', [0xc0, 20, 0, 0, 0, 0, 1, 0, 1]],
      ['pointer loop through an earlier label', [1, 0x61, 0xc0, 12]],
      ['label past the end', [63, 0x61, 0x62]],
      [
        'name over 255 bytes',
        [
          ...new Array<number>(5).fill(0).flatMap(() => [63, ...new Array<number>(63).fill(0x61)]),
          0,
          0,
          1,
          0,
          1
        ]
      ],
      ['extended label type', [0x41, 0]]
    ]
    for (const [what, question] of cases) {
      const message = readDnsMessage(concat(header(1), question), 0, 12 + question.length)
      expect(typeof message === 'string' ? message : message.problem, what).toBe(
        'question 1 cannot be read (cut short or a bad name pointer)'
      )
    }
  })

  it('keeps what it read when an answer is cut short', () => {
    const full = dnsMessage({
      id: 9,
      response: true,
      question: { name: 'a.test', type: 1 },
      answers: [{ name: QUESTION_NAME_POINTER, type: 1, data: [1, 2, 3, 4] }]
    })
    const message = read(full.subarray(0, full.length - 2))
    expect(message.questionName).toBe('a.test')
    expect(message.problem).toBe('answer 1 of 1 is cut short')
  })

  it('says why when even the 12-byte header is missing', () => {
    expect(readDnsMessage(new Uint8Array(5), 0, 5)).toBe('DNS header cut short: 5 of 12 bytes')
  })
})

const T0 = 1521820954
const CLIENT = '192.168.1.10'
const RESOLVER = '192.168.1.1'

function udpFrame(fromClient: boolean, payload: Uint8Array): Uint8Array {
  return ethernet(
    0x0800,
    ipv4({
      source: fromClient ? CLIENT : RESOLVER,
      destination: fromClient ? RESOLVER : CLIENT,
      protocol: 17,
      payload: udp(fromClient ? 50000 : 53, fromClient ? 53 : 50000, payload)
    })
  )
}

function tcpFrame(sequence: number, payload: Uint8Array): Uint8Array {
  return ethernet(
    0x0800,
    ipv4({
      source: CLIENT,
      destination: RESOLVER,
      protocol: 6,
      payload: tcp({ sourcePort: 50001, destinationPort: 53, flags: PSH | ACK, sequence, payload })
    })
  )
}

describe('DNS events', () => {
  it('emits one event per query and response over UDP, with answers and response codes', () => {
    const query = dnsMessage({ id: 42, response: false, question: { name: 'evil.example', type: 1 } })
    const answer = dnsMessage({
      id: 42,
      response: true,
      question: { name: 'evil.example', type: 1 },
      answers: [{ name: QUESTION_NAME_POINTER, type: 1, data: [203, 0, 113, 9] }]
    })
    const missing = dnsMessage({
      id: 43,
      response: true,
      responseCode: 3,
      question: { name: 'nope.example', type: 28 }
    })
    const outcomes = readCapture(
      pcapFile([
        { time: T0, data: udpFrame(true, query) },
        { time: T0 + 0.01, data: udpFrame(false, answer) },
        { time: T0 + 0.02, data: udpFrame(false, missing) }
      ])
    )
    expect(accountingViolation(outcomes, 3)).toBeNull()
    const events = eventsOf(outcomes, 'network.dns')
    expect(events.map(({ record }) => record.line)).toEqual([1, 2, 3])
    expect(events[0].event).toEqual({
      timestamp: T0 * 1000,
      fields: {
        'event.kind': 'event',
        'event.category': 'network',
        'event.dataset': 'network.dns',
        'event.action': 'dns_query',
        'source.ip': CLIENT,
        'source.port': 50000,
        'destination.ip': RESOLVER,
        'destination.port': 53,
        'network.transport': 'udp',
        'network.protocol': 'dns',
        'dns.question.name': 'evil.example',
        'dns.question.type': 'A',
        message: 'DNS query A evil.example'
      },
      extra: { 'dns.id': 42, 'dns.type': 'query' },
      raw: `2018-03-23T16:02:34.000000Z 192.168.1.10:50000 → 192.168.1.1:53 UDP ${udpFrame(true, query).length} bytes`
    })
    expect(events[1].event.fields).toMatchObject({
      'source.ip': RESOLVER,
      'event.action': 'dns_response',
      'event.outcome': 'success',
      'dns.response_code': 'NOERROR',
      'dns.answers': '203.0.113.9',
      message: 'DNS response NOERROR for A evil.example: 203.0.113.9'
    })
    expect(events[2].event.fields).toMatchObject({
      'dns.response_code': 'NXDOMAIN',
      'dns.question.type': 'AAAA',
      'event.outcome': 'failure'
    })
    const [flow] = eventsOf(outcomes, 'network.flow')
    expect(flow.record.line).toBe(1)
    expect(flow.event.fields['network.protocol']).toBe('dns')
  })

  it('reads several length-prefixed messages in one TCP segment, and one message split across two', () => {
    const first = dnsMessage({ id: 1, response: false, question: { name: 'one.test', type: 16 } })
    const second = dnsMessage({ id: 2, response: false, question: { name: 'two.test', type: 16 } })
    const third = dnsMessage({ id: 3, response: false, question: { name: 'three.test', type: 15 } })
    const together = concat(u16(first.length), first, u16(second.length), second)
    const split = concat(u16(third.length), third)
    const outcomes = readCapture(
      pcapFile([
        { time: T0, data: tcpFrame(1000, together) },
        { time: T0 + 1, data: tcpFrame(1000 + together.length, split.subarray(0, 9)) },
        { time: T0 + 2, data: tcpFrame(1000 + together.length + 9, split.subarray(9)) }
      ])
    )
    expect(accountingViolation(outcomes, 3)).toBeNull()
    expect(
      eventsOf(outcomes, 'network.dns').map(({ record, event }) => [
        record.line,
        event.fields['dns.question.name'],
        event.fields['network.transport']
      ])
    ).toEqual([
      [1, 'one.test', 'tcp'],
      [1, 'two.test', 'tcp'],
      [3, 'three.test', 'tcp']
    ])
  })

  it('counts an unreadable DNS datagram in its flow and says why', () => {
    const outcomes = readCapture(
      pcapFile([
        { time: T0, data: udpFrame(true, ascii('hi')) },
        { time: T0, data: udpFrame(true, ascii('hi')) }
      ])
    )
    expect(outcomes[0]).toMatchObject({
      kind: 'skipped',
      reason: 'counted in flow udp 192.168.1.10:50000 → 192.168.1.1:53; DNS header cut short: 2 of 12 bytes'
    })
  })

  it('cuts very long answer lists (tunnelled TXT data) to a bounded text', () => {
    const chunk = new Array<number>(255).fill(0x41)
    const answers = Array.from({ length: 40 }, () => ({
      name: QUESTION_NAME_POINTER,
      type: 16,
      data: [255, ...chunk]
    }))
    const message = read(
      dnsMessage({ id: 5, response: true, question: { name: 't.test', type: 16 }, answers })
    )
    expect(message.answers.length).toBeLessThan(40)
    expect(message.answers[message.answers.length - 1]).toBe('…')
    expect(message.answers.join(',').length).toBeLessThanOrEqual(4200)
  })

  it('reads the big-endian 32-bit fields of SOA data', () => {
    const soa = [
      ...dnsName('ns.test'),
      ...dnsName('admin.test'),
      ...u32(2024010101),
      ...u32(1),
      ...u32(2),
      ...u32(3),
      ...u32(4)
    ]
    const message = read(
      dnsMessage({
        id: 6,
        response: true,
        question: { name: 'test', type: 6 },
        answers: [{ name: QUESTION_NAME_POINTER, type: 6, data: soa }]
      })
    )
    expect(message.answers).toEqual(['ns.test admin.test 2024010101'])
  })
})
