// EventData names that mean the same thing in every channel that uses them (Sysmon's, Security's), mapped
// to ECS columns once here; the per-channel modules add what only their event ids carry.
//
// EventData / UserData name                          → field
//   Image, SourceImage, ProcessName                   process.executable, process.name (its base name)
//   ProcessId, SourceProcessId, ProcessID             process.pid (decimal or 0x hex; 0 is no process)
//   CommandLine                                       process.command_line
//   ParentImage, ParentCommandLine, ParentProcessId   process.parent.executable / command_line / pid
//   NewProcessName, NewProcessId (Security 4688)      process.executable, process.name, process.pid; there
//                                                     ProcessId and ParentProcessName are the parent's
//   accounts, by the event's AccountRole:
//     subject:    User or SourceUser (DOMAIN\name), else SubjectUserName, SubjectDomainName, SubjectUserSid → user.name,
//                 user.domain, user.id; TargetUserName, TargetDomainName, TargetUserSid|TargetSid →
//                 user.target.name, extra user.target.domain, user.target.id
//     logon:      TargetUserName, TargetDomainName, TargetUserSid → user.name, user.domain, user.id
//     membership: Subject → user.*; TargetUserName, TargetDomainName, TargetSid → extra group.name,
//                 group.domain, group.id; MemberName (its CN when a DN), MemberSid → user.target.name,
//                 extra user.target.id
//   IpAddress, SourceIp, SourceAddress                source.ip (valid addresses only, ::ffff: dropped)
//   IpPort, SourcePort                                source.port
//   DestinationIp, DestAddress; DestinationPort, DestPort   destination.ip; destination.port
//   SourceHostname, DestinationHostname               source.domain, destination.domain
//   Protocol (tcp/udp, or 6/17/1)                     network.transport
//   QueryName                                         dns.question.name
//   TargetFilename, else ImageLoaded                  file.path, file.name
//   Hashes, Hash (SHA1=…,MD5=…,SHA256=…)              file.hash.sha1 / md5 / sha256 (lower case)
//   ServiceName                                       service.name

import type { EventFieldValues } from '../../../common/event'
import { isHostname, normaliseIp } from './addresses'
import {
  setAccount,
  setExecutable,
  setFilePath,
  setPid,
  type AccountRole,
  type DataValue,
  type WindowsMapping
} from './windowsMappingContext'

const TRANSPORTS = new Map([
  ['1', 'icmp'],
  ['6', 'tcp'],
  ['17', 'udp']
])

export function mapCommonFields(mapping: WindowsMapping, role: AccountRole): void {
  const { value, fields } = mapping
  mapProcess(value, fields)
  mapAccounts(mapping, role)
  mapNetwork(value, fields)
  mapFile(value, fields)
  setText(fields, 'service.name', value('ServiceName'))
}

function mapProcess(value: DataValue, fields: EventFieldValues): void {
  const newProcess = value('NewProcessName')
  if (newProcess !== undefined) {
    setExecutable(fields, newProcess)
    setPid(fields, 'process.pid', value('NewProcessId'))
    setPid(fields, 'process.parent.pid', value('ProcessId'))
    const parent = value('ParentProcessName')
    if (parent !== undefined) fields['process.parent.executable'] = parent
  } else {
    const executable = value('Image') ?? value('SourceImage') ?? value('ProcessName')
    if (executable !== undefined) setExecutable(fields, executable)
    setPid(fields, 'process.pid', value('ProcessId') ?? value('SourceProcessId') ?? value('ProcessID'))
  }
  setText(fields, 'process.command_line', value('CommandLine'))
  setText(fields, 'process.parent.executable', value('ParentImage'))
  setText(fields, 'process.parent.command_line', value('ParentCommandLine'))
  if (fields['process.parent.pid'] === undefined) {
    setPid(fields, 'process.parent.pid', value('ParentProcessId'))
  }
}

