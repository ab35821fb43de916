// Sysmon events (provider Microsoft-Windows-Sysmon): process, network, file, registry, pipe and DNS
// activity. Most of their EventData names are the common ones (windowsCommonFields); this adds each id's
// classification and the few values only one id carries. User (DOMAIN\name) is the acting account.
//
// id      category/type             action                       more
// 1       process/start             created-process
// 2       file/change               changed-file-creation-time
// 3       network/connection,start  network-connection           Initiated → extra network.direction
//                                                                (true: egress, false: ingress)
// 5       process/end               terminated-process
// 6       driver/start              loaded-driver
// 7       library/start             loaded-image                 ImageLoaded → file.path
// 8       process/change            created-remote-thread        SourceImage → process.*
// 10      process/access            accessed-process             SourceImage → process.*
// 11      file/creation             created-file                 TargetFilename → file.path
// 12      registry/creation|deletion   by EventType: created-registry-key, deleted-registry-key,
//                                      created-registry-value, deleted-registry-value
// 13      registry/change           set-registry-value           Details → extra registry.data.strings
// 14      registry/change           renamed-registry-key         NewName → extra registry.new_path
//         12–14: TargetObject → extra registry.path, its last component → registry.value (13) or
//                registry.key (12 key events, 14)
// 15      file/creation             created-file-stream-hash
// 17, 18  file/creation, access     created-pipe, connected-pipe PipeName → file.name
// 22      network/protocol,info     dns-query                    QueryResults → dns.answers (addresses
//                                                                and names, comma-joined); QueryStatus →
//                                                                dns.response_code (0 NOERROR, 9003 NXDOMAIN …)
// 23, 26  file/deletion             deleted-file, deleted-file-detected
// 25      process/change            process-tampering            Type → event.reason
// 29      file/creation             detected-executable-file

import type { EventKinds, WindowsEventKind, WindowsMapping } from './windowsMappingContext'

/** DNS status codes Sysmon writes in QueryStatus (Win32 DNS_ERROR_RCODE_*), as DNS names them. */
const DNS_STATUS = new Map([
  ['0', 'NOERROR'],
  ['9001', 'FORMERR'],
  ['9002', 'SERVFAIL'],
  ['9003', 'NXDOMAIN'],
  ['9004', 'NOTIMP'],
  ['9005', 'REFUSED']
])

const REGISTRY_EVENT_TYPES = new Map([
  ['CreateKey', { type: 'creation', action: 'created-registry-key' }],
  ['DeleteKey', { type: 'deletion', action: 'deleted-registry-key' }],
  ['CreateValue', { type: 'creation', action: 'created-registry-value' }],
  ['DeleteValue', { type: 'deletion', action: 'deleted-registry-value' }]
])

const connection = ({ value, extra }: WindowsMapping): void => {
  const initiated = value('Initiated')?.toLowerCase()
  if (initiated === 'true') extra['network.direction'] = 'egress'
  else if (initiated === 'false') extra['network.direction'] = 'ingress'
}

const registry = ({ system, value, fields, extra }: WindowsMapping): void => {
  const path = value('TargetObject')
  const eventType = value('EventType')
  const known = eventType === undefined ? undefined : REGISTRY_EVENT_TYPES.get(eventType)
  if (known !== undefined) {
    extra['event.type'] = known.type
    fields['event.action'] = known.action
  }
  if (path !== undefined) {
    extra['registry.path'] = path
    const last = path.slice(path.lastIndexOf('\\') + 1)
    const isValue = system.eventId === 13 || (eventType !== undefined && eventType.endsWith('Value'))
    extra[isValue ? 'registry.value' : 'registry.key'] = last
  }
  const details = value('Details')
  if (details !== undefined) extra['registry.data.strings'] = details
  const newName = value('NewName')
  if (newName !== undefined) extra['registry.new_path'] = newName
}

const pipe = ({ value, fields }: WindowsMapping): void => {
  const name = value('PipeName')
  if (name !== undefined) fields['file.name'] = name
}

const dnsQuery = ({ value, fields }: WindowsMapping): void => {
  const results = value('QueryResults')
  if (results !== undefined) {
    const answers = dnsAnswers(results)
    if (answers.length > 0) fields['dns.answers'] = answers.join(',')
  }
  const status = value('QueryStatus')
  const code = status === undefined ? undefined : DNS_STATUS.get(status)
  if (code !== undefined) fields['dns.response_code'] = code
}

/**
 * `type:  5 cdn.example;::ffff:203.0.113.7;` → ['cdn.example', '203.0.113.7']: a CNAME's record type
 * prefix and the IPv4-mapped prefix dropped, empty entries skipped.
 */
function dnsAnswers(results: string): string[] {
  const answers: string[] = []
  for (const entry of results.split(';')) {
    const answer = entry
      .trim()
      .replace(/^type:\s+\d+\s+/, '')
      .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '')
    if (answer !== '') answers.push(answer)
  }
  return answers
}

const tampering = ({ value, fields }: WindowsMapping): void => {
  const type = value('Type')
  if (type !== undefined) fields['event.reason'] = type
}

const kind = (
  category: string,
  type: string,
  action: string,
  map?: WindowsEventKind['map']
): WindowsEventKind => ({ category, type, action, map })

export const SYSMON_EVENTS: EventKinds = new Map([
  [1, kind('process', 'start', 'created-process')],
  [2, kind('file', 'change', 'changed-file-creation-time')],
  [3, kind('network', 'connection,start', 'network-connection', connection)],
  [5, kind('process', 'end', 'terminated-process')],
  [6, kind('driver', 'start', 'loaded-driver')],
  [7, kind('library', 'start', 'loaded-image')],
  [8, kind('process', 'change', 'created-remote-thread')],
  [10, kind('process', 'access', 'accessed-process')],
  [11, kind('file', 'creation', 'created-file')],
  [12, kind('registry', 'change', 'changed-registry-object', registry)],
  [13, kind('registry', 'change', 'set-registry-value', registry)],
  [14, kind('registry', 'change', 'renamed-registry-key', registry)],
  [15, kind('file', 'creation', 'created-file-stream-hash')],
  [17, kind('file', 'creation', 'created-pipe', pipe)],
  [18, kind('file', 'access', 'connected-pipe', pipe)],
  [22, kind('network', 'protocol,info', 'dns-query', dnsQuery)],
  [23, kind('file', 'deletion', 'deleted-file')],
  [25, kind('process', 'change', 'process-tampering', tampering)],
  [26, kind('file', 'deletion', 'deleted-file-detected')],
  [29, kind('file', 'creation', 'detected-executable-file')]
])
