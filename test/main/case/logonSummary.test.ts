// The Windows logon summary and source breakdown over a real case: Winlogbeat JSON written here, imported
// through the app's own worker-thread import into sql.js shards, then asked for through the contract's
// dispatch. Every expected count is worked out by hand from the lines below.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { dispatch } from '../../../src-main/core/app/dispatch'
import { createHandlers } from '../../../src-main/core/app/handlers'
import type { Envelope } from '../../../src-main/common/errors'
import type { LogonSummary, WindowsSourceBreakdown } from '../../../src-main/common/windows'
import { tempDir } from '../helpers/tempDir'

const SECURITY = 'Microsoft-Windows-Security-Auditing'
const T0 = Date.UTC(2026, 2, 14, 9, 0, 0)
const MINUTE = 60_000

interface Line {
  at: number
  id: number
  provider?: string
  channel?: string
  data?: Record<string, string>
}

function winlogbeat({ at, id, provider = SECURITY, channel = 'Security', data = {} }: Line): string {
  return JSON.stringify({
    '@timestamp': new Date(at).toISOString(),
    winlog: {
      channel,
      provider_name: provider,
      event_id: id,
      computer_name: 'DC01.corp.example',
      event_data: data
    }
  })
}

const logon = (
  user: string,
  domain: string,
  ip: string,
  type: string,
  extra: Record<string, string> = {}
) => ({
  TargetUserName: user,
  TargetDomainName: domain,
  IpAddress: ip,
  LogonType: type,
  ...extra
})
const BAD_PASSWORD = { Status: '0xc000006d', SubStatus: '0xc000006a' }

/** Security.jsonl: 2 alice successes, 3 administrator failures, 1 bob failure, plus three non-logons. */
const SECURITY_LINES: Line[] = [
  { at: T0, id: 4624, data: logon('alice', 'CORP', '198.51.100.23', '3') },
  { at: T0 + 1 * MINUTE, id: 4625, data: logon('administrator', 'CORP', '203.0.113.66', '3', BAD_PASSWORD) },
  { at: T0 + 2 * MINUTE, id: 4625, data: logon('administrator', 'CORP', '203.0.113.66', '3', BAD_PASSWORD) },
  { at: T0 + 3 * MINUTE, id: 4625, data: logon('administrator', 'CORP', '203.0.113.66', '3', BAD_PASSWORD) },
  {
    at: T0 + 4 * MINUTE,
    id: 4625,
    data: logon('bob', 'CORP', '-', '10', { WorkstationName: 'KALI', Status: '0xc0000234', SubStatus: '0x0' })
  },
  { at: T0 + 5 * MINUTE, id: 4624, data: logon('alice', 'CORP', '198.51.100.23', '3') },
  // Not Security logons: the same id from another provider, and a Sysmon process creation.
  { at: T0 + 6 * MINUTE, id: 4624, provider: 'Acme-Agent', channel: 'Application', data: { LogonType: '3' } },
  {
    at: T0 + 7 * MINUTE,
    id: 1,
    provider: 'Microsoft-Windows-Sysmon',
    channel: 'Microsoft-Windows-Sysmon/Operational',
    data: { Image: 'C:\\Windows\\System32\\cmd.exe' }
  },
  { at: T0 + 8 * MINUTE, id: 4672, data: { SubjectUserName: 'alice' } }
]
const OTHER_HOST_LINES: Line[] = [
  { at: T0 + 30 * MINUTE, id: 4624, data: logon('carol', 'CORP', '10.0.0.5', '2') }
]

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function caseWithWindowsEvidence() {
  const app = new CairnApp({ home: new CairnHome(tempDir()), sigmaDuringImport: false })
  apps.push(app)
  const { id: caseId } = await app.createCase('Windows logons', 'UTC')
  const dir = tempDir()
  const files = [join(dir, 'security.jsonl'), join(dir, 'other-host.jsonl')]
  writeFileSync(files[0], SECURITY_LINES.map(winlogbeat).join('\n') + '\n')
  writeFileSync(files[1], OTHER_HOST_LINES.map(winlogbeat).join('\n') + '\n')
  const results = await app.ingestAndWait(
    caseId,
    files.map((path) => ({ path })),
    { format: 'windows_json' }
  )
  expect(results.map((result) => result.error)).toEqual([undefined, undefined])
  const [security, otherHost] = results.map((result) => result.summaries![0].evidence)
  expect(security).toMatchObject({ format: 'windows_json', events: SECURITY_LINES.length })
  const handlers = createHandlers(app, { mode: 'browser', version: 'test' })
  const call = <T>(name: string, payload: unknown) =>
    dispatch(handlers, name, payload) as Promise<Envelope<T>>
  return { caseId, security, otherHost, call }
}

function dataOf<T>(envelope: Envelope<T>): T {
  if (!envelope.ok) throw new Error(`${envelope.code}: ${envelope.message}`)
  return envelope.data
}

