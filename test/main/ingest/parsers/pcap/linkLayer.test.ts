// Link layers through the whole reader: Ethernet II with VLAN and QinQ tags, MPLS and PPPoE, Linux cooked
// SLL and SLL2, raw IP, BSD loopback, GRE/ERSPAN tunnels; non-IP frames skipped with their protocol named,
// unsupported link types and cut frames rejected with a reason.

import { describe, expect, it } from 'vitest'
import {
  ACK,
  PSH,
  ascii,
  concat,
  ethernet,
  eventsOf,
  ipv4,
  ipv6,
  pcapFile,
  readCapture,
  tcp,
  u16,
  u32,
  udp
} from './captureBuilder'

const T0 = 1521820954
const DATAGRAM = ipv4({
  source: '192.0.2.1',
  destination: '198.51.100.7',
  protocol: 17,
  payload: udp(40000, 123, ascii('ntp?'))
})
const DATAGRAM6 = ipv6({
  source: '2001:db8::1',
  destination: '2001:db8::2',
  nextHeader: 17,
  payload: udp(40000, 123, ascii('ntp?'))
})

/** The flow event's endpoints for a capture of one frame of the given link type. */
function flowOf(frame: Uint8Array, linkType = 1): Record<string, string | number | undefined> {
  const outcomes = readCapture(pcapFile([{ time: T0, data: frame }], { linkType }))
  const flows = eventsOf(outcomes, 'network.flow')
  expect(
    flows,
    JSON.stringify(outcomes.map((outcome) => (outcome.kind === 'event' ? 'event' : outcome.reason)))
  ).toHaveLength(1)
  const { fields } = flows[0].event
  return {
    source: `${fields['source.ip']}:${fields['source.port']}`,
    destination: `${fields['destination.ip']}:${fields['destination.port']}`,
    transport: fields['network.transport']
  }
}

function settlementOf(frame: Uint8Array, linkType = 1): { kind: string; reason?: string; text: string } {
  const [outcome] = readCapture(pcapFile([{ time: T0, data: frame }], { linkType }))
  return {
    kind: outcome.kind,
    ...(outcome.kind === 'event' ? {} : { reason: outcome.reason }),
    text: outcome.record.text
  }
}

const UDP_FLOW = { source: '192.0.2.1:40000', destination: '198.51.100.7:123', transport: 'udp' }

