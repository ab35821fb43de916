// The document builder is a pure function of the snapshot: these tests pin that down (same snapshot, same
// document, whatever the clock says) and check the content decisions that do not need a rendered PDF.

import type { Content, ContentSvg, TDocumentDefinitions } from 'pdfmake'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildReportDocument } from '../../../src-main/core/report/reportDocument'
import { sortAlertsForReport } from '../../../src-main/core/report/reportTables'
import { printedTexts } from './contentText'
import { HOSTILE_NOTE_TEXT, syntheticSnapshot } from './syntheticSnapshot'

/** The document as data: the page header and footer functions replaced by what they draw on pages 1–3 of 3. */
function asData(document: TDocumentDefinitions): unknown {
  const pages = [1, 2, 3].map((page) => ({
    header: document.header(page, 3),
    footer: document.footer(page, 3)
  }))
  return { ...document, header: undefined, footer: undefined, pages }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('buildReportDocument', () => {
  it('builds the same document from the same snapshot, whatever the clock says', () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    const first = buildReportDocument(syntheticSnapshot())
    vi.setSystemTime(new Date('2031-06-15T12:00:00Z'))
    const second = buildReportDocument(syntheticSnapshot())
    expect(asData(second)).toEqual(asData(first))
    expect(second.pageBreakBefore).toBe(first.pageBreakBefore)
  })

  it('puts the case id in every page header and page X of Y with the generation zone in every footer', () => {
    const snapshot = syntheticSnapshot()
    const document = buildReportDocument(snapshot)
    expect(printedTexts(document.header(4, 9))).toContain(`Case ${snapshot.case.id}`)
    const footer = printedTexts(document.footer(4, 9))
    expect(footer).toContain('Page 4 of 9')
    expect(footer.join(' ')).toContain('2026-03-15 14:02:03 America/New_York (UTC-04:00)')
  })

  it('embeds the charts as vector SVG', () => {
    const svgs = (buildReportDocument(syntheticSnapshot()).content.flat(4) as Content[]).filter(
      (node): node is ContentSvg => typeof node === 'object' && !Array.isArray(node) && 'svg' in node
    )
    expect(svgs).toHaveLength(2)
    for (const node of svgs) expect(node.svg.startsWith('<svg')).toBe(true)
  })

  it('keeps hostile note text as one literal text run', () => {
    const strings = printedTexts(buildReportDocument(syntheticSnapshot()).content)
    expect(strings.some((text) => text.includes(HOSTILE_NOTE_TEXT))).toBe(true)
  })

  it('names the zone of every time column', () => {
    const strings = printedTexts(buildReportDocument(syntheticSnapshot()).content)
    expect(strings).toContain('Events from – to (Europe/Paris)')
    expect(strings).toContain('First / last seen (Europe/Paris)')
    expect(strings).toContain('Finished (Europe/Paris)')
  })

  it('says which parts were left out on export instead of showing them as empty', () => {
    const snapshot = { ...syntheticSnapshot(), notes: [], omitted: { notes: true, eventsOverTime: true } }
    const strings = printedTexts(buildReportDocument(snapshot).content)
    expect(strings).toContain('Notes were left out when the report was exported.')
    expect(strings).toContain('This chart was left out when the report was exported.')
    expect(strings).not.toContain('No notes were written for this case.')
  })

  it('leaves the author out when none is given', () => {
    const document = buildReportDocument({ ...syntheticSnapshot(), author: undefined })
    expect(document.info.author).toBeUndefined()
    expect(printedTexts(document.content)).not.toContain('Prepared by')
  })
})

describe('sortAlertsForReport', () => {
  it('orders by severity, then first seen, then id, without touching its input', () => {
    const alerts = syntheticSnapshot({ evidence: 1, alerts: 30, notes: 0 }).alerts
    const input = [...alerts].reverse()
    const sorted = sortAlertsForReport(input)
    expect(input).toEqual([...alerts].reverse())
    const severities = ['critical', 'high', 'medium', 'low', 'informational']
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1], sorted[i]]
      const order =
        severities.indexOf(a.severity) - severities.indexOf(b.severity) || a.firstSeen - b.firstSeen
      expect(order).toBeLessThanOrEqual(0)
    }
  })
})
