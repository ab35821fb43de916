// Every loaded indicator in hash maps and per-prefix-length range tables, built once per detection run.
// Matching an event costs a few map lookups per field whatever the number of indicators: exact addresses,
// one lookup per distinct CIDR prefix length, one per label of a host name, one per URL, hash or agent.

import type { StoredEvent } from '../../../common/event'
import { CairnError } from '../../../common/errors'
import { normaliseAs, splitUrl, urlMatchKey } from './indicatorSyntax'
import type { UrlParts } from './indicatorSyntax'
import { formatIp, ipv6Key, maskIpv4, parseCidr, parseIp, parseIpv4 } from './ipAddress'
import type { IpAddress } from './ipAddress'
import type { IocEntry, IocType } from './iocTypes'
import { Uint32Table } from './uint32Table'

/** One thing to look for, with every list entry that names it (several feeds often list the same IP). */
export interface Indicator {
  readonly type: IocType
  /** Canonical value as first listed. */
  readonly value: string
  /** What spellings of this indicator have in common (for URLs scheme-less, for agents lower-cased). */
  readonly key: string
  readonly entries: readonly IocEntry[]
}

export interface IocMatch {
  indicator: Indicator
  /** The event field the indicator was found in, e.g. 'source.ip' or 'http.request.referrer'. */
  field: string
  /** What was found there: the address, URL, host name, hash or user agent as the event has it. */
  observed: string
}

interface Ipv4RangeTable {
  prefix: number
  /** Network address → position in `indicators`. */
  networks: Uint32Table
}

interface Ipv6RangeTable {
  prefix: number
  networks: Map<string, Indicator>
}

const HASH_LENGTHS = new Set([32, 40, 64])
const HEX = /^[0-9a-f]+$/i
/** Longer values in `extra` are payloads or messages, not indicators; skipping them bounds the cost. */
const MAX_LOOSE_VALUE_LENGTH = 2048

export class IocIndex {
  readonly indicators: readonly Indicator[]
  /** Address → position in `indicators`. */
  private readonly ipv4 = new Uint32Table()
  private readonly ipv6 = new Map<string, Indicator>()
  private readonly ranges4: Ipv4RangeTable[] = []
  private readonly ranges6: Ipv6RangeTable[] = []
  private readonly domains = new Map<string, Indicator>()
  /** Keyed by urlMatchKey: scheme-less, so http:// and https:// spellings of one URL meet. */
  private readonly urls = new Map<string, Indicator>()
  private readonly hashes = new Map<string, Indicator>()
  /** Keyed by the lower-cased agent: feeds and logs disagree on case, never on meaning. */
  private readonly userAgents = new Map<string, Indicator>()

  /** Throws if an entry's value is not valid for its type (entries from parseIocList always are). */
  constructor(entries: readonly IocEntry[]) {
    const grouped = new Map<string, { type: IocType; value: string; key: string; entries: IocEntry[] }>()
    for (const entry of entries) {
      const parsed = normaliseAs(entry.type, entry.value)
      if (!parsed.ok) throw new CairnError('BAD_REQUEST', `IOC list '${entry.list}': ${parsed.reason}`)
      const key = matchKey(parsed.type, parsed.value)
      const groupKey = `${parsed.type}\u0000${key}`
      const group = grouped.get(groupKey)
      if (group === undefined) {
        grouped.set(groupKey, { type: parsed.type, value: parsed.value, key, entries: [entry] })
      } else {
        group.entries.push(entry)
      }
    }
    this.indicators = [...grouped.values()]
    this.indicators.forEach((indicator, position) => this.insert(indicator, position))
    this.ranges4.sort((a, b) => b.prefix - a.prefix)
    this.ranges6.sort((a, b) => b.prefix - a.prefix)
  }

