// What an indicator value is and its one canonical spelling. List parsing and the index share these
// functions, so a value written 'hxxp://Evil[.]COM:80' in a feed and 'http://evil.com/' in a log meet
// on the same key.

import { domainToASCII } from 'node:url'
import type { IocType } from './iocTypes'
import { formatCidr, formatIp, parseCidr, parseIp } from './ipAddress'

export type IndicatorParse = { ok: true; type: IocType; value: string } | { ok: false; reason: string }

/** A URL split into the parts matching cares about; scheme and host lower-cased, fragment dropped. */
export interface UrlParts {
  scheme: string
  host: string
  /** Empty when absent or the scheme's default. */
  port: string
  /** Path and query, at least '/'. */
  pathAndQuery: string
}

const HASH_FORMATS = {
  md5: { name: 'an MD5', digits: 32 },
  sha1: { name: 'a SHA-1', digits: 40 },
  sha256: { name: 'a SHA-256', digits: 64 }
} as const
const HASH_TYPES_BY_LENGTH: ReadonlyMap<number, IocType> = new Map([
  [32, 'md5'],
  [40, 'sha1'],
  [64, 'sha256']
])
const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ftp: '21' }
const DOMAIN_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/
const HEX = /^[0-9a-f]+$/i

/** Undoes the usual ways threat reports defang indicators so they cannot be clicked. */
export function defang(text: string): string {
  return text
    .replace(/^hxxp/i, 'http')
    .replace(/\[:\/\/\]/g, '://')
    .replace(/\[:\]/g, ':')
    .replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi, '.')
}

/** Lower-case ASCII (punycode) form without trailing dot or leading '*.', or null if not a domain name. */
export function normaliseDomain(text: string): string | null {
  let domain = text.toLowerCase()
  if (domain.endsWith('.')) domain = domain.slice(0, -1)
  if (domain.startsWith('*.')) domain = domain.slice(2)
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(domain)) domain = domainToASCII(domain)
  if (domain.length === 0 || domain.length > 253) return null
  const labels = domain.split('.')
  // A top-level domain always has a letter, which is what tells '300.1.2.3' apart from a host name.
  if (labels.length < 2 || !/[a-z]/.test(labels[labels.length - 1])) return null
  return labels.every((label) => DOMAIN_LABEL.test(label)) ? domain : null
}

/**
 * Splits 'scheme://[userinfo@]host[:port]/path?query#fragment'. Hand-written rather than WHATWG URL
 * because it runs on every referrer of every event, and because a log's URL must stay as logged (WHATWG
 * would re-encode it) for the exact match to mean what it says.
 */
export function splitUrl(text: string): UrlParts | null {
  const schemeEnd = text.indexOf('://')
  if (schemeEnd <= 0) return null
  const scheme = text.slice(0, schemeEnd).toLowerCase()
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return null
  const authorityStart = schemeEnd + 3
  let authorityEnd = authorityStart
  while (authorityEnd < text.length) {
    const code = text.charCodeAt(authorityEnd)
    if (code === 47 || code === 63 || code === 35) break
    authorityEnd++
  }
  const at = text.lastIndexOf('@', authorityEnd - 1)
  const authority = text.slice(at >= authorityStart ? at + 1 : authorityStart, authorityEnd)
  let host = authority
  let port = ''
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close < 0) return null
    host = authority.slice(1, close)
    port = authority.slice(close + 1).replace(/^:/, '')
  } else {
    const colon = authority.lastIndexOf(':')
    if (colon >= 0) {
      host = authority.slice(0, colon)
      port = authority.slice(colon + 1)
    }
  }
  if (host.length === 0 || (port !== '' && !/^\d{1,5}$/.test(port))) return null
  host = host.toLowerCase()
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (port === DEFAULT_PORTS[scheme]) port = ''
  const hash = text.indexOf('#', authorityEnd)
  const rest = text.slice(authorityEnd, hash < 0 ? text.length : hash)
  return { scheme, host, port, pathAndQuery: rest.startsWith('/') ? rest : `/${rest}` }
}

