// Flows: both directions in one flow, the initiator as source (first sender, or the SYN's sender), frame
// bytes per direction, first/last time, TCP flags, port reuse, and memory bounds: idle flows and, past
// the cap, the least recently seen flows are closed and emitted before the end of the file.

import { describe, expect, it } from 'vitest'
import type { RecordOutcome } from '../../../../../src-main/core/ingest/parser'
import { createPcapReader } from '../../../../../src-main/core/ingest/parsers/pcap/index'
import {
  ACK,
  FIN,
  PSH,
  RST,
  SYN,
  accountingViolation,
  ascii,
  ethernet,
  eventsOf,
  ipv4,
  pcapFile,
  readCapture,
  tcp,
  udp,
  type CapturePacket
} from './captureBuilder'

const T0 = 1521820954
const CLIENT = '10.0.0.1'
const SERVER = '10.0.0.2'

function segment(
  fromClient: boolean,
  flags: number,
  sequence: number,
  payload: Uint8Array = new Uint8Array(0),
  ports = [40000, 80]
): Uint8Array {
  const [clientPort, serverPort] = ports
  return ethernet(
    0x0800,
    ipv4({
      source: fromClient ? CLIENT : SERVER,
      destination: fromClient ? SERVER : CLIENT,
      protocol: 6,
      payload: tcp({
        sourcePort: fromClient ? clientPort : serverPort,
        destinationPort: fromClient ? serverPort : clientPort,
        flags,
        sequence,
        acknowledgement: 1,
        payload
      })
    })
  )
}

describe('flow events', () => {
  it('counts both directions in one flow, with frame lengths on the wire as bytes', () => {
    const packets: CapturePacket[] = [
      { time: T0 + 0.5, data: segment(true, SYN, 100) },
      { time: T0 + 0.6, data: segment(false, SYN | ACK, 900) },
      { time: T0 + 0.7, data: segment(true, ACK | PSH, 101, ascii('hello')), originalLength: 1514 },
      { time: T0 + 2.75, data: segment(false, RST, 901) }
    ]
    const outcomes = readCapture(pcapFile(packets))
    expect(accountingViolation(outcomes, 4)).toBeNull()
    const [flow] = eventsOf(outcomes, 'network.flow')
    const [syn, synAck, data, reset] = packets.map((packet) => packet.originalLength ?? packet.data.length)
    expect(flow.record).toEqual({
      line: 1,
      offset: 24,
      text: `2018-03-23T16:02:34.500000Z 10.0.0.1:40000 → 10.0.0.2:80 TCP [SYN] ${syn} bytes`
    })
    expect(flow.event).toEqual({
      timestamp: Date.UTC(2018, 2, 23, 16, 2, 34, 500),
      fields: {
        'event.kind': 'event',
        'event.category': 'network',
        'event.dataset': 'network.flow',
        'source.ip': CLIENT,
        'source.port': 40000,
        'destination.ip': SERVER,
        'destination.port': 80,
        'network.transport': 'tcp',
        'source.packets': 2,
        'source.bytes': syn + data,
        'destination.packets': 2,
        'destination.bytes': synAck + reset,
        'network.packets': 4,
        'network.bytes': syn + synAck + data + reset,
        message:
          `tcp 10.0.0.1:40000 → 10.0.0.2:80: 4 packets (2 out, 2 back), ${syn + synAck + data + reset} bytes in ` +
          '2.250000 s, TCP flags SYN,RST,PSH,ACK'
      },
      extra: {
        'event.end': '2018-03-23T16:02:36.750000Z',
        'event.duration': 2_250_000_000,
        'network.type': 'ipv4',
        'network.iana_number': '6',
        'tcp.flags': 'SYN,RST,PSH,ACK'
      },
      raw: flow.record.text
    })
    expect(
      outcomes
        .filter((outcome) => outcome.kind === 'skipped')
        .map((outcome) => outcome.kind === 'skipped' && outcome.reason)
    ).toEqual([
      'counted in flow tcp 10.0.0.1:40000 → 10.0.0.2:80',
      'counted in flow tcp 10.0.0.1:40000 → 10.0.0.2:80',
      'counted in flow tcp 10.0.0.1:40000 → 10.0.0.2:80'
    ])
  })

  it('takes the first sender as initiator, unless a SYN later shows the other side opened the flow', () => {
    const midStream = readCapture(
      pcapFile([
        { time: T0, data: segment(false, ACK, 5) },
        { time: T0 + 1, data: segment(true, ACK, 6) }
      ])
    )
    expect(eventsOf(midStream, 'network.flow')[0].event.fields['source.ip']).toBe(SERVER)
    // A reset without ACK tells nothing of the client's sequence numbers, so the SYN joins its flow.
    const synLater = readCapture(
      pcapFile([
        { time: T0, data: segment(false, RST, 5) },
        { time: T0 + 1, data: segment(true, SYN, 6) }
      ])
    )
    expect(eventsOf(synLater, 'network.flow')[0].event.fields).toMatchObject({
      'source.ip': CLIENT,
      'source.packets': 1,
      'destination.packets': 1
    })
  })

  it('starts a new flow when a SYN with a new initial sequence number reuses the 5-tuple, not for a retransmitted SYN', () => {
    const packets: CapturePacket[] = [
      { time: T0, data: segment(true, SYN, 1000) },
      { time: T0 + 1, data: segment(true, SYN, 1000) },
      { time: T0 + 2, data: segment(false, SYN | ACK, 7000) },
      { time: T0 + 3, data: segment(true, FIN | ACK, 1001) },
      { time: T0 + 4, data: segment(true, SYN, 555_000) },
      { time: T0 + 5, data: segment(false, SYN | ACK, 8000) }
    ]
    const flows = eventsOf(readCapture(pcapFile(packets)), 'network.flow')
    expect(flows.map(({ record, event }) => [record.line, event.fields['network.packets']])).toEqual([
      [1, 4],
      [5, 2]
    ])
  })

  it('keeps TCP and UDP with the same addresses and ports apart', () => {
    const datagram = ethernet(
      0x0800,
      ipv4({ source: CLIENT, destination: SERVER, protocol: 17, payload: udp(40000, 80, ascii('q')) })
    )
    const flows = eventsOf(
      readCapture(
        pcapFile([
          { time: T0, data: segment(true, SYN, 1) },
          { time: T0, data: datagram }
        ])
      ),
      'network.flow'
    )
    expect(flows.map(({ event }) => event.fields['network.transport']).sort()).toEqual(['tcp', 'udp'])
  })
})

