// EVTX reading speed, Cairn against python-evtx on the same files in one run: every sample under
// ../shared/datasets (evtx-attack-samples and the SigmaHQ regression data), and a large file built from the
// samples' chunks by ../shared/scripts/build_big_evtx.py. Cairn's figure is the whole record path of an
// import (frame, decode, XML text, map to a Cairn event), bundled by Vite as the app's build bundles it;
// python-evtx's is `record.xml()` for every record, as its own evtx_dump does. Records/s count the live
// records both read; Cairn's time also covers its search of slack space, which python-evtx does not do, and
// is its second pass (the first, with the JIT warming up, is printed too). Each side runs in its own
// process, so peak RSS is its own.
// The large file is also imported whole by the built app (`cairn ingest`) when `npm run build` has run.
// Usage: npm run bench -- evtx [large file MB, default 64; python-evtx takes about a minute on it]

import { execFileSync, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RecordOutcome } from '../src-main/core/ingest/parser'
import type * as EvtxFormatModule from '../src-main/core/ingest/parsers/evtx/evtxFormat'
import { benchDir, printFigures } from './benchSupport'

const ROOT = resolve(__dirname, '..')
const DATASETS = resolve(ROOT, '../shared/datasets')
const BUILD_BIG_EVTX = resolve(ROOT, '../shared/scripts/build_big_evtx.py')
const PYTHON = '/usr/bin/python3'
const CLI = join(ROOT, 'out/main/cli.js')

interface Run {
  /** Live records read: the ones python-evtx reads too. */
  records: number
  /** Cairn only: records recovered from slack space (extra work python-evtx does not do). */
  recovered?: number
  seconds: number
  /** Cairn only: the first of its two passes, JIT compilation included. */
  coldSeconds?: number
  peakRssMiB: number
}

const PYTHON_READER = `
import resource, sys, time
import Evtx.Evtx as evtx
files = [line for line in open(sys.argv[1]).read().split('\\n') if line]
records = 0
started = time.perf_counter()
for path in files:
    with evtx.Evtx(path) as log:
        for record in log.records():
            record.xml()
            records += 1
seconds = time.perf_counter() - started
print('{"records": %d, "seconds": %f, "peakRssMiB": %f}' % (records, seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
`

/**
 * Cairn's side, in this same script started again with --cairn LIST: reads every file twice and prints a
 * Run for the second pass. The first pass is timed too (coldSeconds): it includes the JIT compiling the
 * reader, a cost paid once per import worker, which the second pass shows without.
 */
async function cairnSide(listFile: string, bundle: string): Promise<void> {
  const { evtxFormat, RECOVERED_FIELD } = (await import(
    pathToFileURL(bundle).href
  )) as typeof EvtxFormatModule
  const files = readFileSync(listFile, 'utf8').split('\n').filter(Boolean)
  const piece = Buffer.alloc(1 << 20)
  const readAll = (): Omit<Run, 'peakRssMiB'> => {
    let records = 0
    let recovered = 0
    const started = performance.now()
    for (const path of files) {
      const reader = evtxFormat.create({ timeZone: 'UTC', referenceYear: 2026 })
      const count = (outcome: RecordOutcome): void => {
        if (outcome.kind !== 'event') return
        if (outcome.event.extra?.[RECOVERED_FIELD] === undefined) records++
        else recovered++
      }
      // Read in 1 MiB pieces, as an import reads a file: the reader's memory is what is measured.
      const fd = openSync(path, 'r')
      for (let read = readSync(fd, piece); read > 0; read = readSync(fd, piece)) {
        reader.write(piece.subarray(0, read), count)
      }
      closeSync(fd)
      reader.end(count)
    }
    return { records, recovered, seconds: (performance.now() - started) / 1000 }
  }
  const cold = readAll()
  const warm = readAll()
  const run: Run = { ...warm, coldSeconds: cold.seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024 }
  console.log(JSON.stringify(run))
}

/**
 * The reader bundled by Vite as the app's build bundles it (one module, dependencies inlined), so the
 * figure is the shipped code's, not the development transpiler's.
 */
async function bundleReader(dir: string): Promise<string> {
  const { build } = await import('vite')
  await build({
    configFile: false,
    logLevel: 'silent',
    ssr: { noExternal: true },
    build: {
      ssr: join(ROOT, 'src-main/core/ingest/parsers/evtx/evtxFormat.ts'),
      outDir: join(dir, 'reader'),
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: 'evtxFormat.mjs' } }
    }
  })
  return join(dir, 'reader', 'evtxFormat.mjs')
}

function cairnRun(listFile: string, bundle: string): Run {
  const run = runMeasured(process.execPath, ['--import', 'tsx', __filename, '--cairn', listFile, bundle])
  if (run.status !== 0) throw new Error(`the Cairn side failed: ${run.stderr}`)
  const measured = JSON.parse(run.stdout.trim().split('\n').pop()!) as Run
  return { ...measured, peakRssMiB: run.peakRssMiB ?? measured.peakRssMiB }
}

/**
 * The whole import by the built app (`cairn ingest`: bundled as shipped, parse, map and store in a case),
 * wall time and peak RSS by /usr/bin/time. Null when the app is not built or time(1) is absent.
 */
