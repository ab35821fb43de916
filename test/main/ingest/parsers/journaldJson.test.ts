// The journald JSON export format: trusted fields to ECS, byte-array messages decoded, syslog severities,
// the auth.log semantics on sshd/sudo/cron messages, rejections, the sniff (one object per line and
// json-pretty), and the golden file test/fixtures/ingest/journal.json (regenerate with UPDATE_GOLDEN=1).
// No public journald export is among the shared datasets, so there is no real-data test here.

import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { auditdFormat } from '../../../../src-main/core/ingest/parsers/auditd'
import {
  describeJournalEntry,
  journaldJsonFormat
} from '../../../../src-main/core/ingest/parsers/journaldJson'
import { readFixtureLines } from './fixtureLines'
import { expectFixtureGolden, settleLines } from './parserHarness'

const parseDocuments = (documents: readonly string[]): RecordOutcome[] =>
  settleLines(journaldJsonFormat.create({ timeZone: 'UTC', referenceYear: 2026 }), documents)

function entry(fields: Record<string, unknown>): NormalisedEvent {
  const result = describeJournalEntry(JSON.stringify({ __REALTIME_TIMESTAMP: '1767600000123456', ...fields }))
  if (typeof result === 'string') throw new Error(`rejected: ${result}`)
  return result
}

