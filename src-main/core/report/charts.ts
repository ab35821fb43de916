// The report's charts: pure ECharts option builders, and server-side rendering of an option to an SVG
// string (ECharts SSR, no DOM or canvas) that pdfmake embeds as vectors. Axis labels are formatted here in
// the case's zone, because ECharts' own time axis only knows the machine's zone and UTC.

import * as echarts from 'echarts'
import type { EChartsOption } from 'echarts'
import { SEVERITIES, SEVERITY_LABELS } from '../../common/domain'
import type { Histogram, Severity, TimeBucket } from '../../common/domain'
import { formatBucketWidth, formatCount, formatDate, formatShortDateTime } from './format'
import { COLOURS, FONTS, SEVERITY_COLOURS } from './theme'

/** An A4 page cannot show more bars than this legibly; finer histograms are merged into wider buckets. */
export const MAX_PRINTED_BARS = 96

export interface PrintableHistogram {
  bucketMs: number
  bars: TimeBucket[]
}

/**
 * The histogram as contiguous bars from the first bucket to the last: empty buckets are filled in (so the
 * axis is honest about quiet periods) and neighbours are merged when there would be more than `maxBars`.
 */
export function printableHistogram(histogram: Histogram, maxBars = MAX_PRINTED_BARS): PrintableHistogram {
  if (!(histogram.bucketMs > 0))
    throw new RangeError(`histogram bucket width must be positive, not ${histogram.bucketMs}`)
  if (histogram.buckets.length === 0) return { bucketMs: histogram.bucketMs, bars: [] }
  let first = Infinity
  let last = -Infinity
  for (const { start } of histogram.buckets) {
    first = Math.min(first, start)
    last = Math.max(last, start)
  }
  const slots = Math.floor((last - first) / histogram.bucketMs) + 1
  const bucketMs = histogram.bucketMs * Math.ceil(slots / maxBars)
  const bars = Array.from({ length: Math.ceil(slots / (bucketMs / histogram.bucketMs)) }, (_, index) => ({
    start: first + index * bucketMs,
    count: 0
  }))
  for (const bucket of histogram.buckets)
    bars[Math.floor((bucket.start - first) / bucketMs)].count += bucket.count
  return { bucketMs, bars }
}

const axisText = { color: COLOURS.muted, fontSize: 7.5, fontFamily: FONTS.text }
const axisName = { color: COLOURS.ink, fontSize: 8, fontFamily: FONTS.text }

/** Events per bucket as bars, the time axis labelled in `timeZone` and saying so. */
export function eventsOverTimeOption(histogram: PrintableHistogram, timeZone: string): EChartsOption {
  const label = (start: number): string =>
    histogram.bucketMs >= 86_400_000 ? formatDate(start, timeZone) : formatShortDateTime(start, timeZone)
  return {
    animation: false,
    textStyle: { fontFamily: FONTS.text },
    grid: { left: 4, right: 8, top: 24, bottom: 4 },
    xAxis: {
      type: 'category',
      data: histogram.bars.map((bar) => label(bar.start)),
      name: `Bucket start (${timeZone})`,
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: axisName,
      axisTick: { alignWithLabel: true, lineStyle: { color: COLOURS.rule } },
      axisLine: { lineStyle: { color: COLOURS.rule } },
      axisLabel: { ...axisText, hideOverlap: true }
    },
    yAxis: {
      type: 'value',
      name: `Events per ${formatBucketWidth(histogram.bucketMs)}`,
      nameTextStyle: { ...axisName, align: 'left' },
      minInterval: 1,
      splitLine: { lineStyle: { color: COLOURS.hairline } },
      axisLabel: { ...axisText, formatter: (value: number) => formatCount(value) }
    },
    series: [
      {
        type: 'bar',
        data: histogram.bars.map((bar) => bar.count),
        itemStyle: { color: COLOURS.accent },
        barCategoryGap: '18%'
      }
    ]
  }
}

/** Alerts per severity as horizontal bars in severity colours, most severe on top. */
export function alertsBySeverityOption(counts: Record<Severity, number>): EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONTS.text },
    grid: { left: 4, right: 28, top: 4, bottom: 4 },
    xAxis: {
      type: 'value',
      name: 'Alerts',
      nameLocation: 'middle',
      nameGap: 20,
      nameTextStyle: axisName,
      minInterval: 1,
      splitLine: { lineStyle: { color: COLOURS.hairline } },
      axisLabel: { ...axisText, formatter: (value: number) => formatCount(value) }
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: SEVERITIES.map((severity) => SEVERITY_LABELS[severity]),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: COLOURS.rule } },
      axisLabel: { ...axisText, color: COLOURS.ink, fontSize: 8 }
    },
    series: [
      {
        type: 'bar',
        data: SEVERITIES.map((severity) => ({
          value: counts[severity],
          itemStyle: { color: SEVERITY_COLOURS[severity] }
        })),
        barWidth: '58%',
        label: { show: true, position: 'right', ...axisText, color: COLOURS.ink, formatter: '{c}' }
      }
    ]
  }
}

/**
 * Renders an option to a standalone SVG of `width` x `height` points. The hover CSS and the per-instance ids
 * ECharts writes (`zr3-cls-7`, counters global to the process) mean nothing on paper and would make the
 * output differ between calls, so they are removed.
 */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ ...option, animation: false })
    return chart
      .renderToSVGString()
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/ class="zr\d+-cls-\d+"/g, '')
      .replace(/\bzr\d+-/g, 'chart-')
  } finally {
    chart.dispose()
  }
}
