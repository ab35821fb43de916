// One captured frame decoded down to its IP layers: the link layer, the IP packet and, for tunnels, the
// packets inside it (outermost first). Frames without IP are described instead, so they can be skipped
// with their protocol named; a frame whose outer headers cannot be read comes back as a reason.

import { decodeIp, type IpPacket } from './ipLayer'
import { decodeEthernet, decodeLinkLayer } from './linkLayer'
import { innerFrame } from './tunnels'

export interface DecodedPacket {
  /** IP layers from the outermost to the innermost; empty for a frame that carries no IP. */
  layers: IpPacket[]
  /** What the innermost frame is when it is not IP (ARP, STP…), else null. */
  nonIp: string | null
}

const MAX_TUNNEL_DEPTH = 4

export function decodePacket(
  linkType: number,
  bytes: Uint8Array,
  start: number,
  end: number
): DecodedPacket | string {
  const link = decodeLinkLayer(linkType, bytes, start, end)
  if (link.kind === 'undecodable') return link.reason
  if (link.kind === 'other') return { layers: [], nonIp: link.description }
  const outer = decodeIp(bytes, link.start, end, link.version)
  if (typeof outer === 'string') return outer
  const decoded: DecodedPacket = { layers: [outer], nonIp: null }
  let current = outer
  for (let depth = 1; depth < MAX_TUNNEL_DEPTH; depth++) {
    const inner = innerFrame(current)
    if (inner === null) break
    let version: 4 | 6
    let ipStart: number
    if (inner.link === 'ethernet') {
      const frame = decodeEthernet(bytes, inner.start, current.payloadEnd)
      if (frame.kind === 'other') decoded.nonIp = frame.description
      if (frame.kind !== 'ip') break
      version = frame.version
      ipStart = frame.start
    } else {
      version = inner.version
      ipStart = inner.start
    }
    // A tunnel whose inner packet cannot be read still counts in the tunnel's own flow.
    const next = decodeIp(bytes, ipStart, current.payloadEnd, version)
    if (typeof next === 'string') break
    decoded.layers.push(next)
    current = next
  }
  return decoded
}
