// IP addresses and CIDR ranges as the IOC index needs them. Event fields hold millions of addresses, so
// IPv4 (the common case) is parsed by hand into an unsigned 32-bit number; IPv6 goes through ipaddr.js.
// An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 address it carries, in lists and events alike.

import ipaddr from 'ipaddr.js'

export type IpAddress = { version: 4; value: number } | { version: 6; parts: readonly number[] }

export type CidrRange =
  | { version: 4; network: number; prefix: number }
  | {
      version: 6
      network: readonly number[]
      prefix: number
    }

export type CidrParse = { ok: true; range: CidrRange } | { ok: false; reason: string }

/**
 * Strict dotted-quad decimal. Leading zeros are refused because inet_aton and some feeds read them as
 * octal, so '010.0.0.1' could mean 8.0.0.1 or 10.0.0.1 depending on who wrote it.
 */
export function parseIpv4(text: string): number | null {
  const length = text.length
  if (length < 7 || length > 15) return null
  let value = 0
  let octet = 0
  let digits = 0
  let dots = 0
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code === 46) {
      if (digits === 0 || dots === 3) return null
      value = value * 256 + octet
      octet = 0
      digits = 0
      dots++
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return null
      octet = octet * 10 + (code - 48)
      if (octet > 255) return null
      digits++
    } else {
      return null
    }
  }
  if (dots !== 3 || digits === 0) return null
  return value * 256 + octet
}

export function parseIp(text: string): IpAddress | null {
  const v4 = parseIpv4(text)
  if (v4 !== null) return { version: 4, value: v4 }
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null
  const address = ipaddr.IPv6.parse(text)
  if (address.isIPv4MappedAddress())
    return { version: 4, value: octetsToNumber(address.toIPv4Address().octets) }
  return { version: 6, parts: address.parts }
}

/** Canonical text: dotted quad, or RFC 5952 (lower-case, longest zero run compressed) for IPv6. */
export function formatIp(address: IpAddress): string {
  return address.version === 4
    ? formatIpv4(address.value)
    : new ipaddr.IPv6([...address.parts]).toRFC5952String()
}

export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`
}

/** Keeps the first `prefix` bits of an IPv4 address. */
export function maskIpv4(value: number, prefix: number): number {
  return prefix === 0 ? 0 : (value & (~0 << (32 - prefix))) >>> 0
}

/**
 * A map key for the first `prefix` bits of an IPv6 address: the eight 16-bit groups in hex, host bits
 * zeroed. Not meant for display (formatIp is).
 */
export function ipv6Key(parts: readonly number[], prefix = 128): string {
  let key = ''
  for (let group = 0; group < 8; group++) {
    const bitsKept = Math.min(16, Math.max(0, prefix - group * 16))
    const mask = bitsKept === 0 ? 0 : (0xffff << (16 - bitsKept)) & 0xffff
    key += (group === 0 ? '' : ':') + (parts[group] & mask).toString(16)
  }
  return key
}

/** Parses 'address/prefix' into its network (host bits cleared), with a reason a list author can act on. */
export function parseCidr(text: string): CidrParse {
  const slash = text.indexOf('/')
  if (slash < 0) return { ok: false, reason: `'${text}' has no prefix length (as in '10.0.0.0/8')` }
  const addressText = text.slice(0, slash)
  const prefixText = text.slice(slash + 1)
  const address = parseIp(addressText)
  if (address === null) return { ok: false, reason: `'${addressText}' in '${text}' is not an IP address` }
  if (!/^\d{1,3}$/.test(prefixText)) {
    return { ok: false, reason: `'${text}' has prefix length '${prefixText}', which is not a number` }
  }
  let prefix = Number(prefixText)
  // '::ffff:10.0.0.0/104' is the IPv4 range 10.0.0.0/8; below /96 it also spans non-mapped IPv6 space.
  const mapped = address.version === 4 && addressText.includes(':')
  if (mapped) {
    if (prefix < 96 || prefix > 128) {
      return { ok: false, reason: `'${text}' is an IPv4-mapped range; its prefix length must be 96–128` }
    }
    prefix -= 96
  }
  const maxPrefix = address.version === 4 ? 32 : 128
  if (prefix > maxPrefix) {
    return {
      ok: false,
      reason: `'${text}' has prefix length ${prefix}; IPv${address.version} allows 0–${maxPrefix}`
    }
  }
  if (prefix === 0) return { ok: false, reason: `'${text}' would match every IPv${address.version} address` }
  if (address.version === 4) {
    return { ok: true, range: { version: 4, network: maskIpv4(address.value, prefix), prefix } }
  }
  const network = ipv6Key(address.parts, prefix)
    .split(':')
    .map((group) => parseInt(group, 16))
  return { ok: true, range: { version: 6, network, prefix } }
}

export function formatCidr(range: CidrRange): string {
  const network =
    range.version === 4 ? formatIpv4(range.network) : formatIp({ version: 6, parts: range.network })
  return `${network}/${range.prefix}`
}

function octetsToNumber(octets: readonly number[]): number {
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0
}
