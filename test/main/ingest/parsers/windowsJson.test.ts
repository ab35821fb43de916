// Windows events as JSON in every shape a responder is handed: evtx_dump (SigmaHQ's regression data, read
// in place), Winlogbeat/ECS, flat exports (nxlog and Azure, in the OTRF datasets, read from their zips with
// `unzip -p`) and Get-WinEvent | ConvertTo-Json, all through the one Windows mapping.

import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { ParserOptions } from '../../../../src-main/core/ingest/parser'
import { cloudTrailFormat } from '../../../../src-main/core/ingest/parsers/cloudTrail'
import { jsonFormat } from '../../../../src-main/core/ingest/parsers/jsonGeneric'
import { windowsJsonFormat } from '../../../../src-main/core/ingest/parsers/windowsJson'
import { DATASETS, fixtureText, hasUnzip, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import {
  eventsOf,
  expectEachRecordSettled,
  expectJsonFixtureGolden,
  type Settled,
  settleJson
} from './parserHarness'

const UTC: ParserOptions = { timeZone: 'UTC', referenceYear: 2026 }
const REGRESSION_DATA = join(DATASETS, 'sigmahq-sigma/regression_data')
const OTRF = join(DATASETS, 'otrf-security-datasets/datasets')
const HAVE_REGRESSION_DATA = existsSync(REGRESSION_DATA)
const HAVE_OTRF = existsSync(OTRF) && hasUnzip()
if (!HAVE_REGRESSION_DATA) console.warn(`skipping evtx_dump real-data tests: ${REGRESSION_DATA} is absent`)
if (!HAVE_OTRF) console.warn(`skipping OTRF real-data tests: ${OTRF} or unzip is absent`)

const settle = (text: string, options = UTC): Settled => settleJson(windowsJsonFormat.create(options), text)

function rejections(settled: Settled): string[] {
  return settled.outcomes.flatMap((outcome) => (outcome.kind === 'rejected' ? [outcome.reason] : []))
}

function only(text: string): NormalisedEvent {
  const settled = settle(text)
  expect(rejections(settled)).toEqual([])
  const [event] = eventsOf(settled.outcomes)
  return event
}

describe('windows_json: golden files', () => {
  for (const fixture of ['get-winevent.json', 'winlogbeat.jsonl']) {
    it(`${fixture} parses to ${fixture}.expected.json, every record settled once`, () => {
      expectJsonFixtureGolden(windowsJsonFormat.create(UTC), fixture, [])
    })
  }
})

describe('windows_json: Get-WinEvent | ConvertTo-Json', () => {
  const [failedLogon, processCreate] = eventsOf(settle(fixtureText('get-winevent.json')).outcomes)

  it('names Security properties from the event template and reads /Date(ms)/', () => {
    // /Date(1773479521123)/ is 2026-03-14T09:12:01.123Z (python3 datetime.fromtimestamp(1773479521.123, UTC)).
    expect(new Date(failedLogon.timestamp).toISOString()).toBe('2026-03-14T09:12:01.123Z')
    expect(failedLogon.fields).toMatchObject({
      'event.code': '4625',
      'winlog.channel': 'Security',
      'host.name': 'DC01.corp.example',
      'event.outcome': 'failure',
      'event.category': 'authentication',
      'user.name': 'administrator',
      'user.domain': 'CORP',
      'source.ip': '203.0.113.66',
      'source.port': 49152
    })
    expect(failedLogon.fields['message']).toMatch(/^An account failed to log on\./)
    expect(failedLogon.extra).toMatchObject({
      'winlog.event_data.TargetUserSid': 'S-1-0-0',
      'winlog.readable.event_data.TargetUserSid': 'NULL SID',
      'winlog.event_data.LogonType': '3',
      'winlog.logon.type': 'Network',
      'winlog.event_data.WorkstationName': 'KALI',
      // -1073741718 is the signed reading of 0xc000006a (python3: hex(-1073741718 & 0xffffffff)).
      'winlog.event_data.Status': '-1073741718',
      'winlog.logon.failure.status': 'bad password',
      // -9218868437227405312 is the signed reading of 0x8010000000000000 (Audit Failure).
      'winlog.keywords': '0x8010000000000000',
      'winlog.keyword_names': 'Audit Failure',
      'winlog.task': 12544,
      'winlog.task_name': 'Logon'
    })
  })

  it("names Sysmon properties from the lines of Sysmon's own message and reads an ISO time with offset", () => {
    expect(new Date(processCreate.timestamp).toISOString()).toBe('2026-03-14T09:12:02.500Z')
    expect(processCreate.fields).toMatchObject({
      'process.pid': 4242,
      'process.command_line': 'whoami /all',
      'process.name': 'whoami.exe',
      'process.parent.pid': 1000,
      'user.name': 'alice',
      'file.hash.sha256': 'aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999'
    })
    expect(processCreate.extra).toMatchObject({
      'winlog.user.identifier': 'S-1-5-18',
      'winlog.readable.user.identifier': 'NT AUTHORITY\\SYSTEM',
      'winlog.event_data.ProcessGuid': '8a3e1c5d-0000-0000-0000-000000000100'
    })
  })

  it('names properties param<N> when nothing else names them', () => {
    const event = only(
      '{"Id":7036,"ProviderName":"Service Control Manager","LogName":"System","TimeCreated":"/Date(1773479521000)/","Properties":[{"Value":"Print Spooler"},{"Value":"stopped"}]}'
    )
    expect(event.extra).toMatchObject({
      'winlog.event_data.param1': 'Print Spooler',
      'winlog.event_data.param2': 'stopped'
    })
    expect(event.fields).toMatchObject({
      'service.name': 'Print Spooler',
      'event.action': 'service-state-changed'
    })
  })
})

describe('windows_json: Winlogbeat', () => {
  const [logon, connection] = eventsOf(settle(fixtureText('winlogbeat.jsonl')).outcomes)

  it('maps winlog.* through the Windows mapping and keeps the ECS fields Winlogbeat set', () => {
    expect(logon.fields).toMatchObject({
      'event.code': '4624',
      'event.action': 'logged-in',
      'event.outcome': 'success',
      'winlog.channel': 'Security',
      'host.name': 'DC01.corp.example',
      'user.name': 'alice',
      'source.ip': '198.51.100.23',
      'source.port': 50512,
      'source.domain': 'WS-042',
      'log.level': 'information',
      message: 'An account was successfully logged on.'
    })
    expect(logon.extra).toMatchObject({
      'winlog.event_data.LogonType': '3',
      'winlog.logon.type': 'Network',
      'winlog.logon.id': '0x3e7',
      'agent.type': 'winlogbeat',
      'related.user': '["alice"]',
      'winlog.keywords': 'Audit Success',
      'winlog.task': 'Logon'
    })
    expect(connection.fields).toMatchObject({
      'event.code': '3',
      'event.category': 'network',
      'destination.ip': '203.0.113.80',
      'destination.port': 443,
      'process.name': 'beacon.exe'
    })
  })
})

describe('windows_json: Winlogbeat 6', () => {
  it('reads the flat Winlogbeat 6 document: event_id, log_name, source_name, event_data', () => {
    const event = only(
      '{"@timestamp":"2019-05-18T20:19:20.052Z","@metadata":{"beat":"winlogbeat","version":"6.7.0"},"event_id":4103,"log_name":"Microsoft-Windows-PowerShell/Operational","source_name":"Microsoft-Windows-PowerShell","computer_name":"HR001.shire.com","record_number":"1234","process_id":5204,"thread_id":5484,"level":"Information","event_data":{"ContextInfo":"HostApplication=powershell.exe -enc SQBmAA==","Payload":"Start-Sleep"},"message":"Pipeline execution details"}'
    )
    expect(new Date(event.timestamp).toISOString()).toBe('2019-05-18T20:19:20.052Z')
    expect(event.fields).toMatchObject({
      'event.code': '4103',
      'event.provider': 'Microsoft-Windows-PowerShell',
      'winlog.channel': 'Microsoft-Windows-PowerShell/Operational',
      'host.name': 'HR001.shire.com'
    })
    expect(event.extra).toMatchObject({
      'winlog.event_data.Payload': 'Start-Sleep',
      'winlog.record_id': 1234
    })
    // ContextInfo's HostApplication line is the PowerShell host's command line
    expect(event.fields['process.command_line']).toBe('powershell.exe -enc SQBmAA==')
  })
})

describe('windows_json: evtx_dump shapes', () => {
  const system =
    '"System":{"Provider":{"#attributes":{"Name":"Service Control Manager","EventSourceName":"Service Control Manager"}},' +
    '"EventID":{"#attributes":{"Qualifiers":16384},"#text":7036},"Level":4,"TimeCreated":{"#attributes":{"SystemTime":"2026-03-14T09:12:01.999999Z"}},' +
    '"Channel":"System","Computer":"WS-042","Security":null}'

  it('reads EventID with Qualifiers and unnamed Data as param1, param2 …', () => {
    const event = only(
      `{"Event":{${system},"EventData":{"Data":{"#text":["Print Spooler","stopped"]},"Binary":"0102"}}}`
    )
    expect(event.timestamp).toBe(1_773_479_521_999)
    expect(event.fields['event.code']).toBe('7036')
    expect(event.extra).toMatchObject({
      'winlog.qualifiers': 16384,
      'winlog.event_data.param1': 'Print Spooler',
      'winlog.event_data.param2': 'stopped',
      'winlog.event_data.Binary': '0102'
    })
    const list = only(`{"Event":{${system},"EventData":{"Data":["a", 5, null]}}}`)
    expect(list.extra).toMatchObject({
      'winlog.event_data.param1': 'a',
      'winlog.event_data.param2': '5',
      'winlog.event_data.param3': ''
    })
    const named = only(
      `{"Event":{${system},"EventData":{"#attributes":{"Name":"x"},"Data":[{"#attributes":{"Name":"ServiceName"},"#text":"Spooler"}]}}}`
    )
    expect(named.fields['service.name']).toBe('Spooler')
    const single = only(
      `{"Event":{${system},"EventData":{"Data":{"#attributes":{"Name":"ServiceName"},"#text":"Spooler"}}}}`
    )
    expect(single.fields['service.name']).toBe('Spooler')
  })

  it('reads UserData and an empty EventData', () => {
    const event = only(
      `{"Event":{${system},"UserData":{"LogFileCleared":{"#attributes":{"xmlns":"x"},"SubjectUserName":"admin"}}}}`
    )
    expect(event.fields['user.name']).toBe('admin')
    expect(only(`{"Event":{${system},"EventData":null}}`).fields['event.code']).toBe('7036')
  })

  it('rejects a document without a usable time, and JSON that is no Windows event', () => {
    const settled = settle(
      [
        '{"Event":{"System":{"EventID":1,"TimeCreated":{"#attributes":{"SystemTime":"soon"}}}}}',
        '{"Event":{"System":{"EventID":1}}}',
        '{"winlog":{"event_id":4624,"channel":"Security"}}',
        '{"timestamp":"2026-03-14T09:12:01Z","msg":"hello"}'
      ].join('\n')
    )
    expect(rejections(settled)).toEqual([
      "System.TimeCreated.SystemTime 'soon' is not a date-time",
      'no event time: the document has no System.TimeCreated.SystemTime',
      'no event time: the document has no @timestamp',
      expect.stringMatching(/^not a Windows event: expected Event\.System \(evtx_dump\)/) as string
    ])
  })
})

describe('windows_json: flat exports', () => {
  it('reads an nxlog line: @timestamp before the local EventTime, Hostname, SourceName, fields at top level', () => {
    const event = only(
      '{"EventTime":"2020-06-09 22:50:54","@timestamp":"2020-06-10T02:50:56.537Z","Hostname":"WS6.mordor.local","SourceName":"Microsoft-Windows-Sysmon","EventID":13,"Channel":"Microsoft-Windows-Sysmon/Operational","RecordNumber":713650,"Keywords":-9214364837600034816,"ExecutionProcessID":3500,"ThreadID":4168,"UserID":"S-1-5-18","Image":"C:\\\\x\\\\SearchUI.exe","TargetObject":"HKU\\\\x","Message":"Registry value set:\\r\\nRuleName: -","tags":["mordorDataset"]}'
    )
    expect(new Date(event.timestamp).toISOString()).toBe('2020-06-10T02:50:56.537Z')
    expect(event.fields).toMatchObject({
      'event.code': '13',
      'event.provider': 'Microsoft-Windows-Sysmon',
      'event.category': 'registry',
      'host.name': 'WS6.mordor.local',
      'process.name': 'SearchUI.exe',
      'event.outcome': 'success',
      message: 'Registry value set:\r\nRuleName: -'
    })
    expect(event.extra).toMatchObject({
      'winlog.record_id': 713650,
      'winlog.keywords': '0x8020000000000000',
      'winlog.process.pid': 3500,
      'winlog.process.thread.id': 4168,
      'winlog.user.identifier': 'S-1-5-18',
      'winlog.event_data.TargetObject': 'HKU\\x',
      'registry.path': 'HKU\\x',
      'winlog.event_data.EventTime': '2020-06-09 22:50:54',
      'winlog.event_data.tags': '["mordorDataset"]'
    })
  })

  it('reads an Azure Log Analytics Event row: channel in EventLog, provider in Source', () => {
    const event = only(
      '{"TimeGenerated":"2021-08-02T13:05:33.483Z","Source":"MSSQL$MICROSOFT##WID","EventLog":"Application","Computer":"ADFS01.simulandlabs.com","EventID":33205,"EventLevelName":"Audit Success"}'
    )
    expect(new Date(event.timestamp).toISOString()).toBe('2021-08-02T13:05:33.483Z')
    expect(event.fields).toMatchObject({
      'event.code': '33205',
      'event.provider': 'MSSQL$MICROSOFT##WID',
      'winlog.channel': 'Application',
      'host.name': 'ADFS01.simulandlabs.com'
    })
  })

  it('reads a local TimeCreated in the declared zone when no zoned time exists', () => {
    const line =
      '{"TimeCreated":"2020-10-18 07:50:06.220","EventID":4689,"Channel":"Security","Hostname":"WS5"}'
    const settled = settle(line, { timeZone: 'America/New_York', referenceYear: 2020 })
    expect(new Date(eventsOf(settled.outcomes)[0].timestamp).toISOString()).toBe('2020-10-18T11:50:06.220Z')
  })

  it('reads Azure EventData kept as JSON text or as event XML', () => {
    const json = only(
      '{"TimeGenerated":"2022-05-13T08:54:06.347Z","Provider":"Microsoft-Windows-Sysmon","Channel":"Microsoft-Windows-Sysmon/Operational","Computer":"WS5","EventID":3,"EventData":"{\\"SourceIp\\":\\"192.168.3.5\\",\\"DestinationPort\\":\\"8080\\"}"}'
    )
    expect(json.fields).toMatchObject({
      'source.ip': '192.168.3.5',
      'destination.port': 8080,
      'host.name': 'WS5'
    })
    const xml = only(
      '{"TimeGenerated":"2022-05-13T08:54:05.21Z","EventSourceName":"Microsoft-Windows-Security-Auditing","Channel":"Security","Computer":"WS5","EventID":5156,"EventData":"<EventData xmlns=\\"x\\">\\r\\n  <Data Name=\\"Application\\">a &amp; b</Data>\\r\\n  <Data Name=\\"DestAddress\\">192.168.2.5</Data>\\r\\n  <Data Name=\\"Empty\\" />\\r\\n</EventData>"}'
    )
    expect(xml.fields).toMatchObject({
      'destination.ip': '192.168.2.5',
      'event.provider': 'Microsoft-Windows-Security-Auditing'
    })
    expect(xml.extra).toMatchObject({
      'winlog.event_data.Application': 'a & b',
      'winlog.event_data.Empty': ''
    })
  })
})

describe('windows_json: sniffing', () => {
  it('scores its own fixtures 1 and every other fixture 0', () => {
    for (const fixture of ['get-winevent.json', 'winlogbeat.jsonl']) {
      expect(windowsJsonFormat.sniff(readFixtureLines(fixture)), fixture).toBe(1)
    }
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !name.endsWith('.expected.json') && !['get-winevent.json', 'winlogbeat.jsonl'].includes(name)
    )
    expect(others.length).toBeGreaterThan(5)
    for (const fixture of others) expect(windowsJsonFormat.sniff(readFixtureLines(fixture)), fixture).toBe(0)
  })
})

