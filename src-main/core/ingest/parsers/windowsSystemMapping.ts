// Events of the System channel that matter in an intrusion — services installed and started or stopped
// (Service Control Manager) — and the log-cleared events of the Eventlog provider, which Windows writes to
// System (104, any log) and to Security (1102, the Security log itself).
//
// provider / id                     category/type              action                 more
// Service Control Manager 7045      configuration/installation service-installed      ServiceName → service.name
// Service Control Manager 7036      configuration/change       service-state-changed  param1 → service.name,
//                                                                                     param2 → extra service.state
// Microsoft-Windows-Eventlog 104    configuration/deletion     audit-log-cleared      UserData SubjectUserName,
// Microsoft-Windows-Eventlog 1102   configuration/deletion     audit-log-cleared      SubjectDomainName → user.*

import type { EventKinds, WindowsMapping } from './windowsMappingContext'

const stateChange = ({ value, fields, extra }: WindowsMapping): void => {
  const service = value('param1')
  if (service !== undefined) fields['service.name'] = service
  const state = value('param2')
  if (state !== undefined) extra['service.state'] = state
}

export const SERVICE_CONTROL_EVENTS: EventKinds = new Map([
  [7045, { category: 'configuration', type: 'installation', action: 'service-installed' }],
  [7036, { category: 'configuration', type: 'change', action: 'service-state-changed', map: stateChange }]
])

export const EVENTLOG_EVENTS: EventKinds = new Map([
  [104, { category: 'configuration', type: 'deletion', action: 'audit-log-cleared' }],
  [1102, { category: 'configuration', type: 'deletion', action: 'audit-log-cleared' }]
])
