// Import speed and peak memory on a large generated access log: writes an N-line combined log with the
// scenario generator (default 1,000,000 lines), imports it through the same worker path as the app, and
// prints lines/s, MiB/s and the process's peak resident memory (main thread and worker together).
// Usage: node --import tsx bench/ingest.bench.ts [lines]

import { statSync } from 'node:fs'
import { join } from 'node:path'
import { CairnApp } from '../src-main/core/app/cairnApp'
import { CairnHome } from '../src-main/core/app/cairnHome'
import { writeSyntheticAccessLog } from '../src-main/core/demo/syntheticAccessLog'
import { benchDir, printFigures } from './benchSupport'

async function main(): Promise<void> {
  const lines = Number(process.argv[2] ?? 1_000_000)
  const dir = benchDir('ingest')
  const logPath = join(dir, 'access.log')
  let started = performance.now()
  await writeSyntheticAccessLog(logPath, lines)
  const generateSeconds = (performance.now() - started) / 1000
  const bytes = statSync(logPath).size

  const app = new CairnApp({ home: new CairnHome(join(dir, 'home')) })
  const { id } = await app.createCase('Import benchmark', 'UTC', join(dir, 'case'))
  started = performance.now()
  const [result] = await app.ingestAndWait(id, [{ path: logPath }])
  const seconds = (performance.now() - started) / 1000
  if (result.error) throw new Error(result.error.message)
  const evidence = result.summaries![0].evidence
  app.closeCase()
  printFigures('ingest', {
    'lines in file': lines,
    'file size (MiB)': bytes / 1048576,
    'events imported': evidence.events,
    'lines rejected': evidence.rejected,
    'import time (s)': seconds,
    'import speed (lines/s)': lines / seconds,
    'import throughput (MiB/s)': bytes / 1048576 / seconds,
    'peak RSS (MiB)': process.resourceUsage().maxRSS / 1024,
    'generation time (s)': generateSeconds
  })
}

void main()
