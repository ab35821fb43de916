// The `cairn` command: the same core services as the app, without a UI, for scripting, servers and
// benchmarks. Exit code 0 on success; 2 with one line on bad arguments; 1 with one line on unreadable
// input or any other failure.

import { resolve } from 'node:path'
import { spawn } from 'node:child_process'
import type { ImportSummary } from '../common/domain'
import { CairnError } from '../common/errors'
import { CairnApp } from '../core/app/cairnApp'
import { createHandlers } from '../core/app/handlers'
import { startBrowserServer } from '../server/browserServer'
import { parseCli, UsageError, USAGE } from './cliArgs'
import type { CliOptions } from './cliArgs'
import {
  alertJson,
  eventJson,
  evidenceJson,
  formatAlert,
  formatEvent,
  formatImport,
  formatRefusal
} from './cliOutput'
import { CAIRN_VERSION } from '../core/app/version'
import { checkRules } from './rulesCommand'
import { join } from 'node:path'

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCli(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`cairn: ${error.message}`)
      return 2
    }
    throw error
  }
  if (options.command === 'help') {
    console.log(USAGE)
    return 0
  }
  const app = new CairnApp({
    ...(options.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: options.memoryBudgetBytes }),
    sigmaRuleFolders: options.rules.map((folder) => resolve(folder))
  })
  try {
    return await run(app, options)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(`cairn: ${message}`)
    return error instanceof CairnError && error.code === 'BAD_REQUEST' ? 2 : 1
  } finally {
    if (options.command !== 'serve') app.closeCase()
  }
}

