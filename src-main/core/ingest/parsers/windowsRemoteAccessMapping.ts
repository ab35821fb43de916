// Remote access a responder traces across hosts: Remote Desktop (TerminalServices RemoteConnectionManager and
// LocalSessionManager, values in UserData EventXML) and WMI activity (Microsoft-Windows-WMI-Activity, values
// in UserData), where remote execution and WMI persistence show.
//
// provider / id                          category/type         action                         more
// …-RemoteConnectionManager 1149         authentication/start  rdp-user-authenticated (success)  Param1, Param2,
//                                                                       Param3 → user.name, user.domain, source.ip
// …-LocalSessionManager 21               session/start         rdp-session-logon
// …-LocalSessionManager 23               session/end           rdp-session-logoff
// …-LocalSessionManager 24               session/end           rdp-session-disconnected
// …-LocalSessionManager 25               session/start         rdp-session-reconnected
//     21–25: User (DOMAIN\name) → user.*, Address → source.ip (an address only; 'LOCAL' is not), SessionID
//     stays in winlog.user_data.SessionID
// Microsoft-Windows-WMI-Activity 5857    library/start         wmi-provider-loaded      HostProcess → process.name,
//                                                                       ProcessID → process.pid, ProviderPath → file.path
// … 5858                                 process/error         wmi-operation-failed (failure)   User → user.*,
//                                                                       ClientProcessId → process.pid, ClientMachine →
//                                                                       source.domain, ResultCode → event.reason
// … 5859                                 configuration/start   wmi-event-subscription-started
// … 5860                                 configuration/creation  wmi-temporary-consumer-registered
// … 5861                                 configuration/creation  wmi-permanent-consumer-bound
//     5859–5861: User → user.*, processid → process.pid

import { isHostname, normaliseIp } from './addresses'
import type { EventKinds, WindowsEventKind, WindowsMapping } from './windowsMappingContext'
import { setFilePath, setPid } from './windowsMappingContext'

const rdpAuthentication = ({ value, fields }: WindowsMapping): void => {
  const user = value('Param1')
  if (user !== undefined) fields['user.name'] = user
  const domain = value('Param2')
  if (domain !== undefined) fields['user.domain'] = domain
  const ip = normaliseIp(value('Param3') ?? '')
  if (ip !== null) fields['source.ip'] = ip
}

const rdpSession = ({ value, fields }: WindowsMapping): void => {
  const ip = normaliseIp(value('Address') ?? '')
  if (ip !== null) fields['source.ip'] = ip
}

const wmiProvider = ({ value, fields }: WindowsMapping): void => {
  const host = value('HostProcess')
  if (host !== undefined) fields['process.name'] = host
  const path = value('ProviderPath')
  if (path !== undefined) setFilePath(fields, path)
}

const wmiFailure = ({ value, fields }: WindowsMapping): void => {
  setPid(fields, 'process.pid', value('ClientProcessId'))
  const machine = value('ClientMachine')
  if (machine !== undefined && isHostname(machine)) fields['source.domain'] = machine
  const result = value('ResultCode')
  if (result !== undefined) fields['event.reason'] = result
}

const wmiSubscription = ({ value, fields }: WindowsMapping): void => {
  setPid(fields, 'process.pid', value('processid') ?? value('PROCESSID'))
}

const session = (type: string, action: string): WindowsEventKind => ({
  category: 'session',
  type,
  action,
  map: rdpSession
})

export const RDP_CONNECTION_EVENTS: EventKinds = new Map([
  [
    1149,
    {
      category: 'authentication',
      type: 'start',
      action: 'rdp-user-authenticated',
      outcome: 'success',
      map: rdpAuthentication
    }
  ]
])

export const RDP_SESSION_EVENTS: EventKinds = new Map([
  [21, session('start', 'rdp-session-logon')],
  [23, session('end', 'rdp-session-logoff')],
  [24, session('end', 'rdp-session-disconnected')],
  [25, session('start', 'rdp-session-reconnected')]
])

export const WMI_EVENTS: EventKinds = new Map([
  [5857, { category: 'library', type: 'start', action: 'wmi-provider-loaded', map: wmiProvider }],
  [
    5858,
    {
      category: 'process',
      type: 'error',
      action: 'wmi-operation-failed',
      outcome: 'failure',
      map: wmiFailure
    }
  ],
  [
    5859,
    {
      category: 'configuration',
      type: 'start',
      action: 'wmi-event-subscription-started',
      map: wmiSubscription
    }
  ],
  [
    5860,
    {
      category: 'configuration',
      type: 'creation',
      action: 'wmi-temporary-consumer-registered',
      map: wmiSubscription
    }
  ],
  [
    5861,
    {
      category: 'configuration',
      type: 'creation',
      action: 'wmi-permanent-consumer-bound',
      map: wmiSubscription
    }
  ]
])
