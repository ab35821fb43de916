// Colours for charts in each theme. ECharts draws with explicit colours rather than CSS, so the values
// mirror the theme variables in styles/theme.css (severity colours included) and must change with them.

import type { Severity } from '../../src-main/common/domain'

export type ChartTheme = 'dark' | 'light'

export interface ChartPalette {
  text: string
  mutedText: string
  axisLine: string
  splitLine: string
  series: string
  seriesEmphasis: string
  tooltipBackground: string
  tooltipBorder: string
  severity: Record<Severity, string>
}

const severity: Record<Severity, string> = {
  critical: '#e5484d',
  high: '#f76b15',
  medium: '#e8a317',
  low: '#3e9bd6',
  informational: '#8b93a3'
}

export const CHART_PALETTES: Record<ChartTheme, ChartPalette> = {
  dark: {
    text: '#d7dbe3',
    mutedText: '#8b93a3',
    axisLine: '#353b48',
    splitLine: '#232833',
    series: '#5b8def',
    seriesEmphasis: '#8aaef5',
    tooltipBackground: '#1b1f2a',
    tooltipBorder: '#353b48',
    severity
  },
  light: {
    text: '#1c2330',
    mutedText: '#5d6675',
    axisLine: '#c5cbd5',
    splitLine: '#e6e9ee',
    series: '#2f6fde',
    seriesEmphasis: '#1d4fa8',
    tooltipBackground: '#ffffff',
    tooltipBorder: '#dde1e7',
    severity
  }
}