/** Every evtx_dump JSON file of the regression data (the .json samples and the one .jsoncls). */
function regressionJsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name)
    if (statSync(path).isDirectory()) return regressionJsonFiles(path)
    return /\.jsoncls$|\.json$/.test(name) ? [path] : []
  })
}

describe.skipIf(!HAVE_REGRESSION_DATA)('windows_json on SigmaHQ regression data (evtx_dump output)', () => {
  const files = HAVE_REGRESSION_DATA ? regressionJsonFiles(REGRESSION_DATA) : []
  const parsed = files.map((path) => {
    const text = readFileSync(path, 'utf8')
    return { path, text, settled: settle(text) }
  })
  const all = parsed.flatMap(({ settled }) => eventsOf(settled.outcomes))

  it('frames and parses every document of all 105 files with no rejection', () => {
    // `find … -name '*.json' -o -name '*.jsoncls' | wc -l` is 105; summing `jq -c . FILE | wc -l` over
    // them gives 123 documents.
    expect(files).toHaveLength(105)
    for (const { path, text, settled } of parsed) {
      // Counted independently per file: evtx_dump opens each document with a line that is just '{'.
      const documents = text.split(/\r?\n/).filter((line) => line === '{').length
      expect(settled.records, path).toHaveLength(documents)
      expectEachRecordSettled(settled)
      expect(rejections(settled), path).toEqual([])
      expect(eventsOf(settled.outcomes), path).toHaveLength(documents)
    }
    expect(all).toHaveLength(123)
  })

  it('counts events per EventID as jq does', () => {
    // jq -r '.Event.System.EventID' over all files | sort | uniq -c
    const byCode = new Map<string, number>()
    for (const event of all) {
      const code = String(event.fields['event.code'])
      byCode.set(code, (byCode.get(code) ?? 0) + 1)
    }
    expect(Object.fromEntries(byCode)).toEqual({
      '1': 84,
      '7': 3,
      '10': 1,
      '11': 13,
      '12': 2,
      '13': 16,
      '16': 1,
      '17': 1,
      '1119': 1,
      '4648': 1
    })
    // jq -r '.Event.EventData.CommandLine // empty' | wc -l
    expect(all.filter((event) => event.fields['process.command_line'] !== undefined)).toHaveLength(84)
  })

  it('agrees with the raw JSON on EventID, Channel, Computer, CommandLine and time for every event', () => {
    for (const event of all) {
      const raw = JSON.parse(event.raw) as {
        Event: {
          System: {
            EventID: number
            Channel: string
            Computer: string
            TimeCreated: { '#attributes': { SystemTime: string } }
          }
          EventData: Record<string, unknown>
        }
      }
      const { System: system, EventData: data } = raw.Event
      expect(event.fields['event.code']).toBe(String(system.EventID))
      expect(event.extra?.['winlog.event_id']).toBe(system.EventID)
      expect(event.fields['winlog.channel']).toBe(system.Channel)
      expect(event.extra?.['winlog.computer_name']).toBe(system.Computer)
      expect(event.fields['host.name']).toBe(system.Computer)
      expect(event.fields['process.command_line']).toBe(data['CommandLine'] ?? undefined)
      if (data['CommandLine'] !== undefined) {
        expect(event.extra?.['winlog.event_data.CommandLine']).toBe(data['CommandLine'])
      }
      expect(event.timestamp).toBe(Date.parse(system.TimeCreated['#attributes'].SystemTime))
    }
  })

  it('spot-checks values read with jq from three files', () => {
    const find = (fragment: string) => parsed.find(({ path }) => path.includes(fragment))
    // jq '[.Event.EventData.CommandLine, .ParentImage, .Hashes, .User, .ProcessId]' on the .jsoncls file
    const [stop] = eventsOf(
      (find('81bcb81b-5b1f-474b-b373-52c871aaa7b1.jsoncls')?.settled ?? settle('')).outcomes
    )
    expect(stop.fields).toMatchObject({
      'process.command_line': 'sc  stop mpssvc',
      'process.parent.executable': 'C:\\Windows\\System32\\cmd.exe',
      'file.hash.md5': '6fb10cd439b40d92935f8f6a0c99670a',
      'user.name': 'Administrator',
      'user.domain': 'AR-WIN-1',
      'process.pid': 3424,
      'host.name': 'ar-win-1'
    })
    // The Security 4648 sample: SubjectUserName xodih, TargetUserName testuser, ProcessId 0x378 (= 888),
    // Keywords 0x8020000000000000 (Audit Success).
    const [explicit] = eventsOf(
      (find('e3c6d245-7b8f-4e2a-c17f-a9d0e5b38f62')?.settled ?? settle('')).outcomes
    )
    expect(explicit.fields).toMatchObject({
      'user.name': 'xodih',
      'user.target.name': 'testuser',
      'process.pid': 888,
      'event.outcome': 'success',
      'event.category': 'authentication'
    })
    // The netexec sample holds 7 Sysmon 11 events; the first and last TargetFilename and SystemTime.
    const created = eventsOf((find('efc21479-9e83-41da-8cf1-122e06ba8db3')?.settled ?? settle('')).outcomes)
    expect(created).toHaveLength(7)
    expect(created[0].fields['file.name']).toBe('RestartKeePass.ps1')
    expect(created[6].fields['file.name']).toBe('Exec_Command_Silent.vbs')
    expect(new Date(created[6].timestamp).toISOString()).toBe('2026-04-08T10:58:04.888Z')
    // The Defender sample: Level 2 and EventData names with spaces kept as they are.
    const defender = all.find((event) => event.fields['event.code'] === '1119')
    expect(defender?.fields['log.level']).toBe('error')
    expect(defender?.extra).toHaveProperty(['winlog.event_data.Detection User'])
  })

  it('sniffs each file as windows_json, above the generic JSON reader', () => {
    for (const { path, text } of parsed) {
      const sample = text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .slice(0, 200)
      expect(windowsJsonFormat.sniff(sample), path).toBe(1)
      expect(jsonFormat.sniff(sample), path).toBeLessThan(1)
      expect(cloudTrailFormat.sniff(sample), path).toBe(0)
    }
  })
})

