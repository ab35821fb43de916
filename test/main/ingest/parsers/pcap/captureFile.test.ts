// The capture container layer: pcap in both byte orders and clock resolutions, pcapng sections,
// interfaces and block kinds, chunks split anywhere, and damaged files (garbage, truncation, lying
// lengths) reported and resynchronised without loops or buffers sized by a length field.

import { describe, expect, it } from 'vitest'
import {
  CaptureFileReader,
  type CapturedPacket,
  type CaptureProblem
} from '../../../../../src-main/core/ingest/parsers/pcap/captureFile'
import {
  ascii,
  concat,
  ethernet,
  ipv4,
  pcapFile,
  pcapngSection,
  pcapRecordHeader,
  udp,
  u16,
  u32
} from './captureBuilder'

/** A packet as the reader handed it over, with its captured bytes copied out. */
type ReadPacket = Omit<CapturedPacket, 'bytes' | 'start' | 'end'> & { data: number[] }

function u16le(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff]
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]
}

function readContainer(
  bytes: Uint8Array,
  chunkSize = bytes.length
): { packets: ReadPacket[]; problems: CaptureProblem[] } {
  const packets: ReadPacket[] = []
  const problems: CaptureProblem[] = []
  const reader = new CaptureFileReader({
    packet: ({ bytes, start, end, ...packet }) =>
      packets.push({ ...packet, data: [...bytes.subarray(start, end)] }),
    problem: (problem) => problems.push(problem)
  })
  const step = Math.max(1, chunkSize)
  for (let at = 0; at < bytes.length; at += step) reader.write(bytes.subarray(at, at + step))
  reader.end()
  return { packets, problems }
}

const FRAME_A = ethernet(
  0x0800,
  ipv4({ source: '10.0.0.1', destination: '10.0.0.2', protocol: 17, payload: udp(1234, 53, ascii('aaaa')) })
)
const FRAME_B = ethernet(
  0x0800,
  ipv4({
    source: '10.0.0.2',
    destination: '10.0.0.1',
    protocol: 17,
    payload: udp(53, 1234, ascii('bbbbbbbb'))
  })
)
const T0 = 1521820954 // 2018-03-23T16:02:34Z

