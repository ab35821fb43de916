// The CSV/TSV format end to end: golden files (fixture in, every outcome out), the accounting invariant
// (each line settles exactly once), ragged rows, quoted multi-line cells and stray quotes, the analyst's
// column map, sniffing against the other formats' fixtures, and real exports from ../shared/datasets read
// in place: every Loghub *_structured.csv and the OTRF AWS S3 honey-bucket CSV, with row counts derived
// independently of the parser.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { ParserOptions, RecordOutcome } from '../../../../src-main/core/ingest/parser'
import { csvFormat } from '../../../../src-main/core/ingest/parsers/csv'
import { DATASETS, fixtureText, INGEST_FIXTURES, readFirstZipMember } from './fixtureLines'
import {
  byLine,
  eventsOf,
  expectEachLineSettledOnce,
  expectGolden,
  settleRecords,
  sourceLines,
  toGolden
} from './parserHarness'

const HAVE_DATASETS = existsSync(DATASETS)
if (!HAVE_DATASETS) console.warn(`csv.test: ${DATASETS} is absent; the real-data tests are skipped`)

const parse = (text: string, options: ParserOptions): RecordOutcome[] =>
  settleRecords(csvFormat.create(options), sourceLines(text))

/** Every line of the input settles exactly once (a multi-line record settles its lines together). */
const expectEachLineOfTextSettled = (outcomes: readonly RecordOutcome[], text: string): void =>
  expectEachLineSettledOnce(byLine(outcomes), sourceLines(text).length)

const GOLDEN_CASES: { fixture: string; options: ParserOptions }[] = [
  { fixture: 'events.csv', options: { timeZone: 'Europe/Berlin', referenceYear: 2026 } },
  { fixture: 'events-tab.tsv', options: { timeZone: 'UTC', referenceYear: 2026 } },
  { fixture: 'events-ragged.csv', options: { timeZone: 'UTC', referenceYear: 2026 } },
  { fixture: 'events-multiline.csv', options: { timeZone: 'UTC', referenceYear: 2026 } },
  { fixture: 'events-stray-quote.csv', options: { timeZone: 'UTC', referenceYear: 2026 } },
  { fixture: 'events-semicolon.csv', options: { timeZone: 'Europe/Berlin', referenceYear: 2026 } }
]
const OWN_FIXTURES = new Set(GOLDEN_CASES.map((golden) => golden.fixture))

describe('CSV golden files', () => {
  for (const { fixture, options } of GOLDEN_CASES) {
    const expectedName = fixture.replace(/\.(csv|tsv)$/, '.expected.json')
    it(`${fixture} parses to ${expectedName}, every line settled once`, () => {
      const text = fixtureText(fixture)
      const outcomes = parse(text, options)
      expectEachLineOfTextSettled(outcomes, text)
      expectGolden(
        expectedName,
        outcomes.map((outcome) => toGolden(outcome, ['rejected']))
      )
    })
  }
})

