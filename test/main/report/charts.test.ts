// Chart options and their server-side SVG: one bar per printed bucket, axes that name the zone, gaps filled,
// fine histograms merged to fit a page, and output that is the same string on every call.

import { describe, expect, it } from 'vitest'
import {
  alertsBySeverityOption,
  eventsOverTimeOption,
  printableHistogram,
  renderChartSvg
} from '../../../src-main/core/report/charts'

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 2, 12, 6, 0, 0)

/** The bars ECharts drew for the first series (its SSR output tags each data item). */
function barCount(svg: string): number {
  return svg.match(/<path [^>]*ecmeta_series_index="0" ecmeta_data_index="\d+"/g)?.length ?? 0
}

describe('printableHistogram', () => {
  it('fills quiet periods with empty buckets so the axis is continuous', () => {
    const histogram = printableHistogram({
      bucketMs: HOUR,
      buckets: [
        { start: T0 + 3 * HOUR, count: 4 },
        { start: T0, count: 2 }
      ]
    })
    expect(histogram).toEqual({
      bucketMs: HOUR,
      bars: [
        { start: T0, count: 2 },
        { start: T0 + HOUR, count: 0 },
        { start: T0 + 2 * HOUR, count: 0 },
        { start: T0 + 3 * HOUR, count: 4 }
      ]
    })
  })

  it('merges neighbours when there are more buckets than bars that fit, keeping every event', () => {
    const buckets = Array.from({ length: 1_000 }, (_, index) => ({ start: T0 + index * 60_000, count: 1 }))
    const histogram = printableHistogram({ bucketMs: 60_000, buckets }, 96)
    expect(histogram.bucketMs).toBe(11 * 60_000)
    expect(histogram.bars).toHaveLength(91)
    expect(histogram.bars.reduce((sum, bar) => sum + bar.count, 0)).toBe(1_000)
  })

  it('refuses a histogram without a positive bucket width', () => {
    expect(() => printableHistogram({ bucketMs: 0, buckets: [{ start: T0, count: 1 }] })).toThrow(RangeError)
  })
})

describe('eventsOverTimeOption + renderChartSvg', () => {
  const histogram = printableHistogram({
    bucketMs: HOUR,
    buckets: Array.from({ length: 12 }, (_, index) => ({ start: T0 + index * HOUR, count: 10 + index }))
  })

  it('draws one bar per bucket and names the zone on the time axis', () => {
    const svg = renderChartSvg(eventsOverTimeOption(histogram, 'Europe/Paris'), 500, 200)
    expect(svg.startsWith('<svg')).toBe(true)
    expect(barCount(svg)).toBe(12)
    expect(svg).toContain('Bucket start (Europe/Paris)')
    expect(svg).toContain('Events per hour')
    // 06:00 UTC is 07:00 in Paris in March (UTC+01:00).
    expect(svg).toContain('03-12 07:00')
  })

  it('returns the same string on every call: no per-instance ids or hover CSS', () => {
    const option = eventsOverTimeOption(histogram, 'UTC')
    const first = renderChartSvg(option, 500, 200)
    expect(renderChartSvg(option, 500, 200)).toBe(first)
    expect(first).not.toMatch(/zr\d+-|<style/)
  })
})

describe('alertsBySeverityOption', () => {
  it('draws a bar for each severity, most severe first', () => {
    const svg = renderChartSvg(
      alertsBySeverityOption({ critical: 2, high: 5, medium: 0, low: 1, informational: 9 }),
      400,
      140
    )
    expect(barCount(svg)).toBe(5)
    const labels = ['Critical', 'High', 'Medium', 'Low', 'Info'].map((label) => svg.indexOf(`>${label}<`))
    expect(labels.every((position) => position >= 0)).toBe(true)
  })
})
