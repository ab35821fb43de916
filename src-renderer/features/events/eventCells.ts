// What the events table shows per column. Values come from untrusted logs and are only ever rendered as
// text; the message column falls back to the request line, then the raw line, so no row is blank.
// Failures (HTTP 4xx/5xx, failed logins) are tinted so they stand out in a long list.

import type { StoredEvent } from '../../../src-main/common/event'
import type { TableColumn } from '../../components/VirtualTable.vue'
import { formatInstant } from '../../format/time'

export type EventColumnKey = 'time' | 'source' | 'host' | 'user' | 'action' | 'status' | 'message'

export function eventColumns(zone: string): (TableColumn & { key: EventColumnKey })[] {
  return [
    { key: 'time', label: `Time (${zone})`, width: '196px' },
    { key: 'source', label: 'Source IP', width: '132px' },
    { key: 'host', label: 'Host', width: '100px' },
    { key: 'user', label: 'User', width: '100px' },
    { key: 'action', label: 'Action / outcome', width: '176px' },
    { key: 'status', label: 'Status', width: '60px', numeric: true },
    { key: 'message', label: 'Message', width: 'minmax(240px, 1fr)' }
  ]
}

function text(value: string | number | undefined): string {
  return value === undefined ? '' : String(value)
}

export function eventCellText(event: StoredEvent, key: EventColumnKey, zone: string): string {
  const fields = event.fields
  switch (key) {
    case 'time':
      return formatInstant(event.timestamp, zone)
    case 'source':
      return text(fields['source.ip'])
    case 'host':
      return text(fields['host.name'])
    case 'user':
      return text(fields['user.name'] ?? fields['user.target.name'])
    case 'action':
      return [fields['event.action'], fields['event.outcome']]
        .filter((part) => part !== undefined)
        .join(' / ')
    case 'status':
      return text(fields['http.response.status_code'])
    case 'message': {
      if (fields.message !== undefined) return String(fields.message)
      const request = [fields['http.request.method'], fields['url.original']].filter(
        (part) => part !== undefined
      )
      return request.length > 0 ? request.join(' ') : event.raw
    }
  }
}

/** Machine values in monospace; status and outcome tinted when they report a failure. */
export function eventCellClass(event: StoredEvent, key: EventColumnKey): string | null {
  if (key === 'time' || key === 'source') return 'mono'
  if (key !== 'status' && key !== 'action') return null
  const status = Number(event.fields['http.response.status_code'])
  if (status >= 500) return 'tone--error'
  if (status >= 400 || event.fields['event.outcome'] === 'failure') return 'tone--warning'
  return null
}