describe('link layers', () => {
  it('reads Ethernet II, with an 802.1Q tag and with QinQ (802.1ad outer tag)', () => {
    expect(flowOf(ethernet(0x0800, DATAGRAM))).toEqual(UDP_FLOW)
    expect(flowOf(ethernet(0x0800, DATAGRAM, [100]))).toEqual(UDP_FLOW)
    expect(flowOf(ethernet(0x0800, DATAGRAM, [100, 200]))).toEqual(UDP_FLOW)
    expect(flowOf(ethernet(0x86dd, DATAGRAM6, [7]))).toEqual({
      source: '2001:db8::1:40000',
      destination: '2001:db8::2:123',
      transport: 'udp'
    })
  })

  it('reads IP under an MPLS label stack and in a PPPoE session', () => {
    const labels = concat(u32((16 << 12) | (0 << 8) | 64), u32((17 << 12) | (1 << 8) | 64))
    expect(flowOf(ethernet(0x8847, concat(labels, DATAGRAM)))).toEqual(UDP_FLOW)
    const pppoe = concat([0x11, 0x00], u16(1), u16(DATAGRAM.length + 2), u16(0x0021))
    expect(flowOf(ethernet(0x8864, concat(pppoe, DATAGRAM)))).toEqual(UDP_FLOW)
  })

  it('reads Linux cooked captures, SLL (113) and SLL2 (276)', () => {
    const sll = concat(u16(0), u16(1), u16(6), [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0], u16(0x0800))
    expect(flowOf(concat(sll, DATAGRAM), 113)).toEqual(UDP_FLOW)
    const sll2 = concat(u16(0x86dd), u16(0), u32(2), u16(1), [4, 6], [0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 0])
    expect(flowOf(concat(sll2, DATAGRAM6), 276)).toMatchObject({ source: '2001:db8::1:40000' })
  })

  it('reads raw IP (101, and the IPv4/IPv6-only 228/229)', () => {
    expect(flowOf(DATAGRAM, 101)).toEqual(UDP_FLOW)
    expect(flowOf(DATAGRAM6, 101)).toMatchObject({ transport: 'udp', source: '2001:db8::1:40000' })
    expect(flowOf(DATAGRAM, 228)).toEqual(UDP_FLOW)
    expect(flowOf(DATAGRAM6, 229)).toMatchObject({ source: '2001:db8::1:40000' })
  })

  it('reads BSD loopback in host byte order (NULL, 0) and network order (LOOP, 108)', () => {
    expect(flowOf(concat([2, 0, 0, 0], DATAGRAM), 0)).toEqual(UDP_FLOW)
    expect(flowOf(concat([0, 0, 0, 2], DATAGRAM), 0)).toEqual(UDP_FLOW)
    // AF_INET6 is 30 on macOS, 28 on FreeBSD, 24 on NetBSD/OpenBSD.
    for (const family of [30, 28, 24]) {
      expect(flowOf(concat([family, 0, 0, 0], DATAGRAM6), 0)).toMatchObject({ transport: 'udp' })
    }
    expect(flowOf(concat([0, 0, 0, 2], DATAGRAM), 108)).toEqual(UDP_FLOW)
  })

  it('opens GRE tunnels: an ERSPAN type II mirror yields the GRE flow and the mirrored TCP flow', () => {
    const mirrored = ethernet(
      0x0800,
      ipv4({
        source: '10.1.1.1',
        destination: '10.2.2.2',
        protocol: 6,
        payload: tcp({
          sourcePort: 50000,
          destinationPort: 80,
          flags: PSH | ACK,
          payload: ascii('GET / HTTP/1.1\r\nHost: mirror.test\r\n\r\n')
        })
      })
    )
    const gre = concat(u16(0x1000), u16(0x88be), u32(7), [0x10, 0, 0, 1, 0, 0, 0, 0], mirrored)
    const outer = ethernet(
      0x0800,
      ipv4({ source: '172.16.0.1', destination: '172.16.0.2', protocol: 47, payload: gre })
    )
    const outcomes = readCapture(pcapFile([{ time: T0, data: outer }]))
    const flows = eventsOf(outcomes, 'network.flow').map(({ event }) => event.fields['message'])
    expect(flows.sort()).toEqual([
      'gre 172.16.0.1 → 172.16.0.2: 1 packets (1 out, 0 back), ' + `${outer.length} bytes in 0.000000 s`,
      'tcp 10.1.1.1:50000 → 10.2.2.2:80 (http): 1 packets (1 out, 0 back), ' +
        `${outer.length} bytes in 0.000000 s, TCP flags PSH,ACK`
    ])
    expect(eventsOf(outcomes, 'network.http')[0].event.fields['url.domain']).toBe('mirror.test')
  })

  it('skips non-IP frames with their protocol named', () => {
    const arp = ethernet(0x0806, new Uint8Array(28))
    expect(settlementOf(arp)).toEqual({
      kind: 'skipped',
      reason: 'ARP (ethertype 0x0806) frame: not IP, so part of no flow',
      text: `2018-03-23T16:02:34.000000Z ARP (ethertype 0x0806) ${arp.length} bytes`
    })
    const stp = concat(
      [0x01, 0x80, 0xc2, 0, 0, 0],
      [0, 1, 2, 3, 4, 5],
      u16(39),
      [0x42, 0x42, 0x03],
      new Uint8Array(36)
    )
    expect(settlementOf(stp).reason).toBe('STP (802.2 LLC) frame: not IP, so part of no flow')
    expect(settlementOf(ethernet(0x88cc, new Uint8Array(30))).reason).toBe(
      'LLDP (ethertype 0x88cc) frame: not IP, so part of no flow'
    )
    expect(settlementOf(ethernet(0x1234, new Uint8Array(30))).reason).toBe(
      'unknown protocol (ethertype 0x1234) frame: not IP, so part of no flow'
    )
  })

  it('rejects frames of unsupported link types and cut headers, saying why', () => {
    expect(settlementOf(new Uint8Array(40), 105)).toMatchObject({
      kind: 'rejected',
      reason:
        'link type 105 (IEEE 802.11) is not decoded: only Ethernet, Linux cooked (SLL/SLL2), raw IP and BSD ' +
        'loopback captures are',
      text: '2018-03-23T16:02:34.000000Z frame of 40 bytes (link type 105)'
    })
    expect(settlementOf(new Uint8Array(10))).toMatchObject({
      kind: 'rejected',
      reason: 'Ethernet header cut short: 10 of 14 bytes captured'
    })
    expect(settlementOf(concat(u16(0), u16(1)), 113).reason).toBe(
      'Linux cooked capture header cut short: 4 of 16 bytes captured'
    )
    expect(settlementOf(ethernet(0x8100, new Uint8Array(2))).reason).toBe('802.1Q VLAN tag cut short')
    expect(settlementOf(new Uint8Array([0x10, 0, 0]), 101).reason).toBe(
      'raw IP frame starts with IP version 1'
    )
  })
})