describe('classic pcap', () => {
  it('reads little-endian microsecond files: times, lengths, offsets and link type', () => {
    const file = pcapFile([
      { time: T0 + 0.123456, data: FRAME_A },
      { time: T0 + 1.5, data: FRAME_B, originalLength: 1514 }
    ])
    const { packets, problems } = readContainer(file)
    expect(problems).toEqual([])
    expect(packets).toEqual([
      {
        number: 1,
        offset: 24,
        linkType: 1,
        seconds: T0,
        nanoseconds: 123_456_000,
        fractionDigits: 6,
        originalLength: FRAME_A.length,
        data: [...FRAME_A]
      },
      {
        number: 2,
        offset: 24 + 16 + FRAME_A.length,
        linkType: 1,
        seconds: T0 + 1,
        nanoseconds: 500_000_000,
        fractionDigits: 6,
        originalLength: 1514,
        data: [...FRAME_B]
      }
    ])
  })

  it('reads big-endian nanosecond files', () => {
    const file = pcapFile([{ time: T0 + 0.000001, data: FRAME_A }], {
      bigEndian: true,
      nanosecond: true,
      linkType: 101
    })
    const [packet] = readContainer(file).packets
    expect(packet).toMatchObject({ seconds: T0, nanoseconds: 1000, fractionDigits: 9, linkType: 101 })
  })

  it('ignores the FCS bits above the link type', () => {
    const file = pcapFile([{ time: T0, data: FRAME_A }], { linkType: (4 << 28) | (1 << 26) | 1 })
    expect(readContainer(file).packets[0].linkType).toBe(1)
  })

  it('rejects a record longer than the snapshot length and resynchronises on the next packet', () => {
    const good = pcapFile([{ time: T0, data: FRAME_A }], { snapLength: 65535 })
    const bogus = concat(pcapRecordHeader(T0, 0, 70_000, 70_000), ascii('junk bytes that are no header'))
    const next = pcapFile([{ time: T0 + 2, data: FRAME_B }]).subarray(24)
    const file = concat(good, bogus, next)
    const { packets, problems } = readContainer(file)
    expect(packets.map((packet) => [packet.number, packet.data.length])).toEqual([
      [1, FRAME_A.length],
      [3, FRAME_B.length]
    ])
    const bogusOffset = good.length
    expect(problems).toEqual([
      {
        number: 2,
        offset: bogusOffset,
        reason:
          `record header at offset ${bogusOffset} is corrupt: captured length 70000 bytes exceeds the file's ` +
          `snapshot length of 65535 bytes; skipped ${bogus.length} bytes to the next plausible record at offset ` +
          `${bogusOffset + bogus.length}`
      }
    ])
  })

  it('rejects a captured length above 256 KiB when the file declares no snapshot length', () => {
    const file = concat(pcapFile([], { snapLength: 0 }), pcapRecordHeader(T0, 0, 0xffffffff, 60))
    const { problems } = readContainer(file)
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain('captured length 4294967295 bytes exceeds the 262144-byte maximum')
    expect(problems[0].reason).toContain(
      'no readable record follows: the last 16 bytes of the file were skipped'
    )
  })

  it('reports a last record cut short at the end, whatever the chunking', () => {
    const whole = pcapFile([
      { time: T0, data: FRAME_A },
      { time: T0 + 1, data: FRAME_B }
    ])
    const cut = whole.subarray(0, whole.length - 5)
    for (const chunkSize of [cut.length, 1, 7]) {
      const { packets, problems } = readContainer(cut, chunkSize)
      expect(packets).toHaveLength(1)
      expect(problems).toEqual([
        {
          number: 2,
          offset: 24 + 16 + FRAME_A.length,
          reason:
            `the last packet record at offset ${24 + 16 + FRAME_A.length} is cut short: the file ends after ` +
            `${16 + FRAME_B.length - 5} of the ${16 + FRAME_B.length} or more bytes it needs`
        }
      ])
    }
  })

  it('reports a file cut inside its header', () => {
    const { problems } = readContainer(pcapFile([]).subarray(0, 10))
    expect(problems.map((problem) => problem.reason)).toEqual([
      'the capture file header at offset 0 is cut short: the file ends after 10 of the 24 or more bytes it needs'
    ])
  })

  it('rejects bytes that are not a capture once, without reading further', () => {
    const { packets, problems } = readContainer(
      ascii('Mar  1 10:00:00 host sshd[1]: not a capture\n'.repeat(50)),
      13
    )
    expect(packets).toEqual([])
    expect(problems).toEqual([
      {
        number: 1,
        offset: 0,
        reason:
          'not a packet capture: the file starts with 4d 61 72 20, which is neither a pcap nor a pcapng magic number'
      }
    ])
  })

  it('settles nothing for an empty file', () => {
    expect(readContainer(new Uint8Array(0))).toEqual({ packets: [], problems: [] })
  })
})