describe.skipIf(!HAVE_OTRF)('windows_json on OTRF host datasets (flat JSON lines)', () => {
  const unzip = (path: string) =>
    execFileSync('unzip', ['-p', join(OTRF, path)], { maxBuffer: 1 << 28 }).toString()

  it('psh_lsass_memory_dump_comsvcs: 184 events, 68 Sysmon 10 (process access)', () => {
    const settled = settle(unzip('atomic/windows/credential_access/host/psh_lsass_memory_dump_comsvcs.zip'))
    expectEachRecordSettled(settled)
    expect(rejections(settled)).toEqual([])
    // unzip -p … | jq -c . | wc -l → 184; jq -r '[.EventID, .Channel]' | sort | uniq -c → 68 × Sysmon 10.
    const all = eventsOf(settled.outcomes)
    expect(all).toHaveLength(184)
    const access = all.filter(
      (event) =>
        event.fields['event.code'] === '10' &&
        event.fields['winlog.channel'] === 'Microsoft-Windows-Sysmon/Operational'
    )
    expect(access).toHaveLength(68)
    // jq -r 'select(.EventID==10) | .TargetImage' | sort | uniq -c → 2 × C:\windows\system32\lsass.exe
    expect(
      access.filter(
        (event) => event.extra?.['winlog.event_data.TargetImage'] === 'C:\\windows\\system32\\lsass.exe'
      )
    ).toHaveLength(2)
  })

  it('Log4Shell Security auditing (Azure, XML EventData): 39 events, 5 with a destination port', () => {
    const settled = settle(
      unzip('compound/Log4Shell/securityauditing_log4shell_cve2021_44228_java_serialized_object.zip')
    )
    expect(rejections(settled)).toEqual([])
    const all = eventsOf(settled.outcomes)
    // jq -c . | wc -l → 39; grep -o 'Name="DestPort">[0-9]*' over the EventData XML → 1389, 443, 80, 80, 8080.
    expect(all).toHaveLength(39)
    const ports = all.flatMap((event) =>
      event.fields['destination.port'] === undefined ? [] : [event.fields['destination.port']]
    )
    expect(ports.sort()).toEqual([1389, 443, 80, 80, 8080].sort())
    // jq -r '.TimeGenerated' | sort → first 2022-05-13T08:54:05.21Z, last 2022-05-13T08:54:11.657Z.
    const times = all.map((event) => event.timestamp).sort((a, b) => a - b)
    expect(new Date(times[0]).toISOString()).toBe('2022-05-13T08:54:05.210Z')
    expect(new Date(times[times.length - 1]).toISOString()).toBe('2022-05-13T08:54:11.657Z')
  })
})
