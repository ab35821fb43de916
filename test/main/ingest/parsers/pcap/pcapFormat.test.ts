// The pcap format as a whole: recognised by its magic numbers (and nothing else in the ingest fixtures),
// every packet settled exactly once, the same outcomes whatever the chunking (on built captures and on the
// real ones in ../shared/datasets), and damaged or random input never throwing or looping.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RecordOutcome } from '../../../../../src-main/core/ingest/parser'
import { pcapFormat } from '../../../../../src-main/core/ingest/parsers/pcap/index'
import {
  ACK,
  PSH,
  SYN,
  accountingViolation,
  ascii,
  concat,
  dnsMessage,
  ethernet,
  icmpEcho,
  ipv4,
  ipv6,
  pcapFile,
  pcapngSection,
  readCapture,
  tcp,
  udp
} from './captureBuilder'
import { DATASETS, INGEST_FIXTURES } from '../fixtureLines'

const HAVE_DATASETS = existsSync(DATASETS)
if (!HAVE_DATASETS) console.warn('pcap chunking on real captures skipped: ../shared/datasets is absent')

const T0 = 1521820954
const A = '10.1.0.5'
const B = '10.1.0.9'

/** One of each kind of frame the reader settles differently. */
const FRAMES: Uint8Array[] = [
  ethernet(0x0806, new Uint8Array(28)),
  ethernet(
    0x0800,
    ipv4({
      source: A,
      destination: B,
      protocol: 17,
      payload: udp(5555, 53, dnsMessage({ id: 1, response: false, question: { name: 'x.test', type: 1 } }))
    })
  ),
  ethernet(
    0x0800,
    ipv4({
      source: B,
      destination: A,
      protocol: 17,
      payload: udp(
        53,
        5555,
        dnsMessage({
          id: 1,
          response: true,
          question: { name: 'x.test', type: 1 },
          answers: [{ name: [0xc0, 12], type: 1, data: [1, 2, 3, 4] }]
        })
      )
    })
  ),
  ethernet(
    0x0800,
    ipv4({
      source: A,
      destination: B,
      protocol: 6,
      payload: tcp({ sourcePort: 40000, destinationPort: 80, flags: SYN, sequence: 10 })
    })
  ),
  ethernet(
    0x0800,
    ipv4({
      source: B,
      destination: A,
      protocol: 6,
      payload: tcp({
        sourcePort: 80,
        destinationPort: 40000,
        flags: SYN | ACK,
        sequence: 90,
        acknowledgement: 11
      })
    })
  ),
  ethernet(
    0x0800,
    ipv4({
      source: A,
      destination: B,
      protocol: 6,
      payload: tcp({
        sourcePort: 40000,
        destinationPort: 80,
        flags: PSH | ACK,
        sequence: 11,
        payload: ascii('GET /x HTTP/1.1\r\nHost: b.test\r\n\r\n')
      })
    })
  ),
  ethernet(0x0800, ipv4({ source: A, destination: B, protocol: 1, payload: icmpEcho(8) })),
  ethernet(
    0x86dd,
    ipv6({
      source: 'fe80::5',
      destination: 'ff02::fb',
      nextHeader: 17,
      payload: udp(5353, 5353, ascii('mdns'))
    })
  ),
  ethernet(0x0800, new Uint8Array(8)),
  ethernet(
    0x0800,
    ipv4({
      source: B,
      destination: A,
      protocol: 6,
      payload: tcp({ sourcePort: 80, destinationPort: 40000, flags: ACK, sequence: 91, acknowledgement: 44 })
    })
  )
]

const PCAP = pcapFile(FRAMES.map((data, index) => ({ time: T0 + index / 10, data })))
const PCAPNG = concat(
  pcapngSection([
    { kind: 'interface', description: { linkType: 1, timestampResolution: 9 } },
    ...FRAMES.slice(0, 5).map((data, index) => ({
      kind: 'enhanced' as const,
      interfaceId: 0,
      ticks: BigInt(T0 + index) * 1_000_000_000n,
      data
    }))
  ]),
  pcapngSection(
    [
      { kind: 'interface', description: { linkType: 1 } },
      ...FRAMES.slice(5).map((data, index) => ({
        kind: 'enhanced' as const,
        interfaceId: 0,
        ticks: BigInt(T0 + 5 + index) * 1_000_000n,
        data
      }))
    ],
    true
  )
)

function summary(outcomes: RecordOutcome[]): string[] {
  return outcomes.map(
    (outcome) =>
      `${outcome.record.line} ${outcome.kind} ${outcome.kind === 'event' ? outcome.event.fields['event.dataset'] : outcome.reason}`
  )
}

