// Sigma detection speed. A generated web + auth case (default ~1,000,000 events) is imported three times —
// without rules, with Cairn's own pack, with the pack plus every SigmaHQ rule (core, threat-hunting,
// emerging-threats) — each matching the rules while importing, then detected; a retro-hunt of the store
// with all rules is timed too. Printed as times, events/s and the cost of detection relative to the
// plain import. Windows rules are timed on the SigmaHQ regression samples, repeated to a sizeable stream.
// Usage: node --import tsx bench/sigma.bench.ts [web requests per day]

import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CairnApp } from '../src-main/core/app/cairnApp'
import { CairnHome } from '../src-main/core/app/cairnHome'
import { writeScenarioFiles } from '../src-main/core/demo/scenario'
import { builtinSigma } from '../src-main/core/detect/sigma/builtinSigma'
import { SigmaRuleSet } from '../src-main/core/detect/sigma/ruleSet'
import { SigmaEngine } from '../src-main/core/detect/sigma/sigmaEngine'
import { DEFAULT_DETECTION_SETTINGS } from '../src-main/core/detect/engine'
import { loadStreamedSigma } from '../src-main/core/case/sigmaMatchFile'
import { FORMAT_DEFINITIONS } from '../src-main/core/ingest/formatRegistry'
import type { TextFormatDefinition } from '../src-main/core/ingest/parser'
import { JsonFramer } from '../src-main/core/ingest/jsonFraming'
import { readRuleFolder } from '../src-main/core/detect/sigma/ruleFolders'
import type { NormalisedEvent } from '../src-main/common/event'
import { benchDir, printFigures } from './benchSupport'

const SIGMAHQ = resolve(__dirname, '../../shared/datasets/sigmahq-sigma')
const SIGMAHQ_FOLDERS = ['rules', 'rules-threat-hunting', 'rules-emerging-threats'].map((folder) =>
  join(SIGMAHQ, folder)
)
const WINDOWS_STREAM_EVENTS = 200_000
const OTRF = resolve(__dirname, '../../shared/datasets/otrf-security-datasets/datasets')
/** The largest Windows host-log archives of the OTRF datasets (JSON lines from Sysmon, Security …). */
const OTRF_WINDOWS = [
  'compound/LSASS_campaign_01/metasploit_logonpasswords_lsass_memory_dump.zip',
  'atomic/windows/lateral_movement/host/purplesharp_ad_playbook_I.zip',
  'atomic/windows/credential_access/host/empire_mimikatz_logonpasswords.zip',
  'atomic/windows/privilege_escalation/host/empire_uac_shellapi_fodhelper.zip',
  'atomic/windows/lateral_movement/host/empire_psexec_dcerpc_tcp_svcctl.zip'
]

interface Run {
  loadSeconds: number
  importSeconds: number
  detectSeconds: number
  events: number
  sigmaAlerts: number
  rules: number
}

async function importAndDetect(
  dir: string,
  name: string,
  files: string[],
  options: { rules: 'none' | 'pack' | 'all'; hunt?: boolean }
): Promise<Run> {
  const app = new CairnApp({
    home: new CairnHome(join(dir, `home-${name}`)),
    sigmaRuleFolders: options.rules === 'all' ? SIGMAHQ_FOLDERS : [],
    sigmaDuringImport: options.rules !== 'none' && options.hunt !== true
  })
  const { id } = await app.createCase(name, 'UTC', join(dir, `case-${name}`))
  // Rules load once per session, not per import: timed on their own.
  let started = performance.now()
  app.sigma.ruleSet()
  const loadSeconds = (performance.now() - started) / 1000
  started = performance.now()
  const results = await app.ingestAndWait(
    id,
    files.map((path) => ({ path }))
  )
  const importSeconds = (performance.now() - started) / 1000
  for (const result of results) if (result.error) throw new Error(result.error.message)
  const open = app.requireCase(id)
  const ruleSet = app.sigma.ruleSet()
  started = performance.now()
  // The Sigma engine alone (the IOC and behaviour engines of a full detection run are not timed here).
  const sigma =
    options.rules === 'none'
      ? null
      : await new SigmaEngine(ruleSet).run({
          events: open.events,
          evidenceFormats: open.evidence.formats(),
          streamedSigma: (evidenceId) => loadStreamedSigma(open.shardDir(evidenceId)),
          iocs: [],
          settings: DEFAULT_DETECTION_SETTINGS,
          signal: new AbortController().signal,
          progress: () => undefined
        })
  const detectSeconds = (performance.now() - started) / 1000
  const run = {
    loadSeconds,
    importSeconds,
    detectSeconds,
    events: open.events.count({}),
    sigmaAlerts: sigma?.alerts.length ?? 0,
    rules: ruleSet.detections.length + ruleSet.correlations.length
  }
  app.closeCase()
  return run
}

