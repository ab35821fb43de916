// The v1 case report as a pdfmake document, a pure function of the case snapshot (same snapshot, same
// document): title block, summary, key figures, charts, evidence, alerts, notes and detection runs. The
// page frame (header, footer, keeping headings with their content) is in pageFrame.ts.

import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake'
import type { Note } from '../../common/domain'
import { alertsBySeverityOption, eventsOverTimeOption, printableHistogram, renderChartSvg } from './charts'
import {
  formatBucketWidth,
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatSpan,
  zoneLabel
} from './format'
import { markdownToContent } from './markdown'
import { keepHeadingsWithContent, pageFooter, pageHeader } from './pageFrame'
import { alertsTable, detectionRunsTable, evidenceTable } from './reportTables'
import type { CaseSnapshot } from './snapshot'
import { COLOURS, CONTENT_WIDTH, DEFAULT_STYLE, PAGE, STYLES } from './theme'

const EVENTS_CHART_HEIGHT = 190
const SEVERITY_CHART_HEIGHT = 128

/** Numbered section heading; level 1 headings are kept with the content that follows them. */
function sectionHeading(number: number, title: string): Content {
  return { text: [{ text: `${number}   `, color: COLOURS.faint }, title], style: 'h1', headlineLevel: 1 }
}

function subHeading(title: string): Content {
  return { text: title, style: 'h2', headlineLevel: 2 }
}

function placeholder(text: string): Content {
  return { text, italics: true, color: COLOURS.muted, margin: [0, 0, 0, 6] }
}

/** Every instant the report prints in the case's zone, so the zone label can name each offset in force. */
function caseInstants(snapshot: CaseSnapshot): number[] {
  const instants = [snapshot.generatedAt, snapshot.case.createdAt]
  for (const record of snapshot.evidence) {
    if (record.firstEventAt !== null) instants.push(record.firstEventAt)
    if (record.lastEventAt !== null) instants.push(record.lastEventAt)
  }
  for (const alert of snapshot.alerts) instants.push(alert.firstSeen, alert.lastSeen)
  return instants
}

function activitySpan(snapshot: CaseSnapshot): { from: number; to: number } | null {
  const firsts = snapshot.evidence.flatMap((record) =>
    record.firstEventAt === null ? [] : [record.firstEventAt]
  )
  const lasts = snapshot.evidence.flatMap((record) =>
    record.lastEventAt === null ? [] : [record.lastEventAt]
  )
  if (firsts.length === 0 || lasts.length === 0) return null
  return { from: firsts.reduce((a, b) => Math.min(a, b)), to: lasts.reduce((a, b) => Math.max(a, b)) }
}

function statusLine(snapshot: CaseSnapshot): string {
  const { alerts, openAlerts } = snapshot.case.counts
  if (alerts === 0) return 'No alerts raised'
  if (openAlerts === 0) return `All ${formatCount(alerts)} alerts closed`
  return `${formatCount(openAlerts)} of ${formatCount(alerts)} alerts open`
}

function titleBlock(snapshot: CaseSnapshot, generated: string, caseZone: string): Content[] {
  const { counts } = snapshot.case
  const zone = snapshot.case.displayTimeZone
  const meta: [string, string][] = [
    ['Status', statusLine(snapshot)],
    ['Generated', generated],
    ...(snapshot.author ? [['Prepared by', snapshot.author] as [string, string]] : []),
    ['Case opened', `${formatDateTime(snapshot.case.createdAt, zone)} (${zone})`],
    ['Case times in', caseZone],
    ['Produced with', `Cairn ${snapshot.cairnVersion}`]
  ]
  return [
    { text: 'INCIDENT RESPONSE REPORT', style: 'kicker', margin: [0, 8, 0, 6] },
    { text: snapshot.case.title, style: 'title' },
    {
      text: `${formatCount(counts.evidence)} evidence files · ${formatCount(counts.events)} events · ${formatCount(counts.alerts)} alerts · ${formatCount(counts.notes)} notes`,
      style: 'subtitle',
      margin: [0, 6, 0, 14]
    },
    {
      table: {
        widths: [78, '*'],
        body: [
          [
            { text: 'Case ID', style: 'metaLabel' },
            { text: snapshot.case.id, style: 'metaValue', wordBreak: 'break-all' }
          ],
          ...meta.map(([label, value]): TableCell[] => [
            { text: label, style: 'metaLabel' },
            { text: value, style: 'metaValue' }
          ])
        ]
      },
      layout: 'meta'
    },
    {
      canvas: [
        { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 1.5, lineColor: COLOURS.accent }
      ],
      margin: [0, 14, 0, 0]
    }
  ]
}

