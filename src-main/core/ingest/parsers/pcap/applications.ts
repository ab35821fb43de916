// Which application protocol a packet's payload holds, and the events it yields: DNS on port 53 (UDP, or
// TCP with its two-byte length prefix), HTTP/1.x requests, TLS ClientHellos, SSH banners. A ClientHello
// or a DNS message longer than its segment is gathered from the following in-order segments first.

import type { NormalisedEvent } from '../../../../common/event'
import { readU16BE } from './bytes'
import { DNS_PORT, dnsEvent, readDnsMessage } from './dns'
import type { Flow } from './flows'
import { httpEvent, readHttpRequest } from './http'
import { PROTOCOL_TCP, PROTOCOL_UDP, type IpPacket } from './ipLayer'
import type { PacketContext } from './packetEvent'
import { SegmentCollector } from './segments'
import { MAX_HELLO_RECORD_BYTES, clientHelloRecordLength, readClientHello, tlsEvent } from './tls'

const MAX_DNS_TCP_FRAME_BYTES = 2 + 65_535

export type EmitEvent = (event: NormalisedEvent) => void

/**
 * Reads the packet's application payload, emitting its events and naming the flow's protocol. Returns a
 * note on a payload that looked like a protocol but could not be read, for the packet's skip reason.
 */
export function readApplication(packet: IpPacket, context: PacketContext, emit: EmitEvent): string | null {
  if (packet.laterFragment) return null
  if (packet.protocol === PROTOCOL_UDP) {
    if (packet.sourcePort !== DNS_PORT && packet.destinationPort !== DNS_PORT) return null
    const message = readDnsMessage(packet.bytes, packet.payloadStart, packet.payloadEnd)
    if (typeof message === 'string') return message
    context.flow.application = 'dns'
    emit(dnsEvent(message, context))
    return null
  }
  if (packet.protocol !== PROTOCOL_TCP || packet.payloadEnd <= packet.payloadStart) return null
  if (packet.sourcePort === DNS_PORT || packet.destinationPort === DNS_PORT) {
    return readDnsOverTcp(packet, context, emit)
  }
  if (readTlsHello(packet, context, emit)) return null
  const request = readHttpRequest(packet.bytes, packet.payloadStart, packet.payloadEnd)
  if (request !== null) {
    context.flow.application = 'http'
    emit(httpEvent(request, context))
    return null
  }
  if (context.flow.application === null && startsSshBanner(packet)) context.flow.application = 'ssh'
  return null
}

function collectorOf(flow: Flow, side: 0 | 1): SegmentCollector | null {
  return side === 0 ? flow.collector0 : flow.collector1
}

function setCollector(flow: Flow, side: 0 | 1, collector: SegmentCollector | null): void {
  if (side === 0) flow.collector0 = collector
  else flow.collector1 = collector
}

/** Length-prefixed DNS messages (RFC 1035 4.2.2), including one begun in earlier segments. */
function readDnsOverTcp(packet: IpPacket, context: PacketContext, emit: EmitEvent): string | null {
  const { flow, side } = context
  let collector = collectorOf(flow, side)
  setCollector(flow, side, null)
  let bytes = packet.bytes
  let start = packet.payloadStart
  let end = packet.payloadEnd
  if (
    collector !== null &&
    collector.continues(packet.sequence) &&
    collector.append(bytes, start, end, MAX_DNS_TCP_FRAME_BYTES)
  ) {
    bytes = collector.bytes
    start = 0
    end = collector.size
  } else {
    collector = null
  }
  let problem: string | null = null
  let at = start
  while (end - at >= 2) {
    const length = readU16BE(bytes, at)
    if (at + 2 + length > end) break
    const message = readDnsMessage(bytes, at + 2, at + 2 + length)
    if (typeof message === 'string') problem = message
    else {
      flow.application = 'dns'
      emit(dnsEvent(message, context))
    }
    at += 2 + length
  }
  if (at < end) {
    if (collector !== null) {
      collector.consume(at)
      setCollector(flow, side, collector)
    } else {
      const sequence = (packet.sequence + (at - start)) >>> 0
      setCollector(flow, side, new SegmentCollector(bytes, at, end, sequence))
    }
  }
  return problem
}

/** A ClientHello starting in this segment or completed by it; true when the segment was TLS handshake. */
function readTlsHello(packet: IpPacket, context: PacketContext, emit: EmitEvent): boolean {
  const { flow, side } = context
  const { bytes, payloadStart: start, payloadEnd: end } = packet
  const collector = collectorOf(flow, side)
  if (collector !== null) {
    setCollector(flow, side, null)
    if (collector.continues(packet.sequence) && collector.append(bytes, start, end, MAX_HELLO_RECORD_BYTES)) {
      const needed = clientHelloRecordLength(collector.bytes, 0, collector.size)
      if (collector.size >= needed) emitHello(collector.bytes, 0, needed, context, emit)
      else setCollector(flow, side, collector)
      return true
    }
  }
  const needed = clientHelloRecordLength(bytes, start, end)
  if (needed < 0) return false
  flow.application = 'tls'
  if (end - start >= needed) emitHello(bytes, start, start + needed, context, emit)
  else setCollector(flow, side, new SegmentCollector(bytes, start, end, packet.sequence))
  return true
}

function emitHello(
  bytes: Uint8Array,
  start: number,
  end: number,
  context: PacketContext,
  emit: EmitEvent
): void {
  const hello = readClientHello(bytes, start, end)
  if (typeof hello === 'string' || hello.serverName === null) return
  emit(tlsEvent({ ...hello, serverName: hello.serverName }, context))
}

function startsSshBanner(packet: IpPacket): boolean {
  const { bytes, payloadStart: at } = packet
  return (
    packet.payloadEnd - at >= 4 &&
    bytes[at] === 0x53 &&
    bytes[at + 1] === 0x53 &&
    bytes[at + 2] === 0x48 &&
    bytes[at + 3] === 0x2d
  )
}