function mapAccounts({ value, fields, extra }: WindowsMapping, role: AccountRole): void {
  if (role === 'logon') {
    setText(fields, 'user.name', value('TargetUserName'))
    setText(fields, 'user.domain', value('TargetDomainName'))
    setText(fields, 'user.id', value('TargetUserSid') ?? value('TargetSid'))
    return
  }
  const user = value('User') ?? value('SourceUser')
  if (user !== undefined) setAccount(fields, user)
  else {
    setText(fields, 'user.name', value('SubjectUserName'))
    setText(fields, 'user.domain', value('SubjectDomainName'))
    setText(fields, 'user.id', value('SubjectUserSid'))
  }
  const targetName = value('TargetUserName')
  const targetDomain = value('TargetDomainName')
  const targetSid = value('TargetUserSid') ?? value('TargetSid')
  if (role === 'membership') {
    if (targetName !== undefined) extra['group.name'] = targetName
    if (targetDomain !== undefined) extra['group.domain'] = targetDomain
    if (targetSid !== undefined) extra['group.id'] = targetSid
    const member = value('MemberName')
    if (member !== undefined) fields['user.target.name'] = /^CN=/i.test(member) ? commonName(member) : member
    const memberSid = value('MemberSid')
    if (memberSid !== undefined) extra['user.target.id'] = memberSid
    return
  }
  setText(fields, 'user.target.name', targetName)
  if (targetDomain !== undefined) extra['user.target.domain'] = targetDomain
  if (targetSid !== undefined) extra['user.target.id'] = targetSid
}

/** The first CN of a distinguished name, escapes resolved: 'CN=Smith\, Bob,OU=x' → 'Smith, Bob'. */
function commonName(dn: string): string {
  const match = /^CN=((?:\\.|[^,\\])*)/i.exec(dn)
  return match === null ? dn : match[1].replace(/\\(.)/g, '$1')
}

function mapNetwork(value: DataValue, fields: EventFieldValues): void {
  const sourceIp = normaliseIp(value('IpAddress') ?? value('SourceIp') ?? value('SourceAddress') ?? '')
  if (sourceIp !== null) fields['source.ip'] = sourceIp
  setPort(fields, 'source.port', value('IpPort') ?? value('SourcePort'))
  const destinationIp = normaliseIp(value('DestinationIp') ?? value('DestAddress') ?? '')
  if (destinationIp !== null) fields['destination.ip'] = destinationIp
  setPort(fields, 'destination.port', value('DestinationPort') ?? value('DestPort'))
  const sourceHost = value('SourceHostname')
  if (sourceHost !== undefined && isHostname(sourceHost)) fields['source.domain'] = sourceHost
  const destinationHost = value('DestinationHostname')
  if (destinationHost !== undefined && isHostname(destinationHost)) {
    fields['destination.domain'] = destinationHost
  }
  const protocol = value('Protocol')
  if (protocol !== undefined) {
    const transport =
      TRANSPORTS.get(protocol) ?? (/^[a-z]+$/i.test(protocol) ? protocol.toLowerCase() : undefined)
    if (transport !== undefined) fields['network.transport'] = transport
  }
  setText(fields, 'dns.question.name', value('QueryName'))
}

function setPort(fields: EventFieldValues, field: 'source.port' | 'destination.port', text?: string): void {
  if (text === undefined || !/^\d{1,5}$/.test(text)) return
  const port = Number(text)
  if (port > 0 && port <= 65535) fields[field] = port
}

function mapFile(value: DataValue, fields: EventFieldValues): void {
  const path = value('TargetFilename') ?? value('ImageLoaded')
  if (path !== undefined) setFilePath(fields, path)
  const hashes = value('Hashes') ?? value('Hash')
  if (hashes === undefined) return
  for (const pair of hashes.split(',')) {
    const equals = pair.indexOf('=')
    const algorithm = pair.slice(0, equals).trim().toUpperCase()
    const digest = pair
      .slice(equals + 1)
      .trim()
      .toLowerCase()
    if (equals === -1 || !/^[0-9a-f]+$/.test(digest)) continue
    if (algorithm === 'MD5') fields['file.hash.md5'] = digest
    else if (algorithm === 'SHA1') fields['file.hash.sha1'] = digest
    else if (algorithm === 'SHA256') fields['file.hash.sha256'] = digest
  }
}

type TextField =
  | 'user.name'
  | 'user.domain'
  | 'user.id'
  | 'user.target.name'
  | 'dns.question.name'
  | 'service.name'
  | 'process.command_line'
  | 'process.parent.executable'
  | 'process.parent.command_line'

function setText(fields: EventFieldValues, field: TextField, text: string | undefined): void {
  if (text !== undefined) fields[field] = text
}
