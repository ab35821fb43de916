// Chart options are pure functions of data, tested without a DOM: labels in the display zone, the zone
// named on the axis, severity colours, largest values on top, and log values escaped in tooltips.

import { describe, expect, it } from 'vitest'
import { alertsBySeverityOption } from '../../src-renderer/charts/alertsBySeverity'
import { describeBucket, eventsOverTimeOption } from '../../src-renderer/charts/eventsOverTime'
import { CHART_PALETTES } from '../../src-renderer/charts/palette'
import { statusCodeColor, topValuesOption } from '../../src-renderer/charts/topValues'

const palette = CHART_PALETTES.dark
const HOUR = 3_600_000
const start = Date.UTC(2026, 2, 14, 22, 0, 0)

type AxisOption = { name?: string; data?: unknown[]; inverse?: boolean }
type SeriesOption = { data: unknown[] }
type Formatter = (params: { dataIndex: number }[]) => string

describe('eventsOverTimeOption', () => {
  const histogram = {
    bucketMs: HOUR,
    buckets: [
      { start, count: 5 },
      { start: start + HOUR, count: 0 },
      { start: start + 2 * HOUR, count: 12 }
    ]
  }

  it('labels buckets in the display zone and names the zone on the axis', () => {
    const option = eventsOverTimeOption(histogram, 'Europe/Berlin', palette)
    const xAxis = option.xAxis as AxisOption
    expect(xAxis.name).toBe('Time (Europe/Berlin)')
    expect(xAxis.data).toEqual(['03-14 23:00', '03-15 00:00', '03-15 01:00'])
    expect((option.series as SeriesOption[])[0].data).toEqual([5, 0, 12])
  })

  it('shows the full time with its zone and the count in the tooltip', () => {
    const option = eventsOverTimeOption(histogram, 'UTC', palette)
    const formatter = (option.tooltip as { formatter: Formatter }).formatter
    expect(formatter([{ dataIndex: 2 }])).toBe('2026-03-15 00:00:00 UTC<br/>12 events in 1 h')
  })

  it('describes bucket widths', () => {
    expect([
      describeBucket(86_400_000),
      describeBucket(HOUR),
      describeBucket(300_000),
      describeBucket(15_000)
    ]).toEqual(['1 d', '1 h', '5 min', '15 s'])
  })
})

describe('alertsBySeverityOption', () => {
  it('has one bar per severity in order, coloured by severity', () => {
    const option = alertsBySeverityOption(
      { critical: 1, high: 3, medium: 0, low: 2, informational: 0 },
      palette
    )
    expect((option.xAxis as AxisOption).data).toEqual(['Critical', 'High', 'Medium', 'Low', 'Info'])
    expect((option.series as SeriesOption[])[0].data).toEqual([
      { value: 1, itemStyle: { color: palette.severity.critical } },
      { value: 3, itemStyle: { color: palette.severity.high } },
      { value: 0, itemStyle: { color: palette.severity.medium } },
      { value: 2, itemStyle: { color: palette.severity.low } },
      { value: 0, itemStyle: { color: palette.severity.informational } }
    ])
  })
})

describe('topValuesOption', () => {
  const values = [
    { value: '203.0.113.7', count: 900 },
    { value: '<img src=x onerror=alert(1)>', count: 3 }
  ]

  it('lists values largest first with their counts', () => {
    const option = topValuesOption(values, { subject: 'source IP address', palette })
    const yAxis = option.yAxis as AxisOption
    expect(yAxis.inverse).toBe(true)
    expect(yAxis.data).toEqual(['203.0.113.7', '<img src=x onerror=alert(1)>'])
    expect((option.series as SeriesOption[])[0].data).toMatchObject([{ value: 900 }, { value: 3 }])
  })

  it('escapes log values in the HTML tooltip', () => {
    const option = topValuesOption(values, { subject: 'source IP address', palette })
    const formatter = (option.tooltip as { formatter: Formatter }).formatter
    expect(formatter([{ dataIndex: 1 }])).toBe('&#60;img src=x onerror=alert(1)&#62;: 3 events')
  })

  it('colours status codes by class', () => {
    const colorFor = statusCodeColor(palette)
    expect([colorFor(200), colorFor(302), colorFor(404), colorFor('503')]).toEqual([
      undefined,
      palette.severity.informational,
      palette.severity.medium,
      palette.severity.critical
    ])
  })
})
