// Readable forms beside raw Windows codes: logon types, NTSTATUS and FailureReason codes of failed logons,
// Kerberos result codes, well-known SIDs. Meanings are the documented ones (Microsoft's 4625, 4768 and 4771
// pages, RFC 4120 7.5.9, well-known SIDs); codes match case-insensitively and unknown ones stay raw only.

import { describe, expect, it } from 'vitest'
import {
  mapWindowsEvent,
  type WindowsEvent
} from '../../../../src-main/core/ingest/parsers/windowsEventMapping'
import {
  failureReasonText,
  kerberosResultText,
  logonTypeName,
  ntStatusText,
  wellKnownSidName
} from '../../../../src-main/core/ingest/parsers/windowsReadableValues'

const SECURITY = 'Microsoft-Windows-Security-Auditing'

function security(eventId: number, eventData: Record<string, string>): WindowsEvent {
  return { system: { providerName: SECURITY, eventId, channel: 'Security' }, eventData }
}

describe('Windows readable values', () => {
  it('names every logon type Windows writes and nothing else', () => {
    const names = ['0', '2', '3', '4', '5', '7', '8', '9', '10', '11', '12', '13'].map(logonTypeName)
    expect(names).toEqual([
      'System',
      'Interactive',
      'Network',
      'Batch',
      'Service',
      'Unlock',
      'NetworkCleartext',
      'NewCredentials',
      'RemoteInteractive',
      'CachedInteractive',
      'CachedRemoteInteractive',
      'CachedUnlock'
    ])
    expect(logonTypeName('6')).toBeUndefined()
    expect(logonTypeName('%%2313')).toBeUndefined()
  })

  it('reads NTSTATUS codes in any case, and as the signed or unsigned decimal exports write', () => {
    expect(ntStatusText('0xc000006a')).toBe('bad password')
    expect(ntStatusText('0xC000006A')).toBe('bad password')
    // 0xc000006a is 3221225578 unsigned and -1073741718 as a signed 32-bit integer
    expect(ntStatusText('-1073741718')).toBe('bad password')
    expect(ntStatusText('3221225578')).toBe('bad password')
    expect(ntStatusText('0xc0000064')).toBe('no such user')
    expect(ntStatusText('0xC0000234')).toBe('account locked out')
    expect(ntStatusText('0xc0000072')).toBe('account disabled')
    expect(ntStatusText('0xc000006f')).toBe('outside allowed logon hours')
    expect(ntStatusText('0xc0000070')).toBe('workstation restriction')
    expect(ntStatusText('0xc0000071')).toBe('password expired')
    expect(ntStatusText('0xc0000193')).toBe('account expired')
    expect(ntStatusText('0xc0000133')).toBe('clock skew between client and domain controller')
    expect(ntStatusText('0xc000015b')).toBe('logon type not granted')
    expect(ntStatusText('0xc0000224')).toBe('password must change at next logon')
    expect(ntStatusText('0xc000006d')).toBe('bad user name or password')
    expect(ntStatusText('0xc000005e')).toBe('no logon servers available')
    expect(ntStatusText('0xc0000413')).toBe('authentication firewall: machine not allowed')
    expect(ntStatusText('0x00000000')).toBe('success')
    expect(ntStatusText('0xc0001234')).toBeUndefined()
    expect(ntStatusText('bad')).toBeUndefined()
  })

  it('reads FailureReason message references and Kerberos result codes', () => {
    expect(failureReasonText('%%2313')).toBe('unknown user name or bad password')
    expect(failureReasonText('%%2307')).toBe('account locked out')
    expect(failureReasonText('%%9999')).toBeUndefined()
    expect(kerberosResultText('0x6')).toBe('client principal unknown (no such user)')
    expect(kerberosResultText('0x12')).toBe(
      'client credentials revoked (account disabled, expired or locked out)'
    )
    expect(kerberosResultText('0x17')).toBe('password expired')
    expect(kerberosResultText('0x18')).toBe('pre-authentication failed (bad password)')
    // Get-WinEvent writes the code as a decimal number: 24 is 0x18
    expect(kerberosResultText('24')).toBe('pre-authentication failed (bad password)')
    expect(kerberosResultText('0X25')).toBe('clock skew too great')
    expect(kerberosResultText('0x3c')).toBeUndefined()
  })

  it('names well-known SIDs, and the fixed RIDs of any domain', () => {
    expect(wellKnownSidName('S-1-5-18')).toBe('NT AUTHORITY\\SYSTEM')
    expect(wellKnownSidName('S-1-5-19')).toBe('NT AUTHORITY\\LOCAL SERVICE')
    expect(wellKnownSidName('S-1-5-20')).toBe('NT AUTHORITY\\NETWORK SERVICE')
    expect(wellKnownSidName('s-1-5-32-544')).toBe('BUILTIN\\Administrators')
    expect(wellKnownSidName('S-1-1-0')).toBe('Everyone')
    expect(wellKnownSidName('S-1-5-21-3623811015-3361044348-30300820-500')).toBe('Administrator')
    expect(wellKnownSidName('S-1-5-21-1-2-3-512')).toBe('Domain Admins')
    expect(wellKnownSidName('S-1-5-21-1-2-3-513')).toBe('Domain Users')
    expect(wellKnownSidName('S-1-5-21-1-2-3-519')).toBe('Enterprise Admins')
    expect(wellKnownSidName('S-1-5-21-1-2-3-1104')).toBeUndefined()
    // a domain-relative RID outside a domain SID is not that account
    expect(wellKnownSidName('S-1-5-32-512')).toBeUndefined()
  })
})