describe('windows.logonSummary', () => {
  it('groups Security 4624/4625 logons by account, source and logon type, and ignores other events', async () => {
    const { caseId, security, call } = await caseWithWindowsEvidence()
    const summary = dataOf(
      await call<LogonSummary>('windows.logonSummary', { caseId, evidenceId: security.id })
    )
    expect(summary).toMatchObject({ successes: 2, failures: 4, firstSeen: T0, lastSeen: T0 + 5 * MINUTE })
    expect(summary.groupsOmitted).toBe(0)
    expect(summary.groups.map(({ failureReason: _reason, ...group }) => group)).toEqual([
      {
        user: 'CORP\\administrator',
        source: '203.0.113.66',
        logonType: 'Network',
        successes: 0,
        failures: 3,
        firstSeen: T0 + MINUTE,
        lastSeen: T0 + 3 * MINUTE
      },
      {
        user: 'CORP\\alice',
        source: '198.51.100.23',
        logonType: 'Network',
        successes: 2,
        failures: 0,
        firstSeen: T0,
        lastSeen: T0 + 5 * MINUTE
      },
      {
        user: 'CORP\\bob',
        source: 'KALI',
        logonType: 'RemoteInteractive',
        successes: 0,
        failures: 1,
        firstSeen: T0 + 4 * MINUTE,
        lastSeen: T0 + 4 * MINUTE
      }
    ])
    // The sub-status names the reason unless it is zero; readable once the mapping adds readable forms.
    const reasons = summary.groups.map((group) => group.failureReason)
    expect(reasons[0]).toMatch(/^(0xc000006a|bad password)$/)
    expect(reasons[1]).toBe('')
    expect(reasons[2]).toMatch(/^(0xc0000234|account locked.*)$/)
    expect(summary.topUsers).toEqual([
      { user: 'CORP\\administrator', successes: 0, failures: 3 },
      { user: 'CORP\\alice', successes: 2, failures: 0 },
      { user: 'CORP\\bob', successes: 0, failures: 1 }
    ])
  })

  it('covers the whole case without an evidence id, and keeps to a time range', async () => {
    const { caseId, call } = await caseWithWindowsEvidence()
    const all = dataOf(await call<LogonSummary>('windows.logonSummary', { caseId }))
    expect([all.successes, all.failures]).toEqual([3, 4])
    expect(all.groups.find((group) => group.user === 'CORP\\carol')).toMatchObject({
      source: '10.0.0.5',
      logonType: 'Interactive',
      successes: 1
    })
    // [T0 + 2 min, T0 + 5 min): the second and third administrator failures and bob's failure.
    const window = dataOf(
      await call<LogonSummary>('windows.logonSummary', { caseId, from: T0 + 2 * MINUTE, to: T0 + 5 * MINUTE })
    )
    expect([window.successes, window.failures]).toEqual([0, 3])
    expect(window.topUsers.map((user) => user.user)).toEqual(['CORP\\administrator', 'CORP\\bob'])
  })

  it('answers an empty summary when nothing matches, and refuses bad arguments', async () => {
    const { caseId, call } = await caseWithWindowsEvidence()
    const none = dataOf(await call<LogonSummary>('windows.logonSummary', { caseId, from: T0 + 60 * MINUTE }))
    expect(none).toEqual({
      successes: 0,
      failures: 0,
      firstSeen: null,
      lastSeen: null,
      topUsers: [],
      groups: [],
      groupsOmitted: 0
    })
    const reversed = await call('windows.logonSummary', { caseId, from: T0 + MINUTE, to: T0 })
    expect(reversed).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    expect(reversed.ok || reversed.message).toContain('from must be before to')
    const unknown = await call('windows.logonSummary', { caseId, evidenceId: 'no-such-evidence' })
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    const extraKey = await call('windows.logonSummary', { caseId, user: 'alice' })
    expect(extraKey).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
  })
})

describe('windows.sourceBreakdown', () => {
  it('counts channels, providers and event ids of one source, top N then others', async () => {
    const { caseId, security, call } = await caseWithWindowsEvidence()
    const breakdown = dataOf(
      await call<WindowsSourceBreakdown>('windows.sourceBreakdown', {
        caseId,
        evidenceId: security.id,
        limit: 2
      })
    )
    expect(breakdown.events).toBe(9)
    // Event ids: 4625 ×4, 4624 ×3 (two alice, one Acme-Agent), then 1 and 4672 once each.
    expect(breakdown.eventIds).toEqual({
      top: [
        { value: '4625', count: 4 },
        { value: '4624', count: 3 }
      ],
      others: 2,
      distinct: 4,
      missing: 0
    })
    expect(breakdown.channels).toEqual({
      top: [
        { value: 'Security', count: 7 },
        { value: 'Application', count: 1 }
      ],
      others: 1,
      distinct: 3,
      missing: 0
    })
    expect(breakdown.providers.top[0]).toEqual({ value: SECURITY, count: 7 })
    expect(breakdown.providers.distinct).toBe(3)
  })

  it('counts only the source asked for', async () => {
    const { caseId, otherHost, call } = await caseWithWindowsEvidence()
    const breakdown = dataOf(
      await call<WindowsSourceBreakdown>('windows.sourceBreakdown', { caseId, evidenceId: otherHost.id })
    )
    expect(breakdown.events).toBe(1)
    expect(breakdown.eventIds).toEqual({
      top: [{ value: '4624', count: 1 }],
      others: 0,
      distinct: 1,
      missing: 0
    })
  })
})
