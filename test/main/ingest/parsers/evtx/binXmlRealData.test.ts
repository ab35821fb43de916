import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ChunkBinXml } from '../../../../../src-main/core/ingest/parsers/evtx/binXmlDecoder'
import { windowsEventOfXml } from '../../../../../src-main/core/ingest/parsers/evtx/windowsEventOfXml'
import { xmlText } from '../../../../../src-main/core/ingest/parsers/evtx/xmlText'
import type { WindowsEvent } from '../../../../../src-main/core/ingest/parsers/windowsEventMapping'

const DATASETS = resolve(__dirname, '../../../../../../shared/datasets')
const PYTHON = '/usr/bin/python3'
const hasDatasets = existsSync(DATASETS)
const hasPythonEvtx = spawnSync(PYTHON, ['-c', 'import Evtx.Evtx'], { stdio: 'ignore' }).status === 0
if (!hasDatasets) console.warn(`EVTX samples not found at ${DATASETS}: real-data Binary XML tests skipped`)
else if (!hasPythonEvtx)
  console.warn('python-evtx (/usr/bin/python3, Evtx.Evtx) not installed: oracle tests skipped')

/** Varied samples: Sysmon, Security, System, PowerShell 4104, UserData 1102, Defender, MSSQL, BITS … */
const SAMPLES = [
  'evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx',
  'evtx-attack-samples/Lateral Movement/LM_WMI_4624_4688_TargetHost.evtx',
  'evtx-attack-samples/Lateral Movement/LM_Remote_Service02_7045.evtx',
  'evtx-attack-samples/Defense Evasion/DE_WinEventLogSvc_Crash_System_7036.evtx',
  'evtx-attack-samples/Credential Access/Powershell_4104_MiniDumpWriteDump_Lsass.evtx',
  'evtx-attack-samples/Other/emotet/exec_emotet_ps_4104.evtx',
  'evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx',
  'evtx-attack-samples/AutomatedTestingTools/WinDefender_Events_1117_1116_AtomicRedTeam.evtx',
  'evtx-attack-samples/Lateral Movement/LM_5145_Remote_FileCopy.evtx',
  'evtx-attack-samples/Lateral Movement/LM_winrm_target_wrmlogs_91_wsmanShellStarted_poorLog.evtx',
  'evtx-attack-samples/Lateral Movement/LM_xp_cmdshell_MSSQL_Events.evtx',
  'evtx-attack-samples/Persistence/persist_bitsadmin_Microsoft-Windows-Bits-Client-Operational.evtx',
  'evtx-attack-samples/Persistence/Persistence_Shime_Microsoft-Windows-Application-Experience_Program-Telemetry_500.evtx'
]

interface DecodedRecord {
  id: number
  event: WindowsEvent
  xml: string
}

/** The simplest walk of a file: chunk n at 4096 + n·65536, records from 512 to the chunk's free space. */
function decodeFile(path: string): DecodedRecord[] {
  const file = new Uint8Array(readFileSync(path))
  const records: DecodedRecord[] = []
  for (let offset = 4096; offset + 65536 <= file.length; offset += 65536) {
    const chunk = file.subarray(offset, offset + 65536)
    if (new TextDecoder().decode(chunk.subarray(0, 8)) !== 'ElfChnk\0') continue
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    const decoder = new ChunkBinXml(chunk)
    const freeSpace = view.getUint32(48, true)
    for (let at = 512; at + 24 <= freeSpace && view.getUint32(at, true) === 0x2a2a;) {
      const size = view.getUint32(at + 4, true)
      const root = decoder.decode(at + 24, at + size - 4)
      records.push({
        id: Number(view.getBigUint64(at + 8, true)),
        event: windowsEventOfXml(root),
        xml: xmlText(root) ?? ''
      })
      at += size
    }
  }
  return records
}

/** What python-evtx reads from each record (through record.lxml()). */
interface OracleRecord {
  file: string
  id: number
  eventId: string
  timeCreated: string
  computer: string
  channel: string
  provider: string
  data: [string | null, string][]
  userData: string[]
}

