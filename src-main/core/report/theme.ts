// The report's look in one place: page geometry, palette, severity colours, type scale and table layouts.
// Documents refer to styles and layouts by name, so the document stays plain data and the look can change
// here without touching the content builders.

import type { Style, TableLayout, TableNode } from 'pdfmake'
import type { Severity } from '../../common/domain'

/** A4 portrait in points, with the margins every page uses: left, top, right, bottom. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  margins: [48, 66, 48, 58] as [number, number, number, number]
}
export const CONTENT_WIDTH = Math.floor(PAGE.width - PAGE.margins[0] - PAGE.margins[2])

export const COLOURS = {
  ink: '#1f2933',
  muted: '#616e7c',
  faint: '#9aa5b1',
  accent: '#1f3a5f',
  rule: '#cbd2d9',
  hairline: '#e4e7eb',
  headerFill: '#e6ebf1',
  zebraFill: '#f5f7fa',
  panelFill: '#f0f3f7',
  codeFill: '#f2f4f6'
} as const

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#7b1e22',
  high: '#c0392b',
  medium: '#c47f17',
  low: '#2f6690',
  informational: '#7b8794'
}

/** Roboto ships inside pdfmake; Courier is one of the 14 fonts every PDF reader has, used for hashes. */
export const FONTS = { text: 'Roboto', mono: 'Courier' } as const

export const DEFAULT_STYLE: Style = { font: FONTS.text, fontSize: 9.5, lineHeight: 1.25, color: COLOURS.ink }

export const STYLES: Record<string, Style> = {
  kicker: { fontSize: 8.5, bold: true, color: COLOURS.accent, characterSpacing: 1.4 },
  title: { fontSize: 24, bold: true, lineHeight: 1.1, color: '#102a43' },
  subtitle: { fontSize: 10.5, color: COLOURS.muted },
  h1: { fontSize: 14.5, bold: true, color: COLOURS.accent, margin: [0, 20, 0, 8] },
  h2: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
  noteTitle: { fontSize: 11.5, bold: true, color: '#102a43', margin: [0, 14, 0, 1] },
  noteHeading: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] },
  noteSubheading: { fontSize: 9.5, bold: true, italics: true, margin: [0, 4, 0, 2] },
  paragraph: { margin: [0, 0, 0, 6] },
  muted: { fontSize: 8, color: COLOURS.muted },
  caption: { fontSize: 7.5, italics: true, color: COLOURS.muted, margin: [0, 3, 0, 0] },
  metaLabel: { fontSize: 8, color: COLOURS.muted },
  metaValue: { fontSize: 9 },
  figureValue: { fontSize: 16, bold: true, lineHeight: 1.05, color: '#102a43' },
  figureLabel: { fontSize: 7, bold: true, color: COLOURS.muted, characterSpacing: 0.6 },
  figureDetail: { fontSize: 7.5, color: COLOURS.muted },
  tableHeader: { fontSize: 7.5, bold: true, color: '#323f4b' },
  tableCell: { fontSize: 7.5, lineHeight: 1.15 },
  tableDetail: { fontSize: 6.8, lineHeight: 1.15, color: COLOURS.muted },
  severity: { fontSize: 7, bold: true, color: '#ffffff', alignment: 'center', characterSpacing: 0.3 },
  hash: { font: FONTS.mono, fontSize: 6.4, lineHeight: 1.1, wordBreak: 'break-all' },
  code: { font: FONTS.mono, fontSize: 7.5, lineHeight: 1.15, preserveLeadingSpaces: true },
  inlineCode: { font: FONTS.mono, fontSize: 8.5, background: COLOURS.codeFill },
  pageHeader: { fontSize: 7.5, color: COLOURS.muted },
  pageFooter: { fontSize: 7, color: COLOURS.muted }
}

function bodyRows(node: TableNode): number {
  return node.table.body.length
}

function headerRows(node: TableNode): number {
  return node.table.headerRows ?? 0
}

const none = (): number => 0

/** The table layouts the documents name; the PDF renderer registers them with pdfmake. */
export const TABLE_LAYOUTS: Record<string, TableLayout> = {
  /** Data tables: shaded header, hairlines between rows, zebra stripes, no vertical rules. */
  data: {
    hLineWidth: (line, node) =>
      line === 0 || line === bodyRows(node) ? 0 : line === headerRows(node) ? 0.8 : 0.4,
    hLineColor: (line, node) => (line === headerRows(node) ? COLOURS.faint : COLOURS.hairline),
    vLineWidth: none,
    paddingLeft: () => 4,
    paddingRight: () => 4,
    paddingTop: () => 3.5,
    paddingBottom: () => 3.5,
    fillColor: (row, node) => {
      if (row < headerRows(node)) return COLOURS.headerFill
      return (row - headerRows(node)) % 2 === 1 ? COLOURS.zebraFill : null
    }
  },
  /** Key-figure panels: shaded cells separated by white gutters. */
  panels: {
    hLineWidth: none,
    vLineWidth: (line, node) => (line === 0 || line === node.table.widths.length ? 0 : 6),
    vLineColor: () => '#ffffff',
    paddingLeft: () => 9,
    paddingRight: () => 9,
    paddingTop: () => 8,
    paddingBottom: () => 8,
    fillColor: () => COLOURS.panelFill
  },
  /** Label/value pairs on the title page. */
  meta: {
    hLineWidth: none,
    vLineWidth: none,
    paddingLeft: (column) => (column === 0 ? 0 : 10),
    paddingRight: () => 0,
    paddingTop: () => 2,
    paddingBottom: () => 2
  },
  /** Code blocks in notes. */
  code: {
    hLineWidth: none,
    vLineWidth: none,
    paddingLeft: () => 7,
    paddingRight: () => 7,
    paddingTop: () => 5,
    paddingBottom: () => 5,
    fillColor: () => COLOURS.codeFill
  },
  /** Block quotes in notes: a rule on the left. */
  quote: {
    hLineWidth: none,
    vLineWidth: (line) => (line === 0 ? 2 : 0),
    vLineColor: () => COLOURS.rule,
    paddingLeft: () => 9,
    paddingRight: () => 0,
    paddingTop: () => 1,
    paddingBottom: () => 1
  }
}
