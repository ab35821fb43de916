import { describe, expect, it } from 'vitest'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { NormalisedEvent } from '../../../src-main/common/event'
import { EventStore, shardPath } from '../../../src-main/core/store/eventStore'
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

async function writeShard(
  caseDir: string,
  evidenceId: string,
  events: NormalisedEvent[],
  rejected: string[] = []
) {
  const writer = await ShardWriter.create()
  events.forEach((event, index) => writer.addEvent(event, index + 1, index * 100))
  rejected.forEach((raw, index) => writer.addRejected(raw, `bad line ${index}`, events.length + index + 1, 0))
  writer.finish(shardPath(caseDir, evidenceId), { evidence_id: evidenceId })
}

async function twoShardStore() {
  const dir = tempDir()
  mkdirSync(join(dir, 'events'))
  // Interleaved in time across the two shards, so merging matters.
  await writeShard(
    dir,
    'ev-a',
    [0, 2, 4, 6, 8].map((m) => webEvent(m, '192.0.2.1', 200)),
    ['garbage']
  )
  await writeShard(
    dir,
    'ev-b',
    [1, 3, 5, 7, 9].map((m) => webEvent(m, '198.51.100.7', m > 5 ? 404 : 401, '/login'))
  )
  return EventStore.open(dir, ['ev-a', 'ev-b'])
}

describe('EventStore', () => {
  it('pages across shards in time order with a correct total', async () => {
    const store = await twoShardStore()
    const page = store.page({}, 3, 4)
    expect(page.total).toBe(10)
    expect(page.events.map((e) => (e.timestamp - T0) / 60_000)).toEqual([3, 4, 5, 6])
    expect(page.events[0].provenance).toEqual({ evidenceId: 'ev-b', line: 2, offset: 100 })
    const descending = store.page({}, 0, 2, 'desc')
    expect(descending.events.map((e) => (e.timestamp - T0) / 60_000)).toEqual([9, 8])
    store.close()
  })

  it('pages through every event exactly once in both orders, and sees a shard attached later', async () => {
    const store = await twoShardStore()
    const minutes = (order: 'asc' | 'desc') =>
      [0, 3, 6, 9].flatMap((offset) =>
        store.page({}, offset, 3, order).events.map((e) => (e.timestamp - T0) / 60_000)
      )
    expect(minutes('asc')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(minutes('desc')).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])
    const dir = (store as unknown as { caseDir: string }).caseDir
    await writeShard(dir, 'ev-c', [webEvent(4.5, '203.0.113.9', 500)])
    store.attach('ev-c')
    expect(store.page({}, 5, 1).events[0].provenance.evidenceId).toBe('ev-c')
    expect(store.page({}, 0, 100).total).toBe(11)
    store.close()
  })

  it('filters by field, operator, time range and text with bound parameters', async () => {
    const store = await twoShardStore()
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
    const store = await twoShardStore()
    const batches = [...store.scan({}, { batchSize: 3 })]
    expect(batches.map((b) => b.length)).toEqual([3, 3, 3, 1])
    expect(batches.flat().map((e) => (e.timestamp - T0) / 60_000)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    store.close()
  })

  it('counts by time bucket and by field value', async () => {
    const store = await twoShardStore()
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
    const store = await twoShardStore()
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
