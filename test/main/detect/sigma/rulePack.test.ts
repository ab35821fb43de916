// Cairn's own Sigma rule pack (resources/rules): every document loads and maps to a Cairn source, every rule
// that alerts carries ATT&CK tags and a fresh id, and each rule fires on the positive events of its fixture
// (test/fixtures/sigma-pack/<rule path>.events.yml, parsed by the real parser) and not on its near misses.
// For a detection rule each fixture entry is a case of its own; for a correlation each list is one
// time-ordered stream, whose thresholds and windows are worked out by hand in the fixture's comment.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml, parseAllDocuments } from 'yaml'
import { LOG_FORMATS, type LogFormat } from '../../../../src-main/common/domain'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { builtinSigma } from '../../../../src-main/core/detect/sigma/builtinSigma'
import { parseRuleFile } from '../../../../src-main/core/detect/sigma/ruleDocuments'
import { SigmaRuleSet } from '../../../../src-main/core/detect/sigma/ruleSet'
import type { SigmaRule } from '../../../../src-main/core/detect/sigma/ruleTypes'
import { SigmaScan, type SigmaScanResult } from '../../../../src-main/core/detect/sigma/sigmaScan'
import { FORMAT_DEFINITIONS } from '../../../../src-main/core/ingest/formatRegistry'
import type { RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { settleJson, settleLines } from '../../ingest/parsers/parserHarness'

const REPO = resolve(__dirname, '../../../..')
const FIXTURES = join(REPO, 'test', 'fixtures', 'sigma-pack')
const RULES_PREFIX = 'resources/rules/'
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const TECHNIQUE_TAG = /^attack\.t\d{4}(\.\d{3})?$/
/** The ATT&CK enterprise tactics as Sigma tags (sigma-appendix-tags.md). */
const TACTIC_TAGS = new Set(
  [
    'reconnaissance',
    'resource-development',
    'initial-access',
    'execution',
    'persistence',
    'privilege-escalation',
    'defense-evasion',
    'credential-access',
    'discovery',
    'lateral-movement',
    'collection',
    'command-and-control',
    'exfiltration',
    'impact'
  ].map((tactic) => `attack.${tactic}`)
)

const pack = builtinSigma()
const ruleSet = new SigmaRuleSet(pack.rules, pack.logsources)

interface PackFile {
  /** Path below resources/rules, e.g. web/web_shellshock.yml. */
  relativePath: string
  text: string
  rules: SigmaRule[]
  /** The rule the file is about: its only detection rule, or the correlation no other one in it uses. */
  subject: SigmaRule
}

interface EventFixture {
  format: LogFormat
  positive: string[]
  negative: string[]
}

const files: PackFile[] = pack.rules.map((file) => {
  const rules = parseRuleFile(file.path, file.text).documents.flatMap((document) =>
    document.ok ? [document.rule] : []
  )
  const correlations = rules.filter((rule) => rule.kind === 'correlation')
  const used = new Set(correlations.flatMap((rule) => (rule.kind === 'correlation' ? rule.rules : [])))
  const candidates =
    correlations.length > 0
      ? correlations.filter((rule) => !used.has(rule.id) && (rule.name === undefined || !used.has(rule.name)))
      : rules
  if (candidates.length !== 1)
    throw new Error(`${file.path}: expected one rule that alerts, found ${candidates.length}`)
  return {
    relativePath: file.path.slice(RULES_PREFIX.length),
    text: file.text,
    rules,
    subject: candidates[0]
  }
})

function fixturePath(file: PackFile): string {
  return join(FIXTURES, file.relativePath.replace(/\.yml$/, '.events.yml'))
}

function readFixture(file: PackFile): EventFixture {
  const value = parseYaml(readFileSync(fixturePath(file), 'utf8')) as Partial<EventFixture> | null
  const format = value?.format
  if (format === undefined || !(LOG_FORMATS as readonly string[]).includes(format)) {
    throw new Error(`${fixturePath(file)}: format '${String(format)}' is not a LOG_FORMATS id`)
  }
  const lists = [value?.positive, value?.negative]
  if (
    !lists.every(
      (list) => Array.isArray(list) && list.length > 0 && list.every((item) => typeof item === 'string')
    )
  ) {
    throw new Error(`${fixturePath(file)}: positive and negative must be non-empty lists of text`)
  }
  return { format, positive: value?.positive ?? [], negative: value?.negative ?? [] }
}

/** Parses fixture records with a fresh parser of the format, as an import would. */
function parseRecords(
  format: LogFormat,
  records: readonly string[]
): { events: NormalisedEvent[]; rejected: string[] } {
  const definition = FORMAT_DEFINITIONS[format]
  if (definition.kind !== 'text') throw new Error(`${format} is not a text format`)
  const parser = definition.create({ timeZone: 'UTC', referenceYear: 2026 })
  const outcomes: RecordOutcome[] =
    definition.framing === 'json'
      ? settleJson(parser, records.join('\n')).outcomes
      : settleLines(
          parser,
          records.flatMap((record) => record.split('\n'))
        )
  return {
    events: outcomes.flatMap((outcome) => (outcome.kind === 'event' ? [outcome.event] : [])),
    rejected: outcomes.flatMap((outcome) =>
      outcome.kind === 'rejected' ? [`${outcome.reason}: ${outcome.record.text}`] : []
    )
  }
}

function scanEvents(
  rules: SigmaRuleSet,
  format: LogFormat,
  events: readonly NormalisedEvent[]
): SigmaScanResult {
  const scan = new SigmaScan(rules)
  events.forEach((event, index) => scan.add(event, format, { evidenceId: 'fixture', eventId: index }))
  return scan.finish()
}

function fires(result: SigmaScanResult, rule: SigmaRule): boolean {
  if (rule.kind === 'correlation') return (result.correlations.hits.get(rule.id) ?? []).length > 0
  return result.tallies.some((tally) => tally.compiled.rule.id === rule.id)
}

/** Events of one fixture entry (or of the whole list, for a correlation), checked to parse cleanly. */
function parsedEvents(format: LogFormat, records: readonly string[]): NormalisedEvent[] {
  const { events, rejected } = parseRecords(format, records)
  expect(rejected, 'fixture lines the parser rejected').toEqual([])
  expect(events.length, `events parsed from ${records.length} fixture record(s)`).toBeGreaterThan(0)
  return events
}

function listFixtures(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? listFixtures(path) : entry.name.endsWith('.events.yml') ? [path] : []
  })
}

