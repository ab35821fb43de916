// Sorting the logon summary table: any column, either way. A column is first sorted the way a responder
// reads it — counts and times largest or latest first, names alphabetically — and ties keep a fixed order
// (account, source, logon type) so rows do not jump between equal values.

import type { LogonGroup } from '../../../src-main/common/windows'

export const LOGON_COLUMNS = [
  'user',
  'source',
  'logonType',
  'successes',
  'failures',
  'failureReason',
  'firstSeen',
  'lastSeen'
] as const
export type LogonColumn = (typeof LOGON_COLUMNS)[number]

export interface LogonSort {
  column: LogonColumn
  direction: 'asc' | 'desc'
}

export const LOGON_COLUMN_TITLES: Record<LogonColumn, string> = {
  user: 'Account',
  source: 'Source',
  logonType: 'Logon type',
  successes: 'Successes',
  failures: 'Failures',
  failureReason: 'Failure reason',
  firstSeen: 'First',
  lastSeen: 'Last'
}

const TEXT_COLUMNS: ReadonlySet<LogonColumn> = new Set(['user', 'source', 'logonType', 'failureReason'])

/** Columns of counts, right-aligned. */
export function isCountColumn(column: LogonColumn): boolean {
  return column === 'successes' || column === 'failures'
}

/** The sort after a click on a column's header: the same column turns around, another starts its own way. */
export function nextSort(current: LogonSort, column: LogonColumn): LogonSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  return { column, direction: TEXT_COLUMNS.has(column) ? 'asc' : 'desc' }
}

export function sortLogonGroups(groups: readonly LogonGroup[], sort: LogonSort): LogonGroup[] {
  const sign = sort.direction === 'asc' ? 1 : -1
  const { column } = sort
  return [...groups].sort((a, b) => {
    const primary = TEXT_COLUMNS.has(column)
      ? String(a[column]).localeCompare(String(b[column]))
      : Number(a[column]) - Number(b[column])
    return (
      sign * primary ||
      a.user.localeCompare(b.user) ||
      a.source.localeCompare(b.source) ||
      a.logonType.localeCompare(b.logonType)
    )
  })
}
