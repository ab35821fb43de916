// The rules screen and a Sigma alert in real Chromium against browser mode: Cairn's own pack is listed
// with its counts, folders by path are refused with a note on where to add them, every document can be
// filtered and read (YAML as text), and the SSH brute-force correlation's alert shows its rule and its
// member events numbered in time order.

import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeScenarioFiles } from '../../src-main/core/demo/scenario'
import type { ScenarioFiles } from '../../src-main/core/demo/scenario'
import { launchChromium, startBrowserMode } from './browserMode'
import type { RunningCairn } from './browserMode'

let cairn: RunningCairn
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let scenario: ScenarioFiles

test.beforeAll(async () => {
  scenario = await writeScenarioFiles(mkdtempSync(join(tmpdir(), 'cairn-e2e-rules-')))
  cairn = await startBrowserMode()
  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
})

test.afterAll(async () => {
  await browser?.close()
  await cairn?.stop()
})

test("the rules screen reports every document, and a Sigma correlation's alert shows its rule", async () => {
  await page.goto(cairn.url)
  await page.getByTestId('case-title-input').fill('Rules check')
  await page.getByTestId('create-case-button').click()
  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('ingest-file-input').setInputFiles([scenario.authLogPath])
  await expect(page.getByTestId('source-card')).toHaveCount(1, { timeout: 30_000 })
  await page.getByTestId('import-start').click()
  await expect(page.getByTestId('import-row')).toHaveAttribute('data-state', 'done', { timeout: 60_000 })

  await page.getByTestId('nav-rules').click()
  const builtin = page.locator('[data-testid="rule-source"][data-kind="builtin"]')
  await expect(builtin).toContainText("Cairn's own pack")
  await expect(builtin.getByTestId('rule-source-counts')).toContainText(/[\d,]+ documents · [\d,]+ loaded/)
  await expect(page.getByTestId('rule-folder-browser-note')).toContainText('desktop app')
  await expect(page.getByTestId('rule-filter-loaded').getByTestId('rule-filter-count')).not.toHaveText('0')
  // Rules for web and Windows logs cannot read an auth log: they are reported, not dropped.
  await expect(
    page.getByTestId('rule-filter-not_applicable').getByTestId('rule-filter-count')
  ).not.toHaveText('0')

  await page.getByTestId('rule-text-filter').fill('brute force from one address')
  const row = page.getByTestId('rule-row').filter({ hasText: 'SSH Password Brute Force From One Address' })
  await expect(row).toHaveCount(1)
  await row.click()
  const detail = page.getByTestId('rule-detail')
  await expect(detail.getByTestId('rule-yaml-text')).toContainText('title: SSH Password Brute Force')

  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('run-detection-button').click()
  await page.getByTestId('nav-alerts').click()
  const alert = page.getByTestId('alert-row').filter({ hasText: 'SSH Password Brute Force From One Address' })
  await expect(alert.first()).toBeVisible({ timeout: 60_000 })
  await alert.first().click()
  const alertDetail = page.getByTestId('alert-detail')
  await expect(alertDetail.getByTestId('alert-rule')).toContainText('Rule YAML')
  await expect(alertDetail.getByTestId('alert-events-heading')).toContainText('Member events, in time order')
  await expect(alertDetail.getByTestId('rule-event-number').first()).toHaveText('1.')
  await expect(alertDetail.locator('mark').first()).toHaveText(
    scenario.groundTruth.attacks.sshBruteForce.sourceIp
  )
})
