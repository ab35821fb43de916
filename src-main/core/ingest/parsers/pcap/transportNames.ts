// Names for IP protocol numbers: the IANA keyword ECS wants in network.transport ('tcp', 'ipv6-icmp'),
// and the short upper-case label a packet description shows ('TCP', 'ICMPv6').

const IANA_KEYWORDS: ReadonlyMap<number, string> = new Map([
  [1, 'icmp'],
  [2, 'igmp'],
  [4, 'ipv4'],
  [6, 'tcp'],
  [17, 'udp'],
  [41, 'ipv6'],
  [47, 'gre'],
  [50, 'esp'],
  [51, 'ah'],
  [58, 'ipv6-icmp'],
  [89, 'ospf'],
  [103, 'pim'],
  [112, 'vrrp'],
  [115, 'l2tp'],
  [132, 'sctp']
])

/** network.transport: the IANA protocol keyword, or the number when it has none here. */
export function transportKeyword(protocol: number): string {
  return IANA_KEYWORDS.get(protocol) ?? String(protocol)
}

/** The label a packet description shows, per protocol number (0–255). */
const LABELS: readonly string[] = Array.from({ length: 256 }, (_, protocol) => {
  if (protocol === 58) return 'ICMPv6'
  const keyword = IANA_KEYWORDS.get(protocol)
  return keyword === undefined ? `IP protocol ${protocol}` : keyword.toUpperCase()
})

export function transportLabel(protocol: number): string {
  return LABELS[protocol]
}
