// Windows logons per account as horizontal stacked bars, successes then failures, the busiest account on
// top: an account with a wall of failures (brute force) or a failure or two on many accounts (spraying)
// stands out. Bars are clickable: the data index maps back to the account.

import type { LogonUserCount } from '../../src-main/common/windows'
import { formatQuantity } from '../format/numbers'
import { axisStyle, baseOption, escapeHtml } from './common'
import type { BarChartOption } from './common'
import type { ChartPalette } from './palette'

/** How an account with no name in its events is labelled. */
export const UNNAMED_ACCOUNT = '(no account name)'

export interface LogonChartColours {
  successes: string
  failures: string
}

/** Failures in the critical colour, successes in the calm series colour: the legend beside the chart uses these. */
export function logonChartColours(palette: ChartPalette): LogonChartColours {
  return { successes: palette.series, failures: palette.severity.critical }
}

export function logonSummaryOption(users: readonly LogonUserCount[], palette: ChartPalette): BarChartOption {
  const style = axisStyle(palette)
  const colours = logonChartColours(palette)
  const bar = { type: 'bar' as const, stack: 'logons', barMaxWidth: 16, cursor: 'pointer' }
  return {
    ...baseOption(palette, 'Windows logons by account: successes and failures, most logons first'),
    tooltip: {
      ...baseOption(palette, '').tooltip,
      formatter: (params) => {
        const point = Array.isArray(params) ? params[0] : params
        const user = users[point?.dataIndex ?? 0]
        if (!user) return ''
        return [
          escapeHtml(user.user || UNNAMED_ACCOUNT),
          formatQuantity(user.successes, 'success', 'successes'),
          formatQuantity(user.failures, 'failure')
        ].join('<br/>')
      }
    },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...style, splitLine: { show: false } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: users.map((user) => user.user || UNNAMED_ACCOUNT),
      ...style,
      axisTick: { show: false },
      axisLabel: {
        ...style.axisLabel,
        width: 180,
        overflow: 'truncate',
        fontFamily: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace'
      }
    },
    series: [
      {
        ...bar,
        name: 'Successes',
        data: users.map((user) => user.successes),
        itemStyle: { color: colours.successes }
      },
      {
        ...bar,
        name: 'Failures',
        data: users.map((user) => user.failures),
        itemStyle: { color: colours.failures }
      }
    ]
  }
}
