// Drives a record parser the way an import does and checks what it settled: lines, or the JSON documents
// framed from them, go in with their numbers and byte offsets; outcomes come out, to be compared with a
// golden file (UPDATE_GOLDEN=1 rewrites it: review the diff). One copy for every parser's tests.

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { JsonFramer } from '../../../../src-main/core/ingest/jsonFraming'
import type { RecordOutcome, RecordParser, SourceRecord } from '../../../../src-main/core/ingest/parser'
import { fixtureText, INGEST_FIXTURES, linesOf, readFixtureLines } from './fixtureLines'

/** Lines as records: numbered from 1, each offset counting the bytes and newlines before it. */
export function numberLines(lines: readonly string[]): SourceRecord[] {
  let offset = 0
  return lines.map((text, index) => {
    const record = { text, line: index + 1, offset }
    offset += Buffer.byteLength(text) + 1
    return record
  })
}

/** A file's text as the line reader's records: its lines, each without a trailing '\r'. */
export function sourceLines(text: string): SourceRecord[] {
  return numberLines(linesOf(text)).map((record) =>
    record.text.endsWith('\r') ? { ...record, text: record.text.slice(0, -1) } : record
  )
}

/** Feeds records to a parser in order, then ends it; returns every outcome in the order it was settled. */
export function settleRecords(parser: RecordParser, records: readonly SourceRecord[]): RecordOutcome[] {
  const outcomes: RecordOutcome[] = []
  const collect = (outcome: RecordOutcome): void => {
    outcomes.push(outcome)
  }
  for (const record of records) parser.read(record, collect)
  parser.end(collect)
  return outcomes
}

export function settleLines(parser: RecordParser, lines: readonly string[]): RecordOutcome[] {
  return settleRecords(parser, numberLines(lines))
}

export interface Settled {
  records: SourceRecord[]
  outcomes: RecordOutcome[]
}

/** Frames a file's text into JSON documents and parses them as an import does. */
export function settleJson(parser: RecordParser, text: string): Settled {
  const framer = new JsonFramer()
  const settled: Settled = { records: [], outcomes: [] }
  const collect = (outcome: RecordOutcome): void => {
    settled.outcomes.push(outcome)
  }
  const read = (record: SourceRecord): void => {
    settled.records.push(record)
    parser.read(record, collect)
  }
  for (const line of sourceLines(text)) framer.push(line.text, line.line, line.offset, read)
  framer.end(read)
  parser.end(collect)
  return settled
}

export function eventsOf(outcomes: readonly RecordOutcome[]): NormalisedEvent[] {
  return outcomes.flatMap((outcome) => (outcome.kind === 'event' ? [outcome.event] : []))
}

export function eventOf(outcome: RecordOutcome): NormalisedEvent {
  if (outcome.kind !== 'event') throw new Error(`expected an event, got ${outcome.kind}: ${outcome.reason}`)
  return outcome.event
}

export function rejectionOf(outcome: RecordOutcome): string {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`)
  return outcome.reason
}

/** Outcomes in line order, for parsers that hold records back (an auditd event, a multi-line CSV record). */
export function byLine(outcomes: readonly RecordOutcome[]): RecordOutcome[] {
  return [...outcomes].sort((a, b) => a.record.line - b.record.line)
}

/** Every line settles exactly once, in order: as an event, a rejection or a skip. */
export function expectEachLineSettledOnce(outcomes: readonly RecordOutcome[], lineCount: number): void {
  expect(outcomes.map((outcome) => outcome.record.line)).toEqual(
    Array.from({ length: lineCount }, (_, index) => index + 1)
  )
}

/** Every record settles exactly once as rejected or skipped, or one or more times as events. */
export function expectEachRecordSettled({ records, outcomes }: Settled): void {
  for (const record of records) {
    const kinds = outcomes.filter((outcome) => outcome.record === record).map((outcome) => outcome.kind)
    expect(kinds.length, `record at line ${record.line}`).toBeGreaterThan(0)
    if (kinds.some((kind) => kind !== 'event')) expect(kinds, `record at line ${record.line}`).toHaveLength(1)
  }
  expect(outcomes.every((outcome) => records.includes(outcome.record))).toBe(true)
}

export type GoldenEntry =
  | { line: number; time: string; event: NormalisedEvent }
  | { line: number; rejected: string; raw?: string }
  | { line: number; skipped: string; raw?: string }

/** An outcome as a golden file holds it; `quoteRaw` names the kinds whose record text it quotes too. */
export function toGolden(outcome: RecordOutcome, quoteRaw: readonly ('rejected' | 'skipped')[]): GoldenEntry {
  const { line, text } = outcome.record
  if (outcome.kind === 'event') {
    return { line, time: new Date(outcome.event.timestamp).toISOString(), event: outcome.event }
  }
  const raw = quoteRaw.includes(outcome.kind) ? { raw: text } : {}
  return outcome.kind === 'rejected'
    ? { line, rejected: outcome.reason, ...raw }
    : { line, skipped: outcome.reason, ...raw }
}

/** Compares `actual` with test/fixtures/ingest/<expectedName>, which UPDATE_GOLDEN=1 rewrites first. */
export function expectGolden(expectedName: string, actual: unknown): void {
  const expectedPath = join(INGEST_FIXTURES, expectedName)
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`)
  if (!existsSync(expectedPath)) throw new Error(`${expectedPath} is missing: run with UPDATE_GOLDEN=1`)
  expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')))
}

/**
 * Settles a fixture's lines, each exactly once and in order, and compares the outcomes with the fixture's
 * golden file (access.log → access.expected.json).
 */
export function expectFixtureGolden(
  parser: RecordParser,
  fixture: string,
  quoteRaw: readonly ('rejected' | 'skipped')[]
): void {
  const lines = readFixtureLines(fixture)
  const outcomes = settleLines(parser, lines)
  expectEachLineSettledOnce(outcomes, lines.length)
  expectGolden(
    fixture.replace(/\.[^.]+$/, '.expected.json'),
    outcomes.map((outcome) => toGolden(outcome, quoteRaw))
  )
}

/** The same for a JSON fixture, framed into documents: events.json → events.json.expected.json. */
export function expectJsonFixtureGolden(
  parser: RecordParser,
  fixture: string,
  quoteRaw: readonly ('rejected' | 'skipped')[]
): void {
  const settled = settleJson(parser, fixtureText(fixture))
  expectEachRecordSettled(settled)
  expectGolden(
    `${fixture}.expected.json`,
    settled.outcomes.map((outcome) => toGolden(outcome, quoteRaw))
  )
}
