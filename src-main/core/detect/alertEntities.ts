// Collects the IPs, accounts and hosts an alert is about. A finding can span thousands of events, so each
// list keeps the first few distinct values (in order seen) and remembers how many there were in total.

import type { AlertEntities } from '../../common/domain'
import { formatCount } from './describe'

/** Entities kept per kind; enough to pivot on, small enough for an alert row. */
export const MAX_ENTITIES_PER_KIND = 100

class DistinctValues {
  private readonly seen = new Set<string>()
  private readonly kept: string[] = []

  add(value: string | number | undefined): void {
    if (value === undefined || value === '') return
    const text = String(value)
    if (this.seen.has(text)) return
    this.seen.add(text)
    if (this.kept.length < MAX_ENTITIES_PER_KIND) this.kept.push(text)
  }

  get values(): readonly string[] {
    return this.kept
  }

  get total(): number {
    return this.seen.size
  }
}

export class EntityCollector {
  readonly ips = new DistinctValues()
  readonly users = new DistinctValues()
  readonly hosts = new DistinctValues()

  toEntities(): AlertEntities {
    return { ips: [...this.ips.values], users: [...this.users.values], hosts: [...this.hosts.values] }
  }

  /** A sentence for the description when some kind was capped, or '' when every value is listed. */
  cappedNote(): string {
    const capped = (
      [
        ['addresses', this.ips],
        ['accounts', this.users],
        ['hosts', this.hosts]
      ] as const
    ).filter(([, values]) => values.total > values.values.length)
    if (capped.length === 0) return ''
    const parts = capped.map(
      ([label, values]) => `the first ${values.values.length} of ${formatCount(values.total)} ${label}`
    )
    return ` Entities list ${parts.join(' and ')}.`
  }
}
