// The syslog parsers one behaviour at a time: RFC 3164 headers (PRI, padded days, missing host, old PAM
// tags, rsyslog's ISO timestamps), year inference across New Year, declared zones, and RFC 5424.

import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { LineParser } from '../../../../src-main/core/ingest/parser'
import { createRfc3164Parser, createRfc5424Parser } from '../../../../src-main/core/ingest/parsers/syslog'
import { SyslogClock, SyslogYearInference } from '../../../../src-main/core/ingest/parsers/syslogYear'

function accepted(parser: LineParser, line: string): NormalisedEvent {
  const result = parser.parse(line)
  if (!result.ok) throw new Error(`expected the line to parse, got: ${result.reason}`)
  return result.event
}

function reason(parser: LineParser, line: string): string {
  const result = parser.parse(line)
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event.fields)}`)
  return result.reason
}

const utc2026 = (): LineParser => createRfc3164Parser({ timeZone: 'UTC', referenceYear: 2026 })

describe('RFC 3164 parser', () => {
  it('reads host, program, pid, message and the priority as log.level', () => {
    const event = accepted(utc2026(), '<38>Mar  7 09:05:01 web-01 cron[812]: job started ')
    expect(event.timestamp).toBe(Date.parse('2026-03-07T09:05:01Z'))
    expect(event.fields).toEqual({
      'event.kind': 'event',
      'event.dataset': 'system.syslog',
      'log.level': 'informational',
      'host.name': 'web-01',
      'process.name': 'cron',
      'process.pid': 812,
      message: 'job started'
    })
    expect(event.extra).toEqual({ 'log.syslog.facility.name': 'auth' })
  })

  it('accepts unpadded days, fractions of a second and programs without a pid', () => {
    const parser = utc2026()
    expect(accepted(parser, 'Mar 7 09:05:01 h kernel: x').timestamp).toBe(Date.parse('2026-03-07T09:05:01Z'))
    expect(accepted(parser, 'Mar 17 09:05:01.250 h kernel: x').timestamp).toBe(
      Date.parse('2026-03-17T09:05:01.250Z')
    )
    expect(accepted(parser, 'Mar 17 09:05:02 h kernel: x').fields['process.pid']).toBeUndefined()
  })

  it('reads the old PAM tag style as the program plus a PAM message', () => {
    const event = accepted(
      utc2026(),
      'Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 '
    )
    expect(event.fields['process.name']).toBe('sshd')
    expect(event.fields['event.action']).toBe('pam_auth_failure')
    expect(event.fields['source.ip']).toBe('218.188.2.4')
    expect(event.fields['event.dataset']).toBe('system.auth')
  })

  it('takes a line without a host name as program and message', () => {
    const event = accepted(utc2026(), "Oct 11 22:14:15 su: 'su root' failed for lonvick on /dev/pts/8")
    expect(event.fields['host.name']).toBeUndefined()
    expect(event.fields['process.name']).toBe('su')
    expect(event.fields['message']).toBe("'su root' failed for lonvick on /dev/pts/8")
  })

  it('keeps a message whose start is not a tag whole', () => {
    const event = accepted(utc2026(), 'Jun 19 04:09:11 combo syslogd 1.4.1: restart.')
    expect(event.fields['process.name']).toBeUndefined()
    expect(event.fields['message']).toBe('syslogd 1.4.1: restart.')
  })

  it('reads rsyslog ISO timestamps, using the declared zone only when they carry no offset', () => {
    const parser = createRfc3164Parser({ timeZone: 'America/New_York', referenceYear: 2026 })
    expect(accepted(parser, '2026-01-05T10:00:00.5+01:00 h sshd[1]: x').timestamp).toBe(
      Date.parse('2026-01-05T09:00:00.500Z')
    )
    expect(accepted(parser, '2026-01-05T10:00:00 h sshd[1]: x').timestamp).toBe(
      Date.parse('2026-01-05T15:00:00Z')
    )
  })

  it('reads BSD timestamps in the declared zone, DST included', () => {
    const parser = createRfc3164Parser({ timeZone: 'Europe/Berlin', referenceYear: 2026 })
    expect(accepted(parser, 'Jan 10 12:00:00 h p: x').timestamp).toBe(Date.parse('2026-01-10T11:00:00Z'))
    expect(accepted(parser, 'Jul 10 12:00:00 h p: x').timestamp).toBe(Date.parse('2026-07-10T10:00:00Z'))
  })

  it('infers the year: forward across New Year, and not for a late line just before midnight', () => {
    const parser = createRfc3164Parser({ timeZone: 'UTC', referenceYear: 2025 })
    const times = [
      'Dec 31 23:59:58 h p: a',
      'Jan  1 00:00:01 h p: b',
      'Dec 31 23:59:59 h p: late delivery',
      'Jan  1 00:00:02 h p: c',
      'Mar  3 10:00:00 h p: d'
    ].map((line) => new Date(accepted(parser, line).timestamp).toISOString())
    expect(times).toEqual([
      '2025-12-31T23:59:58.000Z',
      '2026-01-01T00:00:01.000Z',
      '2025-12-31T23:59:59.000Z',
      '2026-01-01T00:00:02.000Z',
      '2026-03-03T10:00:00.000Z'
    ])
  })

  it('starts a log that spans New Year in the year before the one it was last written in', () => {
    const lines = ['Dec 30 22:00:00 h p: a', 'Jan  2 08:00:00 h p: b']
    const lastWrittenInJanuary = createRfc3164Parser({
      timeZone: 'UTC',
      referenceYear: 2026,
      referenceMonth: 1
    })
    expect(
      lines.map((line) => new Date(accepted(lastWrittenInJanuary, line).timestamp).toISOString())
    ).toEqual(['2025-12-30T22:00:00.000Z', '2026-01-02T08:00:00.000Z'])
    const lastWrittenInDecember = createRfc3164Parser({
      timeZone: 'UTC',
      referenceYear: 2026,
      referenceMonth: 12
    })
    expect(
      new Date(accepted(lastWrittenInDecember, 'Mar  3 10:00:00 h p: d').timestamp).getUTCFullYear()
    ).toBe(2026)
  })

  it('rejects broken headers with specific reasons', () => {
    const parser = utc2026()
    expect(reason(parser, 'Feb 30 10:00:00 h p: x')).toBe("timestamp 'Feb 30 10:00:00' is not a date")
    expect(reason(parser, 'Feb 29 10:00:00 h p: x')).toBe(
      "timestamp 'Feb 29 10:00:00' is not a date in 2026, the year inferred for this line"
    )
    expect(reason(parser, 'Mar  1 25:00:00 h p: x')).toBe("timestamp 'Mar  1 25:00:00' is not a date")
    expect(reason(parser, 'March 1 10:00:00 h p: x')).toMatch(
      /^timestamp 'March 1 10:00:0.*' is not in the form/
    )
    expect(reason(parser, 'Mar  1 10:00:00')).toBe('the line ends after the timestamp: no host or message')
    expect(reason(parser, '<13 Mar  1 10:00:00 h p: x')).toBe("priority '<13 M' is not <0-191>")
    expect(reason(parser, '<200>Mar  1 10:00:00 h p: x')).toBe('priority <200> is out of range 0-191')
    expect(reason(parser, '')).toBe('empty line')
  })

  it('records rsyslog repeat counts and reads the repeated message', () => {
    const event = accepted(
      utc2026(),
      'Dec 10 07:13:56 LabSZ sshd[24227]: message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]'
    )
    expect(event.extra?.['log.syslog.repeated']).toBe(5)
    expect(event.fields['event.action']).toBe('ssh_login')
    expect(event.fields['source.ip']).toBe('5.36.59.76')
  })

  it('refuses an unknown declared zone when the parser is created', () => {
    expect(() => createRfc3164Parser({ timeZone: 'Europe/Atlantis', referenceYear: 2026 })).toThrow(
      /unknown time zone 'Europe\/Atlantis'/
    )
  })
})

describe('RFC 3164 times across DST changes', () => {
  /** Parses the lines in order with one parser and returns each line's instant as ISO text. */
  function instants(timeZone: string, referenceYear: number, lines: string[]): string[] {
    const parser = createRfc3164Parser({ timeZone, referenceYear })
    return lines.map((line) => new Date(accepted(parser, line).timestamp).toISOString())
  }

  // Transition instants from the tz database: Berlin 2026-03-29 01:00Z (+1 → +2) and 2026-10-25 01:00Z
  // (+2 → +1); New York 2026-03-08 07:00Z (−5 → −4) and 2026-11-01 06:00Z (−4 → −5).
  it('reads a wall time in the spring-forward gap as the gap length later (Europe/Berlin)', () => {
    expect(
      instants('Europe/Berlin', 2026, [
        'Mar 29 01:59:59 h p: last second of CET',
        'Mar 29 02:30:00 h p: a time that never happened',
        'Mar 29 03:00:00 h p: first second of CEST'
      ])
    ).toEqual(['2026-03-29T00:59:59.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T01:00:00.000Z'])
  })

  it('reads a wall time in the spring-forward gap as the gap length later (America/New_York)', () => {
    expect(
      instants('America/New_York', 2026, [
        'Mar  8 01:59:59 h p: last second of EST',
        'Mar  8 02:15:00 h p: a time that never happened',
        'Mar  8 03:00:00 h p: first second of EDT'
      ])
    ).toEqual(['2026-03-08T06:59:59.000Z', '2026-03-08T07:15:00.000Z', '2026-03-08T07:00:00.000Z'])
  })

  it('reads the repeated hour as its first pass, then its second pass once the log steps back (Berlin)', () => {
    expect(
      instants('Europe/Berlin', 2026, [
        'Oct 25 01:59:00 h p: before the overlap',
        'Oct 25 02:10:00 h p: first pass (CEST)',
        'Oct 25 02:50:00 h p: first pass (CEST)',
        'Oct 25 02:05:00 h p: second pass (CET): back in wall time, forward in reality',
        'Oct 25 02:40:00 h p: still the second pass',
        'Oct 25 02:40:00 h p: same wall time again, same instant',
        'Oct 25 03:00:00 h p: after the overlap'
      ])
    ).toEqual([
      '2026-10-24T23:59:00.000Z',
      '2026-10-25T00:10:00.000Z',
      '2026-10-25T00:50:00.000Z',
      '2026-10-25T01:05:00.000Z',
      '2026-10-25T01:40:00.000Z',
      '2026-10-25T01:40:00.000Z',
      '2026-10-25T02:00:00.000Z'
    ])
  })

  it('reads the repeated hour as its first pass, then its second pass once the log steps back (New York)', () => {
    expect(
      instants('America/New_York', 2026, [
        'Nov  1 01:30:00 h p: first pass (EDT)',
        'Nov  1 01:59:59 h p: first pass (EDT)',
        'Nov  1 01:00:00 h p: second pass (EST)',
        'Nov  1 01:30:00 h p: second pass (EST)',
        'Nov  1 02:00:00 h p: after the overlap'
      ])
    ).toEqual([
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T05:59:59.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:00:00.000Z'
    ])
  })

  it('keeps out-of-order lines outside the repeated hour where they are, and a lone overlap line first', () => {
    expect(
      instants('Europe/Berlin', 2026, [
        'Oct 25 02:30:00 h p: alone in the overlap: the first occurrence',
        'Oct 25 04:00:00 h p: later',
        'Oct 25 03:59:00 h p: late delivery, not a repeated hour'
      ])
    ).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T03:00:00.000Z', '2026-10-25T02:59:00.000Z'])
    expect(
      instants('Europe/Berlin', 2026, ['Oct 24 02:50:00 h p: a day early', 'Oct 24 02:10:00 h p: late'])
    ).toEqual(['2026-10-24T00:50:00.000Z', '2026-10-24T00:10:00.000Z'])
  })

  it('rolls the year over at New Year in the declared zone', () => {
    expect(
      instants('America/New_York', 2025, [
        'Dec 31 23:59:59 h p: last second of 2025 in New York',
        'Jan  1 00:00:00 h p: first second of 2026 in New York',
        'Dec 31 23:59:58 h p: late delivery from 2025'
      ])
    ).toEqual(['2026-01-01T04:59:59.000Z', '2026-01-01T05:00:00.000Z', '2026-01-01T04:59:58.000Z'])
    expect(
      instants('Europe/Berlin', 2025, ['Dec 31 23:30:00 h p: 2025', 'Jan  1 00:30:00 h p: 2026'])
    ).toEqual(['2025-12-31T22:30:00.000Z', '2025-12-31T23:30:00.000Z'])
  })
})

describe('SyslogClock', () => {
  it('takes the later occurrence only for a step back inside a fall-back overlap', () => {
    const clock = new SyslogClock('America/New_York')
    expect(new Date(clock.toUtc(2026, 11, 1, 1, 45, 0, 0)).toISOString()).toBe('2026-11-01T05:45:00.000Z')
    expect(new Date(clock.toUtc(2026, 11, 1, 1, 15, 0, 0)).toISOString()).toBe('2026-11-01T06:15:00.000Z')
    expect(new Date(clock.toUtc(2026, 11, 1, 0, 59, 0, 0)).toISOString()).toBe('2026-11-01T04:59:00.000Z')
  })
})

describe('SyslogYearInference', () => {
  it('starts in the reference year and moves on when the calendar goes back by months', () => {
    const years = new SyslogYearInference(2004)
    expect(years.yearOf(11, 30, 12, 0, 0, 0)).toBe(2004)
    expect(years.yearOf(12, 31, 23, 0, 0, 0)).toBe(2004)
    expect(years.yearOf(1, 2, 0, 0, 0, 0)).toBe(2005)
    expect(years.yearOf(6, 1, 0, 0, 0, 0)).toBe(2005)
    // A long silence from June to the next April still reads as the next year, not a step back.
    expect(years.yearOf(4, 1, 0, 0, 0, 0)).toBe(2006)
  })

  it('reads a step back of under a week as out-of-order delivery in the same year', () => {
    const years = new SyslogYearInference(2026)
    expect(years.yearOf(3, 10, 12, 0, 0, 0)).toBe(2026)
    expect(years.yearOf(3, 5, 12, 0, 0, 0)).toBe(2026)
    expect(years.yearOf(2, 20, 12, 0, 0, 0)).toBe(2027)
  })

  it('finds the leap year for Feb 29 when it is the next year', () => {
    const years = new SyslogYearInference(2023)
    expect(years.yearOf(12, 30, 0, 0, 0, 0)).toBe(2023)
    expect(years.yearOf(2, 29, 0, 0, 0, 0)).toBe(2024)
    expect(new SyslogYearInference(2023).yearOf(2, 29, 0, 0, 0, 0)).toBeNull()
  })
})

describe('RFC 5424 parser', () => {
  const parser = createRfc5424Parser()

  it('reads the header, structured data and message', () => {
    const event = accepted(
      parser,
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application"] An application event'
    )
    expect(event.timestamp).toBe(Date.parse('2003-10-11T22:14:15.003Z'))
    expect(event.fields).toEqual({
      'event.kind': 'event',
      'event.dataset': 'system.syslog',
      'log.level': 'notice',
      'host.name': 'mymachine.example.com',
      'process.name': 'evntslog',
      message: 'An application event'
    })
    expect(event.extra).toEqual({
      'log.syslog.facility.name': 'local4',
      'log.syslog.structured_data.exampleSDID@32473.iut': '3',
      'log.syslog.structured_data.exampleSDID@32473.eventSource': 'Application',
      'log.syslog.msgid': 'ID47'
    })
  })

  it('treats every NILVALUE as absent and strips the UTF-8 byte order mark', () => {
    const event = accepted(parser, '<14>1 2026-01-01T00:00:00+02:00 - - - - - \ufeffhello')
    expect(event.timestamp).toBe(Date.parse('2025-12-31T22:00:00Z'))
    expect(event.fields['host.name']).toBeUndefined()
    expect(event.fields['process.name']).toBeUndefined()
    expect(event.fields['message']).toBe('hello')
  })

  it('unescapes structured data values and reads auth semantics from the app name', () => {
    const event = accepted(
      parser,
      '<86>1 2026-01-01T00:00:00Z bastion sshd 77 - [x@1 v="a \\"b\\" \\] \\\\"] Invalid user test from 192.0.2.9 port 4242'
    )
    expect(event.extra?.['log.syslog.structured_data.x@1.v']).toBe('a "b" ] \\')
    expect(event.fields['event.action']).toBe('ssh_invalid_user')
    expect(event.fields['event.dataset']).toBe('system.auth')
    expect(event.fields['process.pid']).toBe(77)
  })

  it('rejects lines that are not RFC 5424 with the reason', () => {
    expect(reason(parser, 'Mar  1 10:00:00 h p: x')).toBe(
      "RFC 5424 lines start with <PRI>VERSION, found 'Mar'"
    )
    expect(reason(parser, '<14>1 - h a - - - x')).toBe(
      "the timestamp is '-' (NILVALUE): the event has no time"
    )
    expect(reason(parser, '<14>1 2026-01-01T00:00:00Z h a - -')).toBe(
      'the header ends before STRUCTURED-DATA: expected <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]'
    )
    expect(reason(parser, '<14>1 2026-01-01T00:00:00Z h a - - [x@1 a="1"]y')).toBe(
      "expected a space after the structured data, found 'y'"
    )
    expect(reason(parser, '<14>1 2026-01-01T00:00:00Z h a - - [x@1 a="1" x')).toMatch(
      /^structured data is not well formed/
    )
  })
})
