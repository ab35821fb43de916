import { describe, expect, it } from 'vitest'
import { FORMAT_DEFINITIONS } from '../../../../src-main/core/ingest/formatRegistry'
import type { TextFormatDefinition } from '../../../../src-main/core/ingest/parser'
import { eventsOf, settleLines } from '../../ingest/parsers/parserHarness'
import { matchingRules, ruleSetOf } from './sigmaTestRules'

// One audit event as auditd writes it: the SYSCALL record with its EXECVE, CWD, PATH and PROCTITLE records.
const CHMOD = [
  'type=SYSCALL msg=audit(1764410400.123:901): arch=c000003e syscall=59 success=yes exit=0 a0=55d5 a1=55d6 a2=55d7 a3=0 items=2 ppid=4100 pid=4242 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="chmod" exe="/usr/bin/chmod" key="perm_mod"',
  'type=EXECVE msg=audit(1764410400.123:901): argc=3 a0="chmod" a1="777" a2="/tmp/payload"',
  'type=CWD msg=audit(1764410400.123:901): cwd="/tmp"',
  'type=PATH msg=audit(1764410400.123:901): item=0 name="/usr/bin/chmod" inode=1 dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL',
  'type=PATH msg=audit(1764410400.123:901): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=2 dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL',
  'type=PROCTITLE msg=audit(1764410400.123:901): proctitle=63686D6F6400373737002F746D702F7061796C6F6164'
]

function auditdRule(selection: string): string {
  return [
    'title: auditd test',
    'id: 00000000-0000-4000-8000-0000000000a1',
    'logsource: { product: linux, service: auditd }',
    'detection:',
    `  selection: { ${selection} }`,
    '  condition: selection'
  ].join('\n')
}

function matches(selection: string): boolean {
  const parser = (FORMAT_DEFINITIONS.auditd as TextFormatDefinition).create({
    timeZone: 'UTC',
    referenceYear: 2026
  })
  const events = eventsOf(settleLines(parser, CHMOD))
  expect(events).toHaveLength(1)
  const ruleSet = ruleSetOf(auditdRule(selection))
  expect(ruleSet.support[0].status).toBe('loaded')
  return matchingRules(ruleSet, 'auditd', events[0]).length === 1
}

describe('Sigma auditd rules on joined audit events', () => {
  it('selects by any record type of the event, as SigmaHQ rules written per record do', () => {
    // SigmaHQ's auditd rules select `type: EXECVE` with the arguments, although auditd groups EXECVE with
    // its SYSCALL record into one event
    expect(matches(`type: EXECVE, a0: chmod, a1: '777'`)).toBe(true)
    expect(matches(`type: SYSCALL, exe|endswith: /chmod`)).toBe(true)
    expect(matches(`type: PATH, name: /usr/bin/chmod`)).toBe(true)
    expect(matches(`type: PATH, name: '/lib64/ld-linux-x86-64.so.2'`)).toBe(true)
    expect(matches(`type: PATH, name: /etc/shadow`)).toBe(false)
    expect(matches(`type: USER_CMD`)).toBe(false)
    expect(matches(`type: EXEC`)).toBe(false)
    expect(matches(`type|contains: EXEC`)).toBe(true)
  })
})
