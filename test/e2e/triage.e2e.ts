// Keyboard triage in real Chromium against browser mode: a case built from the demo scenario's logs and IOC
// list, its alerts grouped by rule, filtered by engine, moved through with j/k, ticked with x, set in
// progress with s and closed with c, a group reopened in bulk, and one alert's events opened in the
// explorer. Screenshots of the queue land in /work/scratch/triage/ to be looked at.

import { expect, test } from '@playwright/test'
import type { BrowserContext, Locator, Page } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
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
  scenario = await writeScenarioFiles(mkdtempSync(join(tmpdir(), 'cairn-e2e-triage-')))
  cairn = await startBrowserMode()
  browser = await launchChromium()
  context = browser.context
  page = context.pages()[0] ?? (await context.newPage())
})

test.afterAll(async () => {
  await browser?.close()
  await cairn?.stop()
})

async function caseWithAlerts(): Promise<void> {
  await page.goto(cairn.url)
  await page.getByTestId('case-title-input').fill('Triage drill')
  await page.getByTestId('create-case-button').click()
  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('ingest-file-input').setInputFiles([scenario.accessLogPath, scenario.authLogPath])
  await expect(page.getByTestId('import-start')).toHaveText('Import 2 sources', { timeout: 30_000 })
  await page.getByTestId('import-start').click()
  for (const name of ['access.log', 'auth.log'])
    await expect(page.locator(`[data-testid="import-row"][data-file-name="${name}"]`)).toHaveAttribute(
      'data-state',
      'done',
      { timeout: 60_000 }
    )
  await page.getByTestId('ioc-file-input').setInputFiles(scenario.iocListPath)
  await expect(page.getByTestId('ioc-list-row')).toContainText('iocs.txt')
  await page.getByTestId('run-detection-button').click()
  await page.getByTestId('nav-alerts').click()
  await expect(
    page.locator(`[data-testid="alert-row"][data-engine="${ENGINE_IDS.ioc}"]`).first()
  ).toBeVisible({
    timeout: 60_000
  })
}

const rows = (): Locator => page.getByTestId('alert-row')
const rowById = (id: string): Locator => page.locator(`[id="${id}"]`)
const focusedRowId = async (): Promise<string> => (await page.locator(':focus').getAttribute('id')) ?? ''

test('triage the demo case from the keyboard and in bulk', async () => {
  await caseWithAlerts()
  await page.screenshot({ path: test.info().outputPath('triage-by-severity.png') })

  // Grouped by rule: every group's count is its number of rows.
  await page.getByTestId('alert-grouping').selectOption('rule')
  const groups = page.getByTestId('alert-group')
  expect(await groups.count()).toBeGreaterThan(1)
  for (const group of await groups.all())
    await expect(group.getByTestId('alert-row')).toHaveCount(
      Number(await group.getByTestId('alert-group-count').textContent())
    )

  // Filtered to one engine, then back to all.
  const total = await rows().count()
  await page.getByTestId('alert-filter-engine').selectOption(ENGINE_IDS.authBurst)
  expect(await rows().count()).toBeLessThan(total)
  for (const engine of await rows().evaluateAll((all) => all.map((row) => row.getAttribute('data-engine'))))
    expect(engine).toBe(ENGINE_IDS.authBurst)
  await page.getByTestId('alert-filter-engine').selectOption({ label: 'Any' })
  await expect(rows()).toHaveCount(total)

  // j/k move and open; x ticks two; s sets both in progress.
  const ids = await rows().evaluateAll((all) => all.slice(0, 3).map((row) => row.id))
  await rows().first().click()
  await page.keyboard.press('j')
  expect(await focusedRowId()).toBe(ids[1])
  await expect(page.locator('#alert-detail-title')).toHaveText(
    (await rowById(ids[1]).getByTestId('alert-title').textContent()) ?? ''
  )
  await page.keyboard.press('k')
  expect(await focusedRowId()).toBe(ids[0])
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.getByTestId('bulk-count')).toHaveText('2 selected')
  await page.screenshot({ path: test.info().outputPath('triage-selection.png') })
  await page.keyboard.press('s')
  for (const id of ids.slice(0, 2)) await expect(rowById(id)).toHaveAttribute('data-status', 'in_progress')
  await expect(page.getByTestId('bulk-bar')).toHaveCount(0)

  // c closes the cursor alert with a reason; the keys still work afterwards.
  await page.keyboard.press('j')
  expect(await focusedRowId()).toBe(ids[2])
  await page.keyboard.press('c')
  const dialog = page.locator('dialog[open]')
  await dialog.getByTestId('close-reason-false_positive').click()
  await dialog.getByTestId('close-alert-confirm').click()
  await expect(rowById(ids[2])).toHaveAttribute('data-status', 'closed')
  await expect(rowById(ids[2])).toContainText('False positive')
  await page.keyboard.press('k')
  expect(await focusedRowId()).toBe(ids[1])

  // A whole group back to New from the bulk bar.
  const firstGroup = groups.first()
  await firstGroup.getByTestId('alert-group-tick').check()
  const inGroup = await firstGroup.getByTestId('alert-row').count()
  await expect(page.getByTestId('bulk-count')).toHaveText(`${inGroup} selected`)
  await page.getByTestId('bulk-reopen').click()
  await expect(firstGroup.locator('[data-testid="alert-row"][data-status="new"]')).toHaveCount(inGroup)

  await page.getByTestId('alert-grouping').selectOption('entity')
  await page.screenshot({ path: test.info().outputPath('triage-by-entity-light.png') })
  await page.getByTestId('theme-toggle').click()
  await page.screenshot({ path: test.info().outputPath('triage-by-entity-dark.png') })
  await page.getByTestId('theme-toggle').click()

  // The brute force's events in the explorer: its span, its source address.
  const attackerIp = scenario.groundTruth.attacks.sshBruteForce.sourceIp
  await page
    .locator(`[data-testid="alert-row"][data-engine="${ENGINE_IDS.authBurst}"]`)
    .filter({ hasText: `Failed-login burst from ${attackerIp}:` })
    .click()
  await page.getByTestId('alert-open-events').click()
  await expect(page.getByTestId('filter-chip')).toContainText(attackerIp)
  await expect(page.getByTestId('events-from')).not.toHaveValue('')
  await expect(page.getByTestId('events-table')).toContainText('Failed password')
  await page.screenshot({ path: test.info().outputPath('triage-explorer.png') })
})