describe('pcapFormat.matches', () => {
  it('recognises pcap in both byte orders and clock resolutions, and pcapng in both byte orders', () => {
    for (const file of [
      PCAP,
      pcapFile([], { bigEndian: true }),
      pcapFile([], { nanosecond: true }),
      pcapFile([], { bigEndian: true, nanosecond: true }),
      PCAPNG,
      pcapngSection([], true)
    ]) {
      expect(pcapFormat.matches(file.subarray(0, 64))).toBe(true)
    }
  })

  it('refuses every text fixture, short heads, other pcap versions and a pcapng header without its byte-order magic', () => {
    const fixtures = readdirSync(INGEST_FIXTURES)
    expect(fixtures.length).toBeGreaterThan(3)
    for (const fixture of fixtures) {
      expect(
        pcapFormat.matches(new Uint8Array(readFileSync(join(INGEST_FIXTURES, fixture))).subarray(0, 64)),
        fixture
      ).toBe(false)
    }
    const versionThree = Uint8Array.from(PCAP.subarray(0, 24))
    versionThree[4] = 3
    const badOrder = Uint8Array.from(PCAPNG.subarray(0, 28))
    badOrder[8] = 0
    for (const head of [
      new Uint8Array(0),
      PCAP.subarray(0, 3),
      versionThree,
      badOrder,
      ascii('\n\r\r\nnot a capture')
    ]) {
      expect(pcapFormat.matches(head)).toBe(false)
    }
  })
})

describe('pcap reader accounting', () => {
  it('settles every packet once: events, skipped into a flow or as non-IP, or rejected', () => {
    const outcomes = readCapture(PCAP)
    expect(accountingViolation(outcomes, FRAMES.length)).toBeNull()
    expect(summary(outcomes).sort()).toEqual(
      [
        '1 skipped ARP (ethertype 0x0806) frame: not IP, so part of no flow',
        '2 event network.dns',
        '2 event network.flow',
        '3 event network.dns',
        '4 event network.flow',
        '5 skipped counted in flow tcp 10.1.0.5:40000 → 10.1.0.9:80',
        '6 event network.http',
        '7 event network.flow',
        '8 event network.flow',
        '9 rejected IPv4 header cut short: 8 of 20 bytes captured',
        '10 skipped counted in flow tcp 10.1.0.5:40000 → 10.1.0.9:80'
      ].sort()
    )
  })

  it('reads the same packets the same way from pcap and pcapng', () => {
    const strip = (outcomes: RecordOutcome[]): string[] => summary(outcomes).sort()
    expect(strip(readCapture(PCAPNG))).toEqual(strip(readCapture(PCAP)))
  })

  it('gives identical outcomes in one piece and one byte at a time', () => {
    for (const file of [PCAP, PCAPNG]) {
      const whole = readCapture(file)
      expect(readCapture(file, 1)).toEqual(whole)
      expect(readCapture(file, 17)).toEqual(whole)
    }
  })
})

/** Deterministic pseudo-random numbers (mulberry32), so a failing mutation can be replayed. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

describe('damaged and random input', () => {
  it('never throws, settles every record and reads the same in chunks, on 400 mutated captures', () => {
    const next = random(20260101)
    for (let round = 0; round < 400; round++) {
      const file = Uint8Array.from(round % 2 === 0 ? PCAP : PCAPNG)
      const changes = 1 + Math.floor(next() * 8)
      for (let change = 0; change < changes; change++) {
        file[Math.floor(next() * file.length)] = Math.floor(next() * 256)
      }
      const cut = next() < 0.3 ? file.subarray(0, Math.floor(next() * file.length)) : file
      const whole = readCapture(cut)
      const lines = whole.map((outcome) => outcome.record.line)
      const last = lines.length === 0 ? 0 : Math.max(...lines)
      expect(accountingViolation(whole, last), `round ${round}`).toBeNull()
      expect(readCapture(cut, 1 + Math.floor(next() * 40)), `round ${round} chunked`).toEqual(whole)
    }
  })

  it('rejects random bytes behind a pcap magic without reading a packet from them', () => {
    const next = random(7)
    const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(next() * 256))
    const outcomes = readCapture(concat(PCAP.subarray(0, 24), noise))
    expect(outcomes.every((outcome) => outcome.kind !== 'event')).toBe(true)
    expect(outcomes.length).toBeGreaterThan(0)
  })
})

describe.skipIf(!HAVE_DATASETS)('chunking on real captures', () => {
  const captures = [
    'network/suricata-verify-selected/tests/smb2-07/20171220_smb_psexec_add_user.pcap',
    'network/zeek-btest-detections/testing/btest/Traces/http/cooper-grill-dvwa.pcapng',
    'network/suricata-verify-selected/tests/output-multi-eve/input.pcap'
  ]
  it.each(captures)('%s reads the same in one piece and one byte at a time', (capture) => {
    const bytes = new Uint8Array(readFileSync(join(DATASETS, capture)))
    const whole = readCapture(bytes)
    expect(whole.length).toBeGreaterThan(10)
    expect(readCapture(bytes, 1)).toEqual(whole)
    expect(readCapture(bytes, 1000)).toEqual(whole)
  })
})
