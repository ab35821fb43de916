// Cairn's EVTX reader against python-evtx, an independent parser (Debian's python3-evtx, installed by CI):
// for every .evtx under the datasets, the same live records, and for every record the same EventID,
// TimeCreated, Computer, Channel, Provider and every EventData and UserData name and value. Only rendering
// differs between the two and is normalised: whitespace, how numbers, times and GUIDs are written, and the
// control characters python-evtx drops from XML output. Any other difference fails, naming file, record, field.

import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  EvtxRecordReader,
  type DecodedEvtxRecord
} from '../../src-main/core/ingest/parsers/evtx/evtxRecordReader'
import type { EvtxProblem } from '../../src-main/core/ingest/parsers/evtx/evtxTypes'
import { windowsEventOfXml } from '../../src-main/core/ingest/parsers/evtx/windowsEventOfXml'
import type { WindowsEvent } from '../../src-main/core/ingest/parsers/windowsEventMapping'
import { DATASETS, HAVE_DATASETS, dataset, filesUnder } from './support'

const PYTHON = '/usr/bin/python3'
const ORACLE = join(__dirname, 'evtxOracle.py')
const HAVE_PYTHON_EVTX = existsSync(PYTHON) && spawnOk(PYTHON, ['-c', 'import Evtx.Evtx, lxml'])
if (!HAVE_PYTHON_EVTX)
  console.warn('conformance: python3-evtx is not installed; the EVTX oracle test is skipped')

interface OracleRecord {
  id: number
  eventId: string | null
  time: string | null
  computer: string | null
  channel: string | null
  provider: string | null
  data: [string | null, string | null][]
  userData: [string, string | null][]
}

interface OracleFile {
  file: string
  records: OracleRecord[]
  failures: { id: number | null; reason: string }[]
}

function spawnOk(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function evtxSamples(): string[] {
  return [
    ...filesUnder(dataset('evtx-attack-samples'), /\.evtx$/i),
    ...filesUnder(dataset('sigmahq-sigma', 'regression_data'), /\.evtx$/i)
  ]
}

function oracle(files: string[]): Map<string, OracleFile> {
  const output = execFileSync(PYTHON, [ORACLE, ...files], { maxBuffer: 1024 * 1024 * 1024 }).toString()
  const parsed = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OracleFile)
  return new Map(parsed.map((file) => [file.file, file]))
}

function cairn(path: string): { records: DecodedEvtxRecord[]; problems: EvtxProblem[] } {
  const records: DecodedEvtxRecord[] = []
  const problems: EvtxProblem[] = []
  const reader = new EvtxRecordReader({
    record: (record) => records.push(record),
    problem: (problem) => problems.push(problem),
    passedOverSlack: () => {}
  })
  reader.write(readFileSync(path))
  reader.end()
  return { records, problems }
}

/** Characters python-evtx removes from its XML (Views.RESTRICTED_CHARS, the XML 1.1 restricted set). */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be matched
const RESTRICTED = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]/g

/** One comparable form of a value: whitespace collapsed, hex numbers, times and GUIDs written one way. */
function normalised(value: string | null | undefined): string {
  const text = (value ?? '').replace(RESTRICTED, '').replace(/\s+/g, ' ').trim()
  if (/^0x[0-9a-f]+$/i.test(text)) return `0x${BigInt(text).toString(16)}`
  const time = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(text)
  if (time !== null) return `${time[1]}T${time[2]}.${(time[3] ?? '').padEnd(6, '0').slice(0, 6)}Z`
  if (/^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(text))
    return text.toLowerCase()
  if (text === 'True' || text === 'False') return text.toLowerCase()
  return text
}

/**
 * python-evtx's rendering of the values it writes differently from Windows, in Windows' form: Binary as
 * base64 (Windows: upper-case hex) and string arrays as one `<string>item</string>` per item (Windows:
 * items joined by commas). Applied to python-evtx's side only; Binary only where it then equals Cairn's value.
 */
function pythonValueAsWindows(ours: string, theirs: string): string {
  const items = [...theirs.matchAll(/<string>(.*?)<\/string>/gs)].map((match) => match[1])
  if (items.length > 0 && theirs.replace(/<string>.*?<\/string>/gs, '').trim() === '') return items.join(',')
  if (ours !== theirs && /^(?:[0-9A-F]{2})+$/.test(ours) && /^[A-Za-z0-9+/]+={0,2}$/.test(theirs)) {
    const hex = Buffer.from(theirs, 'base64').toString('hex').toUpperCase()
    if (hex === ours) return hex
  }
  return theirs
}

/**
 * python-evtx turns a FILETIME into a datetime through a float of seconds, which is off by up to a few
 * microseconds: two normalised times are the same when they are within 5 µs.
 */
function sameTime(a: string, b: string): boolean {
  const micros = (text: string): number | null => {
    const time = /^(.+T\d\d:\d\d:\d\d)\.(\d{6})Z$/.exec(text)
    return time === null ? null : Date.parse(`${time[1]}Z`) * 1000 + Number(time[2])
  }
  const [x, y] = [micros(a), micros(b)]
  return x !== null && y !== null && Math.abs(x - y) <= 5
}