function ingestRun(
  path: string,
  dir: string
): { seconds: number; events: number; peakRssMiB: number } | null {
  if (!existsSync(CLI) || !existsSync('/usr/bin/time')) return null
  const run = runMeasured(process.execPath, [CLI, 'ingest', path, '--case', join(dir, 'case'), '--json'])
  if (run.status !== 0 || run.seconds === null || run.peakRssMiB === null) return null
  const output = JSON.parse(run.stdout) as { evidence: { events: number }[] }
  return {
    seconds: run.seconds,
    events: output.evidence.reduce((sum, evidence) => sum + evidence.events, 0),
    peakRssMiB: run.peakRssMiB
  }
}

function pythonRun(listFile: string): Run | null {
  const run = runMeasured(PYTHON, ['-c', PYTHON_READER, listFile])
  if (run.status !== 0) {
    console.log(`  python-evtx did not run: ${run.stderr.trim().split('\n').pop()}`)
    return null
  }
  const measured = JSON.parse(run.stdout) as Run
  return { ...measured, peakRssMiB: run.peakRssMiB ?? measured.peakRssMiB }
}

interface MeasuredRun {
  stdout: string
  stderr: string
  status: number | null
  /** By /usr/bin/time; null without it. */
  peakRssMiB: number | null
  /** Wall time by /usr/bin/time; null without it. */
  seconds: number | null
}

/**
 * Runs a command under /usr/bin/time -v when there is one. A child's own getrusage() would not do: Linux
 * carries the peak RSS a process had at fork over into the child, so each would report at least this
 * script's own peak.
 */
function runMeasured(command: string, args: string[]): MeasuredRun {
  const timed = existsSync('/usr/bin/time')
  const run = timed
    ? spawnSync('/usr/bin/time', ['-v', command, ...args], {
        cwd: ROOT,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
      })
    : spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr)
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)
  return {
    stdout: run.stdout,
    stderr: run.stderr,
    status: run.status,
    peakRssMiB: peak === null ? null : Number(peak[1]) / 1024,
    seconds: wall === null ? null : Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3])
  }
}

function samples(): string[] {
  const folders = [join(DATASETS, 'evtx-attack-samples'), join(DATASETS, 'sigmahq-sigma/regression_data')]
  return folders
    .filter((folder) => existsSync(folder))
    .flatMap((folder) =>
      readdirSync(folder, { recursive: true, encoding: 'utf8' })
        .filter((entry) => entry.toLowerCase().endsWith('.evtx'))
        .map((entry) => join(folder, entry))
    )
    .sort()
}

function compare(
  title: string,
  files: string[],
  dir: string,
  bundle: string,
  name: string,
  ingest = false
): void {
  const listFile = join(dir, `${name}.txt`)
  writeFileSync(listFile, files.join('\n'))
  const bytes = files.reduce((sum, path) => sum + statSync(path).size, 0)
  const cairn = cairnRun(listFile, bundle)
  const python = pythonRun(listFile)
  const megabytes = bytes / (1024 * 1024)
  const figures: Record<string, number> = {
    files: files.length,
    'size (MiB)': megabytes,
    'Cairn records (live, as python-evtx reads)': cairn.records,
    'Cairn records recovered from slack (extra)': cairn.recovered ?? 0,
    'Cairn seconds, first pass (JIT warming up)': cairn.coldSeconds ?? 0,
    'Cairn seconds, second pass (live and slack)': cairn.seconds,
    'Cairn records/s': Math.round(cairn.records / cairn.seconds),
    'Cairn MiB/s': megabytes / cairn.seconds,
    'Cairn peak RSS (MiB)': cairn.peakRssMiB
  }
  if (python !== null) {
    Object.assign(figures, {
      'python-evtx records': python.records,
      'python-evtx seconds': python.seconds,
      'python-evtx records/s': Math.round(python.records / python.seconds),
      'python-evtx MiB/s': megabytes / python.seconds,
      'python-evtx peak RSS (MiB)': python.peakRssMiB,
      'Cairn / python-evtx (records/s)': cairn.records / cairn.seconds / (python.records / python.seconds)
    })
  }
  const imported = ingest && files.length === 1 ? ingestRun(files[0], dir) : null
  if (imported !== null) {
    Object.assign(figures, {
      'cairn ingest (built app: parse, map, store) s': imported.seconds,
      'cairn ingest events (live and recovered)': imported.events,
      'cairn ingest records/s (live)': Math.round(cairn.records / imported.seconds),
      'cairn ingest peak RSS (MiB)': imported.peakRssMiB
    })
    if (python !== null) {
      figures['cairn ingest / python-evtx (records/s)'] =
        cairn.records / imported.seconds / (python.records / python.seconds)
    }
  }
  printFigures(title, figures)
}

async function main(): Promise<void> {
  const files = samples()
  if (files.length === 0) {
    console.log(`evtx: no samples under ${DATASETS}; nothing to measure`)
    return
  }
  const haveOracle = spawnSync(PYTHON, ['-c', 'import Evtx.Evtx']).status === 0
  if (!haveOracle) console.log('evtx: python3-evtx is not installed (apt install python3-evtx); Cairn alone')
  const dir = benchDir('evtx')
  const bundle = await bundleReader(dir)
  compare(`EVTX: all ${files.length} samples`, files, dir, bundle, 'samples')
  const megabytes = Number(process.argv[2] ?? 64)
  const big = join(dir, `big-${megabytes}MB.evtx`)
  execFileSync(PYTHON, [BUILD_BIG_EVTX, join(DATASETS, 'evtx-attack-samples'), big, String(megabytes)])
  compare(`EVTX: one ${megabytes} MB file (build_big_evtx.py)`, [big], dir, bundle, 'big', true)
}

if (process.argv[2] === '--cairn') void cairnSide(process.argv[3], process.argv[4])
else void main()