/** The key URLs are matched on: scheme-less, so a listed http:// URL also catches its https:// twin. */
export function urlMatchKey(url: UrlParts): string {
  return `${url.host}${url.port === '' ? '' : `:${url.port}`}${url.pathAndQuery}`
}

export function formatUrl(url: UrlParts): string {
  const host = url.host.includes(':') ? `[${url.host}]` : url.host
  return `${url.scheme}://${host}${url.port === '' ? '' : `:${url.port}`}${url.pathAndQuery}`
}

/** Works out the type of an untyped list value (already defanged and trimmed) and normalises it. */
export function classifyIndicator(text: string): IndicatorParse {
  if (text.includes('://')) return normaliseUrl(text)
  if (text.includes('/')) {
    const beforeSlash = text.slice(0, text.indexOf('/'))
    if (parseIp(beforeSlash) !== null) return normaliseCidr(text)
    if (normaliseDomain(beforeSlash) !== null) return normaliseUrl(`http://${text}`)
  }
  const address = parseIp(text)
  if (address !== null) return { ok: true, type: 'ip', value: formatIp(address) }
  if (HEX.test(text)) {
    const hashType = HASH_TYPES_BY_LENGTH.get(text.length)
    if (hashType !== undefined) return { ok: true, type: hashType, value: text.toLowerCase() }
    if (text.length >= 16) {
      return {
        ok: false,
        reason: `'${text}' is ${text.length} hex digits; hashes must be MD5 (32), SHA-1 (40) or SHA-256 (64)`
      }
    }
  }
  const domain = normaliseDomain(text)
  if (domain !== null) return { ok: true, type: 'domain', value: domain }
  return { ok: false, reason: `'${text}' is not an IP address, domain, URL or hash` }
}

/** Normalises a value whose type the list states, refusing values that are not of that type. */
export function normaliseAs(type: IocType, text: string): IndicatorParse {
  switch (type) {
    case 'ip':
    case 'cidr': {
      if (text.includes('/')) return normaliseCidr(text)
      const address = parseIp(text)
      return address === null
        ? { ok: false, reason: `'${text}' is not an IP address or CIDR range` }
        : { ok: true, type: 'ip', value: formatIp(address) }
    }
    case 'domain': {
      const domain = normaliseDomain(text)
      return domain === null
        ? { ok: false, reason: `'${text}' is not a domain name` }
        : { ok: true, type, value: domain }
    }
    case 'url':
      return normaliseUrl(text.includes('://') ? text : `http://${text}`)
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const { name, digits } = HASH_FORMATS[type]
      return HEX.test(text) && text.length === digits
        ? { ok: true, type, value: text.toLowerCase() }
        : { ok: false, reason: `'${text}' is not ${name} hash (${digits} hex digits)` }
    }
    case 'user_agent':
      return normaliseUserAgent(text)
  }
}

export function normaliseUserAgent(text: string): IndicatorParse {
  const value = text.trim()
  return value === ''
    ? { ok: false, reason: 'the user agent is empty' }
    : { ok: true, type: 'user_agent', value }
}

function normaliseCidr(text: string): IndicatorParse {
  const parsed = parseCidr(text)
  return parsed.ok ? { ok: true, type: 'cidr', value: formatCidr(parsed.range) } : parsed
}

function normaliseUrl(text: string): IndicatorParse {
  const url = splitUrl(text)
  if (url === null) return { ok: false, reason: `'${text}' is not a URL` }
  const address = parseIp(url.host)
  if (address !== null)
    return { ok: true, type: 'url', value: formatUrl({ ...url, host: formatIp(address) }) }
  const domain = normaliseDomain(url.host)
  if (domain === null) {
    return { ok: false, reason: `'${text}' has host '${url.host}', which is not a domain name or IP address` }
  }
  return { ok: true, type: 'url', value: formatUrl({ ...url, host: domain }) }
}
