// Network and transport headers through the reader: IPv4 options and fragments (only the first carries
// ports; later ones join its flow by addresses, protocol and fragment id), IPv6 extension header chains
// and fragments, ICMP and ICMPv6, and headers too short or too inconsistent to read.

import { describe, expect, it } from 'vitest'
import type { RecordOutcome } from '../../../../../src-main/core/ingest/parser'
import {
  ACK,
  SYN,
  ascii,
  concat,
  ethernet,
  eventsOf,
  icmpEcho,
  ipv4,
  ipv6,
  ipv6Extension,
  ipv6Fragment,
  pcapFile,
  readCapture,
  tcp,
  u16,
  udp
} from './captureBuilder'

const T0 = 1521820954

function capture(frames: Uint8Array[]): RecordOutcome[] {
  return readCapture(pcapFile(frames.map((data, index) => ({ time: T0 + index, data }))))
}

function reasons(outcomes: RecordOutcome[]): string[] {
  return outcomes.map((outcome) =>
    outcome.kind === 'event'
      ? `event ${outcome.event.fields['event.dataset']}`
      : `${outcome.kind}: ${outcome.reason}`
  )
}

describe('IPv4', () => {
  it('skips IP options to find the transport header', () => {
    const options = [0x94, 0x04, 0, 0] // Router Alert
    const frame = ethernet(
      0x0800,
      ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 17,
        options,
        payload: udp(5000, 6000, ascii('x'))
      })
    )
    const [flow] = eventsOf(capture([frame]), 'network.flow')
    expect(flow.event.fields).toMatchObject({ 'source.port': 5000, 'destination.port': 6000 })
  })

  it('counts every fragment of a datagram in the flow of its first fragment', () => {
    const header = udp(7000, 8000, new Uint8Array(0)).subarray(0, 8)
    const fragment = (offset: number, more: boolean, payload: Uint8Array): Uint8Array =>
      ethernet(
        0x0800,
        ipv4({
          source: '10.0.0.1',
          destination: '10.0.0.2',
          protocol: 17,
          identification: 77,
          fragmentOffset: offset,
          moreFragments: more,
          payload
        })
      )
    const frames = [
      fragment(0, true, concat(header, new Uint8Array(16))),
      fragment(24, true, new Uint8Array(24)),
      fragment(48, false, new Uint8Array(8))
    ]
    const outcomes = capture(frames)
    const flows = eventsOf(outcomes, 'network.flow')
    expect(flows).toHaveLength(1)
    expect(flows[0].event.fields).toMatchObject({
      'source.port': 7000,
      'destination.port': 8000,
      'source.packets': 3,
      'source.bytes': frames.reduce((sum, frame) => sum + frame.length, 0)
    })
    expect(reasons(outcomes).slice(0, 2)).toEqual([
      'skipped: counted in flow udp 10.0.0.1:7000 → 10.0.0.2:8000',
      'skipped: counted in flow udp 10.0.0.1:7000 → 10.0.0.2:8000'
    ])
    expect(outcomes[0].record.text).toBe(
      `2018-03-23T16:02:35.000000Z 10.0.0.1:7000 → 10.0.0.2:8000 UDP fragment ${frames[1].length} bytes`
    )
  })

  it('puts later fragments whose first fragment was not captured in a flow of addresses and protocol', () => {
    const frame = ethernet(
      0x0800,
      ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 17,
        identification: 5,
        fragmentOffset: 1480,
        payload: new Uint8Array(20)
      })
    )
    const [flow] = eventsOf(capture([frame]), 'network.flow')
    expect(flow.event.fields['source.port']).toBeUndefined()
    expect(flow.event.fields['message']).toMatch(/^udp 10\.0\.0\.1 → 10\.0\.0\.2: 1 packets/)
  })

  it('reads segmentation-offload packets whose total length is zero', () => {
    const frame = ethernet(
      0x0800,
      ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 6,
        totalLength: 0,
        payload: tcp({ sourcePort: 1, destinationPort: 2, flags: ACK, payload: new Uint8Array(3000) })
      })
    )
    expect(eventsOf(capture([frame]), 'network.flow')).toHaveLength(1)
  })

  it('rejects headers it cannot trust, quoting the offending value', () => {
    const badLength = ethernet(
      0x0800,
      ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17, payload: udp(1, 2, ascii('x')) })
    )
    badLength[14] = 0x44
    const shortTotal = ethernet(
      0x0800,
      ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 17,
        totalLength: 12,
        payload: udp(1, 2, ascii('x'))
      })
    )
    const wrongVersion = ethernet(
      0x0800,
      ipv6({ source: '::1', destination: '::2', nextHeader: 59, payload: new Uint8Array(0) })
    )
    const cutTcp = ethernet(
      0x0800,
      ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 6, payload: new Uint8Array(12) })
    )
    const badOffset = ethernet(
      0x0800,
      ipv4({
        source: '10.0.0.1',
        destination: '10.0.0.2',
        protocol: 6,
        payload: tcp({ sourcePort: 1, destinationPort: 2, flags: SYN })
      })
    )
    badOffset[14 + 20 + 12] = 0x20
    const cutIp = ethernet(0x0800, new Uint8Array(12))
    expect(reasons(capture([badLength, shortTotal, wrongVersion, cutTcp, badOffset, cutIp]))).toEqual([
      'rejected: IPv4 header length 16 bytes is below the 20-byte minimum',
      'rejected: IPv4 total length 12 bytes is shorter than its 20-byte header',
      'rejected: IPv4 expected but the header says IP version 6',
      'rejected: TCP header cut short: 12 of 20 bytes captured',
      'rejected: TCP header length 8 bytes is below the 20-byte minimum',
      'rejected: IPv4 header cut short: 12 of 20 bytes captured'
    ])
  })
})