describe('journald JSON entries', () => {
  it('reads the realtime timestamp (µs) and the trusted fields into ECS', () => {
    const event = entry({
      MESSAGE: 'Started Daily apt upgrade.',
      PRIORITY: '6',
      SYSLOG_FACILITY: '3',
      SYSLOG_IDENTIFIER: 'systemd',
      _PID: '1',
      _UID: '0',
      _HOSTNAME: 'web01',
      _SYSTEMD_UNIT: 'init.scope',
      _EXE: '/usr/lib/systemd/systemd',
      _CMDLINE: '/sbin/init splash',
      _TRANSPORT: 'journal',
      _BOOT_ID: 'b1'
    })
    expect(event.timestamp).toBe(1_767_600_000_123)
    expect(event.fields).toEqual({
      'event.kind': 'event',
      'event.dataset': 'journald',
      'host.name': 'web01',
      'service.name': 'init.scope',
      'process.executable': '/usr/lib/systemd/systemd',
      'process.command_line': '/sbin/init splash',
      'log.level': 'informational',
      'process.name': 'systemd',
      'process.pid': 1,
      'user.id': '0',
      message: 'Started Daily apt upgrade.'
    })
    expect(event.extra).toEqual({
      'journald._TRANSPORT': 'journal',
      'journald._BOOT_ID': 'b1',
      'log.syslog.facility.name': 'daemon'
    })
  })

  it('decodes a message written as bytes, and joins a field written several times', () => {
    const latin1 = [...Buffer.from('Gr\xfc\xdfe', 'latin1')]
    expect(entry({ MESSAGE: latin1 }).fields.message).toBe('Gr\ufffd\ufffde')
    const utf8 = [...Buffer.from('caf\u00e9 \u2713\n', 'utf8')]
    expect(entry({ MESSAGE: utf8 }).fields.message).toBe('caf\u00e9 \u2713')
    expect(entry({ MESSAGE: 'x', TAG: ['a', [98]] }).extra?.['journald.TAG']).toBe('a\nb')
  })

  it('lists the fields journalctl left out as null, and ignores severities out of range', () => {
    const event = entry({ MESSAGE: null, COREDUMP: null, PRIORITY: '9', SYSLOG_FACILITY: 'x' })
    expect(event.fields.message).toBeUndefined()
    expect(event.fields['log.level']).toBeUndefined()
    expect(event.extra).toEqual({ 'journald.omitted_fields': 'MESSAGE,COREDUMP' })
  })

  it('gives sshd, sudo and cron entries the auth.log meaning, with the logging uid kept apart', () => {
    const sshd = entry({
      MESSAGE: 'Failed password for invalid user admin from 203.0.113.77 port 40112 ssh2',
      SYSLOG_IDENTIFIER: 'sshd',
      _UID: '0'
    })
    expect(sshd.fields).toMatchObject({
      'event.dataset': 'system.auth',
      'event.action': 'ssh_login',
      'event.outcome': 'failure',
      'user.name': 'admin',
      'source.ip': '203.0.113.77',
      'source.port': 40112
    })
    expect(sshd.fields['user.id']).toBeUndefined()
    expect(sshd.extra?.['journald._UID']).toBe('0')
    const sudo = entry({
      MESSAGE: 'bob : TTY=pts/1 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/cat /etc/shadow',
      _COMM: 'sudo'
    })
    expect(sudo.fields).toMatchObject({
      'process.name': 'sudo',
      'event.action': 'sudo_command',
      'user.name': 'bob',
      'user.target.name': 'root',
      'process.command_line': '/bin/cat /etc/shadow'
    })
    const cron = entry({ MESSAGE: '(root) CMD (run-parts /etc/cron.hourly)', SYSLOG_IDENTIFIER: 'CRON' })
    expect(cron.fields).toMatchObject({
      'event.dataset': 'journald',
      'event.action': 'cron_command',
      'process.command_line': 'run-parts /etc/cron.hourly'
    })
  })

  it('rejects documents that are not journal entries, saying why', () => {
    const reasons = parseDocuments([
      '{"MESSAGE":"cut',
      '[1,2]',
      '{"MESSAGE":"no time"}',
      '{"__REALTIME_TIMESTAMP":1767600000,"MESSAGE":"a number"}',
      '{"__REALTIME_TIMESTAMP":"-5","MESSAGE":"negative"}'
    ]).map((outcome) => (outcome.kind === 'rejected' ? outcome.reason : outcome.kind))
    expect(reasons[0]).toMatch(/^'\{"MESSAGE":"cut' is not JSON \(/)
    expect(reasons.slice(1)).toEqual([
      "'[1,2]' is not a JSON object: journalctl -o json writes one object per entry",
      'the entry has no __REALTIME_TIMESTAMP: journalctl -o json always writes it, so this is another JSON log',
      "__REALTIME_TIMESTAMP '1767600000' is not microseconds since the epoch",
      "__REALTIME_TIMESTAMP '-5' is not microseconds since the epoch"
    ])
  })
})

describe('journald JSON sniff', () => {
  it('is sure of journal exports, one object per line or pretty-printed', () => {
    // 11 of the 15 fixture lines are journal entries; the last 4 are the broken ones.
    expect(journaldJsonFormat.sniff(readFixtureLines('journal.json'))).toBeCloseTo(11 / 15)
    expect(journaldJsonFormat.sniff(readFixtureLines('journal.json').slice(0, 11))).toBe(1)
    const pretty = JSON.stringify({ __REALTIME_TIMESTAMP: '1', MESSAGE: 'x', _PID: '1' }, null, 4).split('\n')
    expect(journaldJsonFormat.sniff(pretty)).toBe(1)
  })

  it('never claims other formats, nor JSON logs without the journal fields', () => {
    for (const fixture of [
      'auth.log',
      'audit.log',
      'access-combined.log',
      'access-common.log',
      'syslog-5424.log'
    ]) {
      expect(journaldJsonFormat.sniff(readFixtureLines(fixture)), fixture).toBe(0)
    }
    expect(journaldJsonFormat.sniff(['{"__REALTIME_TIMESTAMP":"1"}', '{"MESSAGE":"x"}'])).toBe(0)
    expect(journaldJsonFormat.sniff(['{', '  "eventName": "x"', '}'])).toBe(0)
    expect(auditdFormat.sniff(readFixtureLines('journal.json'))).toBe(0)
  })
})

describe('golden file', () => {
  it('journal.json parses to journal.expected.json', () => {
    expectFixtureGolden(
      journaldJsonFormat.create({ timeZone: 'UTC', referenceYear: 2026 }),
      'journal.json',
      []
    )
  })
})
