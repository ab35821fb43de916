// The explorer's query bar and histogram in real Chromium against browser mode, on a case built from the
// demo scenario's logs: a typo is underlined at its position and never sent, the fixed query filters the
// rows, completion fills in a field and one of its values, brushing the histogram narrows the time, and the
// field sidebar includes or excludes a value.

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
  scenario = await writeScenarioFiles(mkdtempSync(join(tmpdir(), 'cairn-e2e-logs-')))
  cairn = await startBrowserMode()
  browser = await launchChromium()
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
})

test.afterAll(async () => {
  await browser?.close()
  await cairn?.stop()
})

/** The number in "12,345 events", once the count has loaded. */
async function total(): Promise<number> {
  const shown = page.getByTestId('events-total')
  await expect(shown).toHaveText(/^[\d,]+ events?$/)
  return Number((await shown.textContent())?.replace(/\D/g, ''))
}

/** Waits for the count to settle on a value other than `previous` and returns it. */
async function totalOtherThan(previous: number): Promise<number> {
  await expect.poll(total).not.toBe(previous)
  return total()
}

test('query with errors, completion, a brushed histogram and facets', async () => {
  await page.goto(cairn.url)
  await page.getByTestId('case-title-input').fill('Explorer query')
  await page.getByTestId('create-case-button').click()
  await page.getByTestId('nav-ingest').click()
  await page.getByTestId('ingest-file-input').setInputFiles([scenario.accessLogPath, scenario.authLogPath])
  await expect(page.getByTestId('import-start')).toHaveText('Import 2 sources', { timeout: 30_000 })
  await page.getByTestId('import-start').click()
  for (const name of ['access.log', 'auth.log']) {
    const row = page.locator(`[data-testid="import-row"][data-file-name="${name}"]`)
    await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 })
  }

  await page.getByTestId('nav-events').click()
  const everything = await total()
  await expect(page.getByTestId('events-histogram')).toHaveAttribute('data-buckets', /^[1-9]\d*$/)

  // A letter O for a zero: the error names the character and underlines the bad value; nothing is sent.
  const sentQueries: string[] = []
  page.on('request', (request) => {
    if (/\/api\/call\/events\./.test(request.url())) sentQueries.push(request.postData() ?? '')
  })
  const input = page.getByTestId('query-input')
  await input.fill('http.response.status_code:>=4OO')
  await expect(page.getByTestId('query-error')).toHaveText(
    "http.response.status_code holds numbers: expected a number, not '4OO' at character 29"
  )
  await expect(page.getByTestId('query-error-mark')).toHaveText('4OO')
  await page.getByTestId('query-search').click()
  await page.screenshot({ path: test.info().outputPath('explorer-query-error.png') })
  await page
    .getByRole('search', { name: 'Query events' })
    .screenshot({ path: test.info().outputPath('explorer-query-error-bar.png') })
  expect(await total()).toBe(everything)
  expect(sentQueries.filter((body) => body.includes('4OO'))).toEqual([])

  await input.fill('http.response.status_code:>=400')
  await expect(page.getByTestId('query-error')).toHaveCount(0)
  await input.press('Enter')
  const errors = await totalOtherThan(everything)
  expect(errors).toBeLessThan(everything)
  await expect(page.getByTestId('event-row').first()).toBeVisible()

  // Completion: "sourc" offers source.ip first; Tab takes it, then the field's top values are offered.
  await input.press('End')
  await input.pressSequentially(' AND sourc')
  const suggestions = page.getByTestId('query-suggestion')
  await expect(suggestions.first()).toHaveText('source.ip')
  await page.screenshot({ path: test.info().outputPath('explorer-query-fields.png') })
  await input.press('Tab')
  await expect(input).toHaveValue('http.response.status_code:>=400 AND source.ip:')
  await expect(page.getByRole('listbox')).toHaveAccessibleName(/Top values of source\.ip/)
  await expect(suggestions.first()).toHaveText(/^\d+\.\d+\.\d+\.\d+$/)
  await page.screenshot({ path: test.info().outputPath('explorer-query-values.png') })
  await input.press('ArrowDown')
  await expect(input).toHaveAttribute('aria-activedescendant', /-0$/)
  const ip = (await suggestions.first().textContent())?.trim() ?? ''
  await input.press('Enter')
  await expect(input).toHaveValue(`http.response.status_code:>=400 AND source.ip:${ip} `)
  await input.press('Escape')
  await input.press('Enter')
  const fromOneIp = await totalOtherThan(errors)
  expect(fromOneIp).toBeLessThan(errors)

  // Back to all errors, then brush the middle third of the histogram: fewer rows, a time range to reset.
  await input.fill('http.response.status_code:>=400')
  await input.press('Enter')
  await expect.poll(total).toBe(errors)
  const chart = page.getByTestId('events-histogram')
  await expect(chart).toHaveAttribute('data-buckets', /^[1-9]\d*$/)
  const box = (await chart.boundingBox())!
  const y = box.y + box.height / 2
  await page.mouse.move(box.x + box.width * 0.35, y)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 })
  await page.mouse.move(box.x + box.width * 0.65, y, { steps: 5 })
  await page.mouse.up()
  const brushed = await totalOtherThan(errors)
  expect(brushed).toBeLessThan(errors)
  await expect(page.getByTestId('histogram-range')).toContainText('UTC')
  await page.screenshot({ path: test.info().outputPath('explorer-histogram-brushed.png') })

  // A click on one bar narrows to its bucket; "Reset time" brings every error back.
  await page.getByTestId('histogram-reset-time').click()
  await expect.poll(total).toBe(errors)
  await chart.click({ position: { x: box.width * 0.5, y: box.height * 0.6 } })
  const oneBucket = await totalOtherThan(errors)
  expect(oneBucket).toBeLessThan(errors)
  await page.getByTestId('histogram-reset-time').click()
  await expect.poll(total).toBe(errors)

  // Facets: + on the top source IP ANDs it onto the query, leaving exactly its count of rows; − on it instead
  // leaves every other error.
  const sourceIps = page.locator('[data-testid="facet"][data-field="source.ip"]')
  await sourceIps.getByTestId('facet-toggle').click()
  const topIp = sourceIps.getByTestId('facet-value').first()
  await expect(topIp.getByTestId('facet-count')).toHaveText(/^[\d,]+$/)
  const facetIp = (await topIp.getAttribute('data-value')) ?? ''
  const facetCount = Number((await topIp.getByTestId('facet-count').textContent())?.replace(/\D/g, ''))
  const ipRow = sourceIps.locator(`[data-testid="facet-value"][data-value="${facetIp}"]`)
  await ipRow.getByTestId('facet-include').click()
  await expect(input).toHaveValue(`http.response.status_code:>=400 source.ip:${facetIp}`)
  await expect.poll(total).toBe(facetCount)
  expect(facetCount).toBeLessThan(errors)
  await expect(ipRow).toHaveAttribute('data-state', 'include')
  await expect(sourceIps.getByTestId('facet-value')).toHaveCount(1)
  await page.screenshot({ path: test.info().outputPath('explorer-facets.png') })

  await input.fill('http.response.status_code:>=400')
  await input.press('Enter')
  await expect.poll(total).toBe(errors)
  await ipRow.getByTestId('facet-exclude').click()
  await expect(input).toHaveValue(`http.response.status_code:>=400 -source.ip:${facetIp}`)
  await expect.poll(total).toBe(errors - facetCount)
  await expect(ipRow).toHaveCount(0)
  await input.fill('http.response.status_code:>=400')
  await input.press('Enter')
  await expect.poll(total).toBe(errors)

  // The query is kept in the store: another screen and back, and it is still there.
  await page.getByTestId('nav-overview').click()
  await page.getByTestId('nav-events').click()
  await expect(input).toHaveValue('http.response.status_code:>=400')

  // The dark theme, with an unfinished query's error and the field names offered for the next term.
  await page.getByTestId('theme-toggle').click()
  await input.press('End')
  await input.pressSequentially(' AND ')
  await expect(page.getByTestId('query-error')).toHaveText("expected a term after 'AND' at character 33")
  await expect(page.getByRole('listbox')).toHaveAccessibleName('Field names')
  await expect(suggestions.first()).toHaveText('@timestamp')
  await page.screenshot({ path: test.info().outputPath('explorer-query-dark.png') })
})