describe("Cairn's Sigma rule pack", () => {
  it('loads every rule document, each mapped to a Cairn source', () => {
    const problems = ruleSet.support
      .filter((verdict) => verdict.status !== 'loaded' || verdict.reason !== '')
      .map((verdict) => `${verdict.path}:${verdict.line} ${verdict.status}: ${verdict.reason}`)
    expect(problems).toEqual([])
    expect(ruleSet.correlations.length).toBe(
      files.filter((file) => file.subject.kind === 'correlation').length
    )
  })

  it('has at least 40 rules that alert, each with ATT&CK tags and complete metadata', () => {
    expect(files.length).toBeGreaterThanOrEqual(40)
    for (const { subject, text } of files) {
      const where = `${subject.origin.path} (${subject.title})`
      expect(
        subject.tags.some((tag) => TECHNIQUE_TAG.test(tag)),
        `${where} has an attack.tNNNN tag`
      ).toBe(true)
      expect(
        subject.tags.some((tag) => TACTIC_TAGS.has(tag)),
        `${where} has a tactic tag`
      ).toBe(true)
      expect(['experimental', 'test'], `${where} status`).toContain(subject.status)
      expect(subject.author, `${where} author`).toBe('Cairn project')
      expect(subject.level, `${where} level`).toBeDefined()
      expect(subject.description?.length ?? 0, `${where} description`).toBeGreaterThan(40)
      expect(subject.falsepositives.length, `${where} falsepositives`).toBeGreaterThan(0)
      const document = parseAllDocuments(text)[subject.origin.document].toJS() as { date?: unknown }
      expect(document.date, `${where} date`).toBe('2026-11-29')
    }
  })

  it('gives every document a unique UUID v4 id', () => {
    const ids = files.flatMap((file) => file.rules.map((rule) => rule.id))
    expect(ids.filter((id) => !UUID_V4.test(id))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('expresses the authentication detections as the correlation types the issue asks for', () => {
    const correlations = files.flatMap((file) => (file.subject.kind === 'correlation' ? [file.subject] : []))
    const correlationNames = new Set(
      correlations.flatMap((rule) => (rule.name === undefined ? [] : [rule.name]))
    )
    expect(correlations.filter((rule) => rule.type === 'event_count').length).toBeGreaterThanOrEqual(2)
    expect(correlations.some((rule) => rule.type === 'value_count')).toBe(true)
    const chained = correlations.filter(
      (rule) => rule.type === 'temporal_ordered' && correlationNames.has(rule.rules[0])
    )
    expect(chained.length).toBeGreaterThan(0)
  })

  it('has one events fixture per rule file and none without a rule', () => {
    expect(files.filter((file) => !existsSync(fixturePath(file))).map((file) => file.relativePath)).toEqual(
      []
    )
    const expected = new Set(files.map(fixturePath))
    expect(listFixtures(FIXTURES).filter((path) => !expected.has(path))).toEqual([])
  })
})

describe.each(
  files.filter((file) => existsSync(fixturePath(file))).map((file) => [file.relativePath, file] as const)
)('rule %s', (_name, file) => {
  const fixture = readFixture(file)
  const { subject } = file

  if (subject.kind !== 'correlation') {
    it('reads the fixture format', () => {
      const verdict = ruleSet.supportFor(new Set([fixture.format])).find((entry) => entry.id === subject.id)
      expect(verdict?.status).toBe('loaded')
    })

    it.each(fixture.positive.map((record, index) => [index, record] as const))(
      'fires on positive %i',
      (_index, record) => {
        expect(
          fires(scanEvents(ruleSet, fixture.format, parsedEvents(fixture.format, [record])), subject)
        ).toBe(true)
      }
    )

    it.each(fixture.negative.map((record, index) => [index, record] as const))(
      'stays quiet on negative %i',
      (_index, record) => {
        expect(
          fires(scanEvents(ruleSet, fixture.format, parsedEvents(fixture.format, [record])), subject)
        ).toBe(false)
      }
    )
    return
  }

  it('fires on the positive sequence', () => {
    const result = scanEvents(ruleSet, fixture.format, parsedEvents(fixture.format, fixture.positive))
    expect(fires(result, subject)).toBe(true)
  })

  it('stays quiet on the negative sequence, whose events its base rules do match', () => {
    const events = parsedEvents(fixture.format, fixture.negative)
    expect(fires(scanEvents(ruleSet, fixture.format, events), subject)).toBe(false)
    // The same base rules standing alone: the negatives are near misses, not events of another kind.
    const baseRules = file.rules.filter((rule) => rule.kind === 'detection')
    const standalone = new SigmaRuleSet(
      [
        {
          path: `${RULES_PREFIX}${file.relativePath}`,
          text: baseRules.map((rule) => rule.yaml).join('\n---\n')
        }
      ],
      pack.logsources
    )
    expect(scanEvents(standalone, fixture.format, events).tallies.length).toBeGreaterThan(0)
  })
})
