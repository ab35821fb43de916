// Option pieces every Cairn chart shares: a calm grid, muted axes in the theme's colours, compact tooltips
// and no animation (analysts re-filter constantly and the motion adds nothing). Pure data, no DOM.

import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type { AriaComponentOption, GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ChartPalette } from './palette'

export type BarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption
>

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

export function baseOption(palette: ChartPalette, description: string): BarChartOption {
  return {
    animation: false,
    aria: { enabled: true, label: { description } },
    textStyle: { fontFamily: FONT_FAMILY, fontSize: 11, color: palette.text },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      backgroundColor: palette.tooltipBackground,
      borderColor: palette.tooltipBorder,
      textStyle: { color: palette.text, fontSize: 12 },
      confine: true
    }
  }
}

export function axisStyle(palette: ChartPalette) {
  return {
    axisLine: { lineStyle: { color: palette.axisLine } },
    axisTick: { lineStyle: { color: palette.axisLine } },
    axisLabel: { color: palette.mutedText, fontSize: 11 },
    splitLine: { lineStyle: { color: palette.splitLine } },
    nameTextStyle: { color: palette.mutedText, fontSize: 11 }
  }
}

/** Tooltips are HTML; values from logs (an IP, a user agent) must reach them as text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