describe('pcapng', () => {
  it('reads enhanced, simple and obsolete packet blocks and skips name, statistics, secrets and unknown blocks', () => {
    const file = pcapngSection([
      { kind: 'interface', description: { linkType: 1, snapLength: 65535 } },
      {
        kind: 'raw',
        type: 4,
        body: concat(u16(1), u16(4), [10, 0, 0, 1], ascii('host'), [0, 0, 0, 0, 0, 0])
      },
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n + 250_000n, data: FRAME_A },
      { kind: 'raw', type: 5, body: new Uint8Array(16) },
      { kind: 'raw', type: 0x0a, body: concat(u32(0x544c534b), u32(4), ascii('keys')) },
      { kind: 'raw', type: 0x0bad, body: concat(u32(32473), ascii('vendor')) },
      { kind: 'simple', data: FRAME_B },
      { kind: 'obsolete', interfaceId: 0, ticks: BigInt(T0 + 5) * 1_000_000n, data: FRAME_A }
    ])
    const { packets, problems } = readContainer(file)
    expect(problems).toEqual([])
    expect(
      packets.map((packet) => [
        packet.number,
        packet.linkType,
        packet.seconds,
        packet.nanoseconds,
        packet.data.length
      ])
    ).toEqual([
      [1, 1, T0, 250_000_000, FRAME_A.length],
      // A simple packet block has no time of its own: it keeps the previous packet's.
      [2, 1, T0, 250_000_000, FRAME_B.length],
      [3, 1, T0 + 5, 0, FRAME_A.length]
    ])
  })

  it('applies each interface its own clock: nanoseconds (if_tsresol 9) and binary fractions (2^-20)', () => {
    const file = pcapngSection([
      { kind: 'interface', description: { linkType: 1, timestampResolution: 9 } },
      { kind: 'interface', description: { linkType: 101, timestampResolution: 0x80 | 20 } },
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000_000n + 123_456_789n, data: FRAME_A },
      { kind: 'enhanced', interfaceId: 1, ticks: BigInt(T0) * 1_048_576n + 524_288n, data: FRAME_B }
    ])
    const { packets } = readContainer(file)
    expect(
      packets.map((packet) => [packet.linkType, packet.seconds, packet.nanoseconds, packet.fractionDigits])
    ).toEqual([
      [1, T0, 123_456_789, 9],
      [101, T0, 500_000_000, 6]
    ])
  })

  it('shifts packet times by the interface if_tsoffset (seconds, signed)', () => {
    const minusOneHour = [0xf0, 0xf1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
    const description = concat(
      u16le(1),
      u16le(0),
      u32le(0),
      u16le(14),
      u16le(8),
      minusOneHour,
      u16le(0),
      u16le(0)
    )
    const file = pcapngSection([
      { kind: 'raw', type: 1, body: description },
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n, data: FRAME_A }
    ])
    expect(readContainer(file).packets[0].seconds).toBe(T0 - 3600)
  })

  it('skips other blocks without buffering them, and reports one the file ends inside', () => {
    const head = pcapngSection([{ kind: 'interface', description: { linkType: 1 } }])
    const claimsTwoGigabytes = concat(u32le(4), u32le(0x7ffffffc), new Uint8Array(100))
    const { packets, problems } = readContainer(concat(head, claimsTwoGigabytes), 10)
    expect(packets).toEqual([])
    expect(problems.map((problem) => problem.reason)).toEqual([
      `the last pcapng block at offset ${head.length} is cut short: the file ends after 108 of the ` +
        '2147483644 or more bytes it needs'
    ])
  })

  it('starts interface numbering afresh in each section, in the section byte order', () => {
    const file = concat(
      pcapngSection([
        { kind: 'interface', description: { linkType: 1 } },
        { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n, data: FRAME_A }
      ]),
      pcapngSection(
        [
          { kind: 'interface', description: { linkType: 113 } },
          { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0 + 1) * 1_000_000n, data: FRAME_B }
        ],
        true
      )
    )
    const { packets, problems } = readContainer(file)
    expect(problems).toEqual([])
    expect(packets.map((packet) => [packet.number, packet.linkType, packet.seconds])).toEqual([
      [1, 1, T0],
      [2, 113, T0 + 1]
    ])
  })

  it('rejects a packet naming an undescribed interface or claiming more bytes than its block holds', () => {
    const lying = pcapngSection([
      { kind: 'interface', description: { linkType: 1 } },
      { kind: 'enhanced', interfaceId: 3, ticks: 0n, data: FRAME_A },
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n, data: FRAME_B }
    ])
    // Make the second packet block claim 9000 captured bytes (its captured length field is at +20).
    const secondBlock = lying.length - (32 + FRAME_B.length + ((4 - (FRAME_B.length % 4)) % 4))
    lying.set([0x28, 0x23, 0, 0], secondBlock + 20)
    const { packets, problems } = readContainer(lying)
    expect(packets).toEqual([])
    expect(problems.map((problem) => [problem.number, problem.reason])).toEqual([
      [1, expect.stringContaining('names interface 3, but its section describes 1 interface(s)')],
      [2, expect.stringContaining('claims 9000 captured bytes but the block holds only')]
    ])
  })

  it('resynchronises after a block whose length is not a multiple of 4', () => {
    const head = pcapngSection([
      { kind: 'interface', description: { linkType: 1 } },
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n, data: FRAME_A }
    ])
    const packetBlock = pcapngSection([
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0 + 1) * 1_000_000n, data: FRAME_B }
    ]).subarray(28)
    const broken = Uint8Array.from(packetBlock)
    broken[4] = 0x03
    const file = concat(head, broken, packetBlock)
    const { packets, problems } = readContainer(file)
    expect(packets.map((packet) => packet.number)).toEqual([1, 3])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ number: 2, offset: head.length })
    expect(problems[0].reason).toContain('its length 3 bytes is not a multiple of 4 of at least 12')
    expect(problems[0].reason).toContain(`skipped ${broken.length} bytes to the next plausible record`)
  })

  it('detects a skipped block whose closing length disagrees, and resynchronises', () => {
    const head = pcapngSection([{ kind: 'interface', description: { linkType: 1 } }])
    const statistics = pcapngSection([{ kind: 'raw', type: 5, body: new Uint8Array(16) }]).subarray(28)
    const corrupt = Uint8Array.from(statistics)
    corrupt[corrupt.length - 4] = 0x99
    const packetBlock = pcapngSection([
      { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000n, data: FRAME_A }
    ]).subarray(28)
    const { packets, problems } = readContainer(concat(head, corrupt, packetBlock))
    expect(packets.map((packet) => packet.number)).toEqual([2])
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain('its opening length (28 bytes) and closing length (153) differ')
  })

  it('never buffers what a lying packet block length claims', () => {
    const head = pcapngSection([{ kind: 'interface', description: { linkType: 1 } }])
    const lie = concat([6, 0, 0, 0], [0xf0, 0xff, 0xff, 0x7f], new Uint8Array(40))
    const started = performance.now()
    const { packets, problems } = readContainer(concat(head, lie), 3)
    expect(performance.now() - started).toBeLessThan(1000)
    expect(packets).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain('it claims 2147483632 bytes, more than the 327680-byte limit')
    expect(problems[0].reason).toContain('no readable record follows')
  })
})

