// Sigma rules name Windows fields as Windows does (EventID, Provider_Name, CommandLine, Param1, ThreatName);
// these reach the values the Windows mapping keeps under winlog.* through the windows logsource of
// resources/sigma/logsources.yml, for Windows JSON and EVTX evidence alike.

import { describe, expect, it } from 'vitest'
import type { LogFormat } from '../../../../src-main/common/domain'
import { builtinSigma } from '../../../../src-main/core/detect/sigma/builtinSigma'
import { SigmaRuleSet } from '../../../../src-main/core/detect/sigma/ruleSet'
import {
  mapWindowsEvent,
  type WindowsEvent
} from '../../../../src-main/core/ingest/parsers/windowsEventMapping'

const RULE_ID = '00000000-0000-4000-8000-0000000000e1'

function matches(logsource: string, detection: string[], windows: WindowsEvent, format: LogFormat): boolean {
  const yaml = [
    'title: test rule',
    `id: ${RULE_ID}`,
    `logsource: ${logsource}`,
    'detection:',
    ...detection.map((line) => `  ${line}`)
  ].join('\n')
  const ruleSet = new SigmaRuleSet([{ path: 'test.yml', text: yaml }], builtinSigma().logsources, {})
  expect(ruleSet.support[0].status, ruleSet.support[0].reason).toBe('loaded')
  const { fields, extra } = mapWindowsEvent(windows)
  const matched: string[] = []
  ruleSet
    .indexFor(format)
    .match({ timestamp: 0, fields, extra, raw: '' }, (compiled) => matched.push(compiled.rule.id))
  return matched.includes(RULE_ID)
}

const failedLogon: WindowsEvent = {
  system: {
    providerName: 'Microsoft-Windows-Security-Auditing',
    providerGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    eventId: 4625,
    level: 0,
    keywords: '0x8010000000000000',
    eventRecordId: 88231,
    processId: 712,
    channel: 'Security',
    computer: 'DC01.corp.example'
  },
  eventData: { TargetUserName: 'svc_backup', LogonType: '3', Status: '0xc000006d', IpAddress: '203.0.113.66' }
}

const rdpAuthentication: WindowsEvent = {
  system: {
    providerName: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
    eventId: 1149,
    channel: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
    userId: 'S-1-5-20'
  },
  eventData: {},
  userData: { EventXML: { Param1: 'mlee', Param2: 'CORP', Param3: '203.0.113.66' } }
}

const defenderDetection: WindowsEvent = {
  system: {
    providerName: 'Microsoft-Windows-Windows Defender',
    eventId: 1116,
    channel: 'Microsoft-Windows-Windows Defender/Operational'
  },
  eventData: { 'Threat Name': 'HackTool:Win32/Mimikatz!pz', Path: 'file:_C:\\Temp\\mimikatz.exe' }
}

describe.each<LogFormat>(['windows_json', 'evtx'])(
  'Sigma field names on mapped Windows events (%s)',
  (format) => {
    it('reads System names through the explicit mapping', () => {
      const system = [
        'selection:',
        '  EventID: 4625',
        '  Channel: Security',
        '  Provider_Name: Microsoft-Windows-Security-Auditing',
        '  Computer: DC01.corp.example',
        '  Level: 0',
        "  Keywords: '0x8010000000000000'",
        '  EventRecordID: 88231',
        '  Execution_ProcessID: 712',
        'condition: selection'
      ]
      expect(matches('{ product: windows, service: security }', system, failedLogon, format)).toBe(true)
      const otherHost = system.map((line) => line.replace('DC01.corp.example', 'DC02.corp.example'))
      expect(matches('{ product: windows, service: security }', otherHost, failedLogon, format)).toBe(false)
    })

    it('reads EventData names under winlog.event_data. and Cairn’s own dotted names as written', () => {
      const detection = [
        'selection:',
        '  TargetUserName: svc_backup',
        '  LogonType: 3',
        "  Status: '0xC000006D'",
        "  IpAddress|cidr: '203.0.113.0/24'",
        '  winlog.logon.type: Network',
        "  winlog.logon.failure.status: 'bad user name or password'",
        'condition: selection'
      ]
      expect(matches('{ product: windows, service: security }', detection, failedLogon, format)).toBe(true)
      const wrongUser = ['selection:', '  TargetUserName: alice', 'condition: selection']
      expect(matches('{ product: windows, service: security }', wrongUser, failedLogon, format)).toBe(false)
    })

    it('reads UserData names under winlog.user_data.', () => {
      const detection = [
        'selection:',
        '  Provider_Name: Microsoft-Windows-TerminalServices-RemoteConnectionManager',
        '  EventID: 1149',
        '  Param1: mlee',
        "  Param3|startswith: '203.0.113.'",
        'condition: selection'
      ]
      expect(matches('{ product: windows }', detection, rdpAuthentication, format)).toBe(true)
    })

    it('finds Defender’s spaced EventData names from the unspaced names rules use', () => {
      const byName = ['selection:', "  ThreatName|contains: 'Mimikatz'", 'condition: selection']
      expect(matches('{ product: windows, service: windefend }', byName, defenderDetection, format)).toBe(
        true
      )
      const bySignature = [
        'selection:',
        "  Signature|startswith: 'HackTool:'",
        "  Filename|endswith: '\\mimikatz.exe'",
        'condition: selection'
      ]
      expect(
        matches('{ product: windows, category: antivirus }', bySignature, defenderDetection, format)
      ).toBe(true)
    })

    it('reads Image as NewProcessName on Security 4688 and as Image on Sysmon 1', () => {
      const detection = ['selection:', "  Image|endswith: '\\whoami.exe'", 'condition: selection']
      const security: WindowsEvent = {
        system: { providerName: 'Microsoft-Windows-Security-Auditing', eventId: 4688, channel: 'Security' },
        eventData: { NewProcessName: 'C:\\Windows\\System32\\whoami.exe' }
      }
      const sysmon: WindowsEvent = {
        system: {
          providerName: 'Microsoft-Windows-Sysmon',
          eventId: 1,
          channel: 'Microsoft-Windows-Sysmon/Operational'
        },
        eventData: { Image: 'C:\\Windows\\System32\\whoami.exe' }
      }
      const category = '{ product: windows, category: process_creation }'
      expect(matches(category, detection, security, format)).toBe(true)
      expect(matches(category, detection, sysmon, format)).toBe(true)
    })
  }
)
