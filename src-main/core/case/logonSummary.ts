// The Windows logon summary of a case: every successful (4624) and failed (4625) logon the Security log
// recorded, grouped by account, source and logon type, so a responder sees password spraying, a brute-forced
// account or an unexpected RemoteInteractive logon at a glance. Read by streaming the store, never whole.

import type { EventQuery } from '../../common/domain'
import type { StoredEvent } from '../../common/event'
import type { LogonGroup, LogonSummary, LogonUserCount } from '../../common/windows'
import type { EventReader } from '../store/eventReader'
import { logonFailureReason, logonSource, logonType, logonUser } from './logonFields'

const SECURITY_PROVIDER = 'Microsoft-Windows-Security-Auditing'
const LOGON_SUCCESS = '4624'
const LOGON_FAILURE = '4625'

export interface LogonSummaryOptions {
  evidenceId?: string
  /** Inclusive lower bound, ms UTC. */
  from?: number
  /** Exclusive upper bound, ms UTC. */
  to?: number
  /** Accounts in `topUsers` (default 15). */
  topUsers?: number
  /** Groups returned at most (default 1,000); the rest are counted in `groupsOmitted`. */
  maxGroups?: number
}

interface GroupTally extends Omit<LogonGroup, 'failureReason'> {
  reasons: Map<string, number>
}

export function summariseLogons(events: EventReader, options: LogonSummaryOptions = {}): LogonSummary {
  const query: EventQuery = {
    filters: [{ field: 'event.code', op: 'in', value: [LOGON_SUCCESS, LOGON_FAILURE] }],
    ...(options.evidenceId !== undefined && { evidenceIds: [options.evidenceId] }),
    ...(options.from !== undefined && { from: options.from }),
    ...(options.to !== undefined && { to: options.to })
  }
  const groups = new Map<string, GroupTally>()
  for (const batch of events.scan(query)) {
    for (const event of batch) if (isSecurityLogon(event)) tally(groups, event)
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      b.successes + b.failures - (a.successes + a.failures) ||
      a.user.localeCompare(b.user) ||
      a.source.localeCompare(b.source) ||
      a.logonType.localeCompare(b.logonType)
  )
  const maxGroups = options.maxGroups ?? 1_000
  return {
    successes: ordered.reduce((sum, group) => sum + group.successes, 0),
    failures: ordered.reduce((sum, group) => sum + group.failures, 0),
    firstSeen: ordered.reduce<number | null>(
      (min, group) => Math.min(min ?? Infinity, group.firstSeen),
      null
    ),
    lastSeen: ordered.reduce<number | null>((max, group) => Math.max(max ?? -Infinity, group.lastSeen), null),
    topUsers: topUsers(ordered, options.topUsers ?? 15),
    groups: ordered.slice(0, maxGroups).map(({ reasons, ...group }) => ({
      ...group,
      failureReason: mostCommon(reasons)
    })),
    groupsOmitted: Math.max(0, ordered.length - maxGroups)
  }
}

/** A logon of the Security log; sources that name no provider are taken by their channel. */
function isSecurityLogon(event: StoredEvent): boolean {
  const provider = event.fields['event.provider']
  return provider === undefined
    ? event.fields['winlog.channel'] === 'Security'
    : provider === SECURITY_PROVIDER
}

function tally(groups: Map<string, GroupTally>, event: StoredEvent): void {
  const user = logonUser(event)
  const source = logonSource(event)
  const type = logonType(event)
  const key = `${user}\u0000${source}\u0000${type}`
  let group = groups.get(key)
  if (!group) {
    group = {
      user,
      source,
      logonType: type,
      successes: 0,
      failures: 0,
      firstSeen: event.timestamp,
      lastSeen: event.timestamp,
      reasons: new Map()
    }
    groups.set(key, group)
  }
  if (event.fields['event.code'] === LOGON_SUCCESS) group.successes++
  else {
    group.failures++
    const reason = logonFailureReason(event)
    group.reasons.set(reason, (group.reasons.get(reason) ?? 0) + 1)
  }
  group.firstSeen = Math.min(group.firstSeen, event.timestamp)
  group.lastSeen = Math.max(group.lastSeen, event.timestamp)
}

function topUsers(groups: readonly GroupTally[], limit: number): LogonUserCount[] {
  const byUser = new Map<string, LogonUserCount>()
  for (const group of groups) {
    const entry = byUser.get(group.user) ?? { user: group.user, successes: 0, failures: 0 }
    entry.successes += group.successes
    entry.failures += group.failures
    byUser.set(group.user, entry)
  }
  return [...byUser.values()]
    .sort((a, b) => b.successes + b.failures - (a.successes + a.failures) || a.user.localeCompare(b.user))
    .slice(0, limit)
}

function mostCommon(counts: ReadonlyMap<string, number>): string {
  let best = ''
  let bestCount = 0
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value
      bestCount = count
    }
  }
  return best
}