describe('chunk boundaries', () => {
  const files = {
    pcap: pcapFile([
      { time: T0, data: FRAME_A },
      { time: T0 + 1, data: FRAME_B },
      { time: T0 + 2, data: FRAME_A }
    ]),
    pcapng: concat(
      pcapngSection([
        { kind: 'interface', description: { linkType: 1, timestampResolution: 9 } },
        { kind: 'raw', type: 4, body: new Uint8Array(12) },
        { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0) * 1_000_000_000n, data: FRAME_A },
        { kind: 'simple', data: FRAME_B }
      ]),
      pcapngSection(
        [
          { kind: 'interface', description: { linkType: 1 } },
          { kind: 'enhanced', interfaceId: 0, ticks: BigInt(T0 + 9) * 1_000_000n, data: FRAME_B }
        ],
        true
      )
    ),
    damaged: concat(
      pcapFile([{ time: T0, data: FRAME_A }], { snapLength: 1000 }),
      pcapRecordHeader(T0, 0, 5000, 5000),
      ascii('garbage!'),
      pcapFile([{ time: T0 + 1, data: FRAME_B }]).subarray(24, 40)
    )
  }

  for (const [name, file] of Object.entries(files)) {
    it(`reads the ${name} file identically in one piece and in chunks of 1, 2, 3, 5, 16 and 64 bytes`, () => {
      const whole = readContainer(file)
      expect(whole.packets.length).toBeGreaterThan(0)
      for (const chunkSize of [1, 2, 3, 5, 16, 64]) expect(readContainer(file, chunkSize)).toEqual(whole)
    })
  }
})
