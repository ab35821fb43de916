// The explorer's histogram of the current query: the overview's events-over-time bars (labelled in the
// display zone) plus a horizontal brush over the buckets, and the arithmetic that turns a brushed or
// clicked run of buckets back into the time range the query is narrowed to.

import type { ComposeOption } from 'echarts/core'
import type { BrushComponentOption } from 'echarts/components'
import type { Histogram } from '../../src-main/common/domain'
import type { BarChartOption } from './common'
import { eventsOverTimeOption } from './eventsOverTime'
import type { ChartPalette } from './palette'

export type HistogramChartOption = BarChartOption & ComposeOption<BrushComponentOption>

export function eventHistogramOption(
  histogram: Histogram,
  zone: string,
  palette: ChartPalette
): HistogramChartOption {
  return {
    ...eventsOverTimeOption(histogram, zone, palette),
    grid: { left: 48, right: 16, top: 26, bottom: 40 },
    brush: {
      xAxisIndex: 0,
      brushType: 'lineX',
      brushMode: 'single',
      transformable: false,
      // A neutral grey reads as a selection on both themes' backgrounds.
      brushStyle: { color: 'rgba(139, 147, 163, 0.22)', borderColor: palette.series, borderWidth: 1 },
      outOfBrush: { colorAlpha: 0.35 }
    }
  }
}

/** The half-open range [from, to) in ms UTC covered by buckets first..last (bucket indexes, any order). */
export function bucketRange(
  histogram: Histogram,
  first: number,
  last: number
): { from: number; to: number } | null {
  const count = histogram.buckets.length
  if (count === 0) return null
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, Math.round(index)))
  const [low, high] = [clamp(Math.min(first, last)), clamp(Math.max(first, last))]
  return { from: histogram.buckets[low].start, to: histogram.buckets[high].start + histogram.bucketMs }
}
