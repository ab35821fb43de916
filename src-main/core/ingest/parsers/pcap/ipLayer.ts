// The network and transport headers of one packet: IPv4 (options, fragments), IPv6 (the extension header
// chain, fragment header), then TCP, UDP, SCTP ports or the ICMP/ICMPv6 type. Only a datagram's first
// fragment carries the transport header, so later fragments come back without ports and the flow table
// matches them by addresses, protocol and fragment id. Lengths are clamped to what was captured.

import { readU16BE, readU32BE } from './bytes'

export const PROTOCOL_ICMP = 1
export const PROTOCOL_TCP = 6
export const PROTOCOL_UDP = 17
export const PROTOCOL_ICMPV6 = 58
const PROTOCOL_SCTP = 132

/** IPv6 extension headers that share the (next header, length in 8-byte units) layout. */
const GENERIC_EXTENSION_HEADERS = new Set([0, 43, 60, 135, 139, 140])
const EXTENSION_FRAGMENT = 44
const EXTENSION_AUTHENTICATION = 51
const MAX_EXTENSION_HEADERS = 16

export const TCP_FIN = 0x01
export const TCP_SYN = 0x02
export const TCP_RST = 0x04
export const TCP_ACK = 0x10

/** One IP layer of a packet with its transport header read. Offsets index `bytes`. */
export interface IpPacket {
  version: 4 | 6
  bytes: Uint8Array
  sourceAt: number
  destinationAt: number
  /** The upper-layer protocol (after any IPv6 extension headers). */
  protocol: number
  /** Fragment identification when the datagram is fragmented, else -1. */
  fragmentId: number
  /** A fragment after the first: it has no transport header. */
  laterFragment: boolean
  /** The datagram's last fragment (or an unfragmented datagram). */
  lastFragment: boolean
  /** -1 when the protocol has no ports (or this is a later fragment). */
  sourcePort: number
  destinationPort: number
  /** TCP flags (with NS as bit 8), or -1 for other protocols. */
  tcpFlags: number
  sequence: number
  acknowledgement: number
  /** ICMP or ICMPv6 type and code, or -1. */
  icmpType: number
  icmpCode: number
  /** The IP payload (transport header included) and the transport payload, clamped to the capture. */
  transportStart: number
  payloadStart: number
  payloadEnd: number
}

/** The IP packet at bytes[start, end), or why it cannot be read. */
export function decodeIp(bytes: Uint8Array, start: number, end: number, version: 4 | 6): IpPacket | string {
  const packet = version === 4 ? decodeIpv4(bytes, start, end) : decodeIpv6(bytes, start, end)
  if (typeof packet === 'string' || packet.laterFragment) return packet
  const problem = decodeTransport(packet)
  return problem ?? packet
}

function newPacket(bytes: Uint8Array, version: 4 | 6): IpPacket {
  return {
    version,
    bytes,
    sourceAt: 0,
    destinationAt: 0,
    protocol: 0,
    fragmentId: -1,
    laterFragment: false,
    lastFragment: true,
    sourcePort: -1,
    destinationPort: -1,
    tcpFlags: -1,
    sequence: 0,
    acknowledgement: 0,
    icmpType: -1,
    icmpCode: -1,
    transportStart: 0,
    payloadStart: 0,
    payloadEnd: 0
  }
}

function decodeIpv4(bytes: Uint8Array, start: number, end: number): IpPacket | string {
  if (end - start < 20) return `IPv4 header cut short: ${end - start} of 20 bytes captured`
  const version = bytes[start] >> 4
  if (version !== 4) return `IPv4 expected but the header says IP version ${version}`
  const headerLength = (bytes[start] & 0x0f) * 4
  if (headerLength < 20) return `IPv4 header length ${headerLength} bytes is below the 20-byte minimum`
  if (start + headerLength > end) return `IPv4 options cut short: the header needs ${headerLength} bytes`
  const totalLength = readU16BE(bytes, start + 2)
  // A zero total length is what segmentation offload leaves in captures taken on the sending host.
  if (totalLength !== 0 && totalLength < headerLength) {
    return `IPv4 total length ${totalLength} bytes is shorter than its ${headerLength}-byte header`
  }
  const packet = newPacket(bytes, 4)
  packet.sourceAt = start + 12
  packet.destinationAt = start + 16
  packet.protocol = bytes[start + 9]
  packet.transportStart = start + headerLength
  packet.payloadStart = packet.transportStart
  packet.payloadEnd = totalLength === 0 ? end : Math.min(start + totalLength, end)
  const fragment = readU16BE(bytes, start + 6)
  const moreFragments = (fragment & 0x2000) !== 0
  const fragmentOffset = fragment & 0x1fff
  if (moreFragments || fragmentOffset !== 0) {
    packet.fragmentId = readU16BE(bytes, start + 4)
    packet.laterFragment = fragmentOffset !== 0
    packet.lastFragment = !moreFragments
  }
  return packet
}