/** python-evtx's EventData list as WindowsEvent names it: unnamed Data elements become param1, param2 … */
function oracleEventData(record: OracleRecord, ours: Readonly<Record<string, string>>): [string, string][] {
  let unnamed = 0
  return record.data.map(([name, value]) => {
    const key = name ?? `param${++unnamed}`
    const windowsForm = pythonValueAsWindows(normalised(ours[key]), normalised(value))
    return [key, normalised(windowsForm)]
  })
}

/** UserData leaves by path below the root element, as python-evtx's side lists them. */
function cairnUserData(event: WindowsEvent): [string, string][] {
  const leaves: [string, string][] = []
  const walk = (node: unknown, path: string): void => {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      leaves.push([path, normalised(node === null || node === undefined ? '' : String(node))])
      return
    }
    const entries = Object.entries(node).filter(([key]) => key !== '#attributes')
    if (entries.length === 0) leaves.push([path, ''])
    for (const [key, value] of entries)
      walk(value, key === '#text' ? path : path === '' ? key : `${path}.${key}`)
  }
  for (const root of Object.values(event.userData ?? {})) walk(root, '')
  return leaves
}

/** Every difference between the two readings of one record, as `field: cairn ≠ python-evtx`. */
function differences(event: WindowsEvent, expected: OracleRecord): string[] {
  const found: string[] = []
  const compare = (field: string, ours: string | number | undefined, theirs: string | null): void => {
    const a = normalised(ours === undefined ? '' : String(ours))
    const b = normalised(theirs)
    if (a !== b && !sameTime(a, b)) found.push(`${field}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`)
  }
  const { system } = event
  compare('EventID', system.eventId, expected.eventId)
  compare('TimeCreated', system.timeCreated, expected.time)
  compare('Computer', system.computer, expected.computer)
  compare('Channel', system.channel, expected.channel)
  compare('Provider', system.providerName, expected.provider)
  const ours = Object.entries(event.eventData).map(([name, value]): [string, string] => [
    name,
    normalised(value)
  ])
  if (!samePairs(ours, oracleEventData(expected, event.eventData))) {
    found.push(
      `EventData: ${JSON.stringify(ours)} ≠ ${JSON.stringify(oracleEventData(expected, event.eventData))}`
    )
  }
  const ourUser = cairnUserData(event)
  const theirUser = expected.userData.map(([path, value]): [string, string] => [path, normalised(value)])
  if (!samePairs(ourUser, theirUser)) {
    found.push(`UserData: ${JSON.stringify(ourUser)} ≠ ${JSON.stringify(theirUser)}`)
  }
  return found
}

/** The same names in the same order, with the same values (times within python-evtx's 5 µs). */
function samePairs(ours: [string, string][], theirs: [string, string][]): boolean {
  return (
    ours.length === theirs.length &&
    ours.every(([name, value], i) => {
      const [theirName, theirValue] = theirs[i]
      return name === theirName && (value === theirValue || sameTime(value, theirValue))
    })
  )
}

describe.skipIf(!HAVE_DATASETS || !HAVE_PYTHON_EVTX)('EVTX reader against python-evtx', () => {
  it('reads every record of every sample exactly as python-evtx does', () => {
    const files = evtxSamples()
    // 265 samples in evtx-attack-samples (datasets README) and 104 regression samples (REGRESSION_INDEX.csv)
    expect(files.length).toBe(369)
    const expectedByFile = oracle(files)
    const failures: string[] = []
    let compared = 0
    let recovered = 0
    for (const path of files) {
      const name = relative(DATASETS, path)
      const expected = expectedByFile.get(path)!
      for (const failure of expected.failures) failures.push(`${name}: python-evtx failed: ${failure.reason}`)
      const { records, problems } = cairn(path)
      for (const problem of problems) failures.push(`${name}: ${problem.reason}`)
      const live = records.filter((record) => !record.frame.recovered)
      recovered += records.length - live.length
      if (live.length !== expected.records.length) {
        failures.push(`${name}: ${live.length} records, python-evtx reads ${expected.records.length}`)
        continue
      }
      live.forEach((record, index) => {
        const theirs = expected.records[index]
        if (record.frame.recordId !== theirs.id) {
          failures.push(
            `${name}: record #${index + 1} has id ${record.frame.recordId}, python-evtx ${theirs.id}`
          )
          return
        }
        for (const difference of differences(windowsEventOfXml(record.root), theirs)) {
          failures.push(`${name} record ${theirs.id}: ${difference}`)
        }
        compared++
      })
    }
    console.log(
      `EVTX oracle: ${files.length} files, ${compared} records identical to python-evtx, ` +
        `${recovered} more recovered from slack, ${failures.length} differences`
    )
    if (failures.length > 0) console.log(failures.join('\n'))
    expect(failures.slice(0, 50)).toEqual([])
    // python-evtx reads 4,686 records from these 369 files (evtxOracle.py over all of them)
    expect(compared).toBe(4686)
  })
})
