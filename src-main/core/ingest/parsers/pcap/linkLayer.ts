// The link layer of a captured frame: where its IP packet starts, or what the frame is when it carries no
// IP (ARP, STP, LLDP…), for Ethernet II (802.1Q/QinQ tags, MPLS, PPPoE sessions), Linux cooked capture
// (SLL and SLL2), raw IP and BSD loopback. Tunnels (GRE/ERSPAN) reuse the Ethernet decoder.

import { readU16BE, readU32BE, readU32LE } from './bytes'

export type LinkDecode =
  | { kind: 'ip'; version: 4 | 6; start: number }
  | { kind: 'other'; description: string }
  | { kind: 'undecodable'; reason: string }

const ETHERNET = 1
const NULL_LOOPBACK = 0
const RAW_IP = 101
const RAW_IP_BSD = 12
const RAW_IP_OPENBSD = 14
const RAW_IPV4 = 228
const RAW_IPV6 = 229
const OPENBSD_LOOPBACK = 108
const LINUX_SLL = 113
const LINUX_SLL2 = 276

const ETHERTYPE_IPV4 = 0x0800
const ETHERTYPE_IPV6 = 0x86dd
const ETHERTYPE_PPPOE_SESSION = 0x8864
const ETHERTYPE_MPLS = 0x8847
const ETHERTYPE_MPLS_MULTICAST = 0x8848
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100])
const MAX_STACKED_TAGS = 8
/** Below this an Ethernet type field is an 802.3 length and an LLC header follows. */
const MIN_ETHERTYPE = 0x0600
/** Linux cooked capture protocol values that are not ethertypes (if_ether.h). */
const SLL_LLC = 0x0004
const SLL_NOVELL_8023 = 0x0001
const ARPHRD_NETLINK = 824

/** Address families a BSD loopback header may name, as the capturing host numbered them. */
const AF_INET = 2
const AF_INET6_VALUES = new Set([10, 23, 24, 28, 30])

const ETHERTYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0806, 'ARP'],
  [0x8035, 'RARP'],
  [0x88cc, 'LLDP'],
  [0x888e, 'EAPOL (802.1X)'],
  [0x8863, 'PPPoE discovery'],
  [0x88e5, 'MACsec'],
  [0x8809, 'slow protocols (LACP)'],
  [0x88f7, 'PTP'],
  [0x9000, 'Ethernet loopback test'],
  [0x8892, 'PROFINET'],
  [0x88a4, 'EtherCAT'],
  [0x88b8, 'GOOSE'],
  [0x88ba, 'IEC 61850 sampled values'],
  [0x893a, 'IEEE 1905.1'],
  [0x22f0, 'AVTP'],
  [0x0842, 'Wake-on-LAN'],
  [0x8137, 'IPX'],
  [0x80f3, 'AARP'],
  [0x809b, 'AppleTalk'],
  [0x88e1, 'HomePlug'],
  [0x8906, 'FCoE'],
  [0x8914, 'FCoE initialization'],
  [0x88fb, 'PRP'],
  [0x892f, 'HSR'],
  [0x88b5, 'local experimental'],
  [0x88b6, 'local experimental']
])

const LINK_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [6, 'Token Ring'],
  [9, 'PPP'],
  [10, 'FDDI'],
  [50, 'PPP in HDLC framing'],
  [104, 'Cisco HDLC'],
  [105, 'IEEE 802.11'],
  [107, 'Frame Relay'],
  [119, 'Prism 802.11'],
  [127, 'IEEE 802.11 with radiotap'],
  [163, 'AVS 802.11'],
  [189, 'Linux USB'],
  [192, 'PPI'],
  [195, 'IEEE 802.15.4'],
  [201, 'Bluetooth HCI'],
  [220, 'Linux USB (memory-mapped)'],
  [249, 'USBPcap'],
  [253, 'Linux netlink']
])

