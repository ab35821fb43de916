import { describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { eventQuerySchema } from '../../../src-main/common/contract'
import type { NormalisedEvent } from '../../../src-main/common/event'
import type { QueryNode } from '../../../src-main/common/query/queryAst'
import { parseQuery } from '../../../src-main/common/query/queryParser'
import { EventStore } from '../../../src-main/core/store/eventStore'
import { compileWhere } from '../../../src-main/core/store/queryCompiler'
import { compileQueryLanguage, likePattern } from '../../../src-main/core/store/queryLanguage'
import type { ShardInfo } from '../../../src-main/core/store/shardInfo'
import { ShardWriter } from '../../../src-main/core/store/shardWriter'
import { tempDir } from '../helpers/tempDir'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 2, 14)
const HOUR = 3_600_000

function compile(text: string) {
  const parsed = parseQuery(text)
  if (!parsed.ok || !parsed.ast) throw new Error(`did not parse: ${text}`)
  return compileQueryLanguage(parsed.ast)
}

describe('compileQueryLanguage: SQL and parameters', () => {
  it('compares text columns case-insensitively and numeric columns as numbers (both worth an index)', () => {
    expect(compile('user.name:admin')).toEqual({
      sql: 'f_user_name = ? COLLATE NOCASE',
      params: ['admin'],
      columns: ['f_user_name'],
      fullText: false
    })
    expect(compile('http.response.status_code:[500 TO 599]')).toEqual({
      sql: '(f_http_response_status_code >= ? AND f_http_response_status_code <= ?)',
      params: [500, 599],
      columns: ['f_http_response_status_code'],
      fullText: false
    })
  })

  it('makes NOT null-safe, wildcards LIKE patterns and words FTS phrases', () => {
    expect(compile('-user.name:adm*')).toMatchObject({
      sql: "NOT coalesce(f_user_name LIKE ? ESCAPE '\\', 0)",
      params: ['adm%']
    })
    expect(compile('password pass* "NEAR OR \\"x"')).toEqual({
      sql:
        '(id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?) AND ' +
        'id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?) AND ' +
        'id IN (SELECT docid FROM events_fts WHERE events_fts MATCH ?))',
      params: ['"password"', '"pass*"', '"NEAR OR  x"'],
      columns: [],
      fullText: true
    })
  })

  it('reads other fields from extra through a bound JSON path, bare names under winlog.event_data. first', () => {
    expect(compile('LogonType:3')).toMatchObject({
      sql: 'CAST(coalesce(json_extract(extra, ?), json_extract(extra, ?)) AS TEXT) = ? COLLATE NOCASE',
      params: ['$."winlog.event_data.LogonType"', '$."LogonType"', '3']
    })
    expect(compile('custom.score:>7')).toMatchObject({
      sql:
        "((json_extract(extra, ?) GLOB '*[0-9]*' AND json_extract(extra, ?) NOT GLOB '*[^0-9.eE+-]*') AND " +
        'CAST(json_extract(extra, ?) AS REAL) > ?)',
      params: ['$."custom.score"', '$."custom.score"', '$."custom.score"', 7]
    })
  })

  it('never puts values or field names into the SQL text', () => {
    const compiled = compile(`url.path:"'; DROP TABLE events; --" x.y:"\\\\'" '; DROP`)
    expect(compiled.sql).not.toMatch(/DROP|'; /)
    expect(compiled.params).toContain("'; DROP TABLE events; --")
    expect(compiled.params).toContain('$."x.y"')
    const crafted: QueryNode = { kind: 'field', field: 'a"b', test: { op: 'exists' } }
    expect(() => compileQueryLanguage(crafted)).toThrow(/unsafe field name/)
  })

  it('escapes %, _ and \\ in wildcard values, keeping escaped * and ? literal', () => {
    expect(likePattern('1%_\\*x?\\\\')).toBe('1\\%\\_*x_\\\\')
    expect(compile('url.path:/100%*').params).toEqual(['/100\\%%'])
  })

  it('returns the @timestamp window of top-level ANDed terms only', () => {
    expect(compile('@timestamp:2026-03-14 (a OR b) @timestamp:<2026-03-14T12:00')).toMatchObject({
      from: T0,
      to: T0 + 12 * HOUR
    })
    const loose = compile('@timestamp:2026-03-14 OR @timestamp:2026-03-20')
    expect(loose.from).toBeUndefined()
    expect(loose.to).toBeUndefined()
    expect(compile('NOT @timestamp:>=2026-03-14').from).toBeUndefined()
  })

  it('is ANDed into compileWhere, its window narrowing the query’s', () => {
    const where = compileWhere({
      from: T0 - DAY,
      to: T0 + 2 * DAY,
      query: '@timestamp:>=2026-03-14 user.name:x'
    })
    expect(where.sql).toBe('WHERE ts >= ? AND ts < ? AND ((ts >= ?) AND f_user_name = ? COLLATE NOCASE)')
    expect(where.params).toEqual([T0 - DAY, T0 + 2 * DAY, T0, 'x'])
    expect(where).toMatchObject({ from: T0, to: T0 + 2 * DAY })
    expect(compileWhere({ query: '   ' }).sql).toBe('')
    expect(() => compileWhere({ query: 'a AND' })).toThrow(
      "query: expected a term after 'AND' (at character 3)"
    )
  })

  it('is checked by the contract, which gives the parser’s message and position', () => {
    const bad = eventQuerySchema.safeParse({ query: 'user.name:(a OR b' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['query'],
      message: "unclosed '(': expected ')' (at character 11)"
    })
    expect(eventQuerySchema.safeParse({ query: 'user.name:a' }).success).toBe(true)
  })
})

function event(
  at: number,
  fields: NormalisedEvent['fields'],
  extra?: NormalisedEvent['extra']
): NormalisedEvent {
  return { timestamp: at, fields, ...(extra && { extra }), raw: JSON.stringify(fields) }
}

/** Six events over three days; each event's user.name (or its label) identifies it in the results. */
const EVENTS: NormalisedEvent[] = [
  event(T0, {
    'user.name': 'Administrator',
    'http.response.status_code': 200,
    'url.path': '/1000/index.html',
    message: 'GET index ok'
  }),
  event(T0 + HOUR, {
    'user.name': 'admin',
    'http.response.status_code': 401,
    'url.path': "/login'; DROP TABLE events; --",
    message: 'failed password for admin'
  }),
  event(T0 + 2 * HOUR, {
    'user.name': 'a_min',
    'http.response.status_code': 404,
    'url.path': '/100%done',
    message: 'not found'
  }),
  event(
    T0 + 3 * HOUR,
    { 'user.name': 'bob', 'http.response.status_code': 500, message: 'internal error password reset' },
    { 'winlog.event_data.LogonType': '3' }
  ),
  event(
    T0 + DAY + 9 * HOUR,
    {
      'user.name': 'carol',
      'http.response.status_code': 503,
      'file.path': 'C:\\Windows\\System32\\cmd.exe',
      message: 'service unavailable'
    },
    { LogonType: '10', 'custom.score': 7.5 }
  ),
  event(
    T0 + 2 * DAY,
    { 'http.response.status_code': 302, message: 'redirect passwords' },
    { 'winlog.event_data.LogonType': 'Network' }
  )
]
const LABELS = ['Administrator', 'admin', 'a_min', 'bob', 'carol', 'nobody']

async function writeShards(
  caseDir: string,
  evidenceId: string,
  events: NormalisedEvent[]
): Promise<ShardInfo[]> {
  const dir = join(caseDir, 'events', evidenceId)
  mkdirSync(dir, { recursive: true })
  const writer = await ShardWriter.create({
    dir,
    evidenceId,
    range: 0,
    firstPart: 0,
    firstId: 1,
    maxShardBytes: 64 * 1024 * 1024,
    onShard: () => undefined
  })
  events.forEach((e, index) => writer.addEvent(e, index + 1, index * 100, index * 100 + 99))
  return await writer.finish()
}

/** The first four events (14 March) in one evidence source, the last two in another. */
async function openCase(): Promise<EventStore> {
  const dir = tempDir()
  const shards = [
    ...(await writeShards(dir, 'ev-a', EVENTS.slice(0, 4))),
    ...(await writeShards(dir, 'ev-b', EVENTS.slice(4)))
  ]
  return EventStore.open(dir, shards)
}

function labelsOf(store: EventStore, query: string): string[] {
  return store.page({ query }, 0, 100).events.map((e) => LABELS[EVENTS.findIndex((x) => x.raw === e.raw)])
}

describe('the query language on a real case', () => {
  it.each([
    ['user.name:administrator', ['Administrator']],
    ['user.name:ADM*', ['Administrator', 'admin']],
    ['user.name:a?min', ['admin', 'a_min']],
    ['user.name:?_min', ['a_min']],
    ['user.name:a_min', ['a_min']],
    ['url.path:/100%*', ['a_min']],
    [`url.path:"/login'; DROP TABLE events; --"`, ['admin']],
    ['file.path:"C:\\Windows\\System32\\cmd.exe"', ['carol']],
    ['file.path:*\\\\cmd.exe', ['carol']],
    ['http.response.status_code:>=500', ['bob', 'carol']],
    ['http.response.status_code:[400 TO 499]', ['admin', 'a_min']],
    ['http.response.status_code:{401 TO 503}', ['a_min', 'bob']],
    ['http.response.status_code:<=200', ['Administrator']],
    ['-user.name:bob', ['Administrator', 'admin', 'a_min', 'carol', 'nobody']],
    ['NOT http.response.status_code:[300 TO 599]', ['Administrator']],
    ['user.name:* AND NOT user.name:bob', ['Administrator', 'admin', 'a_min', 'carol']],
    ['user.name:(admin OR bob)', ['admin', 'bob']],
    ['(user.name:bob OR user.name:carol) AND http.response.status_code:>=503', ['carol']],
    ['password', ['admin', 'bob']],
    ['passw*', ['admin', 'bob', 'nobody']],
    ['"failed password"', ['admin']],
    ['"password failed"', []],
    ['password OR redirect', ['admin', 'bob', 'nobody']],
    ['"NEAR OR *"', []],
    [`'; DROP TABLE events; --`, []],
    ['message:"FAILED password for admin"', ['admin']],
    ['@timestamp:2026-03-14', ['Administrator', 'admin', 'a_min', 'bob']],
    ['@timestamp:>=2026-03-14T01:00:00Z AND @timestamp:<2026-03-14T03:00', ['admin', 'a_min']],
    ['@timestamp:[2026-03-15 TO *]', ['carol', 'nobody']],
    ['@timestamp:>2026-03-15', ['nobody']],
    ['@timestamp:2026-03-15T11:00+02:00', ['carol']],
    ['winlog.event_data.LogonType:3', ['bob']],
    ['LogonType:3', ['bob']],
    ['LogonType:10', ['carol']],
    ['LogonType:network', ['nobody']],
    // Numeric bounds compare numbers: 10 is outside [2 TO 5] (as text it would sort inside), Network is no number.
    ['LogonType:[2 TO 5]', ['bob']],
    ['custom.score:>7', ['carol']],
    ['LogonType:*', ['bob', 'carol', 'nobody']],
    ['-LogonType:3', ['Administrator', 'admin', 'a_min', 'carol', 'nobody']]
  ])('%s', async (query, expected) => {
    const store = await openCase()
    expect(labelsOf(store, query)).toEqual(expected)
    expect(store.count({})).toBe(6)
    store.close()
  })

  it('serves histogram and top values for a query', async () => {
    const store = await openCase()
    expect(store.topValues({ query: 'http.response.status_code:>=400' }, 'user.name', 10)).toEqual([
      { value: 'a_min', count: 1 },
      { value: 'admin', count: 1 },
      { value: 'bob', count: 1 },
      { value: 'carol', count: 1 }
    ])
    const histogram = store.histogram({ query: 'password' }, 10)
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2)
    expect(store.count({ query: '@timestamp:2026-03-14' })).toBe(4)
    store.close()
  })

  it('prunes shards by the query’s time window without loading them', async () => {
    const byText = await openCase()
    expect(byText.count({ query: '@timestamp:>=2026-03-15 user.name:carol' })).toBe(1)
    const byBounds = await openCase()
    expect(byBounds.count({ from: T0 + DAY, query: 'user.name:carol' })).toBe(1)
    const unbounded = await openCase()
    expect(unbounded.count({ query: 'user.name:carol' })).toBe(1)
    expect(byText.bytesLoaded).toBe(byBounds.bytesLoaded)
    expect(byText.bytesLoaded).toBeLessThan(unbounded.bytesLoaded)
    for (const store of [byText, byBounds, unbounded]) store.close()
  })
})
