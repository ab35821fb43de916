// Tunnels whose inner traffic is the traffic a responder cares about: IP in IP (IPv4 or IPv6 inside either)
// and GRE, including ERSPAN port mirroring (types I, II and III) and transparent Ethernet bridging. The
// inner frame is decoded like any other, so mirrored sessions become their own flows.

import { readU16BE } from './bytes'
import type { IpPacket } from './ipLayer'

export type InnerFrame = { link: 'ethernet'; start: number } | { link: 'ip'; version: 4 | 6; start: number }

const PROTOCOL_IPV4_IN_IP = 4
const PROTOCOL_IPV6_IN_IP = 41
const PROTOCOL_GRE = 47

const GRE_CHECKSUM = 0x8000
const GRE_ROUTING = 0x4000
const GRE_KEY = 0x2000
const GRE_SEQUENCE = 0x1000
const GRE_IPV4 = 0x0800
const GRE_IPV6 = 0x86dd
const GRE_TRANSPARENT_ETHERNET = 0x6558
const GRE_ERSPAN_I_II = 0x88be
const GRE_ERSPAN_III = 0x22eb
const ERSPAN_II_HEADER_BYTES = 8
const ERSPAN_III_HEADER_BYTES = 12
const ERSPAN_III_SUBHEADER_BYTES = 8

/** The frame a tunnelling packet carries, or null when it is not a tunnel this reader opens. */
export function innerFrame(packet: IpPacket): InnerFrame | null {
  if (packet.laterFragment) return null
  const start = packet.transportStart
  switch (packet.protocol) {
    case PROTOCOL_IPV4_IN_IP:
      return { link: 'ip', version: 4, start }
    case PROTOCOL_IPV6_IN_IP:
      return { link: 'ip', version: 6, start }
    case PROTOCOL_GRE:
      return greInner(packet.bytes, start, packet.payloadEnd)
    default:
      return null
  }
}

/** GRE version 0 (RFC 2784/2890); version 1 is PPTP's enhanced GRE carrying PPP, left closed. */
function greInner(bytes: Uint8Array, start: number, end: number): InnerFrame | null {
  if (end - start < 4) return null
  const flags = readU16BE(bytes, start)
  if ((flags & 0x0007) !== 0 || (flags & GRE_ROUTING) !== 0) return null
  const protocol = readU16BE(bytes, start + 2)
  let at = start + 4
  if ((flags & GRE_CHECKSUM) !== 0) at += 4
  if ((flags & GRE_KEY) !== 0) at += 4
  if ((flags & GRE_SEQUENCE) !== 0) at += 4
  if (at > end) return null
  switch (protocol) {
    case GRE_IPV4:
      return { link: 'ip', version: 4, start: at }
    case GRE_IPV6:
      return { link: 'ip', version: 6, start: at }
    case GRE_TRANSPARENT_ETHERNET:
      return { link: 'ethernet', start: at }
    case GRE_ERSPAN_I_II:
      // Type I has no sequence number and no ERSPAN header; type II has both.
      return { link: 'ethernet', start: (flags & GRE_SEQUENCE) !== 0 ? at + ERSPAN_II_HEADER_BYTES : at }
    case GRE_ERSPAN_III: {
      if (at + ERSPAN_III_HEADER_BYTES > end) return null
      const hasSubheader = (bytes[at + ERSPAN_III_HEADER_BYTES - 1] & 1) === 1
      const headerBytes = ERSPAN_III_HEADER_BYTES + (hasSubheader ? ERSPAN_III_SUBHEADER_BYTES : 0)
      return { link: 'ethernet', start: at + headerBytes }
    }
    default:
      return null
  }
}
