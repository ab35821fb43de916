// Builds tiny captures byte by byte for the pcap reader's tests: frames (Ethernet, VLAN, Linux cooked,
// loopback), IPv4/IPv6 packets, TCP/UDP/ICMP segments, DNS messages, and the pcap and pcapng files that
// hold them. Written from the RFCs and the pcap/pcapng specifications, independently of the reader.

import type { NormalisedEvent } from '../../../../../src-main/common/event'
import type { RecordOutcome, SourceRecord } from '../../../../../src-main/core/ingest/parser'
import { createPcapReader } from '../../../../../src-main/core/ingest/parsers/pcap/index'
import type { FlowLimits } from '../../../../../src-main/core/ingest/parsers/pcap/flows'
import { DEFAULT_FLOW_LIMITS } from '../../../../../src-main/core/ingest/parsers/pcap/flows'

export function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0)
  const out = new Uint8Array(total)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export function u16(value: number): number[] {
  return [(value >> 8) & 0xff, value & 0xff]
}

export function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]
}

function u16le(value: number): number[] {
  return [value & 0xff, (value >> 8) & 0xff]
}

function u32le(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]
}

export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (character) => character.charCodeAt(0))
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number)
}

function ipv6Bytes(address: string): number[] {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined]
  const headGroups = head === '' ? [] : head.split(':')
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':')
  const zeros = new Array<string>(8 - headGroups.length - tailGroups.length).fill('0')
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups]
  return groups.flatMap((group) => u16(parseInt(group, 16)))
}

const MAC_A = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55]
const MAC_B = [0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb]

export function ethernet(etherType: number, payload: Uint8Array, vlanIds: number[] = []): Uint8Array {
  const tags = vlanIds.flatMap((id, index) => [
    ...u16(index === 0 && vlanIds.length > 1 ? 0x88a8 : 0x8100),
    ...u16(id)
  ])
  return concat(MAC_B, MAC_A, tags, u16(etherType), payload)
}

export interface Ipv4Options {
  source: string
  destination: string
  protocol: number
  payload: Uint8Array
  identification?: number
  /** In bytes (a multiple of 8). */
  fragmentOffset?: number
  moreFragments?: boolean
  /** IP options appended to the 20-byte header (a multiple of 4 bytes). */
  options?: number[]
  /** Claimed total length, when a test wants it to lie. */
  totalLength?: number
}

export function ipv4(options: Ipv4Options): Uint8Array {
  const optionBytes = options.options ?? []
  const headerLength = 20 + optionBytes.length
  const flags = (options.moreFragments === true ? 0x2000 : 0) | ((options.fragmentOffset ?? 0) / 8)
  return concat(
    [0x40 | (headerLength / 4), 0],
    u16(options.totalLength ?? headerLength + options.payload.length),
    u16(options.identification ?? 1),
    u16(flags),
    [64, options.protocol],
    [0, 0],
    ipv4Bytes(options.source),
    ipv4Bytes(options.destination),
    optionBytes,
    options.payload
  )
}

export interface Ipv6Options {
  source: string
  destination: string
  nextHeader: number
  payload: Uint8Array
}

export function ipv6(options: Ipv6Options): Uint8Array {
  return concat(
    [0x60, 0, 0, 0],
    u16(options.payload.length),
    [options.nextHeader, 64],
    ipv6Bytes(options.source),
    ipv6Bytes(options.destination),
    options.payload
  )
}

/** A generic IPv6 extension header (hop-by-hop, destination options): 8 bytes, padded with PadN. */
export function ipv6Extension(nextHeader: number, payload: Uint8Array): Uint8Array {
  return concat([nextHeader, 0, 1, 4, 0, 0, 0, 0], payload)
}

export function ipv6Fragment(
  nextHeader: number,
  offset: number,
  moreFragments: boolean,
  identification: number,
  payload: Uint8Array
): Uint8Array {
  return concat([nextHeader, 0], u16(offset | (moreFragments ? 1 : 0)), u32(identification), payload)
}

export const FIN = 0x01
export const SYN = 0x02
export const RST = 0x04
export const PSH = 0x08
export const ACK = 0x10

export interface TcpOptions {
  sourcePort: number
  destinationPort: number
  flags: number
  sequence?: number
  acknowledgement?: number
  payload?: Uint8Array
}

