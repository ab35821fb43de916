// Alerts by severity as columns in severity order, each coloured like the severity badges.

import type { Severity } from '../../src-main/common/domain'
import { SEVERITIES, SEVERITY_LABELS } from '../../src-main/common/domain'
import { axisStyle, baseOption } from './common'
import type { BarChartOption } from './common'
import type { ChartPalette } from './palette'

export function alertsBySeverityOption(
  counts: Record<Severity, number>,
  palette: ChartPalette
): BarChartOption {
  const style = axisStyle(palette)
  return {
    ...baseOption(palette, 'Alerts by severity'),
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: {
      type: 'category',
      data: SEVERITIES.map((severity) => SEVERITY_LABELS[severity]),
      ...style,
      splitLine: { show: false }
    },
    yAxis: { type: 'value', name: 'Alerts', minInterval: 1, ...style },
    series: [
      {
        type: 'bar',
        name: 'Alerts',
        data: SEVERITIES.map((severity) => ({
          value: counts[severity] ?? 0,
          itemStyle: { color: palette.severity[severity] }
        })),
        barMaxWidth: 36
      }
    ]
  }
}