describe('mapWindowsEvent: readable forms beside raw values', () => {
  it('puts the failure reasons of a 4625 beside its raw codes and the most specific in event.reason', () => {
    const { fields, extra } = mapWindowsEvent(
      security(4625, {
        TargetUserName: 'bob',
        Status: '0xC000006E',
        SubStatus: '0xC0000072',
        FailureReason: '%%2310',
        LogonType: '2'
      })
    )
    expect(extra).toMatchObject({
      'winlog.event_data.Status': '0xC000006E',
      'winlog.event_data.SubStatus': '0xC0000072',
      'winlog.logon.failure.status': 'account restriction',
      'winlog.logon.failure.sub_status': 'account disabled',
      'winlog.logon.failure.reason': 'account disabled',
      'winlog.logon.type': 'Interactive'
    })
    expect(fields['event.reason']).toBe('account disabled')
  })

  it('keeps only the raw value of a code it does not know', () => {
    const { fields, extra } = mapWindowsEvent(
      security(4625, { TargetUserName: 'bob', Status: '0xC0009999', SubStatus: '0x0', LogonType: '42' })
    )
    expect(extra['winlog.event_data.Status']).toBe('0xC0009999')
    expect(extra['winlog.logon.failure.status']).toBeUndefined()
    expect(extra['winlog.logon.type']).toBeUndefined()
    // SubStatus 0x0 says nothing more than Status
    expect(extra['winlog.logon.failure.sub_status']).toBe('success')
    expect(fields['event.reason']).toBeUndefined()
  })

  it('reads a Kerberos result code as the outcome: 0x0 succeeds, anything else fails', () => {
    const granted = mapWindowsEvent(security(4768, { TargetUserName: 'alice', Status: '0x0' }))
    expect(granted.fields).toMatchObject({ 'event.outcome': 'success', 'user.name': 'alice' })
    expect(granted.extra['winlog.logon.failure.status']).toBeUndefined()
    const revoked = mapWindowsEvent(security(4768, { TargetUserName: 'alice', Status: '0x12' }))
    expect(revoked.fields).toMatchObject({
      'event.outcome': 'failure',
      'event.reason': 'client credentials revoked (account disabled, expired or locked out)'
    })
  })

  it('names a well-known SID under winlog.readable., beside the SID it names', () => {
    const { extra } = mapWindowsEvent({
      system: { providerName: SECURITY, eventId: 4732, userId: 'S-1-5-18' },
      eventData: { TargetSid: 'S-1-5-32-544', MemberSid: 'S-1-5-21-1-2-3-1104' }
    })
    expect(extra).toMatchObject({
      'winlog.user.identifier': 'S-1-5-18',
      'winlog.readable.user.identifier': 'NT AUTHORITY\\SYSTEM',
      'winlog.event_data.TargetSid': 'S-1-5-32-544',
      'winlog.readable.event_data.TargetSid': 'BUILTIN\\Administrators'
    })
    expect(extra['winlog.readable.event_data.MemberSid']).toBeUndefined()
  })
})
