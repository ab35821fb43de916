// IP addresses from packet bytes as text, in the canonical forms the rest of Cairn compares (the same as
// addresses.normaliseIp gives): dotted IPv4, RFC 5952 IPv6, and IPv4-mapped IPv6 as the IPv4 address.

export function ipv4Text(bytes: Uint8Array, at: number): string {
  return `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`
}

/** RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of 2+ zero groups as '::'. */
export function ipv6Text(bytes: Uint8Array, at: number): string {
  const groups: number[] = []
  for (let index = 0; index < 8; index++)
    groups.push((bytes[at + 2 * index] << 8) | bytes[at + 2 * index + 1])
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0) {
    if (groups[5] === 0xffff) return ipv4Text(bytes, at + 12)
  }
  let bestStart = -1
  let bestLength = 1
  for (let index = 0; index < 8;) {
    if (groups[index] !== 0) {
      index++
      continue
    }
    let runEnd = index
    while (runEnd < 8 && groups[runEnd] === 0) runEnd++
    if (runEnd - index > bestLength) {
      bestStart = index
      bestLength = runEnd - index
    }
    index = runEnd
  }
  if (bestStart === -1) return groups.map((group) => group.toString(16)).join(':')
  const head = groups.slice(0, bestStart).map((group) => group.toString(16))
  const tail = groups.slice(bestStart + bestLength).map((group) => group.toString(16))
  return `${head.join(':')}::${tail.join(':')}`
}

export function ipText(bytes: Uint8Array, at: number, version: 4 | 6): string {
  return version === 4 ? ipv4Text(bytes, at) : ipv6Text(bytes, at)
}
