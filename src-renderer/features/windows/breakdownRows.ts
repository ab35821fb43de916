// The rows of one breakdown list on the evidence register (a Windows source's channels, providers or event
// ids): the top values, then one "others" row for the rest and one for events without the field, each with
// its share of the source so a bar can be drawn in CSS without a chart library on the ingest screen.

import type { ValueBreakdown } from '../../../src-main/common/windows'
import { formatQuantity } from '../../format/numbers'

export interface BreakdownRow {
  kind: 'value' | 'others' | 'missing'
  label: string
  count: number
  /** Share of the source's events, 0..1. */
  share: number
}

export function breakdownRows(
  breakdown: ValueBreakdown,
  events: number,
  missingLabel: string
): BreakdownRow[] {
  const share = (count: number) => (events > 0 ? count / events : 0)
  const rows: BreakdownRow[] = breakdown.top.map((entry) => ({
    kind: 'value',
    label: String(entry.value),
    count: entry.count,
    share: share(entry.count)
  }))
  const hidden = breakdown.distinct - breakdown.top.length
  if (breakdown.others > 0) {
    rows.push({
      kind: 'others',
      label: `Others (${formatQuantity(hidden, 'more value', 'more values')})`,
      count: breakdown.others,
      share: share(breakdown.others)
    })
  }
  if (breakdown.missing > 0) {
    rows.push({
      kind: 'missing',
      label: missingLabel,
      count: breakdown.missing,
      share: share(breakdown.missing)
    })
  }
  return rows
}