const ORACLE_SCRIPT = `
import sys, json
import Evtx.Evtx as evtx
def local(tag): return tag.split('}')[-1]
def find(node, name):
    for child in node:
        if isinstance(child.tag, str) and local(child.tag) == name: return child
    return None
for path in sys.argv[1:]:
    with evtx.Evtx(path) as log:
        for record in log.records():
            root = record.lxml()
            system = find(root, 'System')
            text = lambda name: (find(system, name).text or '') if find(system, name) is not None else ''
            data = []
            event_data = find(root, 'EventData')
            if event_data is not None:
                for child in event_data:
                    name = child.get('Name') if local(child.tag) == 'Data' else local(child.tag)
                    data.append([name, child.text or ''])
            leaves = []
            user_data = find(root, 'UserData')
            if user_data is not None:
                leaves = [node.text or '' for node in user_data.iter() if len(node) == 0 and node is not user_data]
            print(json.dumps({'file': path, 'id': record.record_num(), 'eventId': text('EventID'),
                'timeCreated': find(system, 'TimeCreated').get('SystemTime'), 'computer': text('Computer'),
                'channel': text('Channel'), 'provider': find(system, 'Provider').get('Name'),
                'data': data, 'userData': leaves}))
`

function oracle(paths: string[]): OracleRecord[] {
  const run = spawnSync(PYTHON, ['-c', ORACLE_SCRIPT, ...paths], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (run.status !== 0) throw new Error(`python-evtx failed: ${run.stderr}`)
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as OracleRecord)
}

/** Microseconds since the epoch of `2019-08-14 14:06:44.495674` (python) or `…T14:06:44.4956740Z` (ours). */
function microseconds(text: string): number {
  const match = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(text)
  if (match === null) return NaN
  const fraction = (match[3] ?? '').padEnd(7, '0')
  return Date.parse(`${match[1]}T${match[2]}Z`) * 1000 + Number(fraction) / 10
}

// Control characters python-evtx drops from its XML (its RESTRICTED_CHARS), built without a regex literal.
const RESTRICTED = new Set(
  Array.from({ length: 0xa0 }, (_, code) => code).filter(
    (code) => (code < 0x20 && ![0x09, 0x0a, 0x0d].includes(code)) || (code >= 0x7f && code !== 0x85)
  )
)
const withoutRestricted = (text: string): string =>
  [...text].filter((character) => !RESTRICTED.has(character.charCodeAt(0))).join('')

/**
 * Whether python-evtx's text means our value, allowing only its known rendering differences: lower-case
 * GUIDs, zero-padded hex, times with a space and microseconds (float-rounded, a few off), Binary in base64, True/False,
 * string arrays as <string>…</string> lines, restricted control characters dropped.
 */
function sameValue(ours: string, python: string): boolean {
  // lxml (not python-evtx) turns CR LF into LF, as every XML parser must.
  const mine = withoutRestricted(ours).replace(/\r\n?/g, '\n')
  if (mine === python) return true
  if (/^\{[0-9A-F-]{36}\}$/.test(mine)) return mine.toLowerCase() === python
  if (/^0x[0-9a-f]+$/.test(mine) && /^0x[0-9a-f]+$/.test(python)) return BigInt(mine) === BigInt(python)
  if (/^\d{4}-\d\d-\d\dT/.test(mine)) return Math.abs(microseconds(mine) - microseconds(python)) <= 5
  if (
    /^[0-9A-F]+$/.test(mine) &&
    mine.length % 2 === 0 &&
    Buffer.from(python, 'base64').toString('hex') === mine.toLowerCase()
  ) {
    return true
  }
  if (mine === 'true' || mine === 'false') return python === (mine === 'true' ? 'True' : 'False')
  // String arrays: python-evtx writes <string>item</string> lines, and also cuts items at their line breaks,
  // so arrays of items with line breaks cannot be compared.
  if (python.startsWith('<string>')) {
    if (mine.includes('\n')) return true
    const items = [...python.matchAll(/<string>(.*?)<\/string>\n/g)].map((match) => match[1])
    return items.join(',') === mine
  }
  return false
}

function expectSame(what: string, ours: string | undefined, python: string): void {
  if (!sameValue(ours ?? '', python)) expect(`${what}: ${ours ?? '(absent)'}`).toBe(`${what}: ${python}`)
}

function userDataLeaves(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(userDataLeaves)
  if (typeof value !== 'object' || value === null) return []
  return Object.entries(value).flatMap(([key, child]) => (key === '#attributes' ? [] : userDataLeaves(child)))
}