describe('IPv6', () => {
  it('follows the extension header chain (hop-by-hop, destination options) to the transport header', () => {
    const payload = ipv6Extension(
      60,
      ipv6Extension(6, tcp({ sourcePort: 443, destinationPort: 51000, flags: SYN | ACK }))
    )
    const frame = ethernet(
      0x86dd,
      ipv6({ source: '2001:db8::10', destination: '2001:db8::20', nextHeader: 0, payload })
    )
    const [flow] = eventsOf(capture([frame]), 'network.flow')
    expect(flow.event.fields).toMatchObject({
      'network.transport': 'tcp',
      // A SYN/ACK seen first was sent by the responder: the other side initiated.
      'source.ip': '2001:db8::20',
      'source.port': 51000,
      'destination.ip': '2001:db8::10',
      'destination.port': 443
    })
  })

  it('counts IPv6 fragments in the flow of the first fragment', () => {
    const first = ipv6Fragment(
      17,
      0,
      true,
      0xabcdef,
      concat(udp(9000, 53, new Uint8Array(0)).subarray(0, 8), new Uint8Array(8))
    )
    const later = ipv6Fragment(17, 16, false, 0xabcdef, new Uint8Array(8))
    const frames = [first, later].map((payload) =>
      ethernet(0x86dd, ipv6({ source: 'fe80::1', destination: 'fe80::2', nextHeader: 44, payload }))
    )
    const flows = eventsOf(capture(frames), 'network.flow')
    expect(flows.map(({ event }) => [event.fields['source.port'], event.fields['source.packets']])).toEqual([
      [9000, 2]
    ])
  })

  it('rejects a chain that runs past the packet', () => {
    const frame = ethernet(
      0x86dd,
      ipv6({ source: '::1', destination: '::2', nextHeader: 0, payload: concat([6, 200], new Uint8Array(6)) })
    )
    expect(reasons(capture([frame]))).toEqual([
      'rejected: IPv6 extension headers run past the end of the packet'
    ])
  })
})

describe('ICMP', () => {
  it('groups ICMP and ICMPv6 by address pair, with the ECS transport names', () => {
    const request = ethernet(
      0x0800,
      ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 1, payload: icmpEcho(8) })
    )
    const reply = ethernet(
      0x0800,
      ipv4({ source: '10.0.0.2', destination: '10.0.0.1', protocol: 1, payload: icmpEcho(0) })
    )
    const solicit = ethernet(
      0x86dd,
      ipv6({
        source: 'fe80::1',
        destination: 'ff02::1:ff00:2',
        nextHeader: 58,
        payload: concat([135, 0], u16(0), new Uint8Array(20))
      })
    )
    const outcomes = capture([request, reply, solicit])
    expect(outcomes[0].record.text).toBe(
      `2018-03-23T16:02:35.000000Z 10.0.0.2 → 10.0.0.1 ICMP type 0 code 0 ${reply.length} bytes`
    )
    const flows = eventsOf(outcomes, 'network.flow').map(({ event }) => [
      event.fields['network.transport'],
      event.fields['source.ip'],
      event.fields['network.packets'],
      event.fields['source.port']
    ])
    expect(flows).toEqual([
      ['icmp', '10.0.0.1', 2, undefined],
      ['ipv6-icmp', 'fe80::1', 1, undefined]
    ])
  })
})
