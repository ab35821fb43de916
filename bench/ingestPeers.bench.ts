// Cairn's import against the tools responders use today, on the same generated combined access logs (the
// project's scenario generator), in one run: `cairn ingest` (the built CLI: parse, normalise, store,
// index), goaccess, lnav and the classic pandas + scikit-learn pipeline. Wall time and peak RSS come from
// `/usr/bin/time -v` for every tool alike. Tools that are not installed are reported as such.
// Usage: npm run bench -- ingestPeers [lines…]   (default: 1,000,000 and 10,000,000 lines)

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { writeSyntheticAccessLog } from '../src-main/core/demo/syntheticAccessLog'
import { benchDir } from './benchSupport'

const ROOT = resolve(__dirname, '..')
const CLI = join(ROOT, 'out/main/cli.js')
const PANDAS_PEER = resolve(ROOT, '../shared/peers/pandas_pipeline.py')

interface Measured {
  tool: string
  seconds: number | null
  peakMiB: number | null
  note: string
}

function timed(tool: string, argv: string[], cwd: string): Measured {
  if (!existsSync(argv[0]) && spawnSync('which', [argv[0]]).status !== 0) {
    return { tool, seconds: null, peakMiB: null, note: `${argv[0]} is not installed` }
  }
  const run = spawnSync('/usr/bin/time', ['-v', ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr)
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null
  const failed =
    run.status !== 0 ? `exit ${run.status}: ${run.stderr.split('\n').slice(-3).join(' ').trim()}` : ''
  return { tool, seconds, peakMiB: peak ? Number(peak[1]) / 1024 : null, note: failed }
}

function table(lines: number, bytes: number, rows: Measured[]): void {
  const cairn = rows[0]
  const goaccess = rows.find((row) => row.tool === 'goaccess')
  const lnav = rows.find((row) => row.tool === 'lnav')
  console.log(`\n${lines.toLocaleString('en-US')} lines, ${(bytes / 1048576).toFixed(0)} MiB`)
  console.log(
    `  ${'tool'.padEnd(26)} ${'wall s'.padStart(8)} ${'lines/s'.padStart(12)} ${'peak RSS MiB'.padStart(13)}  note`
  )
  for (const row of rows) {
    const rate = row.seconds ? Math.round(lines / row.seconds).toLocaleString('en-US') : '–'
    console.log(
      `  ${row.tool.padEnd(26)} ${(row.seconds?.toFixed(2) ?? '–').padStart(8)} ${rate.padStart(12)} ${(row.peakMiB?.toFixed(0) ?? '–').padStart(13)}  ${row.note}`
    )
  }
  if (cairn.seconds && goaccess?.seconds) {
    console.log(
      `  cairn / goaccess wall time: ${(cairn.seconds / goaccess.seconds).toFixed(2)} (target ≤ 0.5)`
    )
  }
  if (cairn.seconds && lnav?.seconds) {
    console.log(`  cairn / lnav wall time:     ${(cairn.seconds / lnav.seconds).toFixed(2)} (aim ≤ 3)`)
  }
}

async function main(): Promise<void> {
  const counts = process.argv.slice(2).map(Number)
  if (!existsSync(CLI)) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' })
    if (build.status !== 0) throw new Error('npm run build failed; the benchmark runs the built CLI')
  }
  const dir = benchDir('peers')
  for (const lines of counts.length ? counts : [1_000_000, 10_000_000]) {
    const log = join(dir, `access-${lines}.log`)
    await writeSyntheticAccessLog(log, lines)
    const caseDir = join(dir, `case-${lines}`)
    mkdirSync(caseDir)
    const rows = [
      timed('cairn ingest', [process.execPath, CLI, 'ingest', log, '--case', caseDir, '--json'], dir),
      timed('goaccess', ['goaccess', log, '--log-format=COMBINED', '-o', join(dir, 'goaccess.json')], dir),
      timed('lnav', ['lnav', '-n', '-c', ';SELECT count(*) FROM access_log', log], dir),
      existsSync(PANDAS_PEER)
        ? timed('pandas + scikit-learn', ['/usr/bin/python3', PANDAS_PEER, log], dir)
        : { tool: 'pandas + scikit-learn', seconds: null, peakMiB: null, note: `${PANDAS_PEER} is absent` }
    ]
    table(lines, statSync(log).size, rows)
  }
}

void main()
