// Sigma detection speed: a generated web + auth case (default ~1,000,000 events) is imported, then the
// Sigma engine runs over it with (a) Cairn's own pack and (b) every SigmaHQ rule (core, threat-hunting,
// emerging-threats) added; printed as events/s and as the cost of detection relative to the import.
// Windows rules are timed on the SigmaHQ regression samples (Windows JSON), repeated to a sizeable stream.
// Usage: node --import tsx bench/sigma.bench.ts [web requests per day]

import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CairnApp } from '../src-main/core/app/cairnApp'
import { CairnHome } from '../src-main/core/app/cairnHome'
import { writeScenarioFiles } from '../src-main/core/demo/scenario'
import { builtinSigma } from '../src-main/core/detect/sigma/builtinSigma'
import { readRuleFolder } from '../src-main/core/detect/sigma/ruleFolders'
import { SigmaRuleSet } from '../src-main/core/detect/sigma/ruleSet'
import type { RuleFile } from '../src-main/core/detect/sigma/ruleSet'
import { SigmaEngine } from '../src-main/core/detect/sigma/sigmaEngine'
import { FORMAT_DEFINITIONS } from '../src-main/core/ingest/formatRegistry'
import type { TextFormatDefinition } from '../src-main/core/ingest/parser'
import { JsonFramer } from '../src-main/core/ingest/jsonFraming'
import type { NormalisedEvent } from '../src-main/common/event'
import { benchDir, printFigures } from './benchSupport'

const SIGMAHQ = resolve(__dirname, '../../shared/datasets/sigmahq-sigma')
const WINDOWS_STREAM_EVENTS = 200_000

function sigmaHqRules(): RuleFile[] {
  return ['rules', 'rules-threat-hunting', 'rules-emerging-threats'].flatMap((folder) =>
    readRuleFolder(join(SIGMAHQ, folder)).files.map((file) => ({ ...file, path: `${folder}/${file.path}` }))
  )
}

async function main(): Promise<void> {
  const perDay = Number(process.argv[2] ?? 330_000)
  const dir = benchDir('sigma')
  const files = await writeScenarioFiles(join(dir, 'scenario'), {
    webRequestsPerDay: perDay,
    sshProbesPerDay: 2000
  })
  const app = new CairnApp({ home: new CairnHome(join(dir, 'home')) })
  const { id } = await app.createCase('Sigma benchmark', 'UTC', join(dir, 'case'))
  let started = performance.now()
  const results = await app.ingestAndWait(id, [{ path: files.accessLogPath }, { path: files.authLogPath }])
  const importSeconds = (performance.now() - started) / 1000
  for (const result of results) if (result.error) throw new Error(result.error.message)
  const open = app.requireCase(id)
  const events = open.events.count({})
  const evidenceFormats = new Map(open.evidence.list().map((evidence) => [evidence.id, evidence.format]))
  const builtin = builtinSigma()
  const pack = new SigmaRuleSet(builtin.rules, builtin.logsources)
  const everything = new SigmaRuleSet([...builtin.rules, ...sigmaHqRules()], builtin.logsources, {
    selection: {}
  })
  const timeEngine = async (rules: SigmaRuleSet): Promise<{ seconds: number; alerts: number }> => {
    const begun = performance.now()
    const result = await new SigmaEngine(rules).run({
      events: open.events,
      evidenceFormats,
      iocs: [],
      settings: {
        authBurst: { threshold: 10, windowMs: 300_000, successWithinMs: 1_800_000 },
        ioc: { enabled: false }
      },
      signal: new AbortController().signal,
      progress: () => undefined
    })
    return { seconds: (performance.now() - begun) / 1000, alerts: result.alerts.length }
  }
  const packRun = await timeEngine(pack)
  const allRun = await timeEngine(everything)
  app.closeCase()
  started = performance.now()
  const windows = windowsStream()
  const windowsParse = (performance.now() - started) / 1000
  const windowsRate = (rules: SigmaRuleSet): number => {
    const index = rules.indexFor('windows_json')
    let matches = 0
    const begun = performance.now()
    for (const event of windows) index.match(event, () => matches++)
    return windows.length / ((performance.now() - begun) / 1000)
  }
  printFigures('sigma', {
    'case events (web + auth)': events,
    'import time (s)': importSeconds,
    'rules, Cairn pack (loaded)': pack.detections.length + pack.correlations.length,
    'rules, pack + SigmaHQ (loaded)': everything.detections.length + everything.correlations.length,
    'detection, Cairn pack (s)': packRun.seconds,
    'detection, Cairn pack (events/s)': events / packRun.seconds,
    'detection, Cairn pack, added to import (%)': (100 * packRun.seconds) / importSeconds,
    'detection, pack + SigmaHQ (s)': allRun.seconds,
    'detection, pack + SigmaHQ (events/s)': events / allRun.seconds,
    'detection, pack + SigmaHQ, added to import (%)': (100 * allRun.seconds) / importSeconds,
    'alerts, Cairn pack': packRun.alerts,
    'alerts, pack + SigmaHQ': allRun.alerts,
    'Windows sample events matched': windows.length,
    'Windows JSON parse (s)': windowsParse,
    'Windows matching, Cairn pack (events/s)': windowsRate(pack),
    'Windows matching, all SigmaHQ Windows rules (events/s)': windowsRate(everything),
    'SigmaHQ rules indexed for Windows events': everything.indexFor('windows_json').ruleCount
  })
}

/** The regression samples' events (parsed once), repeated to a stream of WINDOWS_STREAM_EVENTS. */
function windowsStream(): NormalisedEvent[] {
  const index = readFileSync(join(SIGMAHQ, 'REGRESSION_INDEX.csv'), 'utf8').trim().split('\n').slice(1)
  const format = FORMAT_DEFINITIONS.windows_json as TextFormatDefinition
  const samples: NormalisedEvent[] = []
  for (const row of index) {
    const json = row
      .split(',')[12]
      .split(';')
      .find((path) => path.endsWith('.json'))
    if (json === undefined) continue
    const parser = format.create({ timeZone: 'UTC', referenceYear: 2026 })
    const framer = new JsonFramer()
    const emit = (outcome: { kind: string; event?: NormalisedEvent }): void => {
      if (outcome.kind === 'event' && outcome.event !== undefined) samples.push(outcome.event)
    }
    readFileSync(join(SIGMAHQ, json), 'utf8')
      .split('\n')
      .forEach((text, line) => framer.push(text, line + 1, 0, (record) => parser.read(record, emit)))
    framer.end((record) => parser.read(record, emit))
    parser.end(emit)
  }
  return Array.from({ length: WINDOWS_STREAM_EVENTS }, (_, position) => samples[position % samples.length])
}

void main()
