import { describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { NormalisedEvent } from '../../../src-main/common/event'
import { EventStore } from '../../../src-main/core/store/eventStore'
import type { ShardInfo } from '../../../src-main/core/store/shardInfo'
import { ShardWriter } from '../../../src-main/core/store/shardWriter'
import { tempDir } from '../helpers/tempDir'

const T0 = Date.UTC(2026, 2, 14, 0, 0, 0)

function webEvent(minute: number, ip: string, status: number, path = '/'): NormalisedEvent {
  return {
    timestamp: T0 + minute * 60_000,
    fields: {
      'event.category': 'web',
      'source.ip': ip,
      'http.response.status_code': status,
      'url.path': path,
      message: `GET ${path}`
    },
    raw: `${ip} - - "GET ${path}" ${status} minute ${minute}`
  }
}

/** Writes one evidence source's events as shards of at most `maxShardBytes`, returning their catalog. */
async function writeShards(
  caseDir: string,
  evidenceId: string,
  events: NormalisedEvent[],
  rejected: string[] = [],
  maxShardBytes = 64 * 1024 * 1024
): Promise<ShardInfo[]> {
  const dir = join(caseDir, 'events', evidenceId)
  mkdirSync(dir, { recursive: true })
  const writer = await ShardWriter.create({
    dir,
    evidenceId,
    range: 0,
    firstPart: 0,
    firstId: 1,
    maxShardBytes,
    onShard: () => undefined
  })
  events.forEach((event, index) => writer.addEvent(event, index + 1, index * 100, index * 100 + 99))
  rejected.forEach((raw, index) =>
    writer.addRejected(raw, `bad line ${index}`, events.length + index + 1, 0, 1)
  )
  return await writer.finish()
}

async function twoShardStore() {
  const dir = tempDir()
  mkdirSync(join(dir, 'events'))
  // Interleaved in time across the two shards, so merging matters.
  const a = await writeShards(
    dir,
    'ev-a',
    [0, 2, 4, 6, 8].map((m) => webEvent(m, '192.0.2.1', 200)),
    ['garbage']
  )
  const b = await writeShards(
    dir,
    'ev-b',
    [1, 3, 5, 7, 9].map((m) => webEvent(m, '198.51.100.7', m > 5 ? 404 : 401, '/login'))
  )
  return { store: await EventStore.open(dir, [...a, ...b]), dir }
}

describe('EventStore', () => {
  it('pages across shards in time order with a correct total', async () => {
    const { store } = await twoShardStore()
    const page = store.page({}, 3, 4)
    expect(page.total).toBe(10)
    expect(page.events.map((e) => (e.timestamp - T0) / 60_000)).toEqual([3, 4, 5, 6])
    expect(page.events[0].provenance).toEqual({ evidenceId: 'ev-b', line: 2, offset: 100 })
    const descending = store.page({}, 0, 2, 'desc')
    expect(descending.events.map((e) => (e.timestamp - T0) / 60_000)).toEqual([9, 8])
    store.close()
  })

  it('pages through every event exactly once in both orders, and sees a shard attached later', async () => {
    const { store, dir } = await twoShardStore()
    const minutes = (order: 'asc' | 'desc') =>
      [0, 3, 6, 9].flatMap((offset) =>
        store.page({}, offset, 3, order).events.map((e) => (e.timestamp - T0) / 60_000)
      )
    expect(minutes('asc')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(minutes('desc')).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
    for (const info of await writeShards(dir, 'ev-c', [webEvent(4.5, '203.0.113.9', 500)]))
      store.addShard(info)
    expect(store.page({}, 5, 1).events[0].provenance.evidenceId).toBe('ev-c')
    expect(store.page({}, 0, 100).total).toBe(11)
    store.close()
  })

  it('filters by field, operator, time range and text with bound parameters', async () => {
    const { store } = await twoShardStore()
    expect(store.count({ filters: [{ field: 'source.ip', op: 'eq', value: '198.51.100.7' }] })).toBe(5)
    expect(store.count({ filters: [{ field: 'http.response.status_code', op: 'gte', value: 400 }] })).toBe(5)
    expect(
      store.count({ filters: [{ field: 'http.response.status_code', op: 'in', value: [401, 200] }] })
    ).toBe(8)
    expect(store.count({ from: T0 + 2 * 60_000, to: T0 + 5 * 60_000 })).toBe(3)
    expect(store.count({ text: 'minute 7' })).toBe(1)
    // A LIKE wildcard in user text is a literal, and quotes cannot break out of the parameter.
    expect(store.count({ text: '%' })).toBe(0)
    expect(store.count({ filters: [{ field: 'url.path', op: 'eq', value: "' OR '1'='1" }] })).toBe(0)
    store.close()
  })

  it('scans every match in time order across shards, in batches', async () => {
    const { store } = await twoShardStore()
    const batches = [...store.scan({}, { batchSize: 3 })]
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1])
    expect(batches.flat().map((e) => (e.timestamp - T0) / 60_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    store.close()
  })

  it('counts by time bucket and by field value', async () => {
    const { store } = await twoShardStore()
    const histogram = store.histogram({}, 5)
    expect(histogram.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(10)
    expect(histogram.bucketMs).toBeGreaterThanOrEqual(60_000)
    expect(store.topValues({}, 'http.response.status_code', 2)).toEqual([
      { value: 200, count: 5 },
      { value: 401, count: 3 }
    ])
    store.close()
  })

  it('keeps rejected lines with their reason, and loads events by reference', async () => {
    const { store } = await twoShardStore()
    expect(store.rejected('ev-a', 0, 10)).toEqual({
      total: 1,
      lines: [{ line: 6, offset: 0, raw: 'garbage', reason: 'bad line 0' }]
    })
    const [first] = store.page({ evidenceIds: ['ev-b'] }, 0, 1).events
    expect(store.get({ evidenceId: 'ev-b', eventId: first.id }).raw).toBe(first.raw)
    expect(() => store.get({ evidenceId: 'ev-b', eventId: 999 })).toThrow(/does not exist/)
    expect(
      store.getMany([
        { evidenceId: 'ev-b', eventId: first.id },
        { evidenceId: 'nope', eventId: 1 }
      ])
    ).toHaveLength(1)
    store.close()
  })
})

describe('size-bounded shards under a memory budget', () => {
  const many = Array.from({ length: 30_000 }, (_, i) =>
    webEvent(i / 10, `192.0.2.${i % 200}`, i % 7 === 0 ? 404 : 200, `/item/${i}`)
  )

  it('rolls over to new shards as one fills, keeps every event once, and pages them in order within the budget', async () => {
    const dir = tempDir()
    const shards = await writeShards(dir, 'ev-big', many, [], 1024 * 1024)
    expect(shards.length).toBeGreaterThan(3)
    expect(shards.reduce((sum, info) => sum + info.events, 0)).toBe(30_000)
    // Ids continue across parts, so (evidence, id) stays unique and in record order.
    shards.slice(1).forEach((info, k) => expect(info.firstId).toBe(shards[k].lastId + 1))
    const budget = 2.5 * Math.max(...shards.map((info) => info.bytes))
    const store = await EventStore.open(dir, shards, budget)
    expect(store.count({})).toBe(30_000)
    const seen: number[] = []
    for (let offset = 0; offset < 30_000; offset += 4_000) {
      for (const event of store.page({}, offset, 4_000).events) seen.push(event.provenance.line)
      expect(store.bytesLoaded).toBeLessThanOrEqual(budget)
    }
    expect(seen).toEqual(Array.from({ length: 30_000 }, (_, i) => i + 1))
    expect(store.count({ filters: [{ field: 'http.response.status_code', op: 'eq', value: 404 }] })).toBe(
      many.filter((e) => e.fields['http.response.status_code'] === 404).length
    )
    expect(store.bytesLoaded).toBeLessThanOrEqual(budget)
    store.close()
  })

  it('answers time-window counts of whole shards from the catalog, without loading them', async () => {
    const dir = tempDir()
    const shards = await writeShards(dir, 'ev-big', many, [], 1024 * 1024)
    const store = await EventStore.open(dir, shards)
    expect(store.count({ from: T0 })).toBe(30_000)
    expect(store.bytesLoaded).toBe(0)
    const middle = shards[1]
    expect(store.count({ from: middle.firstTs!, to: middle.lastTs! + 1 })).toBeGreaterThanOrEqual(
      middle.events
    )
    store.close()
  })

  it('searches messages with FTS4: all words, prefixes and phrases, never FTS syntax from the analyst', async () => {
    const { store } = await twoShardStore()
    expect(store.count({ match: 'GET login' })).toBe(5)
    expect(store.count({ match: 'logi*' })).toBe(5)
    expect(store.count({ match: '"GET /login"' })).toBe(5)
    expect(store.count({ match: 'GET' })).toBe(10)
    expect(store.count({ match: 'nothing-here' })).toBe(0)
    // FTS operators and quotes in the text are words, not syntax: no error, no injection.
    expect(store.count({ match: 'login OR NOT "' })).toBe(0)
    expect(store.page({ match: 'login' }, 0, 10).events.every((e) => e.fields['url.path'] === '/login')).toBe(
      true
    )
    store.close()
  })
})

describe('many small shards (a folder of many files)', () => {
  it('pages and scans hundreds of interleaved shards in exactly the order of a full sort', async () => {
    const dir = tempDir()
    const shards: ShardInfo[] = []
    for (let source = 0; source < 300; source++) {
      const events = [0, 1, 2].map((k) =>
        webEvent(((source * 7 + k * 13) % 50) / 10, '192.0.2.1', 200, `/s${source}/${k}`)
      )
      shards.push(
        ...(await writeShards(dir, `ev-${String(source).padStart(3, '0')}`, events, [], 256 * 1024))
      )
    }
    const store = await EventStore.open(dir, shards)
    const key = (e: { timestamp: number; provenance: { evidenceId: string }; id: number }) =>
      `${e.timestamp}|${e.provenance.evidenceId}|${e.id}`
    const paged = [0, 300, 600].flatMap((offset) => store.page({}, offset, 300).events.map(key))
    const scanned = [...store.scan({}, { batchSize: 128 })].flat().map(key)
    const sorted = [...scanned].sort((a, b) => {
      const [ta, ea, ia] = a.split('|')
      const [tb, eb, ib] = b.split('|')
      return Number(ta) - Number(tb) || (ea < eb ? -1 : ea > eb ? 1 : 0) || Number(ia) - Number(ib)
    })
    expect(scanned).toHaveLength(900)
    expect(scanned).toEqual(sorted)
    expect(paged).toEqual(sorted)
    store.close()
  })
})
