// The one Windows event mapping: System values to ECS columns, Sysmon and Security EventData to process,
// user, network, DNS, file and service columns, and every original value kept under winlog.* for Sigma.

import { describe, expect, it } from 'vitest'
import {
  mapWindowsEvent,
  type WindowsEvent
} from '../../../../src-main/core/ingest/parsers/windowsEventMapping'

const SYSMON = 'Microsoft-Windows-Sysmon'
const SECURITY = 'Microsoft-Windows-Security-Auditing'

function sysmon(eventId: number, eventData: Record<string, string>): WindowsEvent {
  return {
    system: {
      providerName: SYSMON,
      eventId,
      level: 4,
      channel: 'Microsoft-Windows-Sysmon/Operational',
      computer: 'WS-042'
    },
    eventData
  }
}

function security(eventId: number, eventData: Record<string, string>, keywords?: string): WindowsEvent {
  return {
    system: { providerName: SECURITY, eventId, level: 0, channel: 'Security', computer: 'DC01', keywords },
    eventData
  }
}

describe('mapWindowsEvent: System', () => {
  it('maps the System element to columns and keeps every value under its Winlogbeat name', () => {
    const { fields, extra } = mapWindowsEvent({
      system: {
        providerName: SYSMON,
        providerGuid: '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
        eventId: 7,
        qualifiers: 16384,
        version: 3,
        level: 4,
        task: 7,
        opcode: 0,
        keywords: '0x8000000000000000',
        timeCreated: '2025-11-27T07:40:10.165324Z',
        eventRecordId: 571146,
        activityId: '6B3DFF46-F4E6-4CDA-983B-76B101728AA5',
        processId: 3544,
        threadId: 4272,
        channel: 'Microsoft-Windows-Sysmon/Operational',
        computer: 'swachchhanda',
        userId: 'S-1-5-18'
      },
      eventData: {}
    })
    expect(fields).toEqual({
      'event.kind': 'event',
      'event.module': 'windows',
      'event.code': '7',
      'event.provider': SYSMON,
      'event.category': 'library',
      'event.action': 'loaded-image',
      'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
      'host.name': 'swachchhanda',
      'log.level': 'information',
      message: 'Microsoft-Windows-Sysmon 7'
    })
    expect(extra).toEqual({
      'winlog.event_id': 7,
      'winlog.qualifiers': 16384,
      'winlog.version': 3,
      'winlog.level': 4,
      'winlog.task': 7,
      'winlog.opcode': 0,
      'winlog.keywords': '0x8000000000000000',
      'winlog.time_created': '2025-11-27T07:40:10.165324Z',
      'winlog.record_id': 571146,
      'winlog.activity_id': '6B3DFF46-F4E6-4CDA-983B-76B101728AA5',
      'winlog.process.pid': 3544,
      'winlog.process.thread.id': 4272,
      'winlog.computer_name': 'swachchhanda',
      'winlog.user.identifier': 'S-1-5-18',
      'winlog.readable.user.identifier': 'NT AUTHORITY\\SYSTEM',
      'winlog.provider_name': SYSMON,
      'winlog.provider_guid': '5770385F-C22A-43E0-BF4C-06F5698FFBD9',
      'event.type': 'start'
    })
  })

  it('names levels as Windows does (0 is how audit events log information) and keeps names given as text', () => {
    const level = (value: number | string) =>
      mapWindowsEvent({ system: { level: value }, eventData: {} }).fields['log.level']
    expect([0, 1, 2, 3, 4, 5].map(level)).toEqual([
      'information',
      'critical',
      'error',
      'warning',
      'information',
      'verbose'
    ])
    expect(level(8)).toBeUndefined()
    expect(level('Information')).toBe('information')
  })

  it('reads the audit outcome from the keyword bits or the keyword names', () => {
    const outcome = (keywords: string) =>
      mapWindowsEvent(security(4663, {}, keywords)).fields['event.outcome']
    expect(outcome('0x8020000000000000')).toBe('success')
    expect(outcome('0x8010000000000000')).toBe('failure')
    expect(outcome('0x8000000000000000')).toBeUndefined()
    expect(outcome('Audit Failure')).toBe('failure')
    expect(outcome('Audit Success')).toBe('success')
  })
})