  /** Every indicator found in the event's source and destination addresses, URLs, agent and extra fields. */
  match(event: StoredEvent): IocMatch[] {
    const found: IocMatch[] = []
    const fields = event.fields
    this.matchAddressValue('source.ip', fields['source.ip'], found)
    this.matchAddressValue('destination.ip', fields['destination.ip'], found)
    this.matchUrlValue('url.original', fields['url.original'], found)
    this.matchUrlValue('http.request.referrer', fields['http.request.referrer'], found)
    this.matchEmbeddedUrls('url.original', fields['url.original'], found)
    this.matchEmbeddedUrls('process.command_line', fields['process.command_line'], found)
    if (fields['process.command_line'] === undefined)
      this.matchEmbeddedUrls('message', fields['message'], found)
    // url.domain needs no look-up of its own: it is the host of an absolute url.original, matched above.
    const sourceDomain = fields['source.domain']
    if (typeof sourceDomain === 'string') {
      this.matchHostName(sourceDomain.toLowerCase().replace(/\.$/, ''), 'source.domain', found)
    }
    const userAgent = fields['user_agent.original']
    if (this.userAgents.size > 0 && typeof userAgent === 'string') {
      const indicator = this.userAgents.get(userAgent.trim().toLowerCase())
      if (indicator !== undefined) {
        found.push({ indicator, field: 'user_agent.original', observed: userAgent })
      }
    }
    if (event.extra !== undefined) {
      for (const [field, value] of Object.entries(event.extra)) {
        if (typeof value === 'string') this.matchLooseValue(field, value, found)
      }
    }
    return found
  }

  private insert(indicator: Indicator, position: number): void {
    switch (indicator.type) {
      case 'ip': {
        const address = parseIp(indicator.value)
        if (address?.version === 4) this.ipv4.set(address.value, position)
        else if (address?.version === 6) this.ipv6.set(ipv6Key(address.parts), indicator)
        return
      }
      case 'cidr': {
        const parsed = parseCidr(indicator.value)
        if (!parsed.ok) return
        const { range } = parsed
        if (range.version === 4) {
          let table = this.ranges4.find((candidate) => candidate.prefix === range.prefix)
          if (table === undefined) {
            table = { prefix: range.prefix, networks: new Uint32Table() }
            this.ranges4.push(table)
          }
          table.networks.set(range.network, position)
        } else {
          let table = this.ranges6.find((candidate) => candidate.prefix === range.prefix)
          if (table === undefined) {
            table = { prefix: range.prefix, networks: new Map() }
            this.ranges6.push(table)
          }
          table.networks.set(ipv6Key(range.network, range.prefix), indicator)
        }
        return
      }
      case 'domain':
        this.domains.set(indicator.value, indicator)
        return
      case 'url':
        this.urls.set(indicator.key, indicator)
        return
      case 'md5':
      case 'sha1':
      case 'sha256':
        this.hashes.set(indicator.value, indicator)
        return
      case 'user_agent':
        this.userAgents.set(indicator.key, indicator)
    }
  }

  private matchAddressValue(field: string, value: string | number | undefined, found: IocMatch[]): void {
    if (typeof value !== 'string') return
    const v4 = parseIpv4(value)
    if (v4 !== null) this.lookupIpv4(v4, field, value, found)
    else if (value.includes(':')) this.lookupAddress(parseIp(value), field, value, found)
  }

  private lookupAddress(address: IpAddress | null, field: string, observed: string, found: IocMatch[]): void {
    if (address === null) return
    if (address.version === 4) {
      this.lookupIpv4(address.value, field, observed, found)
      return
    }
    const exact = this.ipv6.get(ipv6Key(address.parts))
    if (exact !== undefined) found.push({ indicator: exact, field, observed })
    for (const { prefix, networks } of this.ranges6) {
      const range = networks.get(ipv6Key(address.parts, prefix))
      if (range !== undefined) found.push({ indicator: range, field, observed })
    }
  }

