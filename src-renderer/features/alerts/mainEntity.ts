// The one entity an alert is chiefly about, for grouping the queue by entity and for opening its events in
// the explorer. Alerts here come mostly from network and login evidence, where the source address says
// most (who is attacking), then the account, then the host; the first of each list is the first seen.

import type { Alert } from '../../../src-main/common/domain'
import type { EventField } from '../../../src-main/common/event'

export interface MainEntity {
  kind: 'ip' | 'user' | 'host'
  /** The event field the value is searched in. */
  field: EventField
  value: string
}

export function mainEntity(alert: Pick<Alert, 'entities'>): MainEntity | null {
  const { ips, users, hosts } = alert.entities
  if (ips.length > 0) return { kind: 'ip', field: 'source.ip', value: ips[0] }
  if (users.length > 0) return { kind: 'user', field: 'user.name', value: users[0] }
  if (hosts.length > 0) return { kind: 'host', field: 'host.name', value: hosts[0] }
  return null
}
