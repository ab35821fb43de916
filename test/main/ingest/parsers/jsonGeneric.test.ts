// The generic JSON format: framed documents become events with ECS columns filled from matching keys and
// everything else in `extra`; broken or non-object documents are rejected with JSON.parse's reason. Golden
// files (UPDATE_GOLDEN=1 regenerates them; review the diff) pin the whole output of each fixture.

import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { ParserOptions, TextFormatDefinition } from '../../../../src-main/core/ingest/parser'
import { cloudTrailFormat } from '../../../../src-main/core/ingest/parsers/cloudTrail'
import { jsonFormat } from '../../../../src-main/core/ingest/parsers/jsonGeneric'
import { windowsJsonFormat } from '../../../../src-main/core/ingest/parsers/windowsJson'
import { fixtureText, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import {
  eventsOf,
  expectEachRecordSettled,
  expectJsonFixtureGolden,
  type Settled,
  settleJson
} from './parserHarness'

const UTC: ParserOptions = { timeZone: 'UTC', referenceYear: 2026 }

const settle = (text: string, definition: TextFormatDefinition, options = UTC): Settled =>
  settleJson(definition.create(options), text)

function rejections(settled: Settled) {
  return settled.outcomes.flatMap((outcome) =>
    outcome.kind === 'rejected' ? [{ line: outcome.record.line, reason: outcome.reason }] : []
  )
}

describe('json format: golden files', () => {
  for (const fixture of ['json-lines-broken.jsonl', 'json-array-pretty.json', 'ecs-document.json']) {
    it(`${fixture} parses to ${fixture}.expected.json, every record settled once`, () => {
      const parser = jsonFormat.create({ timeZone: 'Europe/Berlin', referenceYear: 2026 })
      expectJsonFixtureGolden(parser, fixture, ['rejected', 'skipped'])
    })
  }
})

describe('json format', () => {
  it('keeps everything around a broken record: 7 events and 3 reasons from the 10 records', () => {
    const settled = settle(fixtureText('json-lines-broken.jsonl'), jsonFormat)
    expect(settled.records).toHaveLength(10)
    expect(eventsOf(settled.outcomes)).toHaveLength(7)
    expect(rejections(settled)).toEqual([
      { line: 4, reason: expect.stringMatching(/^not valid JSON \(.*\) near '.*var\/lib\/app'$/) as string },
      {
        line: 8,
        reason: 'the document is a number (42), not a JSON object: each event must be an object'
      },
      {
        line: 9,
        reason: expect.stringMatching(/^no timestamp: the document has none of the fields/) as string
      }
    ])
  })

  it('maps ECS keys to columns with their types checked and keeps the rest in extra', () => {
    const [first, second, third, , , , last] = eventsOf(
      settle(fixtureText('json-lines-broken.jsonl'), jsonFormat).outcomes
    )
    expect(first.fields).toMatchObject({
      'user.name': 'alice',
      'source.ip': '192.0.2.10',
      'source.port': 51234,
      'event.action': 'login',
      'event.outcome': 'success',
      'log.level': 'info',
      'event.kind': 'event',
      message: 'user login ok'
    })
    expect(second.fields).toMatchObject({
      message: 'disk almost full',
      'log.level': 'warn',
      'host.name': 'web-01'
    })
    expect(second.extra).toMatchObject({
      ts: 1773479522,
      level: 'warn',
      host: 'web-01',
      'disk.free_pct': 4.5
    })
    expect(third.extra).toMatchObject({ tags: '["auth","brute"]', logger: 'app.auth' })
    expect(third.fields['user.name']).toBe('bob')
    expect(last.fields['event.category']).toBe('authentication,session')
    expect(last.fields['process.pid']).toBeUndefined()
    expect(last.extra).toMatchObject({ 'process.pid': 'abc', ok: 'true' })
    expect(last.extra).not.toHaveProperty('empty')
  })

  it('validates addresses and numbers: bad IPs and ports go to extra, IPv4-mapped IPv6 is IPv4', () => {
    const epochLine = eventsOf(settle(fixtureText('json-lines-broken.jsonl'), jsonFormat).outcomes)[5]
    expect(epochLine.timestamp).toBe(1_773_479_527_123)
    expect(epochLine.fields).toMatchObject({ 'destination.ip': '2001:db8::1', 'destination.port': 443 })
    expect(epochLine.fields['source.ip']).toBeUndefined()
    expect(epochLine.extra?.['source.address']).toBe('not-an-ip!')
    const [ecs] = eventsOf(settle(fixtureText('ecs-document.json'), jsonFormat).outcomes)
    expect(ecs.fields).toMatchObject({
      'source.ip': '198.51.100.7',
      'process.pid': 4242,
      'process.parent.pid': 1000,
      'event.category': 'process',
      'event.dataset': 'endpoint.process',
      'host.name': 'ws-042',
      'user.domain': 'CORP'
    })
    expect(ecs.extra).toEqual({
      '@timestamp': '2026-03-14T11:00:00.000Z',
      'ecs.version': '8.11.0',
      'labels.env': 'prod'
    })
  })

  it('reads times without zone in the declared zone', () => {
    const berlin = { timeZone: 'Europe/Berlin', referenceYear: 2026 }
    const noZone = eventsOf(settle(fixtureText('json-lines-broken.jsonl'), jsonFormat, berlin).outcomes)[4]
    expect(noZone.fields['message']).toBe('no zone: read in the declared zone')
    // 09:12:06 in Berlin (UTC+1 in March before the 29th) is 08:12:06Z.
    expect(new Date(noZone.timestamp).toISOString()).toBe('2026-03-14T08:12:06.000Z')
  })

  it('renders a message from the keys when the document has none', () => {
    const [event] = eventsOf(
      settle('{"ts":1773479521,"action":"x","count":3,"list":[1]}\n', jsonFormat).outcomes
    )
    expect(event.fields['message']).toBe('action=x count=3')
  })

  it('rejects a number, null and an array element that is not an object, and never throws', () => {
    const settled = settle('[1, null, "s", {"ts": 1773479521}, [2]]\n{"ts":}\n', jsonFormat)
    expectEachRecordSettled(settled)
    expect(settled.outcomes.map((outcome) => outcome.kind)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'event',
      'rejected',
      'rejected'
    ])
  })

  it('sniffs dated JSON objects and ranks below the formats that recognise their documents', () => {
    expect(jsonFormat.sniff(readFixtureLines('json-lines-broken.jsonl'))).toBeCloseTo(0.8 * (7 / 10))
    expect(jsonFormat.sniff(readFixtureLines('ecs-document.json'))).toBeCloseTo(0.8)
    for (const [fixture, own] of [
      ['cloudtrail-records.json', cloudTrailFormat],
      ['get-winevent.json', windowsJsonFormat],
      ['winlogbeat.jsonl', windowsJsonFormat]
    ] as const) {
      const sample = readFixtureLines(fixture)
      expect(jsonFormat.sniff(sample), fixture).toBeLessThan(own.sniff(sample))
    }
  })

  it('scores zero on fixtures that are not JSON, and at most 0.8 on other formats written as JSON', () => {
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !name.endsWith('.expected.json') && !name.startsWith('json-') && name !== 'ecs-document.json'
    )
    expect(others.length).toBeGreaterThan(5)
    for (const fixture of others) {
      const sample = readFixtureLines(fixture)
      const isJson = /^\s*[[{]/.test(sample.join('\n'))
      if (isJson) expect(jsonFormat.sniff(sample), fixture).toBeLessThanOrEqual(0.8)
      else expect(jsonFormat.sniff(sample), fixture).toBe(0)
    }
  })
})
