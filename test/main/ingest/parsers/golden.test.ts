// Golden files: each fixture under test/fixtures/ingest is parsed line by line and the result is diffed
// against <fixture>.expected.json. After a deliberate parser change, regenerate with UPDATE_GOLDEN=1 and
// read the diff before committing it: the expected files are the reviewed truth, not a snapshot.

import { describe, it } from 'vitest'
import type { LogFormat } from '../../../../src-main/common/domain'
import type { ParserOptions } from '../../../../src-main/core/ingest/parser'
import { lineParserFor as createLineParser } from './lineParserFor'
import { readFixtureLines } from './fixtureLines'
import { expectGolden, type GoldenEntry } from './parserHarness'

const GOLDEN_CASES: { fixture: string; format: LogFormat; options: ParserOptions }[] = [
  {
    fixture: 'access-combined.log',
    format: 'apache_combined',
    options: { timeZone: 'UTC', referenceYear: 2026 }
  },
  {
    fixture: 'access-common.log',
    format: 'apache_common',
    options: { timeZone: 'UTC', referenceYear: 2026 }
  },
  {
    fixture: 'auth.log',
    format: 'syslog_rfc3164',
    options: { timeZone: 'Europe/Berlin', referenceYear: 2025 }
  },
  { fixture: 'syslog-5424.log', format: 'syslog_rfc5424', options: { timeZone: 'UTC', referenceYear: 2026 } }
]

function parseFixture(fixture: string, format: LogFormat, options: ParserOptions): GoldenEntry[] {
  const parser = createLineParser(format, options)
  return readFixtureLines(fixture).map((raw, index) => {
    const result = parser.parse(raw)
    return result.ok
      ? { line: index + 1, time: new Date(result.event.timestamp).toISOString(), event: result.event }
      : { line: index + 1, rejected: result.reason, raw }
  })
}

describe('golden files', () => {
  for (const { fixture, format, options } of GOLDEN_CASES) {
    const expectedName = fixture.replace(/\.log$/, '.expected.json')
    it(`${fixture} parses as ${format} to ${expectedName}`, () => {
      expectGolden(expectedName, parseFixture(fixture, format, options))
    })
  }
})
