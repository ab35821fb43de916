// A Windows Security log (.evtx) through the UI in real Chromium against browser mode: it is detected as
// an EVTX source and imported, its channel and event-id breakdown opens from the evidence list, the
// overview's logon summary shows a password spray's failures by account and source with the readable
// reason, and an event's detail shows its raw XML record.

import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSecurityLog, type LogonSpec } from '../main/helpers/securityLogBuilder'
import { launchChromium, startBrowserMode } from './browserMode'
import type { RunningCairn } from './browserMode'

let cairn: RunningCairn
let browser: Awaited<ReturnType<typeof launchChromium>>
let page: Page
let logPath: string

/** 40 failed network logons as administrator from 203.0.113.66, then 5 interactive logons by alice. */
function sprayLog(): Uint8Array {
  const failures: LogonSpec[] = Array.from({ length: 40 }, (_, index) => ({
    recordId: index + 1,
    eventId: 4625,
    user: 'administrator',
    ip: '203.0.113.66',
    logonType: 3,
    status: 0xc000006a
  }))
  const successes: LogonSpec[] = Array.from({ length: 5 }, (_, index) => ({
    recordId: 41 + index,
    eventId: 4624,
    user: 'alice',
    ip: '10.0.0.20',
    logonType: 2
  }))
  return buildSecurityLog([{ logons: [...failures, ...successes] }])
}

test.beforeAll(async () => {
  logPath = join(mkdtempSync(join(tmpdir(), 'cairn-e2e-evtx-')), 'Security.evtx')
  writeFileSync(logPath, sprayLog())
  cairn = await startBrowserMode()
  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
})

test.afterAll(async () => {
  await browser?.close()
  await cairn?.stop()
})

test('a Security.evtx shows its breakdown, its logon summary and its raw records', async () => {
  await page.goto(cairn.url)
  await page.getByTestId('case-title-input').fill('Password spray')
  await page.getByTestId('create-case-button').click()
  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('ingest-file-input').setInputFiles([logPath])
  await expect(page.getByTestId('source-card')).toContainText('Windows event log (EVTX)')
  await page.getByTestId('import-start').click()
  const importRow = page.getByTestId('import-row')
  await expect(importRow.getByTestId('ingest-progress')).toHaveAttribute('data-state', 'done', {
    timeout: 60_000
  })
  await expect(importRow.getByTestId('import-summary')).toContainText('45 events from 45 event records')

  await page.getByTestId('evidence-breakdown-toggle').click()
  const breakdown = page.getByTestId('windows-breakdown')
  await expect(breakdown.getByTestId('breakdown-Channels')).toContainText('Security')
  await expect(breakdown.getByTestId('breakdown-Event IDs')).toContainText(/4625\s*40/)
  await expect(breakdown.getByTestId('breakdown-Event IDs')).toContainText(/4624\s*5/)

  await page.getByTestId('nav-overview').click()
  const summary = page.getByTestId('logon-summary')
  await expect(summary.getByTestId('logon-totals')).toContainText('5 successes')
  await expect(summary.getByTestId('logon-totals')).toContainText('40 failures')
  const spray = summary.getByTestId('logon-row').filter({ hasText: 'CORP\\administrator' })
  await expect(spray).toContainText('203.0.113.66')
  await expect(spray).toContainText('Network')
  await expect(spray).toContainText('bad password')

  await page.getByTestId('nav-events').click()
  await page.getByTestId('event-row').first().click()
  await expect(page.getByTestId('event-raw')).toContainText('<EventID>4625</EventID>')
  await expect(page.getByTestId('event-raw')).toContainText('<Data Name="IpAddress">203.0.113.66</Data>')
})