/** The IP packet in a frame of the given pcap link type (LINKTYPE_* values, tcpdump.org/linktypes). */
export function decodeLinkLayer(linkType: number, bytes: Uint8Array, start: number, end: number): LinkDecode {
  switch (linkType) {
    case ETHERNET:
      return decodeEthernet(bytes, start, end)
    case LINUX_SLL:
      return decodeLinuxCooked(bytes, start, end, 16, 14, 2)
    case LINUX_SLL2:
      return decodeLinuxCooked(bytes, start, end, 20, 0, 8)
    case RAW_IP:
    case RAW_IP_BSD:
    case RAW_IP_OPENBSD:
      return rawIp(bytes, start, end)
    case RAW_IPV4:
      return { kind: 'ip', version: 4, start }
    case RAW_IPV6:
      return { kind: 'ip', version: 6, start }
    case NULL_LOOPBACK:
    case OPENBSD_LOOPBACK:
      return decodeLoopback(bytes, start, end, linkType === OPENBSD_LOOPBACK)
    default: {
      const name = LINK_TYPE_NAMES.get(linkType)
      return undecodable(
        `link type ${linkType}${name === undefined ? '' : ` (${name})`} is not decoded: only Ethernet, ` +
          'Linux cooked (SLL/SLL2), raw IP and BSD loopback captures are'
      )
    }
  }
}

export function decodeEthernet(bytes: Uint8Array, start: number, end: number): LinkDecode {
  if (end - start < 14) return undecodable(`Ethernet header cut short: ${end - start} of 14 bytes captured`)
  return decodeEtherType(readU16BE(bytes, start + 12), bytes, start + 14, end)
}

/** What follows a type field: IP, VLAN tags, MPLS labels, a PPPoE session, or a named non-IP protocol. */
function decodeEtherType(etherType: number, bytes: Uint8Array, start: number, end: number): LinkDecode {
  let type = etherType
  let at = start
  for (let tags = 0; VLAN_TAGS.has(type); tags++) {
    if (tags === MAX_STACKED_TAGS) return undecodable(`more than ${MAX_STACKED_TAGS} stacked VLAN tags`)
    if (at + 4 > end) return undecodable('802.1Q VLAN tag cut short')
    type = readU16BE(bytes, at + 2)
    at += 4
  }
  if (type === ETHERTYPE_IPV4) return { kind: 'ip', version: 4, start: at }
  if (type === ETHERTYPE_IPV6) return { kind: 'ip', version: 6, start: at }
  if (type < MIN_ETHERTYPE) return decodeLlc(bytes, at, end)
  if (type === ETHERTYPE_MPLS || type === ETHERTYPE_MPLS_MULTICAST) return decodeMpls(bytes, at, end)
  if (type === ETHERTYPE_PPPOE_SESSION) return decodePppoeSession(bytes, at, end)
  return nonIp(type)
}

function nonIp(etherType: number): LinkDecode {
  const name = ETHERTYPE_NAMES.get(etherType) ?? 'unknown protocol'
  return { kind: 'other', description: `${name} (ethertype 0x${etherType.toString(16).padStart(4, '0')})` }
}

/** 802.3 frames: an LLC header, possibly SNAP carrying an ethertype after all. */
function decodeLlc(bytes: Uint8Array, start: number, end: number): LinkDecode {
  if (start + 3 > end) return undecodable('802.2 LLC header cut short')
  const dsap = bytes[start]
  if (dsap === 0x42) return { kind: 'other', description: 'STP (802.2 LLC)' }
  if (dsap === 0xaa && bytes[start + 1] === 0xaa && start + 8 <= end) {
    const organisation = (bytes[start + 3] << 16) | (bytes[start + 4] << 8) | bytes[start + 5]
    const protocol = readU16BE(bytes, start + 6)
    if (organisation === 0) return decodeEtherType(protocol, bytes, start + 8, end)
    if (organisation === 0x00000c && protocol === 0x2000)
      return { kind: 'other', description: 'CDP (802.2 SNAP)' }
    return { kind: 'other', description: `SNAP protocol 0x${protocol.toString(16)} (802.2 LLC)` }
  }
  if (dsap === 0xe0) return { kind: 'other', description: 'IPX (802.2 LLC)' }
  if (dsap === 0xf0) return { kind: 'other', description: 'NetBIOS (802.2 LLC)' }
  return { kind: 'other', description: `802.2 LLC frame (DSAP 0x${dsap.toString(16).padStart(2, '0')})` }
}

