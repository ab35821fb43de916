// How a packet reads as the one line kept with its events and rejections (its SourceRecord text): time at
// the capture's precision, endpoints, transport, flags and frame length. Packets arrive by the million, so
// the date part of the time is formatted once per second of capture, not once per packet.

import type { Flow } from './flows'
import type { IpPacket } from './ipLayer'
import { transportLabel } from './transportNames'

const TCP_FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR', 'AE']

/** UTC ISO 8601 time text with 6 or 9 fraction digits, caching the part up to the seconds. */
export class TimestampWriter {
  private cachedSeconds = Number.NaN
  private prefix = ''

  text(seconds: number, nanoseconds: number, fractionDigits: number): string {
    if (seconds !== this.cachedSeconds) {
      this.cachedSeconds = seconds
      const iso = new Date(seconds * 1000).toISOString()
      this.prefix = iso.slice(0, iso.length - 5)
    }
    const fraction = fractionDigits === 9 ? nanoseconds : Math.floor(nanoseconds / 1000)
    return `${this.prefix}.${String(fraction).padStart(fractionDigits, '0')}Z`
  }
}

/** Milliseconds since the epoch (the event timestamp unit); sub-millisecond digits stay in the text. */
export function epochMs(seconds: number, nanoseconds: number): number {
  return seconds * 1000 + Math.floor(nanoseconds / 1e6)
}

const flagNamesCache: string[] = []

/** `SYN,ACK`: flag names from the lowest bit up, as tshark lists them (9 bits, so cached). */
export function tcpFlagNames(flags: number): string {
  const cached = flagNamesCache[flags]
  if (cached !== undefined) return cached
  const names: string[] = []
  for (let bit = 0; bit < TCP_FLAG_NAMES.length; bit++)
    if ((flags & (1 << bit)) !== 0) names.push(TCP_FLAG_NAMES[bit])
  const text = names.length === 0 ? 'none' : names.join(',')
  flagNamesCache[flags] = text
  return text
}

/** `2018-03-23T16:02:34.123456Z 10.0.0.1:51234 → 10.0.0.2:53 UDP 74 bytes`. */
export function describeIpPacket(
  time: string,
  flow: Flow,
  side: 0 | 1,
  packet: IpPacket,
  frameLength: number
): string {
  let detail = ''
  if (packet.tcpFlags >= 0) detail = ` [${tcpFlagNames(packet.tcpFlags)}]`
  else if (packet.icmpType >= 0) detail = ` type ${packet.icmpType} code ${packet.icmpCode}`
  if (packet.laterFragment) detail += ' fragment'
  const other: 0 | 1 = side === 0 ? 1 : 0
  return `${time} ${flow.endpoint(side)} → ${flow.endpoint(other)} ${transportLabel(flow.protocol)}${detail} ${frameLength} bytes`
}
