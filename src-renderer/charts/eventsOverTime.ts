// Events over time as a column chart. The time axis is a category axis of bucket starts formatted in the
// case's display zone (an ECharts time axis would label ticks in the browser's own zone), and the axis
// name says which zone that is.

import type { Histogram } from '../../src-main/common/domain'
import { formatInstant } from '../format/time'
import { formatQuantity } from '../format/numbers'
import { axisStyle, baseOption } from './common'
import type { BarChartOption } from './common'
import type { ChartPalette } from './palette'

const DAY_MS = 86_400_000

/** The part of "2026-03-14 03:12:44 UTC" worth showing under a bucket of this width. */
function shortLabel(full: string, bucketMs: number): string {
  const date = full.slice(0, 10)
  const time = full.slice(11, 16)
  return bucketMs >= DAY_MS ? date : `${full.slice(5, 10)} ${time}`
}

export function describeBucket(bucketMs: number): string {
  if (bucketMs % DAY_MS === 0) return `${bucketMs / DAY_MS} d`
  if (bucketMs % 3_600_000 === 0) return `${bucketMs / 3_600_000} h`
  if (bucketMs % 60_000 === 0) return `${bucketMs / 60_000} min`
  return `${Math.round(bucketMs / 1000)} s`
}

export function eventsOverTimeOption(
  histogram: Histogram,
  zone: string,
  palette: ChartPalette
): BarChartOption {
  const full = histogram.buckets.map((bucket) => formatInstant(bucket.start, zone))
  const style = axisStyle(palette)
  return {
    ...baseOption(palette, `Events per ${describeBucket(histogram.bucketMs)}, times in ${zone}`),
    grid: { left: 48, right: 16, top: 16, bottom: 44 },
    tooltip: {
      ...baseOption(palette, '').tooltip,
      formatter: (params) => {
        const point = Array.isArray(params) ? params[0] : params
        const index = point?.dataIndex ?? 0
        const count = histogram.buckets[index]?.count ?? 0
        return `${full[index]}<br/>${formatQuantity(count, 'event')} in ${describeBucket(histogram.bucketMs)}`
      }
    },
    xAxis: {
      type: 'category',
      name: `Time (${zone})`,
      nameLocation: 'middle',
      nameGap: 28,
      data: full.map((label) => shortLabel(label, histogram.bucketMs)),
      ...style,
      splitLine: { show: false }
    },
    yAxis: { type: 'value', name: 'Events', minInterval: 1, ...style },
    series: [
      {
        type: 'bar',
        name: 'Events',
        data: histogram.buckets.map((bucket) => bucket.count),
        itemStyle: { color: palette.series },
        emphasis: { itemStyle: { color: palette.seriesEmphasis } },
        barCategoryGap: '15%'
      }
    ]
  }
}
