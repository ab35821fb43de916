// The most frequent values of one field (top source IPs, HTTP status codes) as horizontal bars, largest
// on top. Bars are clickable: the data index maps back to the value, which keeps its original type.

import type { FieldValueCount } from '../../src-main/common/domain'
import { axisStyle, baseOption, escapeHtml } from './common'
import { formatCount, formatQuantity } from '../format/numbers'
import type { BarChartOption } from './common'
import type { ChartPalette } from './palette'

export interface TopValuesChart {
  /** What the values are, for the screen-reader description: "source IP addresses". */
  subject: string
  palette: ChartPalette
  /** Colour per value (e.g. status code classes); the series colour when absent. */
  colorFor?: (value: string | number) => string | undefined
}

export function topValuesOption(values: FieldValueCount[], chart: TopValuesChart): BarChartOption {
  const { palette } = chart
  const style = axisStyle(palette)
  return {
    ...baseOption(palette, `Events by ${chart.subject}, most frequent first`),
    tooltip: {
      ...baseOption(palette, '').tooltip,
      formatter: (params) => {
        const point = Array.isArray(params) ? params[0] : params
        const entry = values[point?.dataIndex ?? 0]
        return entry ? `${escapeHtml(String(entry.value))}: ${formatQuantity(entry.count, 'event')}` : ''
      }
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      ...style,
      axisLabel: { show: false },
      splitLine: { show: false }
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: values.map((entry) => String(entry.value)),
      ...style,
      axisTick: { show: false },
      axisLabel: {
        ...style.axisLabel,
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace'
      }
    },
    series: [
      {
        type: 'bar',
        name: 'Events',
        data: values.map((entry) => ({
          value: entry.count,
          itemStyle: { color: chart.colorFor?.(entry.value) ?? palette.series }
        })),
        label: {
          show: true,
          position: 'right',
          color: palette.mutedText,
          fontSize: 11,
          formatter: (params) => formatCount(Number(params.value))
        },
        emphasis: { itemStyle: { color: palette.seriesEmphasis } },
        barMaxWidth: 18,
        cursor: 'pointer'
      }
    ]
  }
}

/** Colours HTTP status codes by class so errors stand out: 2xx calm, 4xx amber, 5xx red. */
export function statusCodeColor(palette: ChartPalette): (value: string | number) => string | undefined {
  return (value) => {
    const code = Number(value)
    if (code >= 500) return palette.severity.critical
    if (code >= 400) return palette.severity.medium
    if (code >= 300) return palette.severity.informational
    return undefined
  }
}
