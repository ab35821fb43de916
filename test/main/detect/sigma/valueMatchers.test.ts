import { describe, expect, it } from 'vitest'
import { ruleSetOf, processRule, selects } from './sigmaTestRules'

describe('Sigma values and wildcards', () => {
  it('matches case-insensitively by default and exactly with cased', () => {
    expect(
      selects(`Image: 'C:\\Windows\\System32\\CMD.exe'`, { Image: 'c:\\windows\\system32\\cmd.exe' })
    ).toBe(true)
    expect(selects(`Image|cased: 'C:\\Windows\\CMD.exe'`, { Image: 'c:\\windows\\cmd.exe' })).toBe(false)
    expect(selects(`Image|cased: 'C:\\Windows\\CMD.exe'`, { Image: 'C:\\Windows\\CMD.exe' })).toBe(true)
  })

  it('reads * and ? as wildcards and their escapes as literals', () => {
    expect(selects(`CommandLine: 'net * user?'`, { CommandLine: 'net localgroup users' })).toBe(true)
    expect(selects(`CommandLine: 'net * user?'`, { CommandLine: 'net localgroup user' })).toBe(false)
    expect(selects(`CommandLine: 'what\\?'`, { CommandLine: 'what?' })).toBe(true)
    expect(selects(`CommandLine: 'what\\?'`, { CommandLine: 'whats' })).toBe(false)
    expect(selects(`CommandLine: 'a\\*b'`, { CommandLine: 'a*b' })).toBe(true)
    expect(selects(`CommandLine: 'a\\*b'`, { CommandLine: 'axxb' })).toBe(false)
    // '\\*' is a backslash followed by a wildcard
    expect(selects(`CommandLine: 'dir \\\\*'`, { CommandLine: 'dir \\anything' })).toBe(true)
    // a backslash before any other character is itself
    expect(selects(`Image: 'C:\\Temp\\x.exe'`, { Image: 'C:\\Temp\\x.exe' })).toBe(true)
  })

  it('places values with contains, startswith and endswith; lists are OR unless all', () => {
    expect(selects(`CommandLine|contains: 'mimikatz'`, { CommandLine: 'run MimiKatz.exe now' })).toBe(true)
    expect(selects(`CommandLine|startswith: 'powershell'`, { CommandLine: 'cmd /c powershell' })).toBe(false)
    expect(selects(`Image|endswith: ['\\cmd.exe', '\\pwsh.exe']`, { Image: 'C:\\x\\pwsh.exe' })).toBe(true)
    expect(
      selects(`CommandLine|contains|all: ['-nop', '-enc']`, { CommandLine: 'powershell -nop -w hidden' })
    ).toBe(false)
    expect(
      selects(`CommandLine|contains|all: ['-nop', '-enc']`, { CommandLine: 'powershell -enc AA -nop' })
    ).toBe(true)
  })

  it('treats null as an absent or empty field, and exists as presence', () => {
    expect(selects(`ParentImage: null`, { Image: 'a' })).toBe(true)
    expect(selects(`ParentImage: null`, { ParentImage: '' })).toBe(true)
    expect(selects(`ParentImage: null`, { ParentImage: 'x' })).toBe(false)
    expect(selects(`ParentImage|exists: true`, { ParentImage: 'x' })).toBe(true)
    expect(selects(`ParentImage|exists: false`, { ParentImage: 'x' })).toBe(false)
    expect(selects(`ParentImage: ''`, { ParentImage: '' })).toBe(true)
    expect(selects(`ParentImage: ''`, {})).toBe(false)
  })

  it('encodes with base64, base64offset and utf16 before matching', () => {
    // base64('whoami') = d2hvYW1p (node -e "console.log(Buffer.from('whoami').toString('base64'))")
    expect(selects(`CommandLine|base64|contains: 'whoami'`, { CommandLine: 'x d2hvYW1p y' })).toBe(true)
    // 'IEX' at the three alignments inside base64: base64('IEX')=SUVY, base64(' IEX')=IElFWA==, base64('  IEX')=ICBJRVg=
    expect(selects(`CommandLine|base64offset|contains: 'IEX'`, { CommandLine: 'enc ICBJRVgo' })).toBe(true)
    expect(selects(`CommandLine|base64offset|contains: 'IEX'`, { CommandLine: 'enc SUVY' })).toBe(true)
    expect(selects(`CommandLine|base64offset|contains: 'IEX'`, { CommandLine: 'enc SUVz' })).toBe(false)
    // utf16le('iex') base64 = aQBlAHgA
    expect(selects(`CommandLine|wide|base64offset|contains: 'iex'`, { CommandLine: '-enc aQBlAHgA' })).toBe(
      true
    )
    expect(selects(`CommandLine|utf16le|base64: 'iex'`, { CommandLine: 'aQBlAHgA' })).toBe(true)
    // utf16be('iex') = 00 69 00 65 00 78 → AGkAZQB4
    expect(selects(`CommandLine|utf16be|base64: 'iex'`, { CommandLine: 'AGkAZQB4' })).toBe(true)
    // utf16 adds the FF FE byte-order mark: base64(ff fe 69 00 65 00 78 00) = //5pAGUAeAA=
    expect(selects(`CommandLine|utf16|base64: 'iex'`, { CommandLine: '//5pAGUAeAA=' })).toBe(true)
  })

  it('spells switches with every Windows dash under windash', () => {
    expect(selects(`CommandLine|windash|contains: ' -enc '`, { CommandLine: 'powershell /enc AAA' })).toBe(
      true
    )
    expect(
      selects(`CommandLine|windash|contains: ' -enc '`, { CommandLine: 'powershell \u2013enc AAA' })
    ).toBe(true)
    expect(selects(`CommandLine|windash|contains: ' -enc '`, { CommandLine: 'powershell +enc AAA' })).toBe(
      false
    )
  })

  it('runs regular expressions case-sensitively unless i, with m and s', () => {
    expect(selects(`CommandLine|re: 'Invoke-[A-Z]\\w+'`, { CommandLine: 'invoke-mimikatz' })).toBe(false)
    expect(selects(`CommandLine|re|i: 'Invoke-[A-Z]\\w+'`, { CommandLine: 'invoke-mimikatz' })).toBe(true)
    expect(selects(`CommandLine|re: '(?i)^cmd'`, { CommandLine: 'CMD /c' })).toBe(true)
    expect(selects(`CommandLine|re: '^b$'`, { CommandLine: 'a\nb' })).toBe(false)
    expect(selects(`CommandLine|re|m: '^b$'`, { CommandLine: 'a\nb' })).toBe(true)
    expect(selects(`CommandLine|re: 'a.b'`, { CommandLine: 'a\nb' })).toBe(false)
    expect(selects(`CommandLine|re|s: 'a.b'`, { CommandLine: 'a\nb' })).toBe(true)
  })

  it('compares addresses with cidr and numbers with lt/lte/gt/gte', () => {
    expect(selects(`SourceIp|cidr: ['10.0.0.0/8', 'fd00::/8']`, { SourceIp: '10.2.3.4' })).toBe(true)
    expect(selects(`SourceIp|cidr: ['10.0.0.0/8', 'fd00::/8']`, { SourceIp: 'fd12::1' })).toBe(true)
    expect(selects(`SourceIp|cidr: ['10.0.0.0/8', 'fd00::/8']`, { SourceIp: '11.0.0.1' })).toBe(false)
    expect(selects(`ProcessId|gt: 1000`, { ProcessId: '1001' })).toBe(true)
    expect(selects(`ProcessId|gt: 1000`, { ProcessId: 1000 })).toBe(false)
    expect(selects(`ProcessId|gte: 1000`, { ProcessId: 1000 })).toBe(true)
    expect(selects(`ProcessId|lt: 4`, { ProcessId: 'abc' })).toBe(false)
    expect(selects(`ProcessId|lte: 4`, { ProcessId: 4 })).toBe(true)
  })

  it('negates with neq and compares two fields with fieldref', () => {
    expect(selects(`User|neq: 'SYSTEM'`, { User: 'system' })).toBe(false)
    expect(selects(`User|neq: 'SYSTEM'`, { User: 'alice' })).toBe(true)
    expect(selects(`ParentUser|fieldref: User`, { User: 'Alice', ParentUser: 'alice' })).toBe(true)
    expect(selects(`ParentUser|fieldref: User`, { User: 'bob', ParentUser: 'alice' })).toBe(false)
    expect(selects(`ParentUser|fieldref|neq: User`, { User: 'bob', ParentUser: 'alice' })).toBe(true)
  })

  it('reads hour, day, month, year, minute and week of a date in UTC', () => {
    const at = { UtcTime: '2026-11-29 23:15:00Z' }
    expect(selects(`UtcTime|hour: 23`, at)).toBe(true)
    expect(selects(`UtcTime|hour|gte: 22`, at)).toBe(true)
    expect(selects(`UtcTime|minute: 15`, at)).toBe(true)
    expect(selects(`UtcTime|day: 29`, at)).toBe(true)
    expect(selects(`UtcTime|month: 11`, at)).toBe(true)
    expect(selects(`UtcTime|year: 2026`, at)).toBe(true)
    // 2026-11-29 is a Sunday, the last day of ISO week 48 (date +%V -d 2026-11-29 → 48)
    expect(selects(`UtcTime|week: 48`, at)).toBe(true)
    expect(selects(`UtcTime|hour: 22`, at)).toBe(false)
  })

  it('expands placeholders from configured values and matches nothing through an undefined one', () => {
    const placeholders = new Map([['Admins', ['adm_*', 'root']]])
    expect(selects(`User|expand: '%Admins%'`, { User: 'ADM_joe' }, { placeholders })).toBe(true)
    expect(selects(`User|expand: '%Admins%'`, { User: 'joe' }, { placeholders })).toBe(false)
    expect(selects(`User|expand: '%Nobody%'`, { User: '%Nobody%' }, { placeholders })).toBe(false)
    expect(selects(`User: '%Admins%'`, { User: '%admins%' }, { placeholders })).toBe(true)
    const ruleSet = ruleSetOf(processRule(`User|expand: '%Nobody%'`))
    expect(ruleSet.support[0].status).toBe('loaded')
    expect(ruleSet.support[0].reason).toContain('%Nobody% has no values')
  })

  it('refuses modifiers that are not Sigma, naming them', () => {
    const ruleSet = ruleSetOf(processRule(`Image|sounds_like: 'cmd'`))
    expect(ruleSet.support[0]).toMatchObject({ status: 'unsupported' })
    expect(ruleSet.support[0].reason).toContain("'sounds_like'")
  })
})
