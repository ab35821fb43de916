// Flows: packets grouped by protocol, addresses and ports, both directions in one flow, counted per
// direction in packets and frame bytes (on the wire, as tshark's conversation statistics count them).
// Open flows live in a Map kept in least-recently-seen order, so idle flows and, past the cap, the oldest
// ones are closed from its head in constant time and memory stays bounded on any capture. A TCP SYN with
// a new initial sequence number on a known 5-tuple starts a new flow (port reuse), as Wireshark does.

import type { SourceRecord } from '../../parser'
import { ipText } from './ipAddress'
import { TCP_ACK, TCP_SYN, type IpPacket } from './ipLayer'
import type { SegmentCollector } from './segments'
import { transportKeyword } from './transportNames'

export interface FlowLimits {
  /** Open flows kept at most; past it the least recently seen flow is closed. */
  maxOpenFlows: number
  /** A flow without packets for this long (capture time) is closed. */
  idleTimeoutSeconds: number
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = { maxOpenFlows: 1_000_000, idleTimeoutSeconds: 600 }

/** First fragments remembered so later fragments find their flow; older entries are forgotten. */
const MAX_TRACKED_FRAGMENTS = 65_536
/** Idle flows are looked for at most once per second of capture time. */
const SWEEP_INTERVAL_SECONDS = 1

/** When a packet was captured. */
export interface PacketTime {
  seconds: number
  nanoseconds: number
  fractionDigits: number
}

/** One flow. Side 0 is the endpoint that sorts first; `initiator` says which side opened the flow. */
export class Flow {
  packets0 = 0
  packets1 = 0
  bytes0 = 0
  bytes1 = 0
  initiator: 0 | 1 = 0
  /** The initiator was set by a SYN, so later packets cannot change it. */
  initiatorFromSyn = false
  lastSeconds: number
  lastNanoseconds: number
  /** Capture time of the latest packet, in seconds, for idle eviction. */
  lastSeen: number
  tcpFlags = 0
  /** Wireshark's base sequence number per side, -1 until known: a SYN with another one is a new flow. */
  baseSequence0 = -1
  baseSequence1 = -1
  /** The application protocol recognised in the flow (dns, http, tls, ssh), when one was. */
  application: string | null = null
  /** Per side, TCP bytes being gathered into an application message. */
  collector0: SegmentCollector | null = null
  collector1: SegmentCollector | null = null
  /** The side the latest packet came from. */
  lastSide: 0 | 1 = 0
  private labelText = ''
  private labelInitiator: 0 | 1 = 0

  constructor(
    readonly key: string,
    readonly protocol: number,
    readonly version: 4 | 6,
    readonly address0: string,
    readonly port0: number,
    readonly address1: string,
    readonly port1: number,
    readonly firstRecord: SourceRecord,
    readonly firstSeconds: number,
    readonly firstNanoseconds: number,
    readonly fractionDigits: number
  ) {
    this.lastSeconds = firstSeconds
    this.lastNanoseconds = firstNanoseconds
    this.lastSeen = firstSeconds + firstNanoseconds / 1e9
  }

  address(side: 0 | 1): string {
    return side === 0 ? this.address0 : this.address1
  }

  port(side: 0 | 1): number {
    return side === 0 ? this.port0 : this.port1
  }

  /** `tcp 10.0.0.1:51234 → 10.0.0.2:80`: initiator first. */
  label(): string {
    if (this.labelText === '' || this.labelInitiator !== this.initiator) {
      const responder: 0 | 1 = this.initiator === 0 ? 1 : 0
      this.labelText = `${transportKeyword(this.protocol)} ${this.endpoint(this.initiator)} → ${this.endpoint(responder)}`
      this.labelInitiator = this.initiator
    }
    return this.labelText
  }

  /** `10.0.0.1:80`, `[2001:db8::1]:443`, or the bare address when the protocol has no ports. */
  endpoint(side: 0 | 1): string {
    const address = this.address(side)
    const port = this.port(side)
    if (port < 0) return address
    return this.version === 6 ? `[${address}]:${port}` : `${address}:${port}`
  }
}

/** The open flows of one capture. Closed flows go to `onClose`, which turns them into events. */
export class FlowTable {
  private readonly open = new Map<string, Flow>()
  private readonly fragments = new Map<string, { key: string; sourceIsSide0: boolean }>()
  private mostRecent: Flow | null = null
  private now = -Infinity
  private nextSweep = -Infinity
  /** Set by flowKeyOf: whether the packet's source sorts first (is side 0). */
  private sourceIsSide0 = true

