// Peer addresses as logs write them: an IPv4 or IPv6 address, a resolved host name, or junk. Only a valid
// IP may enter source.ip (the IOC matcher and the detectors trust that column), so everything else is kept
// in `extra` under the ECS name that fits it.

import ipaddr from 'ipaddr.js'
import type { EventFieldValues } from '../../../common/event'
import type { ExtraFields } from './results'

/** The address in canonical form (IPv4-mapped IPv6 as IPv4, other IPv6 per RFC 5952) or null if not an IP. */
export function normaliseIp(text: string): string | null {
  if (isIpv4(text)) return text
  if (text.indexOf(':') === -1 || !ipaddr.IPv6.isValid(text)) return null
  const address = ipaddr.IPv6.parse(text)
  // A dual-stack server logs IPv4 clients as ::ffff:a.b.c.d; they are the IPv4 address, for bursts and IOCs.
  return address.isIPv4MappedAddress() ? address.toIPv4Address().toString() : address.toRFC5952String()
}

/** Dotted-quad IPv4 with no leading zeros (which some resolvers read as octal). */
function isIpv4(text: string): boolean {
  const length = text.length
  if (length < 7 || length > 15) return false
  let octets = 0
  let value = 0
  let digits = 0
  for (let i = 0; i <= length; i++) {
    const code = i === length ? 46 : text.charCodeAt(i)
    if (code === 46) {
      if (digits === 0 || value > 255) return false
      octets++
      value = 0
      digits = 0
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && value === 0) return false
      value = value * 10 + code - 48
      digits++
      if (digits > 3) return false
    } else {
      return false
    }
  }
  return octets === 4
}

const HOSTNAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/

export function isHostname(text: string): boolean {
  return HOSTNAME.test(text)
}

/**
 * Records where an event came from: a valid IP in source.ip, a host name in source.domain, and any
 * other non-empty text in extra['source.address'] so nothing the log said is lost.
 */
export function recordSourceAddress(text: string, fields: EventFieldValues, extra: ExtraFields): void {
  if (text === '' || text === '-') return
  const ip = normaliseIp(text)
  if (ip !== null) fields['source.ip'] = ip
  else if (isHostname(text)) fields['source.domain'] = text
  else extra['source.address'] = text
}
