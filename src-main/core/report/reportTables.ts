// The report's data tables: evidence (with SHA-256 and chain-of-custody facts), alerts and detection runs.
// Each is a pure function from domain records to a pdfmake table; times are printed in the zone the caller
// names, and the column headings say which zone that is.

import type { Content, ContentTable, ContentText, TableCell } from 'pdfmake'
import {
  DECLARED_ZONE_FORMATS,
  LOG_FORMAT_LABELS,
  RECORD_UNIT_LABELS,
  SEVERITIES,
  SEVERITY_LABELS
} from '../../common/domain'
import type {
  Alert,
  AlertEntities,
  CloseReason,
  DetectionRunSummary,
  EvidenceRecord,
  Severity
} from '../../common/domain'
import { clipText, formatBytes, formatCount, formatDateTime } from './format'
import { COLOURS, SEVERITY_COLOURS } from './theme'

const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  true_positive: 'true positive',
  false_positive: 'false positive',
  benign: 'benign',
  duplicate: 'duplicate'
}

/** More entities of one kind than this are summarised as "+N more"; the case keeps them all. */
const ENTITIES_SHOWN = 4
/** Cell values can come from logs, so from an attacker: longer ones are clipped, saying so (see clipText). */
const MAX_CELL_TEXT = 400
const MAX_ENTITY_TEXT = 120

/** Header cells; the columns listed in `numeric` are right-aligned like their figures. */
function header(labels: string[], numeric: number[] = []): TableCell[] {
  return labels.map((text, column) => ({
    text,
    style: 'tableHeader',
    ...(numeric.includes(column) && { alignment: 'right' as const })
  }))
}

function cell(text: string, detail?: string, extra: Omit<ContentText, 'text'> = {}): TableCell {
  if (detail === undefined) return { text, style: 'tableCell', ...extra }
  return {
    stack: [
      { text, style: 'tableCell', ...extra },
      { text: detail, style: 'tableDetail' }
    ]
  }
}

function dataTable(
  widths: ContentTable['table']['widths'],
  head: TableCell[],
  rows: TableCell[][]
): ContentTable {
  return {
    table: { widths, headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, body: [head, ...rows] },
    layout: 'data'
  }
}

function timeRange(from: number | null, to: number | null, timeZone: string): TableCell {
  if (from === null || to === null) return cell('—', undefined, { color: COLOURS.muted })
  return cell(formatDateTime(from, timeZone), `to ${formatDateTime(to, timeZone)}`)
}

function evidenceNameCell(record: EvidenceRecord, timeZone: string): TableCell {
  const lines: Content[] = [
    { text: clipText(record.name, MAX_CELL_TEXT), style: 'tableCell', bold: true, wordBreak: 'break-all' },
    { text: clipText(record.path, MAX_CELL_TEXT), style: 'tableDetail', wordBreak: 'break-all' },
    {
      text: `Imported ${formatDateTime(record.ingestedAt, timeZone)} by ${clipText(record.ingestedBy, MAX_ENTITY_TEXT)}`,
      style: 'tableDetail'
    }
  ]
  if (record.status !== 'complete')
    lines.push({
      text: `Import ${record.status}: counts are partial`,
      style: 'tableDetail',
      color: SEVERITY_COLOURS.high
    })
  return { stack: lines }
}

/** One row per evidence file: identity, format, size, SHA-256, event counts and the time span it covers. */
export function evidenceTable(evidence: EvidenceRecord[], timeZone: string): ContentTable {
  const rows = evidence.map((record): TableCell[] => [
    evidenceNameCell(record, timeZone),
    cell(
      LOG_FORMAT_LABELS[record.format],
      DECLARED_ZONE_FORMATS.has(record.format) ? `zone ${record.timeZone}` : undefined
    ),
    cell(formatBytes(record.size), `${formatCount(record.records)} ${RECORD_UNIT_LABELS[record.recordUnit]}`),
    { text: record.sha256, style: 'hash' },
    cell(formatCount(record.events), `${formatCount(record.rejected)} rejected`),
    timeRange(record.firstEventAt, record.lastEventAt, timeZone)
  ])
  return dataTable(
    ['*', 50, 44, 124, 46, 76],
    header(['File', 'Format', 'Size', 'SHA-256', 'Events', `Events from – to (${timeZone})`]),
    rows
  )
}

const SEVERITY_RANK = new Map(SEVERITIES.map((severity, rank) => [severity, rank]))

/** Most severe first, then earliest first; the id breaks ties so the order never depends on the input's. */
export function sortAlertsForReport(alerts: Alert[]): Alert[] {
  return [...alerts].sort(
    (a, b) =>
      (SEVERITY_RANK.get(a.severity) ?? 0) - (SEVERITY_RANK.get(b.severity) ?? 0) ||
      a.firstSeen - b.firstSeen ||
      a.id.localeCompare(b.id)
  )
}

