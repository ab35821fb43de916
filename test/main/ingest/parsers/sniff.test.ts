// Format detection from content: each fixture is recognised as its own format, combined and common are
// told apart, mixed or foreign content lowers confidence, and file names play no part.

import { describe, expect, it } from 'vitest'
import { sniffText as sniffFormat } from '../../../../src-main/core/ingest/formatRegistry'
import { lineParserFor as createLineParser } from './lineParserFor'
import { readFixtureLines } from './fixtureLines'

describe('sniffFormat', () => {
  it('recognises each fixture as its own format, best first', () => {
    expect(sniffFormat(readFixtureLines('access-combined.log'))[0].format).toBe('apache_combined')
    expect(sniffFormat(readFixtureLines('access-common.log').slice(0, 5))[0].format).toBe('apache_common')
    expect(sniffFormat(readFixtureLines('auth.log'))[0].format).toBe('syslog_rfc3164')
    expect(sniffFormat(readFixtureLines('syslog-5424.log'))[0].format).toBe('syslog_rfc5424')
  })

  it('tells combined from common: combined lines are not common, common lines tie and common wins', () => {
    const combined = ['1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "curl/8"']
    expect(sniffFormat(combined)).toEqual([{ format: 'apache_combined', confidence: 1 }])
    const common = ['1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1']
    expect(sniffFormat(common)).toEqual([
      { format: 'apache_common', confidence: 1 },
      { format: 'apache_combined', confidence: 1 }
    ])
  })

  it('prefers combined for a common file with a stray combined line: it reads both shapes', () => {
    const guesses = sniffFormat(readFixtureLines('access-common.log'))
    expect(guesses.map((guess) => guess.format)).toEqual(['apache_combined', 'apache_common'])
    expect(guesses[0].confidence).toBeGreaterThan(guesses[1].confidence)
  })

  it('reports the share of non-empty lines each format accepts', () => {
    const lines = [
      'Mar  1 10:00:00 host sshd[1]: Accepted password for a from 192.0.2.1 port 1 ssh2',
      '',
      'Mar  1 10:00:01 host sshd[1]: Accepted password for a from 192.0.2.1 port 2 ssh2',
      'Mar  1 10:00:02 host sshd[1]: Accepted password for a from 192.0.2.1 port 3 ssh2',
      'this is not a log line at all'
    ]
    expect(sniffFormat(lines)).toEqual([{ format: 'syslog_rfc3164', confidence: 0.75 }])
  })

  it('returns nothing for content no parser accepts, or no content', () => {
    expect(sniffFormat(['{"json": true}', 'plain text'])).toEqual([])
    expect(sniffFormat(['', '   '])).toEqual([])
  })
})

describe('createLineParser', () => {
  it('builds the parser for each format and validates the declared zone', () => {
    for (const format of ['apache_combined', 'apache_common', 'syslog_rfc3164', 'syslog_rfc5424'] as const) {
      expect(createLineParser(format, { timeZone: 'UTC', referenceYear: 2026 }).format).toBe(format)
    }
    for (const format of ['apache_combined', 'syslog_rfc3164', 'syslog_rfc5424'] as const) {
      expect(() => createLineParser(format, { timeZone: 'Nowhere/Special', referenceYear: 2026 })).toThrow(
        /unknown time zone 'Nowhere\/Special'/
      )
    }
  })

  it('gives each file its own RFC 3164 parser, so year state never leaks between files', () => {
    const options = { timeZone: 'UTC', referenceYear: 2025 }
    const first = createLineParser('syslog_rfc3164', options)
    first.parse('Dec 31 23:00:00 h p: a')
    first.parse('Jan  1 01:00:00 h p: b')
    const second = createLineParser('syslog_rfc3164', options)
    const result = second.parse('Jan  1 01:00:00 h p: b')
    expect(result.ok && new Date(result.event.timestamp).getUTCFullYear()).toBe(2025)
  })
})