export function tcp(options: TcpOptions): Uint8Array {
  return concat(
    u16(options.sourcePort),
    u16(options.destinationPort),
    u32(options.sequence ?? 1000),
    u32(options.acknowledgement ?? 0),
    [0x50, options.flags],
    u16(65535),
    [0, 0, 0, 0],
    options.payload ?? []
  )
}

export function udp(sourcePort: number, destinationPort: number, payload: Uint8Array): Uint8Array {
  return concat(u16(sourcePort), u16(destinationPort), u16(8 + payload.length), [0, 0], payload)
}

export function icmpEcho(type: number, payload: Uint8Array = new Uint8Array(8)): Uint8Array {
  return concat([type, 0, 0, 0, 0, 1, 0, 1], payload)
}

/** A DNS name in wire form, uncompressed. */
export function dnsName(name: string): number[] {
  if (name === '.') return [0]
  return [...name.split('.').flatMap((label) => [label.length, ...ascii(label)]), 0]
}

export interface DnsAnswer {
  /** The owner name's wire bytes (often a pointer: [0xc0, 12]). */
  name: number[]
  type: number
  data: number[]
}

export function dnsMessage(options: {
  id: number
  response: boolean
  responseCode?: number
  question?: { name: string; type: number }
  answers?: DnsAnswer[]
}): Uint8Array {
  const flags = (options.response ? 0x8180 : 0x0100) | (options.responseCode ?? 0)
  const answers = options.answers ?? []
  const question =
    options.question === undefined
      ? []
      : [...dnsName(options.question.name), ...u16(options.question.type), 0, 1]
  return concat(
    u16(options.id),
    u16(flags),
    u16(options.question === undefined ? 0 : 1),
    u16(answers.length),
    [0, 0, 0, 0],
    question,
    ...answers.map((answer) => [
      ...answer.name,
      ...u16(answer.type),
      0,
      1,
      ...u32(300),
      ...u16(answer.data.length),
      ...answer.data
    ])
  )
}

export interface CapturePacket {
  /** Unix seconds (fractional part: microseconds). */
  time: number
  data: Uint8Array
  /** Frame length on the wire, when more than captured. */
  originalLength?: number
}

export interface PcapOptions {
  linkType?: number
  nanosecond?: boolean
  bigEndian?: boolean
  snapLength?: number
}

export function pcapFile(packets: CapturePacket[], options: PcapOptions = {}): Uint8Array {
  const little = options.bigEndian !== true
  const w16 = little ? u16le : u16
  const w32 = little ? u32le : u32
  const magic = options.nanosecond === true ? 0xa1b23c4d : 0xa1b2c3d4
  const header = concat(
    w32(magic),
    w16(2),
    w16(4),
    w32(0),
    w32(0),
    w32(options.snapLength ?? 262144),
    w32(options.linkType ?? 1)
  )
  const records = packets.map((packet) => {
    const seconds = Math.floor(packet.time)
    const fraction = Math.round((packet.time - seconds) * 1e6) * (options.nanosecond === true ? 1000 : 1)
    return concat(
      w32(seconds),
      w32(fraction),
      w32(packet.data.length),
      w32(packet.originalLength ?? packet.data.length),
      packet.data
    )
  })
  return concat(header, ...records)
}

/** A little-endian pcap record header, for tests that write (or lie about) lengths by hand. */
export function pcapRecordHeader(
  seconds: number,
  micros: number,
  captured: number,
  original: number
): number[] {
  return [...u32le(seconds), ...u32le(micros), ...u32le(captured), ...u32le(original)]
}

export interface PcapngInterface {
  linkType: number
  snapLength?: number
  /** if_tsresol byte. */
  timestampResolution?: number
}

export type PcapngBlock =
  | { kind: 'interface'; description: PcapngInterface }
  | { kind: 'enhanced'; interfaceId: number; ticks: bigint; data: Uint8Array; originalLength?: number }
  | { kind: 'simple'; data: Uint8Array; originalLength?: number }
  | { kind: 'obsolete'; interfaceId: number; ticks: bigint; data: Uint8Array }
  | { kind: 'raw'; type: number; body: Uint8Array }

