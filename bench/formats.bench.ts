// Import speed per format: each format's input is built from real samples read in place from
// ../shared/datasets (or the project's own fixtures), repeated into a temporary file of about 100,000
// records so the figure is throughput rather than start-up, and imported by the built `cairn ingest`.
// Prints records per second and peak RSS per format. Formats whose samples are absent are listed as such.
// Usage: npm run bench -- formats [records]

import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { benchDir } from './benchSupport'

const ROOT = resolve(__dirname, '..')
const CLI = join(ROOT, 'out/main/cli.js')
const DATASETS = resolve(ROOT, '../shared/datasets')
const FIXTURES = join(ROOT, 'test/fixtures/ingest')

interface FormatInput {
  format: string
  /** The text of one copy, and how many records one copy holds. */
  build(): { text: string; records: number } | null
}

const read = (path: string) => (existsSync(path) ? readFileSync(path) : null)
const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '')

function repeatedLines(path: string, gz = false): { text: string; records: number } | null {
  const bytes = read(path)
  if (!bytes) return null
  const text = (gz ? gunzipSync(bytes) : bytes).toString('utf8')
  return { text: text.endsWith('\n') ? text : `${text}\n`, records: lines(text).length }
}

function unzipMember(zip: string): string | null {
  if (!existsSync(zip) || spawnSync('which', ['unzip']).status !== 0) return null
  return execFileSync('unzip', ['-p', zip], { maxBuffer: 512 * 1024 * 1024 }).toString('utf8')
}

const INPUTS: FormatInput[] = [
  { format: 'syslog_rfc3164', build: () => repeatedLines(join(DATASETS, 'loghub/Linux/Linux_2k.log')) },
  { format: 'apache_error', build: () => repeatedLines(join(DATASETS, 'loghub/Apache/Apache_2k.log')) },
  { format: 'auditd', build: () => repeatedLines(join(FIXTURES, 'audit.log')) },
  { format: 'journald_json', build: () => repeatedLines(join(FIXTURES, 'journal.json')) },
  { format: 'iis_w3c', build: () => repeatedLines(join(FIXTURES, 'iis-w3c.log')) },
  {
    format: 'zeek_tsv',
    build: () => repeatedLines(join(DATASETS, 'network/zeek-wrccdc2018/zeek-default/dns.log.gz'), true)
  },
  {
    format: 'zeek_json',
    build: () => repeatedLines(join(DATASETS, 'network/zeek-wrccdc2018/zeek-json/dns.json.gz'), true)
  },
  {
    format: 'suricata_eve',
    build: () => {
      const bytes = read(
        join(DATASETS, 'network/suricata-eve-alert-samples/samples/wrccdc-2018/alerts-only.json')
      )
      if (!bytes) return null
      const alerts = JSON.parse(bytes.toString('utf8')) as unknown[]
      return { text: alerts.map((alert) => JSON.stringify(alert)).join('\n') + '\n', records: alerts.length }
    }
  },
  {
    format: 'windows_json',
    build: () => {
      const text = unzipMember(
        join(DATASETS, 'otrf-security-datasets/datasets/atomic/windows/collection/host/msf_record_mic.zip')
      )
      return text ? { text, records: lines(text).length } : null
    }
  },
  {
    format: 'cloudtrail',
    build: () => {
      const text = unzipMember(
        join(DATASETS, 'otrf-security-datasets/datasets/atomic/aws/collection/ec2_proxy_s3_exfiltration.zip')
      )
      return text ? { text, records: lines(text).length } : null
    }
  },
  {
    format: 'csv',
    build: () => {
      const bytes = read(join(DATASETS, 'loghub/OpenSSH/OpenSSH_2k.log_structured.csv'))
      if (!bytes) return null
      const [, ...rows] = lines(bytes.toString('utf8'))
      return { text: rows.join('\n') + '\n', records: rows.length }
    }
  }
]

/** The CSV header goes once, before the repeated rows. */
const CSV_HEADER = () =>
  lines(read(join(DATASETS, 'loghub/OpenSSH/OpenSSH_2k.log_structured.csv'))!.toString('utf8'))[0] + '\n'

function importTimed(path: string, caseDir: string): { seconds: number; peakMiB: number; records: number } {
  const run = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, CLI, 'ingest', path, '--case', caseDir, '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    }
  )
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(run.stderr)
  const peak = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)
  const output = JSON.parse(run.stdout) as { evidence: { records: number }[] }
  return {
    seconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN,
    peakMiB: peak ? Number(peak[1]) / 1024 : NaN,
    records: output.evidence.reduce((sum, evidence) => sum + evidence.records, 0)
  }
}

function main(): void {
  const target = Number(process.argv[2] ?? 100_000)
  if (!existsSync(CLI)) throw new Error('run npm run build first: this benchmark runs the built CLI')
  const dir = benchDir('formats')
  console.log(
    `\nimport speed per format (about ${target.toLocaleString('en-US')} records each, built CLI, wall time)`
  )
  console.log(
    `  ${'format'.padEnd(16)} ${'records'.padStart(10)} ${'wall s'.padStart(8)} ${'records/s'.padStart(11)} ${'peak RSS MiB'.padStart(13)}`
  )
  for (const input of INPUTS) {
    const copy = input.build()
    if (!copy || copy.records === 0) {
      console.log(`  ${input.format.padEnd(16)} sample absent (../shared/datasets or unzip missing)`)
      continue
    }
    const copies = Math.max(1, Math.round(target / copy.records))
    const path = join(dir, `${input.format}.input`)
    writeFileSync(path, (input.format === 'csv' ? CSV_HEADER() : '') + copy.text.repeat(copies))
    const caseDir = join(dir, `case-${input.format}`)
    mkdirSync(caseDir)
    const measured = importTimed(path, caseDir)
    printRow(input.format, measured)
  }
  // A classic pcap repeats by appending its packet records again after one file header: the flows of
  // each copy merge (same addresses and ports), every packet is read again.
  const capture = read(
    join(DATASETS, 'network/suricata-verify-selected/tests/smb2-05/20171220_smb_mimikatz_copy_to_host.pcap')
  )
  if (capture) {
    const copies = Math.max(1, Math.round((target * 500) / capture.length))
    const path = join(dir, 'capture.pcap')
    writeFileSync(
      path,
      Buffer.concat([capture, ...Array.from({ length: copies - 1 }, () => capture.subarray(24))])
    )
    const caseDir = join(dir, 'case-pcap')
    mkdirSync(caseDir)
    printRow('pcap (packets)', importTimed(path, caseDir))
  }
}

function printRow(format: string, measured: { seconds: number; peakMiB: number; records: number }): void {
  const rate = Math.round(measured.records / measured.seconds).toLocaleString('en-US')
  console.log(
    `  ${format.padEnd(16)} ${measured.records.toLocaleString('en-US').padStart(10)} ${measured.seconds.toFixed(2).padStart(8)} ${rate.padStart(11)} ${measured.peakMiB.toFixed(0).padStart(13)}`
  )
}

main()
