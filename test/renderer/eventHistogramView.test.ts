// The explorer histogram mounted over a fake backend, with ECharts replaced by a recorder of the handlers
// the component registers: it charts the query in force (dropping a late answer for an older query), a
// brush or a click narrows the store's time range to whole buckets, a drag is not a click, and "Reset
// time" widens it again.

import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type * as EChartsCore from 'echarts/core'
import type { Histogram } from '../../src-main/common/domain'
import EventHistogram from '../../src-renderer/features/events/EventHistogram.vue'
import { useEventsStore } from '../../src-renderer/stores/events'
import { deferred } from './support/deferred'
import type { Deferred } from './support/deferred'
import { makeCase } from './support/fixtures'
import { openCase, setupBackend } from './support/setup'
import type { TestBackend } from './support/setup'

type Handler = (params: Record<string, unknown>) => void

const chart = vi.hoisted(() => ({
  handlers: new Map<string, (params: Record<string, unknown>) => void>(),
  zrHandlers: new Map<string, (params: Record<string, unknown>) => void>(),
  options: [] as unknown[],
  actions: [] as unknown[],
  insideGrid: true,
  pixelToIndex: 0
}))

vi.mock('echarts/core', async (importOriginal) => ({
  ...(await importOriginal<typeof EChartsCore>()),
  init: () => ({
    setOption: (option: unknown) => chart.options.push(option),
    dispatchAction: (action: unknown) => chart.actions.push(action),
    on: (name: string, handler: Handler) => chart.handlers.set(name, handler),
    getZr: () => ({ on: (name: string, handler: Handler) => chart.zrHandlers.set(name, handler) }),
    containPixel: () => chart.insideGrid,
    convertFromPixel: () => [chart.pixelToIndex, 0],
    resize: () => undefined,
    dispose: () => undefined
  })
}))

const MINUTE = 60_000
const start = Date.UTC(2026, 2, 14, 22, 50, 0)
const histogram: Histogram = {
  bucketMs: 5 * MINUTE,
  buckets: [0, 1, 2, 3].map((index) => ({ start: start + index * 5 * MINUTE, count: index + 1 }))
}

let backend: TestBackend
let view: VueWrapper

async function mountHistogram(): Promise<void> {
  view = mount(EventHistogram, { global: { plugins: [backend.pinia] }, attachTo: document.body })
  await flushPromises()
}

const lastSeriesData = () => (chart.options.at(-1) as { series: { data: number[] }[] }).series[0].data

describe('EventHistogram', () => {
  beforeEach(() => {
    chart.handlers.clear()
    chart.zrHandlers.clear()
    chart.options.length = 0
    chart.actions.length = 0
    chart.insideGrid = true
    backend = setupBackend()
    backend.transport.answer('events.histogram', () => histogram)
    openCase(makeCase())
  })
  afterEach(() => view.unmount())

  it('charts the query in force and arms the brush', async () => {
    useEventsStore().applyQuery('event.outcome:failure')
    await mountHistogram()

    expect(backend.transport.callsTo('events.histogram')).toEqual([
      { caseId: 'case-1', query: { query: 'event.outcome:failure' }, buckets: 120 }
    ])
    expect(lastSeriesData()).toEqual([1, 2, 3, 4])
    expect(chart.actions.at(-1)).toMatchObject({ type: 'takeGlobalCursor', key: 'brush' })
    expect(view.text()).toContain('Events over time per 5 min · times in UTC')
  })

  it('keeps the newest query when an older answer arrives late', async () => {
    const held: Deferred<Histogram>[] = []
    backend.transport.answer('events.histogram', () => {
      held.push(deferred<Histogram>())
      return (held.at(-1) as Deferred<Histogram>).promise
    })
    await mountHistogram()
    useEventsStore().applyQuery('user.name:root')
    await flushPromises()
    expect(held).toHaveLength(2)

    held[1].resolve({ bucketMs: MINUTE, buckets: [{ start, count: 42 }] })
    await flushPromises()
    held[0].resolve(histogram)
    await flushPromises()
    expect(lastSeriesData()).toEqual([42])
  })

  it('narrows the time range to the brushed buckets, shows it in the zone, and resets it', async () => {
    await mountHistogram()
    chart.handlers.get('brushEnd')?.({ areas: [{ coordRange: [2, 1] }] })
    await flushPromises()

    const events = useEventsStore()
    expect([events.from, events.to]).toEqual([start + 5 * MINUTE, start + 15 * MINUTE])
    expect(view.find('[data-testid="histogram-range"]').text()).toContain(
      '2026-03-14 22:55:00 UTC–to2026-03-14 23:05:00 UTC'
    )
    await view.find('[data-testid="histogram-reset-time"]').trigger('click')
    expect([events.from, events.to]).toEqual([null, null])
    expect(view.find('[data-testid="histogram-range"]').exists()).toBe(false)
  })

  it('narrows to the clicked bucket, but not at the end of a drag or outside the bars', async () => {
    await mountHistogram()
    const events = useEventsStore()
    const press = chart.zrHandlers.get('mousedown')
    const click = chart.zrHandlers.get('click')

    chart.pixelToIndex = 3
    press?.({ offsetX: 100, offsetY: 50 })
    click?.({ offsetX: 160, offsetY: 50 })
    expect(events.from).toBeNull()

    chart.insideGrid = false
    press?.({ offsetX: 100, offsetY: 50 })
    click?.({ offsetX: 101, offsetY: 50 })
    expect(events.from).toBeNull()

    chart.insideGrid = true
    click?.({ offsetX: 101, offsetY: 50 })
    expect([events.from, events.to]).toEqual([start + 15 * MINUTE, start + 20 * MINUTE])
  })
})