  constructor(
    private readonly limits: FlowLimits,
    private readonly onClose: (flow: Flow) => void
  ) {}

  /** Closes flows idle for longer than the timeout, as of this packet's time. */
  expire(time: PacketTime): void {
    const seconds = time.seconds + time.nanoseconds / 1e9
    if (seconds > this.now) this.now = seconds
    if (this.now < this.nextSweep) return
    this.nextSweep = this.now + SWEEP_INTERVAL_SECONDS
    const horizon = this.now - this.limits.idleTimeoutSeconds
    for (const flow of this.open.values()) {
      if (flow.lastSeen >= horizon) break
      this.close(flow)
    }
  }

  /** Counts the packet in its flow (creating it, with `record` as its first packet) and returns the flow. */
  track(packet: IpPacket, frameLength: number, time: PacketTime, record: SourceRecord): Flow {
    const key = this.flowKeyOf(packet)
    const side: 0 | 1 = this.sourceIsSide0 ? 0 : 1
    let flow = this.open.get(key)
    const flags = packet.tcpFlags
    const pureSyn = flags >= 0 && (flags & (TCP_SYN | TCP_ACK)) === TCP_SYN
    if (flow !== undefined && pureSyn) {
      const base = side === 0 ? flow.baseSequence0 : flow.baseSequence1
      if (base >= 0 && base !== packet.sequence) {
        this.close(flow)
        flow = undefined
      }
    }
    if (flow === undefined) {
      flow = this.createFlow(key, packet, time, record)
      // A SYN/ACK seen first was sent by the responder.
      const synAck = flags >= 0 && (flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)
      flow.initiator = synAck ? (side === 0 ? 1 : 0) : side
      flow.initiatorFromSyn = pureSyn || synAck
    } else {
      if (this.mostRecent !== flow) {
        this.open.delete(key)
        this.open.set(key, flow)
      }
      if (pureSyn && !flow.initiatorFromSyn) {
        flow.initiator = side
        flow.initiatorFromSyn = true
      }
    }
    this.mostRecent = flow
    this.count(flow, side, packet, frameLength, time)
    if (packet.fragmentId >= 0 && !packet.laterFragment) this.rememberFragment(packet, key)
    return flow
  }

  /** Closes every open flow (end of input). */
  drain(): void {
    for (const flow of this.open.values()) this.onClose(flow)
    this.open.clear()
    this.fragments.clear()
    this.mostRecent = null
  }

  private count(flow: Flow, side: 0 | 1, packet: IpPacket, frameLength: number, time: PacketTime): void {
    flow.lastSide = side
    if (side === 0) {
      flow.packets0++
      flow.bytes0 += frameLength
    } else {
      flow.packets1++
      flow.bytes1 += frameLength
    }
    const seconds = time.seconds + time.nanoseconds / 1e9
    if (seconds >= flow.lastSeen) {
      flow.lastSeen = seconds
      flow.lastSeconds = time.seconds
      flow.lastNanoseconds = time.nanoseconds
    }
    const flags = packet.tcpFlags
    if (flags < 0) return
    flow.tcpFlags |= flags
    // Wireshark's base sequence per direction: the SYN's, else one before the first segment's, else
    // one before what the other side acknowledges.
    if (side === 0) {
      if (flow.baseSequence0 < 0)
        flow.baseSequence0 = (flags & TCP_SYN) !== 0 ? packet.sequence : (packet.sequence - 1) >>> 0
      if (flow.baseSequence1 < 0 && (flags & TCP_ACK) !== 0)
        flow.baseSequence1 = (packet.acknowledgement - 1) >>> 0
    } else {
      if (flow.baseSequence1 < 0)
        flow.baseSequence1 = (flags & TCP_SYN) !== 0 ? packet.sequence : (packet.sequence - 1) >>> 0
      if (flow.baseSequence0 < 0 && (flags & TCP_ACK) !== 0)
        flow.baseSequence0 = (packet.acknowledgement - 1) >>> 0
    }
  }