async function run(app: CairnApp, options: CliOptions): Promise<number> {
  if (options.command === 'serve') return serve(app, options)
  if (options.command === 'rules') return checkRules(app, options)
  const caseDir = resolve(options.caseDir!)
  const creating = options.command === 'analyze' || options.command === 'ingest'
  const summary = creating
    ? await app.openOrCreateCaseDir(caseDir, options.title ?? caseTitleFrom(caseDir), options.tz)
    : await app.openCaseDir(caseDir)
  const caseId = summary.id
  const out = (json: unknown, text: string) =>
    console.log(options.json ? JSON.stringify(json, null, 2) : text)

  switch (options.command) {
    case 'analyze':
    case 'ingest': {
      for (const iocPath of options.iocs) app.importIocList(caseId, { path: resolve(iocPath) })
      const results = await app.ingestAndWait(
        caseId,
        options.paths.map((path) => ({
          path: resolve(path),
          ...(options.logFormat ? { logFormatPattern: options.logFormat } : {})
        })),
        { timeZone: options.tz, format: options.format }
      )
      const failed = results.filter((result) => result.error)
      const summaries = results.flatMap((result): ImportSummary[] => result.summaries ?? [])
      // A file in an archive or folder that could not be read is reported as its own failed source.
      const imported = summaries.filter((s) => s.evidence.status !== 'failed')
      const refused = summaries.filter((s) => s.evidence.status === 'failed')
      const evidence = [
        ...summaries.map((s) =>
          s.evidence.status === 'failed'
            ? { ...evidenceJson(s.evidence), reason: s.message }
            : evidenceJson(s.evidence)
        ),
        ...failed.map((result) => ({ path: result.path, error: result.error }))
      ]
      if (options.command === 'ingest') {
        out(
          { case: caseDir, evidence },
          [
            `Case ${caseDir}`,
            ...imported.map(formatImport),
            ...refused.map(formatRefusal),
            ...failed.map(failure)
          ].join('\n')
        )
        return failed.length || refused.length ? 1 : 0
      }
      const open = app.requireCase(caseId)
      const detection = await app.detect(open, {
        signal: new AbortController().signal,
        progress: () => undefined
      })
      const alerts = open.alerts.list()
      const report = options.report
        ? await app.exportReport(caseId, { includeNotes: true, includeEvents: true }, resolve(options.report))
        : null
      out(
        {
          case: caseDir,
          evidence,
          alerts: alerts.map(alertJson),
          ...(report ? { report: report.path } : {})
        },
        [
          `Case ${caseDir}`,
          'Imported:',
          ...imported.map(formatImport),
          ...refused.map(formatRefusal),
          ...failed.map(failure),
          `Detection: ${detection.runs.map((r) => `${r.engine} ${r.status} (${r.summary})`).join('; ')}`,
          `Alerts (${alerts.length}):`,
          ...alerts.map(formatAlert),
          ...(report ? [`Report: ${report.path} (${report.pages} pages, ${report.bytes} bytes)`] : [])
        ].join('\n')
      )
      return failed.length || refused.length ? 1 : 0
    }
    case 'detect': {
      const open = app.requireCase(caseId)
      const detection = await app.detect(open, {
        signal: new AbortController().signal,
        progress: () => undefined
      })
      const alerts = open.alerts.list()
      out(
        { case: caseDir, runs: detection.runs, alerts: alerts.map(alertJson) },
        [
          ...detection.runs.map((r) => `${r.engine}: ${r.status}, ${r.summary}`),
          `Alerts (${alerts.length}):`,
          ...alerts.map(formatAlert)
        ].join('\n')
      )
      return 0
    }
    case 'alerts': {
      const alerts = app.requireCase(caseId).alerts.list()
      out(
        { alerts: alerts.map(alertJson) },
        alerts.length ? alerts.map(formatAlert).join('\n') : 'No alerts in this case.'
      )
      return 0
    }
    case 'events': {
      const page = app.requireCase(caseId).events.page({}, 0, options.limit)
      out(
        { total: page.total, events: page.events.map(eventJson) },
        [...page.events.map(formatEvent), `(${page.events.length} of ${page.total} events)`].join('\n')
      )
      return 0
    }
    case 'notes': {
      const text = options.text!
      const title =
        options.title ??
        (text
          .split('\n')[0]
          .replace(/^#+\s*/, '')
          .slice(0, 80) ||
          'Note')
      const note = app.requireCase(caseId).notes.create(title, text)
      out({ note }, `Note '${note.title}' saved (${note.id})`)
      return 0
    }
    case 'report': {
      const report = await app.exportReport(
        caseId,
        { includeNotes: true, includeEvents: true },
        resolve(options.out!)
      )
      out(report, `Report written: ${report.path} (${report.pages} pages, ${report.bytes} bytes)`)
      return 0
    }
  }
  return 0
}

async function serve(app: CairnApp, options: CliOptions): Promise<number> {
  if (options.caseDir)
    await app.openOrCreateCaseDir(resolve(options.caseDir), caseTitleFrom(options.caseDir), options.tz)
  const handlers = createHandlers(app, { mode: 'browser', version: CAIRN_VERSION })
  const server = await startBrowserServer({
    app,
    handlers,
    rendererDir: join(__dirname, '../renderer'),
    port: options.port,
    host: options.listenAll ? '0.0.0.0' : '127.0.0.1'
  })
  if (options.listenAll)
    console.warn(
      'cairn: WARNING: listening on all interfaces; anyone with the token on your network can use this case.'
    )
  console.log(`Cairn is running in browser mode. Open: ${server.url}`)
  if (options.open && process.env.CI !== 'true') openInBrowser(server.url)
  const stop = () => {
    void server.close().then(() => {
      app.closeCase()
      process.exit(0)
    })
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return new Promise<number>(() => undefined)
}

function openInBrowser(url: string): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? null : 'xdg-open'
  if (!opener) return
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined) // no opener installed: the printed URL is enough
  child.unref()
}

function failure(result: { path: string; error?: { code: string; message: string } }): string {
  return `  FAILED ${result.path}: ${result.error?.message ?? 'unknown error'}`
}

function caseTitleFrom(dir: string): string {
  return resolve(dir).split(/[\\/]/).pop() || 'Case'
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code
  },
  (error: unknown) => {
    console.error('cairn: internal error:', error)
    process.exitCode = 1
  }
)