async function main(): Promise<void> {
  const perDay = Number(process.argv[2] ?? 330_000)
  const dir = benchDir('sigma')
  const scenario = await writeScenarioFiles(join(dir, 'scenario'), {
    webRequestsPerDay: perDay,
    sshProbesPerDay: 2000
  })
  const files = [scenario.accessLogPath, scenario.authLogPath]
  const plain = await importAndDetect(dir, 'plain', files, { rules: 'none' })
  const pack = await importAndDetect(dir, 'pack', files, { rules: 'pack' })
  const all = await importAndDetect(dir, 'all', files, { rules: 'all' })
  const hunt = await importAndDetect(dir, 'hunt', files, { rules: 'all', hunt: true })
  const added = (run: Run, base = plain) =>
    (100 * (run.importSeconds + run.detectSeconds - base.importSeconds)) / base.importSeconds
  const windowsFiles = OTRF_WINDOWS.map((path) => join(OTRF, path))
  const windowsPlain = await importAndDetect(dir, 'win-plain', windowsFiles, { rules: 'none' })
  const windowsAll = await importAndDetect(dir, 'win-all', windowsFiles, { rules: 'all' })
  const windows = windowsStream()
  const builtin = builtinSigma()
  const everything = new SigmaRuleSet(
    [
      ...builtin.rules,
      ...SIGMAHQ_FOLDERS.flatMap((folder) =>
        readRuleFolder(folder).files.map((file) => ({ ...file, path: join(folder, file.path) }))
      )
    ],
    builtin.logsources
  )
  const ownPack = new SigmaRuleSet(builtin.rules, builtin.logsources)
  const windowsRate = (rules: SigmaRuleSet): number => {
    const index = rules.indexFor('windows_json')
    const begun = performance.now()
    for (const event of windows) index.match(event, () => undefined)
    return windows.length / ((performance.now() - begun) / 1000)
  }
  printFigures('sigma', {
    'case events (web + auth)': plain.events,
    'import, no rules (s)': plain.importSeconds,
    'rules, Cairn pack': pack.rules,
    'import with Cairn pack (s)': pack.importSeconds,
    'then detection (s)': pack.detectSeconds,
    'detection added to import, Cairn pack (%)': added(pack),
    'rules, pack + SigmaHQ': all.rules,
    'loading pack + SigmaHQ, once per session (s)': all.loadSeconds,
    'import with pack + SigmaHQ (s)': all.importSeconds,
    'then detection (s) ': all.detectSeconds,
    'detection added to import, pack + SigmaHQ (%)': added(all),
    'retro-hunt of the store, pack + SigmaHQ (s)': hunt.detectSeconds,
    'retro-hunt (events/s)': hunt.events / hunt.detectSeconds,
    'retro-hunt added to import (%)': (100 * hunt.detectSeconds) / plain.importSeconds,
    'Sigma alerts, Cairn pack': pack.sigmaAlerts,
    'Sigma alerts, all (during import)': all.sigmaAlerts,
    'Sigma alerts, all (retro-hunt)': hunt.sigmaAlerts,
    'OTRF Windows events (JSON in zip)': windowsPlain.events,
    'OTRF import, no rules (s)': windowsPlain.importSeconds,
    'OTRF import with pack + SigmaHQ (s)': windowsAll.importSeconds,
    'OTRF then detection (s)': windowsAll.detectSeconds,
    'OTRF detection added to import, pack + SigmaHQ (%)': added(windowsAll, windowsPlain),
    'OTRF Sigma alerts, pack + SigmaHQ': windowsAll.sigmaAlerts,
    'Windows sample events matched': windows.length,
    'Windows matching, Cairn pack (events/s)': windowsRate(ownPack),
    'Windows matching, all SigmaHQ Windows rules (events/s)': windowsRate(everything),
    'SigmaHQ + pack rules indexed for Windows events': everything.indexFor('windows_json').ruleCount
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