  private createFlow(key: string, packet: IpPacket, time: PacketTime, record: SourceRecord): Flow {
    const bytes = packet.bytes
    const sourceFirst = this.sourceIsSide0
    const firstAt = sourceFirst ? packet.sourceAt : packet.destinationAt
    const secondAt = sourceFirst ? packet.destinationAt : packet.sourceAt
    const flow = new Flow(
      key,
      packet.protocol,
      packet.version,
      ipText(bytes, firstAt, packet.version),
      sourceFirst ? packet.sourcePort : packet.destinationPort,
      ipText(bytes, secondAt, packet.version),
      sourceFirst ? packet.destinationPort : packet.sourcePort,
      record,
      time.seconds,
      time.nanoseconds,
      time.fractionDigits
    )
    this.open.set(key, flow)
    if (this.open.size > this.limits.maxOpenFlows) {
      const oldest = this.open.values().next().value
      if (oldest !== undefined && oldest !== flow) this.close(oldest)
    }
    return flow
  }

  private close(flow: Flow): void {
    this.open.delete(flow.key)
    if (this.mostRecent === flow) this.mostRecent = null
    this.onClose(flow)
  }

  /**
   * The flow key, with endpoints in sorted order so both directions share it; sets sourceIsSide0. A later
   * fragment takes its first fragment's flow, or without one a flow of its addresses and protocol alone.
   */
  private flowKeyOf(packet: IpPacket): string {
    const bytes = packet.bytes
    const width = packet.version === 4 ? 4 : 16
    let order = 0
    for (let index = 0; index < width && order === 0; index++) {
      order = bytes[packet.sourceAt + index] - bytes[packet.destinationAt + index]
    }
    if (order === 0) order = packet.sourcePort - packet.destinationPort
    this.sourceIsSide0 = order <= 0
    if (packet.laterFragment) {
      const fragment = fragmentKey(packet)
      const first = this.fragments.get(fragment)
      if (packet.lastFragment) this.fragments.delete(fragment)
      const flow = first === undefined ? undefined : this.open.get(first.key)
      if (first !== undefined && flow !== undefined) {
        this.sourceIsSide0 = first.sourceIsSide0
        return first.key
      }
    }
    const sourceFirst = this.sourceIsSide0
    // Ports of -1 (a later fragment without its first) mark a flow of addresses and protocol alone.
    const portless = packet.laterFragment ? 0x100 : 0
    return (
      String.fromCharCode(packet.protocol | portless) +
      addressKey(bytes, sourceFirst ? packet.sourceAt : packet.destinationAt, packet.version) +
      String.fromCharCode(
        Math.max(sourceFirst ? packet.sourcePort : packet.destinationPort, 0),
        Math.max(sourceFirst ? packet.destinationPort : packet.sourcePort, 0)
      ) +
      addressKey(bytes, sourceFirst ? packet.destinationAt : packet.sourceAt, packet.version)
    )
  }

  private rememberFragment(packet: IpPacket, flowKey: string): void {
    this.fragments.set(fragmentKey(packet), { key: flowKey, sourceIsSide0: this.sourceIsSide0 })
    if (this.fragments.size > MAX_TRACKED_FRAGMENTS) {
      const oldest = this.fragments.keys().next().value
      if (oldest !== undefined) this.fragments.delete(oldest)
    }
  }
}

/** An address as a compact map key: one character per 16 bits. */
function addressKey(bytes: Uint8Array, at: number, version: 4 | 6): string {
  if (version === 4)
    return String.fromCharCode((bytes[at] << 8) | bytes[at + 1], (bytes[at + 2] << 8) | bytes[at + 3])
  let key = ''
  for (let index = 0; index < 16; index += 2)
    key += String.fromCharCode((bytes[at + index] << 8) | bytes[at + index + 1])
  return key
}

/** A datagram's identity for its fragments: protocol, direction (source first) and fragment id. */
function fragmentKey(packet: IpPacket): string {
  return `${packet.protocol}|${addressKey(packet.bytes, packet.sourceAt, packet.version)}|${addressKey(packet.bytes, packet.destinationAt, packet.version)}|${packet.fragmentId}`
}