function entitiesCell(entities: AlertEntities): TableCell {
  const kinds: [string, string[]][] = [
    ['IP', entities.ips],
    ['User', entities.users],
    ['Host', entities.hosts]
  ]
  const lines = kinds
    .filter(([, values]) => values.length > 0)
    .map(([label, values]): Content => {
      const shown = values
        .slice(0, ENTITIES_SHOWN)
        .map((value) => clipText(value, MAX_ENTITY_TEXT))
        .join(', ')
      const more =
        values.length > ENTITIES_SHOWN ? ` +${formatCount(values.length - ENTITIES_SHOWN)} more` : ''
      return {
        text: [{ text: `${label} `, color: COLOURS.muted }, shown, { text: more, color: COLOURS.muted }],
        style: 'tableCell'
      }
    })
  return lines.length > 0 ? { stack: lines } : cell('—', undefined, { color: COLOURS.muted })
}

function alertCell(alert: Alert): TableCell {
  const lines: Content[] = [
    { text: clipText(alert.title, MAX_CELL_TEXT), style: 'tableCell', bold: true },
    {
      text: clipText(
        `${alert.engine} · ${alert.rule.id}${alert.title.includes(alert.rule.title) ? '' : ` · ${alert.rule.title}`}`,
        MAX_CELL_TEXT
      ),
      style: 'tableDetail'
    }
  ]
  if (alert.techniques.length > 0)
    lines.push({ text: `ATT&CK ${alert.techniques.join(', ')}`, style: 'tableDetail', color: COLOURS.accent })
  return { stack: lines }
}

const SEVERITY_COLUMN_WIDTH = 40
const BADGE_HEIGHT = 11

/**
 * The severity as a small coloured label, the way consultancy reports rate findings. It is drawn as a
 * rectangle with the label over it: a nested table's fill would be painted over by the row's zebra fill.
 */
function severityBadge(severity: Severity): TableCell {
  return {
    stack: [
      {
        canvas: [
          {
            type: 'rect',
            x: 0,
            y: 0,
            w: SEVERITY_COLUMN_WIDTH,
            h: BADGE_HEIGHT,
            r: 1.5,
            color: SEVERITY_COLOURS[severity]
          }
        ]
      },
      { text: SEVERITY_LABELS[severity], style: 'severity', margin: [0, 1.6 - BADGE_HEIGHT, 0, 0] }
    ]
  }
}

function statusCell(alert: Alert): TableCell {
  if (alert.status === 'new') return cell('New', undefined, { bold: true })
  if (alert.status === 'in_progress') return cell('In progress')
  return cell('Closed', alert.closeReason ? CLOSE_REASON_LABELS[alert.closeReason] : undefined, {
    color: COLOURS.muted
  })
}

/** One row per alert, most severe first, the severity as a coloured label. */
export function alertsTable(alerts: Alert[], timeZone: string): ContentTable {
  const rows = sortAlertsForReport(alerts).map((alert): TableCell[] => [
    severityBadge(alert.severity),
    alertCell(alert),
    entitiesCell(alert.entities),
    cell(formatDateTime(alert.firstSeen, timeZone), formatDateTime(alert.lastSeen, timeZone)),
    cell(formatCount(alert.count), undefined, { alignment: 'right' }),
    statusCell(alert)
  ])
  return dataTable(
    [SEVERITY_COLUMN_WIDTH, '*', 106, 72, 30, 46],
    header(
      [
        'Severity',
        'Alert · engine · rule',
        'Entities',
        `First / last seen (${timeZone})`,
        'Events',
        'Status'
      ],
      [4]
    ),
    rows
  )
}

const RUN_STATUS_LABELS: Record<DetectionRunSummary['status'], string> = {
  success: 'Findings',
  no_findings: 'No findings',
  error: 'Error'
}

/** One row per detection engine run: what ran, what it concluded and when. */
export function detectionRunsTable(runs: DetectionRunSummary[], timeZone: string): ContentTable {
  const rows = runs.map((run): TableCell[] => [
    cell(run.title, run.engine, { bold: true }),
    cell(
      RUN_STATUS_LABELS[run.status],
      run.priority === 'none' ? undefined : `${run.priority} priority`,
      run.status === 'error' ? { color: SEVERITY_COLOURS.high, bold: true } : {}
    ),
    cell(formatCount(run.alerts), undefined, { alignment: 'right' }),
    cell(clipText(run.summary, MAX_CELL_TEXT)),
    cell(formatDateTime(run.finishedAt, timeZone))
  ])
  return dataTable(
    [96, 56, 30, '*', 72],
    header(['Engine', 'Result', 'Alerts', 'Summary', `Finished (${timeZone})`], [2]),
    rows
  )
}
