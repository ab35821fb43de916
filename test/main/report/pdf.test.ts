// The rendered report, checked with poppler (an independent PDF reader): it opens, has the pages we claim,
// and its text carries what a manager and an auditor look for, with hostile note text printed literally.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderReportPdf } from '../../../src-main/core/report/pdf'
import type { RenderedReport } from '../../../src-main/core/report/pdf'
import type { CaseSnapshot } from '../../../src-main/core/report/snapshot'
import { HOSTILE_NOTE_TEXT, LONG_URL, syntheticSnapshot } from './syntheticSnapshot'

const dir = mkdtempSync(join(tmpdir(), 'cairn-report-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function writePdf(name: string, report: RenderedReport): string {
  const file = join(dir, name)
  writeFileSync(file, report.buffer)
  return file
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
  return Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1])
}

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

/** Text with all white space removed, so values wrapped across lines (hashes, URLs) still match. */
function unwrapped(text: string): string {
  return text.replace(/\s+/g, '')
}

describe('renderReportPdf', () => {
  const snapshot: CaseSnapshot = syntheticSnapshot({ evidence: 10, alerts: 50, notes: 20 })
  let report: RenderedReport
  let text: string

  beforeAll(async () => {
    report = await renderReportPdf(snapshot)
    text = pdfText(writePdf('case.pdf', report))
  })

  it('produces a PDF that poppler opens, with the page count it reports', () => {
    expect(report.buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(report.pages).toBeGreaterThan(1)
    expect(pdfPages(join(dir, 'case.pdf'))).toBe(report.pages)
  })

  it('names the case, its id and the time zones on the page', () => {
    expect(text).toContain(snapshot.case.title)
    expect(text).toContain(`Case ${snapshot.case.id}`)
    expect(text).toContain('Europe/Paris (UTC+01:00)')
    expect(text).toContain('America/New_York (UTC-04:00)')
    expect(text).toContain(`Page 1 of ${report.pages}`)
    expect(text).toContain(`Page ${report.pages} of ${report.pages}`)
  })

  it('lists every evidence file with its full SHA-256', () => {
    const flat = unwrapped(text)
    for (const record of snapshot.evidence) {
      expect(text).toContain(record.name)
      expect(flat).toContain(record.sha256)
    }
  })

  it('lists every alert title', () => {
    const flat = unwrapped(text)
    for (const alert of snapshot.alerts) expect(flat).toContain(unwrapped(alert.title))
  })

  it('prints note text literally: HTML stays text, long URLs survive wrapping', () => {
    expect(text).toContain(HOSTILE_NOTE_TEXT)
    expect(text).toContain('<img src=x onerror=alert(2)>')
    expect(unwrapped(text)).toContain(LONG_URL)
  })

  it('renders an empty case (no evidence, events, alerts or notes) with its placeholders', async () => {
    const empty: CaseSnapshot = {
      ...snapshot,
      case: {
        ...snapshot.case,
        summary: '',
        counts: { evidence: 0, events: 0, rejected: 0, alerts: 0, openAlerts: 0, notes: 0 }
      },
      evidence: [],
      alerts: [],
      detectionRuns: [],
      notes: [],
      eventsOverTime: { bucketMs: 3_600_000, buckets: [] },
      alertsBySeverity: { critical: 0, high: 0, medium: 0, low: 0, informational: 0 },
      author: undefined
    }
    const emptyReport = await renderReportPdf(empty)
    const emptyText = pdfText(writePdf('empty.pdf', emptyReport))
    expect(pdfPages(join(dir, 'empty.pdf'))).toBe(emptyReport.pages)
    expect(emptyText).toContain('No evidence has been imported into this case.')
    expect(emptyText).toContain('No detection engine raised an alert.')
    expect(emptyText).toContain('No notes were written for this case.')
    expect(emptyText).not.toContain('Prepared by')
  })
})