describe('bounded flow table', () => {
  function readIncrementally(
    packets: CapturePacket[],
    maxOpenFlows: number,
    idleTimeoutSeconds: number
  ): { beforeEnd: RecordOutcome[]; all: RecordOutcome[] } {
    const reader = createPcapReader({ maxOpenFlows, idleTimeoutSeconds })
    const all: RecordOutcome[] = []
    reader.write(pcapFile(packets), (outcome) => all.push(outcome))
    const beforeEnd = [...all]
    reader.end((outcome) => all.push(outcome))
    return { beforeEnd, all }
  }

  it('closes flows idle for longer than the timeout; the 5-tuple seen again starts a new flow', () => {
    const packets: CapturePacket[] = [
      { time: T0, data: segment(true, ACK, 1) },
      { time: T0 + 10, data: segment(true, ACK, 2, new Uint8Array(0), [40001, 80]) },
      { time: T0 + 100, data: segment(true, ACK, 3) },
      { time: T0 + 101, data: segment(true, ACK, 4, new Uint8Array(0), [40001, 80]) }
    ]
    const { beforeEnd, all } = readIncrementally(packets, 1000, 60)
    // At T0+100 both flows have been idle for more than 60 s: they close before the end of the file.
    expect(eventsOf(beforeEnd, 'network.flow').map(({ record }) => record.line)).toEqual([1, 2])
    expect(
      eventsOf(all, 'network.flow').map(({ record, event }) => [record.line, event.fields['network.packets']])
    ).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1]
    ])
    expect(accountingViolation(all, 4)).toBeNull()
  })

  it('closes the least recently seen flow when the cap is reached', () => {
    const packets: CapturePacket[] = [40001, 40002, 40001, 40003, 40004].map((port, index) => ({
      time: T0 + index,
      data: segment(true, ACK, index, new Uint8Array(0), [port, 80])
    }))
    const { beforeEnd, all } = readIncrementally(packets, 2, 3600)
    // 40001 was seen again at packet 3, so 40002 is the least recent when 40003 arrives; then 40001.
    expect(eventsOf(beforeEnd, 'network.flow').map(({ event }) => event.fields['source.port'])).toEqual([
      40002, 40001
    ])
    expect(eventsOf(all, 'network.flow').map(({ event }) => event.fields['source.port'])).toEqual([
      40002, 40001, 40003, 40004
    ])
    expect(accountingViolation(all, 5)).toBeNull()
  })

  it('stays bounded on a capture of 20,000 one-packet flows', () => {
    const packets: CapturePacket[] = []
    for (let index = 0; index < 20_000; index++) {
      const source = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`
      packets.push({
        time: T0 + index / 1000,
        data: ethernet(
          0x0800,
          ipv4({ source, destination: SERVER, protocol: 17, payload: udp(5353, 9999, new Uint8Array(0)) })
        )
      })
    }
    const { beforeEnd, all } = readIncrementally(packets, 500, 3600)
    expect(eventsOf(beforeEnd, 'network.flow')).toHaveLength(19_500)
    expect(eventsOf(all, 'network.flow')).toHaveLength(20_000)
  })
})