describe('CSV rows', () => {
  const options: ParserOptions = { timeZone: 'UTC', referenceYear: 2026 }

  it('skips the header, rejects blank lines, and takes event.kind and event.dataset from the format', () => {
    const text = '\uFEFFtime,msg\n\n2026-03-01 10:00:00,hello\n'
    const outcomes = parse(text, options)
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['skipped', 'rejected', 'event'])
    expect(outcomes[0].kind === 'skipped' && outcomes[0].reason).toBe('CSV header')
    expect(outcomes[1].kind === 'rejected' && outcomes[1].reason).toBe('blank line')
    expect(eventsOf(outcomes)[0]).toEqual({
      timestamp: Date.UTC(2026, 2, 1, 10),
      fields: { 'event.kind': 'event', 'event.dataset': 'csv', message: 'hello' },
      raw: '2026-03-01 10:00:00,hello'
    })
  })

  it('skips a header repeated where two exports were joined', () => {
    const outcomes = parse('time,msg\n2026-03-01 10:00:00,a\ntime,msg\n2026-03-01 10:00:01,b\n', options)
    expect(outcomes.map((outcome) => (outcome.kind === 'skipped' ? outcome.reason : outcome.kind))).toEqual([
      'CSV header',
      'event',
      'CSV header repeated (files joined together?)',
      'event'
    ])
  })

  it('settles a multi-line record once as an event and its later lines as continuations', () => {
    const text = 'time,msg\n2026-03-01 10:00:00,"a\nb\nc"\n'
    const outcomes = parse(text, options)
    expectEachLineOfTextSettled(outcomes, text)
    expect(
      outcomes.slice(1).map((outcome) => (outcome.kind === 'skipped' ? outcome.reason : outcome.kind))
    ).toEqual([
      'event',
      'continuation of the CSV record at line 2',
      'continuation of the CSV record at line 2'
    ])
    const [event] = eventsOf(outcomes)
    expect(event.fields.message).toBe('a\nb\nc')
    expect(event.raw).toBe('2026-03-01 10:00:00,"a\nb\nc"')
  })

  it('rejects every row with one reason when no column holds a time', () => {
    const outcomes = parse('name,msg\nalice,hello\nbob,hi\n', options)
    const reasons = outcomes.flatMap((outcome) => (outcome.kind === 'rejected' ? [outcome.reason] : []))
    expect(reasons).toEqual([
      'no column holds a time Cairn reads (columns: name, msg): choose the time column in the import dialog',
      'no column holds a time Cairn reads (columns: name, msg): choose the time column in the import dialog'
    ])
  })

  it('lets the analyst choose the time and the fields; their columnMap wins for the columns it names', () => {
    const text = 'name,when,peer\nalice,2026-03-01 10:00:00,192.0.2.1\n'
    const outcomes = parse(text, { ...options, columnMap: { when: 'timestamp', peer: 'destination.ip' } })
    expect(eventsOf(outcomes)[0]).toMatchObject({
      timestamp: Date.UTC(2026, 2, 1, 10),
      fields: { 'destination.ip': '192.0.2.1' },
      extra: { name: 'alice' }
    })
  })

  it('plans the columns from the first rows even when the file has more than the sample', () => {
    const rows = Array.from({ length: 120 }, (_, index) => `${1772362800 + index},10.0.0.${index % 250}`)
    const text = `ts,src\n${rows.join('\n')}\n`
    const outcomes = parse(text, options)
    expectEachLineOfTextSettled(outcomes, text)
    const parsed = eventsOf(outcomes)
    expect(parsed).toHaveLength(120)
    expect(parsed[119]).toMatchObject({
      timestamp: (1772362800 + 119) * 1000,
      fields: { 'source.ip': '10.0.0.119' }
    })
  })

  it('never throws on junk, and settles every line', () => {
    const text = 'a,b\n"\n\u0000,\u0001\n,,,,\n"x""\n'
    const outcomes = parse(text, options)
    expectEachLineOfTextSettled(outcomes, text)
  })

  it('refuses an unknown zone when the parser is created', () => {
    expect(() => csvFormat.create({ timeZone: 'Nowhere/Special', referenceYear: 2026 })).toThrow(
      /unknown time zone 'Nowhere\/Special'/
    )
  })
})

describe('csvFormat.sniff', () => {
  it('is sure of its own fixtures, except the ragged one: two rows must fit the header', () => {
    for (const fixture of OWN_FIXTURES) {
      const lines = fixtureText(fixture)
        .split('\n')
        .filter((line) => line.trim() !== '')
      if (fixture === 'events-ragged.csv') expect(csvFormat.sniff(lines)).toBe(0)
      else expect(csvFormat.sniff(lines), fixture).toBeGreaterThanOrEqual(0.5)
    }
    expect(csvFormat.sniff(fixtureText('events-tab.tsv').split('\n').filter(Boolean))).toBe(1)
  })

  it('scores the other formats’ fixtures 0 or low', () => {
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !OWN_FIXTURES.has(name) && !name.endsWith('.expected.json') && !/\.(csv|tsv)$/.test(name)
    )
    expect(others.length).toBeGreaterThan(0)
    for (const name of others) {
      const lines = fixtureText(name)
        .split('\n')
        .filter((line) => line.trim() !== '')
        .slice(0, 200)
      expect(csvFormat.sniff(lines), name).toBeLessThanOrEqual(0.2)
    }
  })

  it('does not take an access log with commas in its user agents for CSV', () => {
    const line = (n: number): string =>
      `192.0.2.${n} - - [01/Mar/2026:10:00:0${n} +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (KHTML, like Gecko)"`
    expect(csvFormat.sniff([line(1), line(2), line(3)])).toBe(0)
  })

  it('needs a header of names and two rows that fit it; without a readable time it scores low', () => {
    expect(csvFormat.sniff(['time,msg', '2026-03-01 10:00:00,a'])).toBe(0)
    expect(csvFormat.sniff(['2026-03-01 10:00:00,a', '2026-03-01 10:00:01,b', '2026-03-01 10:00:02,c'])).toBe(
      0
    )
    expect(csvFormat.sniff(['name,msg', 'alice,a', 'bob,b'])).toBe(0.2)
    expect(csvFormat.sniff(['time,msg', '2026-03-01 10:00:00,a', '2026-03-01 10:00:01,b'])).toBe(1)
  })
})

/**
 * Rows per Loghub structured CSV, each counted with Python's csv module (none has a quoted line break, so
 * each file also has rows + 1 physical lines):
 *   python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))) - 1)" FILE
 * The cells quoted below were printed with csv.DictReader from the same files.
 */
const LOGHUB_ROWS = 2000
const LOGHUB_FILES = [
  'Apache',
  'BGL',
  'HDFS',
  'Linux',
  'Mac',
  'OpenSSH',
  'Proxifier',
  'Thunderbird',
  'Windows'
]