/** MPLS: labels until the bottom-of-stack bit, then IP told apart by its version nibble. */
function decodeMpls(bytes: Uint8Array, start: number, end: number): LinkDecode {
  let at = start
  for (;;) {
    if (at + 4 > end) return undecodable('MPLS label stack cut short')
    const bottom = (bytes[at + 2] & 1) === 1
    at += 4
    if (bottom) break
  }
  if (at >= end) return undecodable('MPLS frame ends after its labels')
  const version = bytes[at] >> 4
  if (version === 4 || version === 6) return { kind: 'ip', version, start: at }
  return { kind: 'other', description: 'MPLS payload that is not IP' }
}

function decodePppoeSession(bytes: Uint8Array, start: number, end: number): LinkDecode {
  if (start + 8 > end) return undecodable('PPPoE session header cut short')
  const protocol = readU16BE(bytes, start + 6)
  if (protocol === 0x0021) return { kind: 'ip', version: 4, start: start + 8 }
  if (protocol === 0x0057) return { kind: 'ip', version: 6, start: start + 8 }
  return {
    kind: 'other',
    description: `PPPoE session (PPP protocol 0x${protocol.toString(16).padStart(4, '0')})`
  }
}

/** SLL: 16-byte header, protocol at 14, ARPHRD at 2; SLL2: 20 bytes, protocol at 0, ARPHRD at 8. */
function decodeLinuxCooked(
  bytes: Uint8Array,
  start: number,
  end: number,
  headerBytes: number,
  protocolAt: number,
  hardwareTypeAt: number
): LinkDecode {
  if (end - start < headerBytes) {
    return undecodable(
      `Linux cooked capture header cut short: ${end - start} of ${headerBytes} bytes captured`
    )
  }
  if (readU16BE(bytes, start + hardwareTypeAt) === ARPHRD_NETLINK) {
    return { kind: 'other', description: 'Linux netlink message' }
  }
  const protocol = readU16BE(bytes, start + protocolAt)
  if (protocol === SLL_LLC) return decodeLlc(bytes, start + headerBytes, end)
  if (protocol === SLL_NOVELL_8023) return { kind: 'other', description: 'Novell 802.3 (IPX)' }
  return decodeEtherType(protocol, bytes, start + headerBytes, end)
}

function rawIp(bytes: Uint8Array, start: number, end: number): LinkDecode {
  if (start >= end) return undecodable('raw IP frame is empty')
  const version = bytes[start] >> 4
  if (version === 4 || version === 6) return { kind: 'ip', version, start }
  return undecodable(`raw IP frame starts with IP version ${version}`)
}

/** The 4-byte address family, in the capturing host's byte order (NULL) or network order (LOOP). */
function decodeLoopback(bytes: Uint8Array, start: number, end: number, networkOrder: boolean): LinkDecode {
  if (end - start < 4) return undecodable(`loopback header cut short: ${end - start} of 4 bytes captured`)
  let family = networkOrder ? readU32BE(bytes, start) : readU32LE(bytes, start)
  if (family > 0xffff) family = readU32BE(bytes, start)
  if (family === AF_INET) return { kind: 'ip', version: 4, start: start + 4 }
  if (AF_INET6_VALUES.has(family)) return { kind: 'ip', version: 6, start: start + 4 }
  return { kind: 'other', description: `loopback frame of address family ${family}` }
}

function undecodable(reason: string): LinkDecode {
  return { kind: 'undecodable', reason }
}