  private lookupIpv4(value: number, field: string, observed: string, found: IocMatch[]): void {
    const exact = this.ipv4.get(value)
    if (exact >= 0) found.push({ indicator: this.indicators[exact], field, observed })
    for (const { prefix, networks } of this.ranges4) {
      const range = networks.get(maskIpv4(value, prefix))
      if (range >= 0) found.push({ indicator: this.indicators[range], field, observed })
    }
  }

  /** Web logs mostly hold a bare path in url.original; only absolute URLs (proxies, referrers) carry a host. */
  private matchUrlValue(field: string, value: string | number | undefined, found: IocMatch[]): void {
    if (typeof value !== 'string' || !value.includes('://')) return
    const url = splitUrl(value)
    if (url === null) return
    const address = parseIp(url.host)
    const canonical: UrlParts = address === null ? url : { ...url, host: formatIp(address) }
    if (this.urls.size > 0) {
      const indicator = this.urls.get(urlMatchKey(canonical))
      if (indicator !== undefined) found.push({ indicator, field, observed: value })
    }
    if (address !== null) this.lookupAddress(address, field, canonical.host, found)
    else this.matchHostName(url.host, field, found)
  }

  /**
   * URLs inside a value: a remote-file-inclusion parameter (`?page=http://…`, often percent-encoded) or a
   * command line (`curl http://…`). Only values that are not themselves a URL are searched.
   */
  private matchEmbeddedUrls(field: string, value: string | number | undefined, found: IocMatch[]): void {
    if (typeof value !== 'string' || value.length > MAX_EMBEDDING_VALUE_LENGTH) return
    const text = EMBEDDED_ENCODED_SCHEME.test(value) ? safeDecode(value) : value
    const start = text.indexOf('://')
    if (start <= 0 || /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return
    for (const embedded of text.matchAll(EMBEDDED_URL)) this.matchUrlValue(field, embedded[0], found)
  }

  /** A listed domain matches itself and every subdomain: walk the candidate's labels, never the list. */
  private matchHostName(host: string, field: string, found: IocMatch[]): void {
    if (this.domains.size === 0) return
    let candidate = host
    for (;;) {
      const indicator = this.domains.get(candidate)
      if (indicator !== undefined) found.push({ indicator, field, observed: host })
      const dot = candidate.indexOf('.')
      if (dot < 0) return
      candidate = candidate.slice(dot + 1)
    }
  }

  /** Parser-specific fields (hashes, DNS names, URLs) have no fixed meaning, so the value says what it is. */
  private matchLooseValue(field: string, raw: string, found: IocMatch[]): void {
    const value = raw.trim()
    if (value.length === 0 || value.length > MAX_LOOSE_VALUE_LENGTH) return
    if (HASH_LENGTHS.has(value.length) && HEX.test(value)) {
      const indicator = this.hashes.get(value.toLowerCase())
      if (indicator !== undefined) found.push({ indicator, field, observed: value })
    } else if (value.includes('://')) {
      this.matchUrlValue(field, value, found)
    } else if (value.includes('.') && !/\s/.test(value)) {
      const address = parseIp(value)
      if (address !== null) this.lookupAddress(address, field, value, found)
      else this.matchHostName(value.toLowerCase().replace(/\.$/, ''), field, found)
    } else if (value.includes(':')) {
      this.lookupAddress(parseIp(value), field, value, found)
    }
  }
}

const MAX_EMBEDDING_VALUE_LENGTH = 64 * 1024
const EMBEDDED_ENCODED_SCHEME = /%3a%2f%2f/i
const EMBEDDED_URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>|;&]+/gi

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value.replace(/%3a%2f%2f/gi, '://')
  }
}

function matchKey(type: IocType, value: string): string {
  if (type === 'user_agent') return value.toLowerCase()
  if (type === 'url') {
    const url = splitUrl(value)
    return url === null ? value : urlMatchKey(url)
  }
  return value
}