function pad4(bytes: Uint8Array): Uint8Array {
  return concat(bytes, new Array<number>((4 - (bytes.length % 4)) % 4).fill(0))
}

/** One pcapng section in the given byte order: section header, then the blocks. */
export function pcapngSection(blocks: PcapngBlock[], bigEndian = false): Uint8Array {
  const w16 = bigEndian ? u16 : u16le
  const w32 = bigEndian ? u32 : u32le
  const block = (type: number, body: Uint8Array): Uint8Array => {
    const padded = pad4(body)
    const length = 12 + padded.length
    return concat(w32(type), w32(length), padded, w32(length))
  }
  const ticks = (value: bigint): number[] => [
    ...w32(Number(value >> 32n)),
    ...w32(Number(value & 0xffffffffn))
  ]
  const section = block(
    0x0a0d0d0a,
    concat(w32(0x1a2b3c4d), w16(1), w16(0), [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
  )
  const rest = blocks.map((item) => {
    switch (item.kind) {
      case 'interface': {
        const options =
          item.description.timestampResolution === undefined
            ? []
            : [...w16(9), ...w16(1), item.description.timestampResolution, 0, 0, 0, ...w16(0), ...w16(0)]
        return block(
          1,
          concat(w16(item.description.linkType), w16(0), w32(item.description.snapLength ?? 0), options)
        )
      }
      case 'enhanced':
        return block(
          6,
          concat(
            w32(item.interfaceId),
            ticks(item.ticks),
            w32(item.data.length),
            w32(item.originalLength ?? item.data.length),
            pad4(item.data)
          )
        )
      case 'simple':
        return block(3, concat(w32(item.originalLength ?? item.data.length), item.data))
      case 'obsolete':
        return block(
          2,
          concat(
            w16(item.interfaceId),
            w16(0),
            ticks(item.ticks),
            w32(item.data.length),
            w32(item.data.length),
            pad4(item.data)
          )
        )
      case 'raw':
        return block(item.type, item.body)
    }
  })
  return concat(section, ...rest)
}

/** Feeds the capture to a fresh reader in chunks of `chunkSize` bytes (whole when omitted). */
export function readCapture(
  bytes: Uint8Array,
  chunkSize = bytes.length,
  limits: FlowLimits = DEFAULT_FLOW_LIMITS
): RecordOutcome[] {
  const outcomes: RecordOutcome[] = []
  const reader = createPcapReader(limits)
  const emit = (outcome: RecordOutcome): void => {
    outcomes.push(outcome)
  }
  for (let at = 0; at < bytes.length; at += Math.max(chunkSize, 1)) {
    reader.write(bytes.subarray(at, at + Math.max(chunkSize, 1)), emit)
  }
  reader.end(emit)
  return outcomes
}

/**
 * The accounting invariant: records 1..count each settle once as rejected or skipped, or one or more times
 * as events, and never both. Returns a description of the first violation, or null.
 */
export function accountingViolation(outcomes: RecordOutcome[], count: number): string | null {
  const byLine = new Map<number, RecordOutcome[]>()
  for (const outcome of outcomes) {
    const list = byLine.get(outcome.record.line) ?? []
    list.push(outcome)
    byLine.set(outcome.record.line, list)
  }
  for (let line = 1; line <= count; line++) {
    const settled = byLine.get(line)
    if (settled === undefined) return `record ${line} never settled`
    const events = settled.filter((outcome) => outcome.kind === 'event').length
    if (events > 0 && events !== settled.length)
      return `record ${line} settled as events and as something else`
    if (events === 0 && settled.length !== 1) return `record ${line} settled ${settled.length} times`
  }
  if (byLine.size !== count) return `${byLine.size} records settled, ${count} expected`
  return null
}

/** The events of one dataset ('network.flow', 'network.dns'…) with the records they are kept with. */
export function eventsOf(
  outcomes: RecordOutcome[],
  dataset: string
): { event: NormalisedEvent; record: SourceRecord }[] {
  const found: { event: NormalisedEvent; record: SourceRecord }[] = []
  for (const outcome of outcomes) {
    if (outcome.kind === 'event' && outcome.event.fields['event.dataset'] === dataset) {
      found.push({ event: outcome.event, record: outcome.record })
    }
  }
  return found
}
