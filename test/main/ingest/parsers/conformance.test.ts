// Conformance against real third-party logs read in place from ../shared/datasets (never copied into the
// repository): every line must be parsed or rejected with a reason, the sniffer must recognise each file,
// and counts the dataset documents (SOURCE.md) must come out of the parsed events. Skips without the data.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LogFormat } from '../../../../src-main/common/domain'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { sniffText as sniffFormat } from '../../../../src-main/core/ingest/formatRegistry'
import { DATASETS } from './fixtureLines'
import { lineParserFor as createLineParser } from './lineParserFor'

const HAVE_DATASETS = existsSync(DATASETS)
const SNIFF_SAMPLE_LINES = 200

interface ParsedFile {
  lines: number
  events: NormalisedEvent[]
  rejections: { line: number; reason: string }[]
}

/** Decodes as UTF-8 (invalid bytes become U+FFFD, as the line reader does) and parses every line. */
function parseDatasetFile(relativePath: string, format: LogFormat, referenceYear: number): ParsedFile {
  const lines = readFileSync(join(DATASETS, relativePath), 'utf8').split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  expect(sniffFormat(lines.slice(0, SNIFF_SAMPLE_LINES))[0]?.format, `${relativePath} sniffed`).toBe(format)
  const parser = createLineParser(format, { timeZone: 'UTC', referenceYear })
  const parsed: ParsedFile = { lines: lines.length, events: [], rejections: [] }
  lines.forEach((line, index) => {
    const result = parser.parse(line)
    if (result.ok) parsed.events.push(result.event)
    else parsed.rejections.push({ line: index + 1, reason: result.reason })
  })
  return parsed
}

/** Every rejection says why, and nearly every real line parses (the real ingest's line accounting is checked in test/conformance). */
function expectParsedWithReasons(file: ParsedFile, minimumAcceptRate: number): void {
  for (const rejection of file.rejections) expect(rejection.reason.length).toBeGreaterThan(10)
  expect(file.events.length / file.lines).toBeGreaterThanOrEqual(minimumAcceptRate)
}

function countWhere(events: NormalisedEvent[], predicate: (event: NormalisedEvent) => boolean): number {
  return events.reduce((count, event) => (predicate(event) ? count + 1 : count), 0)
}

function countByStatus(events: NormalisedEvent[]): Map<number, number> {
  const counts = new Map<number, number>()
  for (const event of events) {
    const status = event.fields['http.response.status_code']
    if (typeof status === 'number') counts.set(status, (counts.get(status) ?? 0) + 1)
  }
  return counts
}

describe.skipIf(!HAVE_DATASETS)(
  `conformance on ../shared/datasets${HAVE_DATASETS ? '' : ' (skipped: folder absent)'}`,
  () => {
    it('loghub OpenSSH: every line parsed, and the 286 failed passwords from 183.62.140.253', () => {
      const file = parseDatasetFile('loghub/OpenSSH/OpenSSH_2k.log', 'syslog_rfc3164', 2015)
      expectParsedWithReasons(file, 0.99)
      const failedPasswords = countWhere(
        file.events,
        (event) =>
          event.fields['event.action'] === 'ssh_login' &&
          event.fields['event.outcome'] === 'failure' &&
          event.fields['source.ip'] === '183.62.140.253' &&
          event.extra?.['system.auth.ssh.method'] === 'password'
      )
      expect(failedPasswords).toBe(286)
      const acceptedLogins = file.events.filter(
        (event) => event.fields['event.action'] === 'ssh_login' && event.fields['event.outcome'] === 'success'
      )
      expect(acceptedLogins.map((event) => event.fields['user.name'])).toEqual(['fztu'])
      expect(countWhere(file.events, (event) => event.fields['event.action'] === 'ssh_invalid_user')).toBe(
        113
      )
      expect(file.events.every((event) => new Date(event.timestamp).getUTCMonth() === 11)).toBe(true)
    })

    it('loghub Linux: every line parsed; each PAM authentication failure recognised with its rhost', () => {
      const file = parseDatasetFile('loghub/Linux/Linux_2k.log', 'syslog_rfc3164', 2005)
      expectParsedWithReasons(file, 0.99)
      const failureLines = file.events.filter((event) => event.raw.includes('authentication failure;'))
      expect(failureLines.length).toBeGreaterThan(400)
      expect(failureLines.every((event) => event.fields['event.action'] === 'pam_auth_failure')).toBe(true)
      const fromTopSource = countWhere(
        failureLines,
        (event) => event.fields['source.ip'] === '150.183.249.110'
      )
      expect(fromTopSource).toBe(80)
      const byHostName = countWhere(
        failureLines,
        (event) => event.fields['source.domain'] === 'n219076184117.netvigator.com'
      )
      expect(byHostName).toBe(23)
      expect(
        failureLines.some((event) => String(event.fields['source.ip'] ?? '').includes('netvigator'))
      ).toBe(false)
    })

    it('honeynet Red Hat Apache logs: every line parsed, binary overflow attempts included', () => {
      const directory = 'honeynet-redhat-apache/dataset/httpd'
      const files = readdirSync(join(DATASETS, directory)).filter((name) => name.startsWith('access_log'))
      expect(files.length).toBeGreaterThan(0)
      const events: NormalisedEvent[] = []
      for (const name of files) {
        const file = parseDatasetFile(`${directory}/${name}`, 'apache_combined', 2004)
        expectParsedWithReasons(file, 0.99)
        events.push(...file.events)
      }
      // Counted independently with grep -c '" 404 ' etc.; SOURCE.md's 1,809 for 404 is an undercount.
      const statuses = countByStatus(events)
      expect([404, 200, 405, 400, 414, 408].map((status) => statuses.get(status))).toEqual([
        1872, 1161, 208, 157, 56, 26
      ])
      expect(countWhere(events, (event) => event.fields['source.ip'] === '211.75.221.105')).toBe(609)
      expect(countWhere(events, (event) => event.fields['http.request.method'] === 'SEARCH')).toBe(56)
    })

    it('elastic/examples Apache combined log: every line parsed', () => {
      const file = parseDatasetFile(
        'elastic-examples/Common Data Formats/apache_logs/apache_logs',
        'apache_combined',
        2015
      )
      expectParsedWithReasons(file, 0.99)
      expect(file.lines).toBe(10_000)
      expect(countByStatus(file.events).get(404)).toBe(213)
      // 190 lines log the user agent as '-' (counted with awk on the sixth quoted field).
      expect(countWhere(file.events, (event) => event.fields['user_agent.original'] !== undefined)).toBe(
        9_810
      )
    })

    it('EVTX-ATTACK-SAMPLES Tomcat access log (common format): every line parsed', () => {
      const file = parseDatasetFile(
        'evtx-attack-samples/Command and Control/web_attack_and_isp_webshell_localhost_access_log.txt',
        'apache_common',
        2018
      )
      expectParsedWithReasons(file, 0.99)
    })
  }
)
