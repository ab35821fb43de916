// A responder's whole path through the UI in real Chromium against browser mode: create a case, import the
// scenario generator's logs, see the imports finish, run detection, find the brute-force alert and its
// events, write a note that survives a reload, and export a PDF whose text pdftotext can read.

import { expect, test } from '@playwright/test'
import type { BrowserContext, Page } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ENGINE_IDS } from '../../src-main/common/domain'
import { writeScenarioFiles } from '../../src-main/core/demo/scenario'
import type { ScenarioFiles } from '../../src-main/core/demo/scenario'
import { launchChromium, startBrowserMode } from './browserMode'
import type { RunningCairn } from './browserMode'

let cairn: RunningCairn
let browser: Awaited<ReturnType<typeof launchChromium>>
let context: BrowserContext
let page: Page
let scenario: ScenarioFiles

test.beforeAll(async () => {
  scenario = await writeScenarioFiles(mkdtempSync(join(tmpdir(), 'cairn-e2e-logs-')))
  cairn = await startBrowserMode()
  browser = await launchChromium()
  context = browser.context
  page = context.pages()[0] ?? (await context.newPage())
})

test.afterAll(async () => {
  await browser?.close()
  await cairn?.stop()
})

test('a request without the access token is refused', async () => {
  const response = await fetch(`${cairn.origin}/`)
  expect(response.status).toBe(401)
  const call = await fetch(`${cairn.origin}/api/call/app.info`, {
    method: 'POST',
    headers: { Origin: cairn.origin },
    body: '{}'
  })
  expect(call.status).toBe(401)
})

test('create a case, import logs, triage the brute force, write a note, export the report', async () => {
  await page.goto(cairn.url)
  await page.getByTestId('case-title-input').fill('Intrusion on web01')
  await page.getByTestId('create-case-button').click()
  await expect(page.getByTestId('case-title')).toContainText('Intrusion on web01')

  // Import both logs through the file picker: the import dialog previews them, they are imported as
  // detected, and each gets a progress bar that finishes.
  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('ingest-file-input').setInputFiles([scenario.accessLogPath, scenario.authLogPath])
  await expect(page.getByTestId('source-card')).toHaveCount(2, { timeout: 30_000 })
  await expect(page.getByTestId('source-card').first()).toContainText(/Apache\/nginx access \(combined\)/)
  await expect(page.getByTestId('import-start')).toHaveText('Import 2 sources')
  await page.getByTestId('import-start').click()
  const rows = page.getByTestId('import-row')
  await expect(rows).toHaveCount(2)
  for (const name of ['access.log', 'auth.log']) {
    const row = page.locator(`[data-testid="import-row"][data-file-name="${name}"]`)
    await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 })
    await expect(row.getByTestId('ingest-progress')).toHaveAttribute('data-state', 'done')
    await expect(row.getByTestId('import-summary')).toContainText(/[\d,]+ events from [\d,]+ lines of/)
  }

  // The partner CERT's IOC list, then detection (it may already have run after the import; running it
  // again must not duplicate alerts).
  await page.getByTestId('ioc-file-input').setInputFiles(scenario.iocListPath)
  await expect(page.getByTestId('ioc-list-row')).toContainText('iocs.txt')
  await page.getByTestId('run-detection-button').click()
  await page.getByTestId('nav-alerts').click()
  // Several alerts name the attacker's address (Sigma rules' among them, which show their events as a list,
  // not the events table): take the failed-login engine's burst alert by engine and title, not by place.
  const attackerIp = scenario.groundTruth.attacks.sshBruteForce.sourceIp
  const bruteForce = page
    .locator(`[data-testid="alert-row"][data-engine="${ENGINE_IDS.authBurst}"]`)
    .filter({ hasText: `Failed-login burst from ${attackerIp}:` })
  await expect(bruteForce).toBeVisible({ timeout: 60_000 })
  await expect(bruteForce).toHaveCount(1)
  await expect(page.getByTestId('alert-row').filter({ hasText: 'IOC match' }).first()).toBeVisible()
  const titles = await page.getByTestId('alert-title').allTextContents()
  expect(new Set(titles).size).toBe(titles.length)
  await bruteForce.click()
  const detail = page.getByTestId('alert-detail')
  await expect(detail).toContainText(attackerIp)
  await expect(detail.getByTestId('alert-events-table')).toContainText('Failed password')

  // A note, autosaved, still there after a reload.
  await page.getByTestId('nav-notes').click()
  await page.getByTestId('note-new-button').click()
  await page.getByTestId('note-title-input').fill('Initial access')
  await page
    .getByTestId('note-body-input')
    .fill('SSH brute force from **203.0.113.50** then login as admin. <script>alert(1)</script>')
  await expect(page.getByTestId('note-saved-indicator')).toHaveAttribute('data-state', 'saved', {
    timeout: 15_000
  })
  await page.reload()
  await page.getByTestId('nav-notes').click()
  await expect(page.getByTestId('note-item').filter({ hasText: 'Initial access' })).toBeVisible()
  await page.getByTestId('note-item').filter({ hasText: 'Initial access' }).click()
  await expect(page.getByTestId('note-preview')).toContainText('<script>alert(1)</script>')

  // The PDF report, downloaded through the browser and read back with pdftotext.
  await page.getByTestId('nav-report').click()
  await page.getByTestId('export-report-button').click()
  const link = page.getByTestId('report-download-link')
  await expect(link).toBeVisible({ timeout: 60_000 })
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
  const pdfPath = join(mkdtempSync(join(tmpdir(), 'cairn-e2e-pdf-')), 'report.pdf')
  await download.saveAs(pdfPath)
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' })
  expect(text).toContain('Intrusion on web01')
  expect(text).toContain(scenario.groundTruth.attacks.sshBruteForce.sourceIp)
  expect(text).toContain('Initial access')
  writeFileSync(join(tmpdir(), 'cairn-e2e-last-report.txt'), text)
})
