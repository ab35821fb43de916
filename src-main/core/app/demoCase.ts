// The demo case a newcomer is offered on first start: the project's own scenario generator writes a few
// days of web and auth logs with known attacks, which are imported, matched against the scenario's IOC
// list and run through detection, so every screen has something real to show within seconds.

import { join } from 'node:path'
import type { CaseSummary } from '../../common/domain'
import { CairnError } from '../../common/errors'
import { writeScenarioFiles } from '../demo/scenario'
import type { CairnApp } from './cairnApp'

export const DEMO_CASE_TITLE = 'Demo: web01 compromise (generated)'

export async function openDemoCase(app: CairnApp): Promise<CaseSummary> {
  // Reuse a demo built before, but only a finished one: a build interrupted half-way (window closed, case
  // switched) leaves a case without its evidence or detection runs, which must not pass for the demo.
  for (const entry of app.home.recentCases().filter((recent) => recent.title === DEMO_CASE_TITLE)) {
    try {
      const summary = await app.openCaseById(entry.id)
      const open = app.requireCase(summary.id)
      if (open.evidence.list().length >= 2 && open.runs.list().length > 0) return summary
    } catch {
      // the folder was removed or damaged: try the next one, or build a fresh demo below
    }
  }
  const summary = await app.createCase(DEMO_CASE_TITLE, 'UTC')
  const files = await writeScenarioFiles(join(summary.dir, 'demo-evidence'))
  app.importIocList(summary.id, { path: files.iocListPath })
  const results = await app.ingestAndWait(
    summary.id,
    [{ path: files.accessLogPath }, { path: files.authLogPath }],
    {
      timeZone: 'UTC'
    }
  )
  const failed = results.find((result) => result.error)
  if (failed)
    throw new CairnError('INTERNAL', `the demo evidence could not be imported: ${failed.error?.message}`)
  const open = app.requireCase(summary.id)
  await app.detect(open, { signal: new AbortController().signal, progress: () => undefined })
  open.updateMeta({
    summary:
      'Generated demonstration case: three days of web server and SSH logs from web01 with a password brute force ' +
      'followed by a successful login, a web login brute force, a vulnerability scanner, SQL injection attempts ' +
      'and traffic from addresses on the IOC list.'
  })
  return open.summary()
}