/** A real export, which the sniff must be sure of from its first 200 lines, parsed with every line settled. */
function parseExport(text: string, options: ParserOptions): RecordOutcome[] {
  expect(
    csvFormat.sniff(
      sourceLines(text)
        .slice(0, 200)
        .map((record) => record.text)
    )
  ).toBe(1)
  const outcomes = parse(text, options)
  expectEachLineOfTextSettled(outcomes, text)
  return outcomes
}

const parseDataset = (relativePath: string, options: ParserOptions): RecordOutcome[] =>
  parseExport(readFileSync(join(DATASETS, relativePath), 'utf8'), options)

describe.skipIf(!HAVE_DATASETS)('CSV on real exports in ../shared/datasets', () => {
  it('imports every Loghub structured CSV in full, with a time for every row', () => {
    for (const system of LOGHUB_FILES) {
      const outcomes = parseDataset(`loghub/${system}/${system}_2k.log_structured.csv`, {
        timeZone: 'UTC',
        referenceYear: 2015
      })
      expect(eventsOf(outcomes), system).toHaveLength(LOGHUB_ROWS)
      expect(
        outcomes.filter((outcome) => outcome.kind === 'rejected'),
        system
      ).toEqual([])
    }
  })

  it('puts Content in message and reads split Date/Day/Time columns with the reference year', () => {
    const openSsh = eventsOf(
      parseDataset('loghub/OpenSSH/OpenSSH_2k.log_structured.csv', { timeZone: 'UTC', referenceYear: 2015 })
    )
    expect(openSsh[0].fields.message).toBe(
      'reverse mapping checking getaddrinfo for ns.marryaldkfaczcz.com [173.234.31.186] failed - POSSIBLE BREAK-IN ATTEMPT!'
    )
    expect(openSsh[999].fields.message).toBe(
      'Failed password for invalid user admin from 119.4.203.64 port 2191 ssh2'
    )
    expect(new Date(openSsh[999].timestamp).toISOString()).toBe('2015-12-10T10:14:13.000Z')
    expect(openSsh[1999].fields.message).toBe(
      'Failed password for invalid user user from 103.99.0.122 port 52683 ssh2'
    )

    const hdfs = eventsOf(
      parseDataset('loghub/HDFS/HDFS_2k.log_structured.csv', { timeZone: 'UTC', referenceYear: 2015 })
    )
    expect(new Date(hdfs[0].timestamp).toISOString()).toBe('2008-11-09T20:36:15.000Z')
    expect(hdfs[1999].fields.message).toBe(
      'Receiving block blk_4343207286455274569 src: /10.250.9.207:59759 dest: /10.250.9.207:50010'
    )

    const windows = eventsOf(
      parseDataset('loghub/Windows/Windows_2k.log_structured.csv', { timeZone: 'UTC', referenceYear: 2015 })
    )
    expect(new Date(windows[1999].timestamp).toISOString()).toBe('2016-09-29T02:04:40.000Z')

    // Proxifier's yearless '10.30 …' rows are followed by '07.26 …' rows: read as the next July.
    const proxifier = eventsOf(
      parseDataset('loghub/Proxifier/Proxifier_2k.log_structured.csv', {
        timeZone: 'UTC',
        referenceYear: 2016
      })
    )
    expect(new Date(proxifier[0].timestamp).toISOString()).toBe('2016-10-30T16:49:06.000Z')
    expect(new Date(proxifier[973].timestamp).toISOString()).toBe('2017-07-26T13:30:34.000Z')
    expect(proxifier[973].fields.message).toBe(
      'www.baidu.com:80 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS'
    )
  })

  it('imports the OTRF AWS S3 honey-bucket CSV: 301 rows', () => {
    const text = readFirstZipMember(
      join(DATASETS, 'otrf-security-datasets/datasets/atomic/aws/discovery/aws_s3_honeybucketlogs.zip')
    )
    // Counted with python3: zipfile + csv.DictReader over AWS_S3_HoneyBucketLogs.csv gives 301 rows; of
    // them 159 HeadBucket, 138 ListObjects, 4 PutObject; 18 from 212.83.184.15; Event DateTime spans
    // 2020-02-11T03:33:11Z to 2022-02-18T17:34:57Z.
    const parsed = eventsOf(parseExport(text, { timeZone: 'UTC', referenceYear: 2022 }))
    expect(parsed).toHaveLength(301)
    const count = (predicate: (event: NormalisedEvent) => boolean): number => parsed.filter(predicate).length
    expect(count((event) => event.fields['event.action'] === 'HeadBucket')).toBe(159)
    expect(count((event) => event.fields['event.action'] === 'ListObjects')).toBe(138)
    expect(count((event) => event.fields['event.action'] === 'PutObject')).toBe(4)
    expect(count((event) => event.fields['source.ip'] === '212.83.184.15')).toBe(18)
    const times = parsed.map((event) => event.timestamp)
    expect(new Date(Math.min(...times)).toISOString()).toBe('2020-02-11T03:33:11.000Z')
    expect(new Date(Math.max(...times)).toISOString()).toBe('2022-02-18T17:34:57.000Z')
  })
})
