// What the network sensors' formats (Suricata EVE, Zeek TSV and JSON) share once a record is read: counts
// and addresses as ECS holds them, an HTTP request target split into path and query, and the pieces of the
// one-line message. One copy, so the same connection reads the same whichever sensor logged it.

import type { EventFieldValues } from '../../../common/event'
import { normaliseIp } from './addresses'

/** A count: a non-negative whole number, or its digits as text (zeek-cut output, Suricata before 5). */
export function countOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined
}

/** An IP address in its normal form; undefined for anything else. */
export function ipOf(value: unknown): string | undefined {
  return typeof value === 'string' ? (normaliseIp(value) ?? undefined) : undefined
}

/** A request target as sent: url.path, then url.query after the first '?' when anything follows it. */
export function splitRequestTarget(target: string, fields: EventFieldValues): void {
  const question = target.indexOf('?')
  fields['url.path'] = question === -1 ? target : target.slice(0, question)
  if (question !== -1 && question + 1 < target.length) fields['url.query'] = target.slice(question + 1)
}

/** The parts that are there, space-separated. */
export function words(...parts: (string | number | undefined)[]): string {
  let out = ''
  for (const part of parts) {
    if (part === undefined || part === '') continue
    out = out === '' ? String(part) : `${out} ${part}`
  }
  return out
}

/** 'label value', or nothing when there is no value. */
export function labelled(label: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${label} ${value}`
}

/** An address with its port, if any: 192.0.2.1:53, [2001:db8::1]:443. */
export function endpoint(ip: string | number, port: string | number | undefined): string {
  const host = String(ip).indexOf(':') === -1 ? String(ip) : `[${ip}]`
  return port === undefined ? host : `${host}:${port}`
}