function summarySection(snapshot: CaseSnapshot): Content[] {
  const summary = snapshot.case.summary.trim()
  return [
    sectionHeading(1, 'Summary'),
    ...(summary === ''
      ? [placeholder('No summary has been written for this case yet.')]
      : markdownToContent(summary))
  ]
}

function figure(label: string, value: string, detail: string): TableCell {
  return {
    stack: [
      { text: label.toUpperCase(), style: 'figureLabel' },
      { text: value, style: 'figureValue', margin: [0, 3, 0, 2] },
      { text: detail, style: 'figureDetail' }
    ]
  }
}

function keyFiguresSection(snapshot: CaseSnapshot): Content[] {
  const { counts } = snapshot.case
  const bySeverity = snapshot.alertsBySeverity
  const totalBytes = snapshot.evidence.reduce((sum, record) => sum + record.size, 0)
  const span = activitySpan(snapshot)
  const zone = snapshot.case.displayTimeZone
  return [
    sectionHeading(2, 'Key figures'),
    {
      table: {
        widths: ['*', '*', '*', '*', '*'],
        body: [
          [
            figure('Evidence', formatCount(counts.evidence), `${formatBytes(totalBytes)} in total`),
            figure('Events', formatCount(counts.events), `${formatCount(counts.rejected)} lines rejected`),
            figure('Alerts', formatCount(counts.alerts), `${formatCount(counts.openAlerts)} still open`),
            figure(
              'Critical / high',
              `${formatCount(bySeverity.critical)} / ${formatCount(bySeverity.high)}`,
              `of ${formatCount(counts.alerts)} alerts`
            ),
            figure(
              'Activity span',
              span ? formatSpan(span.to - span.from) : '—',
              span ? `from ${formatDate(span.from, zone)}` : 'no events'
            )
          ]
        ]
      },
      layout: 'panels'
    }
  ]
}

function eventsOverTimeChart(snapshot: CaseSnapshot): Content[] {
  if (snapshot.omitted?.eventsOverTime)
    return [placeholder('This chart was left out when the report was exported.')]
  const zone = snapshot.case.displayTimeZone
  const histogram = printableHistogram(snapshot.eventsOverTime)
  if (histogram.bars.length === 0) return [placeholder('No events have been imported into this case.')]
  const merged = histogram.bucketMs !== snapshot.eventsOverTime.bucketMs
  return [
    {
      svg: renderChartSvg(eventsOverTimeOption(histogram, zone), CONTENT_WIDTH, EVENTS_CHART_HEIGHT),
      width: CONTENT_WIDTH,
      height: EVENTS_CHART_HEIGHT
    },
    {
      text:
        `Events imported from all evidence, per ${formatBucketWidth(histogram.bucketMs)}` +
        (merged
          ? ` (merged from ${formatBucketWidth(snapshot.eventsOverTime.bucketMs)} buckets to fit the page)`
          : '') +
        `; times in ${zone}.`,
      style: 'caption'
    }
  ]
}

function activitySection(snapshot: CaseSnapshot): Content[] {
  return [
    sectionHeading(3, 'Activity'),
    subHeading('Events over time'),
    ...eventsOverTimeChart(snapshot),
    subHeading('Alerts by severity'),
    snapshot.alerts.length === 0
      ? placeholder('No alerts have been raised.')
      : {
          svg: renderChartSvg(
            alertsBySeverityOption(snapshot.alertsBySeverity),
            CONTENT_WIDTH,
            SEVERITY_CHART_HEIGHT
          ),
          width: CONTENT_WIDTH,
          height: SEVERITY_CHART_HEIGHT
        }
  ]
}

