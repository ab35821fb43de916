// Sigma detection while evidence is imported: the workers match each event as it is parsed, the matches
// are kept beside the shards, and a detection run under the same rules reads them instead of the events —
// with exactly the alerts a full hunt through the store gives. Changed rules fall back to the hunt.

import { afterEach, describe, expect, it } from 'vitest'
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Alert } from '../../../src-main/common/domain'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { writeScenarioFiles } from '../../../src-main/core/demo/scenario'
import { buildZip } from '../ingest/containers/archiveFixtures'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function scenarioCase() {
  const home = tempDir()
  const app = new CairnApp({ home: new CairnHome(home) })
  apps.push(app)
  const { id } = await app.createCase('Streaming', 'UTC')
  const logs = await writeScenarioFiles(tempDir())
  const zip = join(tempDir(), 'more.zip')
  // The same log under another name would be a duplicate; the archive holds the first half of it.
  const lines = readFileSync(logs.authLogPath, 'utf8').split('\n')
  const firstHalf = Buffer.from(lines.slice(0, Math.floor(lines.length / 2)).join('\n') + '\n')
  writeFileSync(zip, buildZip([{ name: 'auth/auth.log.1', data: firstHalf }]))
  return { app, caseId: id, logs, zip }
}

function sigmaAlerts(alerts: readonly Alert[]) {
  return alerts
    .filter((alert) => alert.engine === 'sigma')
    .map(({ title, count, firstSeen, lastSeen, severity, entities }) => ({
      title,
      count,
      firstSeen,
      lastSeen,
      severity,
      entities
    }))
    .sort((a, b) => a.title.localeCompare(b.title))
}

async function detect(app: CairnApp, caseId: string) {
  const open = app.requireCase(caseId)
  const outcome = await app.detect(open, { signal: new AbortController().signal, progress: () => undefined })
  return { run: outcome.runs.find((run) => run.engine === 'sigma')!, alerts: open.alerts.list() }
}

describe('Sigma detection during import', () => {
  it('gives the alerts a full hunt gives, without reading the events again', async () => {
    const { app, caseId, logs, zip } = await scenarioCase()
    const imported = await app.ingestAndWait(caseId, [
      { path: logs.accessLogPath },
      { path: logs.authLogPath },
      { path: zip }
    ])
    for (const result of imported) expect(result.error).toBeUndefined()
    const open = app.requireCase(caseId)
    const evidence = open.evidence.list()
    expect(evidence).toHaveLength(3)
    // every source has its matches beside its shards
    for (const source of evidence)
      expect(readdirSync(open.shardDir(source.id))).toContain('sigma-matches.json.gz')

    const streamed = await detect(app, caseId)
    expect(streamed.run.summary).toMatch(/over 0 events and the matches of 3 sources found during import/)
    const fromImport = sigmaAlerts(streamed.alerts)
    expect(fromImport.length).toBeGreaterThan(0)

    for (const source of evidence) rmSync(join(open.shardDir(source.id), 'sigma-matches.json.gz'))
    const hunted = await detect(app, caseId)
    const total = evidence.reduce((sum, source) => sum + source.events, 0)
    expect(hunted.run.summary).toContain(`over ${total.toLocaleString('en-US')} events:`)
    expect(sigmaAlerts(hunted.alerts)).toEqual(fromImport)
  }, 120_000)

  it('hunts through the store when the rules changed since the import', async () => {
    const { app, caseId, logs } = await scenarioCase()
    await app.ingestAndWait(caseId, [{ path: logs.authLogPath }])
    const ruleId = app.rulesOverview(caseId).rules.find((rule) => rule.status === 'loaded')!.id
    app.sigma.setLevel(ruleId, 'critical')
    const { run } = await detect(app, caseId)
    expect(run.summary).not.toContain('found during import')
    expect(run.summary).toMatch(/over [1-9][\d,]* events/)
  }, 120_000)
})
