// The byte-level details of the two log formats that parsers trip over: syslog's space-padded day,
// Apache's `-` for an empty body and its backslash escaping inside quoted fields.

import { describe, expect, it } from 'vitest'
import {
  escapeApacheField,
  formatApacheTime,
  formatCombinedLine,
  formatSyslogLine,
  formatSyslogTime
} from '../../../src-main/core/demo/logFormats'

describe('log formats', () => {
  it('writes Apache times with a numeric zone and syslog times without a year, day padded with a space', () => {
    expect(formatApacheTime(Date.UTC(2026, 2, 14, 3, 12, 44, 999))).toBe('14/Mar/2026:03:12:44 +0000')
    expect(formatSyslogTime(Date.UTC(2026, 2, 4, 3, 2, 9))).toBe('Mar  4 03:02:09')
    expect(formatSyslogTime(Date.UTC(2026, 11, 31, 23, 59, 59))).toBe('Dec 31 23:59:59')
  })

  it('writes a combined line with - for an empty body and a missing referrer', () => {
    const line = formatCombinedLine({
      at: Date.UTC(2026, 2, 14, 3, 12, 44),
      clientIp: '203.0.113.7',
      method: 'GET',
      target: '/index.html',
      protocol: 'HTTP/1.1',
      status: 304,
      bytes: 0,
      referrer: null,
      userAgent: 'Mozilla/5.0'
    })
    expect(line).toBe(
      '203.0.113.7 - - [14/Mar/2026:03:12:44 +0000] "GET /index.html HTTP/1.1" 304 - "-" "Mozilla/5.0"'
    )
  })

  it('escapes quotes, backslashes and control bytes the way Apache does, and leaves clean values alone', () => {
    expect(escapeApacheField('a "quoted" \\ value\x01')).toBe('a \\"quoted\\" \\\\ value\\x01')
    const clean = 'Mozilla/5.0 (X11; Linux x86_64)'
    expect(escapeApacheField(clean)).toBe(clean)
  })

  it('writes syslog lines with a pid in brackets, or none', () => {
    const at = Date.UTC(2026, 2, 14, 3, 12, 44)
    expect(
      formatSyslogLine(
        at,
        'web01',
        'sshd',
        2211,
        'Failed password for root from 203.0.113.50 port 52211 ssh2'
      )
    ).toBe('Mar 14 03:12:44 web01 sshd[2211]: Failed password for root from 203.0.113.50 port 52211 ssh2')
    expect(
      formatSyslogLine(at, 'web01', 'sudo', null, 'pam_unix(sudo:session): session closed for user root')
    ).toBe('Mar 14 03:12:44 web01 sudo: pam_unix(sudo:session): session closed for user root')
  })
})