describe.skipIf(!hasDatasets || !hasPythonEvtx)('Binary XML against python-evtx on real samples', () => {
  const paths = SAMPLES.map((sample) => join(DATASETS, sample))
  const expected = hasDatasets && hasPythonEvtx ? oracle(paths) : []

  it.each(SAMPLES)('%s: every record reads as python-evtx reads it', (sample) => {
    const path = join(DATASETS, sample)
    const records = decodeFile(path)
    const theirs = expected.filter((record) => record.file === path)
    expect(records.map((record) => record.id)).toEqual(theirs.map((record) => record.id))
    records.forEach(({ id, event, xml }, index) => {
      const python = theirs[index]
      const at = `record ${id}`
      expect(xml.startsWith('<Event')).toBe(true)
      expectSame(`${at} EventID`, String(event.system.eventId), python.eventId)
      expectSame(`${at} TimeCreated`, event.system.timeCreated, python.timeCreated)
      expectSame(`${at} Computer`, event.system.computer, python.computer)
      expectSame(`${at} Channel`, event.system.channel, python.channel)
      expectSame(`${at} Provider`, event.system.providerName, python.provider)
      let unnamed = 0
      for (const [name, text] of python.data) {
        const key = name ?? `param${++unnamed}`
        expectSame(`${at} EventData ${key}`, event.eventData[key], text)
      }
      expect(Object.keys(event.eventData).length).toBe(
        new Set(python.data.map(([name], i) => name ?? i)).size
      )
      const leaves = userDataLeaves(event.userData)
      expect(leaves.length).toBe(python.userData.length)
      leaves.forEach((leaf, i) => expectSame(`${at} UserData leaf ${i}`, leaf, python.userData[i]))
    })
  })
})

/** Every `.json` of the Sigma regression data: the evtx_dump rendering of events in the `.evtx` beside it. */
function regressionPairs(): { evtx: string; json: string }[] {
  const root = join(DATASETS, 'sigmahq-sigma/regression_data')
  if (!existsSync(root)) return []
  const pairs: { evtx: string; json: string }[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (path.endsWith('.evtx') && existsSync(path.replace(/\.evtx$/, '.json'))) {
        pairs.push({ evtx: path, json: path.replace(/\.evtx$/, '.json') })
      }
    }
  }
  walk(root)
  return pairs
}

/**
 * Values where a regression .json was edited by hand after export and no longer matches its .evtx
 * (python-evtx reads the .evtx as we do).
 */
const EDITED_JSON_VALUES = [
  '23419552 ParentCommandLine: C:\\Windows\\Explorer.EXE ≠ C:\\Windows\\Explorer.exe'
]

/** The JSON documents of a file written by evtx_dump (one or more, back to back). */
function jsonDocuments(text: string): Record<string, unknown>[] {
  return text
    .split(/\n(?=\{)/)
    .filter((part) => part.trim() !== '')
    .map((part) => JSON.parse(part) as Record<string, unknown>)
}

describe.skipIf(!hasDatasets)(
  'Binary XML against the evtx_dump renderings of the Sigma regression data',
  () => {
    it('renders every EventData value and System field as evtx_dump does', () => {
      const pairs = regressionPairs()
      expect(pairs.length).toBeGreaterThan(50)
      let compared = 0
      const differences: string[] = []
      for (const { evtx, json } of pairs) {
        const records = decodeFile(evtx)
        for (const document of jsonDocuments(readFileSync(json, 'utf8'))) {
          const event = document['Event'] as Record<string, Record<string, unknown>>
          const system = event['System']
          const id = system['EventRecordID'] as number
          const ours = records.find((record) => record.event.system.eventRecordId === id)
          expect(ours, `${json}: record ${id}`).toBeDefined()
          if (ours === undefined) continue
          expect(ours.event.system.eventId).toBe(system['EventID'])
          expect(ours.event.system.computer).toBe(system['Computer'])
          expect(ours.event.system.channel).toBe(system['Channel'])
          const data = (event['EventData'] ?? {}) as Record<string, unknown>
          for (const [name, value] of Object.entries(data)) {
            if (name === '#attributes' || typeof value === 'object') continue
            // evtx_dump writes GUID values without braces (GUID text in strings keeps them) and trims text.
            const mine = ours.event.eventData[name].trim()
            const text = String(value)
            if (mine !== text && mine !== `{${text}}`)
              differences.push(`${json} ${id} ${name}: ${mine} ≠ ${text}`)
            compared++
          }
        }
      }
      expect(differences).toEqual(EDITED_JSON_VALUES.map((edit) => expect.stringContaining(edit)))
      expect(compared).toBeGreaterThan(1000)
    })
  }
)