describe('mapWindowsEvent: EventData', () => {
  it('maps Sysmon process creation (event 1)', () => {
    const { fields, extra } = mapWindowsEvent(
      sysmon(1, {
        RuleName: '-',
        ProcessId: '3424',
        Image: 'C:\\Windows\\System32\\sc.exe',
        CommandLine: 'sc  stop mpssvc',
        User: 'AR-WIN-1\\Administrator',
        Hashes: 'MD5=6FB10CD439B40D92935F8F6A0C99670A,SHA256=2BF663EA,IMPHASH=803254E0',
        ParentProcessId: '4912',
        ParentImage: 'C:\\Windows\\System32\\cmd.exe',
        ParentCommandLine: 'cmd.exe /c x.bat'
      })
    )
    expect(fields).toMatchObject({
      'event.category': 'process',
      'process.pid': 3424,
      'process.executable': 'C:\\Windows\\System32\\sc.exe',
      'process.name': 'sc.exe',
      'process.command_line': 'sc  stop mpssvc',
      'process.parent.pid': 4912,
      'process.parent.executable': 'C:\\Windows\\System32\\cmd.exe',
      'process.parent.command_line': 'cmd.exe /c x.bat',
      'user.name': 'Administrator',
      'user.domain': 'AR-WIN-1',
      'file.hash.md5': '6fb10cd439b40d92935f8f6a0c99670a',
      'file.hash.sha256': '2bf663ea',
      message: 'Microsoft-Windows-Sysmon 1: sc  stop mpssvc'
    })
    expect(extra).toMatchObject({
      'winlog.event_data.RuleName': '-',
      'winlog.event_data.CommandLine': 'sc  stop mpssvc',
      'winlog.event_data.User': 'AR-WIN-1\\Administrator'
    })
  })

  it('maps Security process creation (4688): hex ids, and ProcessId is the parent there', () => {
    const { fields } = mapWindowsEvent(
      security(4688, {
        SubjectUserSid: 'S-1-5-21-1-2-3-1001',
        SubjectUserName: 'alice',
        SubjectDomainName: 'CORP',
        NewProcessId: '0x1a2b',
        NewProcessName: 'C:\\Windows\\System32\\whoami.exe',
        ProcessId: '0x3e8',
        CommandLine: 'whoami /priv',
        TargetUserName: '-',
        ParentProcessName: 'C:\\Windows\\System32\\cmd.exe'
      })
    )
    expect(fields).toMatchObject({
      'event.category': 'process',
      'process.pid': 0x1a2b,
      'process.name': 'whoami.exe',
      'process.parent.pid': 1000,
      'process.parent.executable': 'C:\\Windows\\System32\\cmd.exe',
      'user.name': 'alice',
      'user.domain': 'CORP',
      'user.id': 'S-1-5-21-1-2-3-1001'
    })
    expect(fields['user.target.name']).toBeUndefined()
  })

  it('makes the target account the user of a logon, with address, port and outcome', () => {
    const { fields } = mapWindowsEvent(
      security(4625, {
        SubjectUserName: 'DC01$',
        TargetUserSid: 'S-1-0-0',
        TargetUserName: 'administrator',
        TargetDomainName: 'CORP',
        LogonType: '3',
        WorkstationName: 'KALI',
        IpAddress: '::ffff:203.0.113.66',
        IpPort: '49152'
      })
    )
    expect(fields).toMatchObject({
      'event.category': 'authentication',
      'event.action': 'logon-failed',
      'event.outcome': 'failure',
      'user.name': 'administrator',
      'user.domain': 'CORP',
      'user.id': 'S-1-0-0',
      'source.ip': '203.0.113.66',
      'source.port': 49152,
      message: 'Microsoft-Windows-Security-Auditing 4625: administrator'
    })
    expect(fields['user.target.name']).toBeUndefined()
  })

  it('keeps subject and target apart outside logons (4648 explicit credentials)', () => {
    const { fields, extra } = mapWindowsEvent(
      security(
        4648,
        {
          SubjectUserName: 'xodih',
          SubjectDomainName: 'SWACHCHHANDA',
          TargetUserName: 'testuser',
          TargetDomainName: 'swachchhanda',
          ProcessId: '0x378',
          ProcessName: 'C:\\Users\\xodih\\LegacyHive.exe',
          IpAddress: '-',
          IpPort: '-'
        },
        '0x8020000000000000'
      )
    )
    expect(fields).toMatchObject({
      'user.name': 'xodih',
      'user.domain': 'SWACHCHHANDA',
      'user.target.name': 'testuser',
      'process.pid': 888,
      'process.name': 'LegacyHive.exe',
      'event.outcome': 'success'
    })
    expect(fields['source.ip']).toBeUndefined()
    expect(extra).toMatchObject({
      'winlog.event_data.IpAddress': '-',
      'winlog.event_data.TargetDomainName': 'swachchhanda',
      'user.target.domain': 'swachchhanda'
    })
  })

  it('maps Sysmon network connections and DNS queries, refusing what is not an address', () => {
    const connection = mapWindowsEvent(
      sysmon(3, {
        Image: 'C:\\Temp\\beacon.exe',
        Protocol: 'tcp',
        SourceIp: '10.0.0.42',
        SourceHostname: 'WS-042.corp.example',
        SourcePort: '50999',
        DestinationIp: '203.0.113.999',
        DestinationHostname: '-',
        DestinationPort: '443'
      })
    ).fields
    expect(connection).toMatchObject({
      'event.category': 'network',
      'network.transport': 'tcp',
      'source.ip': '10.0.0.42',
      'source.domain': 'WS-042.corp.example',
      'source.port': 50999,
      'destination.port': 443
    })
    expect(connection['destination.ip']).toBeUndefined()
    expect(connection['destination.domain']).toBeUndefined()
    const query = mapWindowsEvent(sysmon(22, { QueryName: 'evil.example', QueryStatus: '0' })).fields
    expect(query).toMatchObject({
      'dns.question.name': 'evil.example',
      message: 'Microsoft-Windows-Sysmon 22: evil.example'
    })
    const wfp = mapWindowsEvent(
      security(5156, {
        SourceAddress: '192.168.3.5',
        DestAddress: '192.168.2.5',
        DestPort: '8080',
        Protocol: '6'
      })
    )
    expect(wfp.fields).toMatchObject({
      'source.ip': '192.168.3.5',
      'destination.ip': '192.168.2.5',
      'destination.port': 8080,
      'network.transport': 'tcp'
    })
  })

  it('maps files, loaded images and services', () => {
    expect(
      mapWindowsEvent(sysmon(11, { TargetFilename: 'C:\\Users\\x\\AppData\\Local\\Temp\\procdump.exe' }))
        .fields
    ).toMatchObject({
      'file.path': 'C:\\Users\\x\\AppData\\Local\\Temp\\procdump.exe',
      'file.name': 'procdump.exe',
      'event.category': 'file'
    })
    expect(
      mapWindowsEvent(sysmon(7, { ImageLoaded: 'C:\\Windows\\System32\\dbgcore.dll' })).fields['file.name']
    ).toBe('dbgcore.dll')
    const service: WindowsEvent = {
      system: { providerName: 'Service Control Manager', eventId: 7045, channel: 'System' },
      eventData: { ServiceName: 'PSEXESVC', ImagePath: '%SystemRoot%\\PSEXESVC.exe' }
    }
    expect(mapWindowsEvent(service).fields).toMatchObject({ 'service.name': 'PSEXESVC' })
  })

  it('reads UserData leaves by name below the root element', () => {
    const { fields, extra } = mapWindowsEvent({
      system: { providerName: 'Microsoft-Windows-Eventlog', eventId: 1102, channel: 'Security' },
      eventData: {},
      userData: {
        LogFileCleared: {
          '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
          SubjectUserSid: 'S-1-5-21-1-2-3-500',
          SubjectUserName: 'admin',
          SubjectDomainName: 'CORP',
          Detail: { '#attributes': { kind: 'x' }, '#text': 'cleared' }
        }
      }
    })
    expect(fields).toMatchObject({
      'user.name': 'admin',
      'user.domain': 'CORP',
      'user.id': 'S-1-5-21-1-2-3-500'
    })
    expect(extra).toMatchObject({
      'winlog.user_data.SubjectUserName': 'admin',
      'winlog.user_data.Detail': 'cleared'
    })
    expect(Object.keys(extra).some((key) => key.includes('xmlns'))).toBe(false)
  })

  it('keeps an EventData value whose name is also a System name apart from the System value', () => {
    const { fields, extra } = mapWindowsEvent({
      system: { eventId: 1, channel: 'Application' },
      eventData: { Channel: 'other' }
    })
    expect(fields['winlog.channel']).toBe('Application')
    expect(extra).toMatchObject({ 'winlog.event_id': 1, 'winlog.event_data.Channel': 'other' })
  })

  it('prefers a rendered message and cuts a long headline', () => {
    expect(mapWindowsEvent({ ...sysmon(1, {}), message: '  Process Create:\r\nx  ' }).fields['message']).toBe(
      'Process Create:\r\nx'
    )
    const long = mapWindowsEvent(sysmon(1, { CommandLine: 'x'.repeat(500) })).fields['message']
    expect(String(long)).toHaveLength(201)
  })
})
