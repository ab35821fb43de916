// The explorer histogram's option and bucket arithmetic as pure functions: bars labelled in the display
// zone with the zone on the axis, a horizontal brush over the bucket axis, and brushed or clicked buckets
// turned into the half-open time range the query is narrowed to.

import { describe, expect, it } from 'vitest'
import { bucketRange, eventHistogramOption } from '../../src-renderer/charts/eventHistogram'
import { CHART_PALETTES } from '../../src-renderer/charts/palette'

const MINUTE = 60_000
const start = Date.UTC(2026, 2, 14, 22, 50, 0)
const histogram = {
  bucketMs: 5 * MINUTE,
  buckets: [
    { start, count: 3 },
    { start: start + 5 * MINUTE, count: 0 },
    { start: start + 10 * MINUTE, count: 8 },
    { start: start + 15 * MINUTE, count: 1 }
  ]
}

describe('eventHistogramOption', () => {
  it('labels the buckets in the display zone and names the zone on the axis', () => {
    const option = eventHistogramOption(histogram, 'Asia/Tokyo', CHART_PALETTES.dark)
    const xAxis = option.xAxis as { name: string; data: string[] }
    expect(xAxis.name).toBe('Time (Asia/Tokyo)')
    expect(xAxis.data).toEqual(['03-15 07:50', '03-15 07:55', '03-15 08:00', '03-15 08:05'])
    expect((option.series as { data: number[] }[])[0].data).toEqual([3, 0, 8, 1])
  })

  it('brushes one horizontal span over the time axis', () => {
    const option = eventHistogramOption(histogram, 'UTC', CHART_PALETTES.light)
    expect(option.brush).toMatchObject({ xAxisIndex: 0, brushType: 'lineX', brushMode: 'single' })
  })
})

describe('bucketRange', () => {
  it('covers the brushed buckets from the start of the first to the end of the last', () => {
    expect(bucketRange(histogram, 1, 2)).toEqual({ from: start + 5 * MINUTE, to: start + 15 * MINUTE })
  })

  it('is one bucket wide for a click, and takes the ends in either order', () => {
    expect(bucketRange(histogram, 3, 3)).toEqual({ from: start + 15 * MINUTE, to: start + 20 * MINUTE })
    expect(bucketRange(histogram, 2, 0)).toEqual({ from: start, to: start + 15 * MINUTE })
  })

  it('rounds fractional positions and clamps ends beyond the bars', () => {
    expect(bucketRange(histogram, -3, 0.4)).toEqual({ from: start, to: start + 5 * MINUTE })
    expect(bucketRange(histogram, 2.6, 9)).toEqual({ from: start + 15 * MINUTE, to: start + 20 * MINUTE })
  })

  it('has no range without buckets', () => {
    expect(bucketRange({ bucketMs: MINUTE, buckets: [] }, 0, 0)).toBeNull()
  })
})