function decodeIpv6(bytes: Uint8Array, start: number, end: number): IpPacket | string {
  if (end - start < 40) return `IPv6 header cut short: ${end - start} of 40 bytes captured`
  const version = bytes[start] >> 4
  if (version !== 6) return `IPv6 expected but the header says IP version ${version}`
  const payloadLength = readU16BE(bytes, start + 4)
  const packet = newPacket(bytes, 6)
  packet.sourceAt = start + 8
  packet.destinationAt = start + 24
  // A zero payload length means a jumbogram (or offload): the capture's length is all there is.
  packet.payloadEnd = payloadLength === 0 ? end : Math.min(start + 40 + payloadLength, end)
  let next = bytes[start + 6]
  let at = start + 40
  for (let count = 0; ; count++) {
    if (count === MAX_EXTENSION_HEADERS) return `more than ${MAX_EXTENSION_HEADERS} IPv6 extension headers`
    if (GENERIC_EXTENSION_HEADERS.has(next) || next === EXTENSION_AUTHENTICATION) {
      if (at + 2 > packet.payloadEnd) return `IPv6 extension header ${next} cut short`
      const length = next === EXTENSION_AUTHENTICATION ? (bytes[at + 1] + 2) * 4 : (bytes[at + 1] + 1) * 8
      next = bytes[at]
      at += length
    } else if (next === EXTENSION_FRAGMENT) {
      if (at + 8 > packet.payloadEnd) return 'IPv6 fragment header cut short'
      const fragment = readU16BE(bytes, at + 2)
      const moreFragments = (fragment & 1) === 1
      const fragmentOffset = fragment & 0xfff8
      // An atomic fragment (offset 0, no more fragments) is a whole datagram (RFC 6946).
      if (moreFragments || fragmentOffset !== 0) {
        packet.fragmentId = readU32BE(bytes, at + 4)
        packet.laterFragment = fragmentOffset !== 0
        packet.lastFragment = !moreFragments
      }
      next = bytes[at]
      at += 8
    } else {
      break
    }
    if (at > packet.payloadEnd) return 'IPv6 extension headers run past the end of the packet'
  }
  packet.protocol = next
  packet.transportStart = at
  packet.payloadStart = at
  return packet
}

/** Fills in ports, flags or ICMP type; returns why the transport header cannot be read, if it cannot. */
function decodeTransport(packet: IpPacket): string | null {
  const bytes = packet.bytes
  const at = packet.transportStart
  const available = packet.payloadEnd - at
  switch (packet.protocol) {
    case PROTOCOL_TCP: {
      if (available < 20) return `TCP header cut short: ${available} of 20 bytes captured`
      const headerLength = (bytes[at + 12] >> 4) * 4
      if (headerLength < 20) return `TCP header length ${headerLength} bytes is below the 20-byte minimum`
      packet.sourcePort = readU16BE(bytes, at)
      packet.destinationPort = readU16BE(bytes, at + 2)
      packet.sequence = readU32BE(bytes, at + 4)
      packet.acknowledgement = readU32BE(bytes, at + 8)
      packet.tcpFlags = ((bytes[at + 12] & 1) << 8) | bytes[at + 13]
      packet.payloadStart = Math.min(at + headerLength, packet.payloadEnd)
      return null
    }
    case PROTOCOL_UDP: {
      if (available < 8) return `UDP header cut short: ${available} of 8 bytes captured`
      packet.sourcePort = readU16BE(bytes, at)
      packet.destinationPort = readU16BE(bytes, at + 2)
      const length = readU16BE(bytes, at + 4)
      packet.payloadStart = at + 8
      if (length >= 8 && at + length < packet.payloadEnd) packet.payloadEnd = at + length
      return null
    }
    case PROTOCOL_SCTP: {
      if (available < 12) return `SCTP header cut short: ${available} of 12 bytes captured`
      packet.sourcePort = readU16BE(bytes, at)
      packet.destinationPort = readU16BE(bytes, at + 2)
      packet.payloadStart = at + 12
      return null
    }
    case PROTOCOL_ICMP:
    case PROTOCOL_ICMPV6: {
      if (available < 4) return `ICMP header cut short: ${available} of 4 bytes captured`
      packet.icmpType = bytes[at]
      packet.icmpCode = bytes[at + 1]
      packet.payloadStart = at + 4
      return null
    }
    default:
      return null
  }
}
