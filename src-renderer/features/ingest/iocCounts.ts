// How an IOC list's indicator counts read: short type names in one fixed order ("4 IP · 1 CIDR · 2 domain")
// so lists compare at a glance. The keys are the backend's indicator types; a type this renderer does not
// know yet is shown by its key rather than hidden.

import { formatCount } from '../../format/numbers'

const IOC_TYPE_LABELS: Readonly<Record<string, string>> = {
  ip: 'IP',
  cidr: 'CIDR',
  domain: 'domain',
  url: 'URL',
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  user_agent: 'user agent'
}

const TYPE_ORDER = Object.keys(IOC_TYPE_LABELS)

function rank(type: string): number {
  const index = TYPE_ORDER.indexOf(type)
  return index < 0 ? TYPE_ORDER.length : index
}

/** One "4 IP" part per indicator type present, in the fixed type order. */
export function iocCountParts(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, count]) => `${formatCount(count)} ${IOC_TYPE_LABELS[type] ?? type}`)
}

export function totalIndicators(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0)
}
