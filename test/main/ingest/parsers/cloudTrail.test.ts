// AWS CloudTrail: a Records document settles as one event per API call, single events per line (the OTRF
// export) as one each; identities, addresses, errors and console sign-ins map to ECS. Real data: the OTRF
// ec2_proxy_s3_exfiltration dataset, read in place from its zip with `unzip -p`.

import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import { cloudTrailFormat } from '../../../../src-main/core/ingest/parsers/cloudTrail'
import { DATASETS, fixtureText, hasUnzip, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import {
  eventsOf,
  expectEachRecordSettled,
  expectJsonFixtureGolden,
  type Settled,
  settleJson
} from './parserHarness'

const OTRF_CLOUDTRAIL = join(
  DATASETS,
  'otrf-security-datasets/datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration.zip'
)
const HAVE_OTRF = existsSync(OTRF_CLOUDTRAIL) && hasUnzip()
if (!HAVE_OTRF) console.warn(`skipping CloudTrail real-data tests: ${OTRF_CLOUDTRAIL} or unzip is absent`)

const settle = (text: string): Settled =>
  settleJson(cloudTrailFormat.create({ timeZone: 'UTC', referenceYear: 2026 }), text)
const fixture = () => fixtureText('cloudtrail-records.json')

describe('cloudtrail format', () => {
  it('cloudtrail-records.json parses to cloudtrail-records.json.expected.json', () => {
    const parser = cloudTrailFormat.create({ timeZone: 'UTC', referenceYear: 2026 })
    expectJsonFixtureGolden(parser, 'cloudtrail-records.json', [])
  })

  it('settles one Records document as one event per call, all pointing at the document', () => {
    const settled = settle(fixture())
    expect(settled.records).toHaveLength(1)
    expect(settled.outcomes.map((outcome) => outcome.kind)).toEqual(['event', 'event', 'event'])
    expect(settled.outcomes.every((outcome) => outcome.record.line === 1)).toBe(true)
    const [login, assumeRole, getObject] = eventsOf(settled.outcomes)
    expect(login.fields).toMatchObject({
      'event.action': 'ConsoleLogin',
      'event.provider': 'signin.amazonaws.com',
      'event.category': 'authentication',
      'event.outcome': 'failure',
      'event.reason': 'Failed authentication',
      'source.ip': '198.51.100.23',
      'user.name': 'alice',
      'user.id': 'AIDAEXAMPLEPRINCIPAL1',
      'cloud.account.id': '111122223333',
      'cloud.region': 'us-east-1',
      'cloud.provider': 'aws',
      'event.id': '0b1c2d3e-0000-4000-8000-000000000001'
    })
    expect(login.extra).toMatchObject({
      'userIdentity.type': 'IAMUser',
      'userIdentity.arn': 'arn:aws:iam::111122223333:user/alice',
      responseElements: '{"ConsoleLogin":"Failure"}',
      readOnly: 'false'
    })
    expect(login.extra).not.toHaveProperty('requestParameters')
    expect(assumeRole.fields).toMatchObject({
      'source.domain': 'ec2.amazonaws.com',
      'user.name': 'ec2.amazonaws.com',
      'event.outcome': 'success',
      'cloud.account.id': '111122223333'
    })
    expect(assumeRole.fields['source.ip']).toBeUndefined()
    expect(assumeRole.extra?.['requestParameters']).toBe(
      '{"roleArn":"arn:aws:iam::111122223333:role/web-server","roleSessionName":"i-0abc123def4567890"}'
    )
    expect(getObject.fields).toMatchObject({
      'source.ip': '2001:db8::23',
      'user.name': 'i-0abc123def4567890',
      'event.outcome': 'failure',
      'event.reason': 'Access Denied',
      message: 'GetObject on s3.amazonaws.com by i-0abc123def4567890 from 2001:db8::23 failed: Access Denied'
    })
    expect(getObject.extra).toMatchObject({
      errorCode: 'AccessDenied',
      'userIdentity.accessKeyId': 'ASIAEXAMPLEKEY000001'
    })
  })

  it('keeps each event of a Records list as its own raw JSON, not the whole document', () => {
    const [login] = eventsOf(settle(fixture()).outcomes)
    expect(JSON.parse(login.raw)).toMatchObject({ eventName: 'ConsoleLogin' })
  })

  it('reports an unreadable entry among readable ones as a pipeline_error event carrying the reason', () => {
    const good =
      '{"eventVersion":"1.08","eventTime":"2026-03-14T08:00:01Z","eventName":"ListBuckets","eventSource":"s3.amazonaws.com"}'
    const settled = settle(`{"Records":[${good},42,{"eventName":"X","eventTime":"never"}]}`)
    expectEachRecordSettled(settled)
    const [ok, notObject, badTime] = eventsOf(settled.outcomes)
    expect(ok.fields['event.action']).toBe('ListBuckets')
    expect(notObject.fields).toMatchObject({
      'event.kind': 'pipeline_error',
      'event.reason': 'Records[1]: not an object but 42'
    })
    expect(notObject.timestamp).toBe(ok.timestamp)
    expect(badTime.fields['event.reason']).toBe(
      "Records[2]: eventTime 'never' is not a date-time such as 2026-03-14T09:12:01Z"
    )
  })

  it('rejects a document with no readable event, skips an empty Records list, and never throws', () => {
    const settled = settle(
      [
        '{"Records":[{"eventTime":"2026-03-14T08:00:01Z"}]}',
        '{"Records":[]}',
        '{"Records":"x"}',
        '{"a":1}',
        '{'
      ].join('\n')
    )
    expectEachRecordSettled(settled)
    expect(
      settled.outcomes.map((outcome) => [outcome.kind, outcome.kind === 'event' ? '' : outcome.reason])
    ).toEqual([
      [
        'rejected',
        expect.stringMatching(
          /^no readable CloudTrail event in Records; the first: not a CloudTrail event: no eventName/
        ) as string
      ],
      ['skipped', 'CloudTrail file with an empty Records list: no events'],
      ['rejected', "'Records' is not a list of CloudTrail events"],
      ['rejected', expect.stringMatching(/^not a CloudTrail event: no eventName/) as string],
      ['rejected', expect.stringMatching(/^not valid JSON/) as string]
    ])
  })

  it('sniffs Records files and CloudTrail lines, and scores other JSON fixtures zero', () => {
    expect(cloudTrailFormat.sniff(readFixtureLines('cloudtrail-records.json'))).toBe(1)
    // A pretty Records file longer than the sample: recognised from its start.
    expect(cloudTrailFormat.sniff(readFixtureLines('cloudtrail-records.json').slice(0, 30))).toBe(0.9)
    const others = readdirSync(INGEST_FIXTURES).filter(
      (name) => !name.endsWith('.expected.json') && !name.startsWith('cloudtrail-')
    )
    expect(others.length).toBeGreaterThan(5)
    for (const other of others) expect(cloudTrailFormat.sniff(readFixtureLines(other)), other).toBe(0)
  })
})

describe.skipIf(!HAVE_OTRF)(
  'cloudtrail format on OTRF ec2_proxy_s3_exfiltration (one event per line)',
  () => {
    const text = HAVE_OTRF
      ? execFileSync('unzip', ['-p', OTRF_CLOUDTRAIL], { maxBuffer: 1 << 26 }).toString()
      : ''

    it('reads all 103 events with no rejection', () => {
      // `unzip -p … | jq -c . | wc -l` counts 103 documents.
      const settled = settle(text)
      expectEachRecordSettled(settled)
      expect(settled.outcomes.filter((outcome) => outcome.kind !== 'event')).toEqual([])
      expect(eventsOf(settled.outcomes)).toHaveLength(103)
      expect(cloudTrailFormat.sniff(text.split('\n').slice(0, 200))).toBe(1)
    })

    it('maps addresses, identities and times as jq reads them', () => {
      const all = eventsOf(settle(text).outcomes)
      const count = (predicate: (event: NormalisedEvent) => boolean) => all.filter(predicate).length
      // jq -r '.sourceIPAddress' | sort | uniq -c: 98 × 1.2.3.4, 5 × ec2.amazonaws.com.
      expect(count((event) => event.fields['source.ip'] === '1.2.3.4')).toBe(98)
      expect(count((event) => event.fields['source.domain'] === 'ec2.amazonaws.com')).toBe(5)
      // jq -r '.userIdentity.type, .userIdentity.userName': 87 IAMUser pedro, 11 AssumedRole with arn
      // …assumed-role/MordorNginxStack-BankingWAFRole-9S3E0UAE1MM0/i-0317f6c6b66ae9c40.
      expect(count((event) => event.fields['user.name'] === 'pedro')).toBe(87)
      expect(count((event) => event.fields['user.name'] === 'i-0317f6c6b66ae9c40')).toBe(11)
      // jq -r '.eventName' | sort | uniq -c: DescribeInstances 11.
      expect(count((event) => event.fields['event.action'] === 'DescribeInstances')).toBe(11)
      // No eventTime in this export (jq 'select(.eventTime != null)' is empty): @timestamp is used, and
      // sorted it spans 2020-09-14T00:44:20.000Z … 2020-09-14T01:13:20.000Z.
      const times = all.map((event) => event.timestamp).sort((a, b) => a - b)
      expect(new Date(times[0]).toISOString()).toBe('2020-09-14T00:44:20.000Z')
      expect(new Date(times[times.length - 1]).toISOString()).toBe('2020-09-14T01:13:20.000Z')
      expect(count((event) => event.fields['event.outcome'] === 'success')).toBe(103)
    })
  }
)
