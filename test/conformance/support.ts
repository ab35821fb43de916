// Shared plumbing of the app-level conformance suites: where the third-party datasets are, how a source is
// imported through the real CairnApp (worker threads, shards, event store) and timed, and how the expected
// figures are counted from the raw bytes independently of Cairn's own readers.

import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import type { EvidenceRecord, FieldFilter, ImportSummary, RejectedLine } from '../../src-main/common/domain'
import { RECORD_UNIT_LABELS } from '../../src-main/common/domain'
import type { StoredEvent } from '../../src-main/common/event'
import { CairnApp, type IngestSource } from '../../src-main/core/app/cairnApp'
import { CairnHome } from '../../src-main/core/app/cairnHome'
import type { EventStore } from '../../src-main/core/store/eventStore'
import { tempDir } from '../main/helpers/tempDir'

export const DATASETS = resolve(__dirname, '../../../shared/datasets')
export const HAVE_DATASETS = existsSync(DATASETS)
if (!HAVE_DATASETS) console.warn(`conformance: ${DATASETS} is absent; dataset conformance suites skipped`)

export function dataset(...parts: string[]): string {
  return join(DATASETS, ...parts)
}

/** Files under a folder (recursively) whose path matches, sorted; none when the folder is absent. */
export function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => pattern.test(entry))
    .map((entry) => join(dir, entry))
    .sort()
}

/** The bytes of a file, gunzipped when they start with the gzip magic number. */
export function readPlain(path: string): Buffer {
  const bytes = readFileSync(path)
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes
}

/** Physical lines: every '\n'-terminated line, plus an unterminated last one (a trailing '\r' is kept). */
export function physicalLines(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function nonBlankLineCount(bytes: Buffer): number {
  return physicalLines(bytes).filter((line) => line.trim() !== '').length
}

/** A raw Zeek record: column name → value as written (unset and empty values left out). */
export type ZeekValues = Map<string, string | number>

/** Zeek TSV rows of a log: each data line (not '#') split on tabs under the #fields names. */
export function zeekTsvRows(lines: string[]): { line: number; values: ZeekValues }[] {
  const header = lines.find((line) => line.startsWith('#fields\t'))
  if (header === undefined) throw new Error('no #fields line')
  const names = header.split('\t').slice(1)
  const rows: { line: number; values: ZeekValues }[] = []
  lines.forEach((text, index) => {
    if (text.startsWith('#')) return
    const cells = text.split('\t')
    const values: ZeekValues = new Map()
    names.forEach((column, i) => {
      if (cells[i] !== '-' && cells[i] !== '(empty)') values.set(column, cells[i])
    })
    rows.push({ line: index + 1, values })
  })
  return rows
}

/** Milliseconds of a Zeek ts: epoch seconds with a fraction cut to ms (TSV), or ISO 8601 (JSON streaming). */
export function zeekTime(ts: string | number | undefined): number {
  const text = String(ts)
  const epoch = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (epoch === null) return Date.parse(text)
  return Number(epoch[1]) * 1000 + Number((epoch[2] ?? '').padEnd(3, '0').slice(0, 3))
}

/** Whether a command runs here (tshark, unzip, tar are optional test oracles). */
export function haveCommand(command: string, versionArgs: string[]): boolean {
  const result = spawnSync(command, versionArgs, { stdio: 'ignore' })
  return result.error === undefined && result.status === 0
}

export interface CommandResult {
  stdout: Buffer
  stderr: string
  status: number | null
}

/** Runs a command with an argv array (no shell) and returns what it did. */
export function runCommand(command: string, args: string[]): CommandResult {
  const result = spawnSync(command, args, { maxBuffer: 512 * 1024 * 1024 })
  if (result.error !== undefined) throw result.error
  return { stdout: result.stdout, stderr: result.stderr.toString(), status: result.status }
}

/** Runs a command that must succeed and returns its stdout. */
export function run(command: string, args: string[]): Buffer {
  const result = runCommand(command, args)
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`)
  return result.stdout
}

export interface Imported {
  path: string
  summaries: ImportSummary[]
  error?: { code: string; message: string }
  seconds: number
}

/** One case in a throwaway Cairn home, fed one source at a time so every import can be timed on its own. */
export class ConformanceCase {
  readonly app = new CairnApp({ home: new CairnHome(tempDir()) })
  private caseId = ''

  async open(): Promise<void> {
    this.caseId = (await this.app.createCase('Conformance', 'UTC', join(tempDir(), 'case'))).id
  }

  get events(): EventStore {
    return this.app.requireCase(this.caseId).events
  }

  evidenceCount(): number {
    return this.app.requireCase(this.caseId).evidence.list().length
  }

  async import(source: IngestSource): Promise<Imported> {
    const started = performance.now()
    const [result] = await this.app.ingestAndWait(this.caseId, [source])
    const seconds = (performance.now() - started) / 1000
    return { path: result.path, summaries: result.summaries ?? [], error: result.error, seconds }
  }

  /** Every rejected record of one evidence source, with its reason. */
  rejected(evidenceId: string): RejectedLine[] {
    return this.events.rejected(evidenceId, 0, 10_000_000).lines
  }

  /** The events of one evidence source whose provenance is the given record, narrowed first by filters. */
  eventsAt(evidenceId: string, line: number, filters: FieldFilter[]): StoredEvent[] {
    const query = { evidenceIds: [evidenceId], filters }
    return this.events.page(query, 0, 1_000_000).events.filter((event) => event.provenance.line === line)
  }

  /** How many events of one evidence source have field = value. */
  countWhere(evidenceId: string, field: FieldFilter['field'], value: string | number): number {
    return this.events.count({ evidenceIds: [evidenceId], filters: [{ field, op: 'eq', value }] })
  }

  close(): void {
    if (this.caseId !== '') this.app.closeCase()
  }
}

/**
 * One line per imported file, the figures the closing note reports. The speed is the import's
 * records per second of wall time; for an archive member it is the whole archive's (one import reads them all).
 */
export function report(evidence: EvidenceRecord, seconds: number, recordsInImport = evidence.records): void {
  const speed = Math.round(recordsInImport / seconds)
  console.log(
    `conformance: ${evidence.name} | ${evidence.format} | records ${evidence.records} | events ${evidence.events}` +
      ` | rejected ${evidence.rejected} | skipped ${evidence.skipped} | ${speed} ${RECORD_UNIT_LABELS[evidence.recordUnit]}/s`
  )
}