function evidenceSection(snapshot: CaseSnapshot): Content[] {
  return [
    sectionHeading(4, 'Evidence'),
    snapshot.evidence.length === 0
      ? placeholder('No evidence has been imported into this case.')
      : [
          {
            text: 'SHA-256 digests were computed when each file was imported. Rejected lines are kept raw in the case with the reason.',
            style: 'muted',
            margin: [0, 0, 0, 6]
          },
          evidenceTable(snapshot.evidence, snapshot.case.displayTimeZone)
        ]
  ]
}

function alertsSection(snapshot: CaseSnapshot): Content[] {
  return [
    sectionHeading(5, 'Alerts'),
    snapshot.alerts.length === 0
      ? placeholder('No detection engine raised an alert.')
      : [
          {
            text: `${formatCount(snapshot.alerts.length)} alerts, most severe first. Events is the number of events that contributed to each alert.`,
            style: 'muted',
            margin: [0, 0, 0, 6]
          },
          alertsTable(snapshot.alerts, snapshot.case.displayTimeZone)
        ]
  ]
}

function noteContent(note: Note, zone: string): Content {
  return {
    stack: [
      { text: note.title.trim() || 'Untitled note', style: 'noteTitle', headlineLevel: 2 },
      {
        text: `Written ${formatDateTime(note.createdAt, zone)}, last edited ${formatDateTime(note.updatedAt, zone)} (${zone})`,
        style: 'muted',
        margin: [0, 0, 0, 5]
      },
      ...markdownToContent(note.body)
    ]
  }
}

function notesSection(snapshot: CaseSnapshot): Content[] {
  const heading = sectionHeading(6, 'Analyst notes')
  if (snapshot.omitted?.notes)
    return [heading, placeholder('Notes were left out when the report was exported.')]
  if (snapshot.notes.length === 0) return [heading, placeholder('No notes were written for this case.')]
  const notes = [...snapshot.notes].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  return [heading, ...notes.map((note) => noteContent(note, snapshot.case.displayTimeZone))]
}

function detectionSection(snapshot: CaseSnapshot): Content[] {
  return [
    sectionHeading(7, 'Detection runs'),
    snapshot.detectionRuns.length === 0
      ? placeholder('Detection has not been run on this case.')
      : detectionRunsTable(snapshot.detectionRuns, snapshot.case.displayTimeZone)
  ]
}

/** The whole report for one case snapshot. */
export function buildReportDocument(snapshot: CaseSnapshot): TDocumentDefinitions {
  const generatedZone = snapshot.generatedTimeZone
  const generated = `${formatDateTime(snapshot.generatedAt, generatedZone)} ${zoneLabel(generatedZone, [snapshot.generatedAt])}`
  const caseZone = zoneLabel(snapshot.case.displayTimeZone, caseInstants(snapshot))
  return {
    pageSize: 'A4',
    pageMargins: PAGE.margins,
    info: {
      title: `${snapshot.case.title} — incident response report`,
      ...(snapshot.author && { author: snapshot.author }),
      subject: `Cairn case ${snapshot.case.id}`,
      creator: `Cairn ${snapshot.cairnVersion}`,
      creationDate: new Date(snapshot.generatedAt)
    },
    header: pageHeader(snapshot.case.id),
    footer: pageFooter(`${generated} by Cairn ${snapshot.cairnVersion}`),
    content: [
      ...titleBlock(snapshot, generated, caseZone),
      ...summarySection(snapshot),
      ...keyFiguresSection(snapshot),
      ...activitySection(snapshot),
      ...evidenceSection(snapshot),
      ...alertsSection(snapshot),
      ...notesSection(snapshot),
      ...detectionSection(snapshot)
    ],
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
    pageBreakBefore: keepHeadingsWithContent
  }
}
