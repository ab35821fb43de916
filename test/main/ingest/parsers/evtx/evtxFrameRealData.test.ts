import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EvtxFrameReader } from '../../../../../src-main/core/ingest/parsers/evtx/evtxFrameReader'
import type { EvtxProblem } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'

// The live record ids python-evtx (the independent oracle) reads from real samples must be ours, in order.
const datasets = resolve(__dirname, '../../../../../../shared/datasets')
const PYTHON = '/usr/bin/python3'
const ORACLE_SCRIPT = [
  'import sys, json, Evtx.Evtx as E',
  'with E.Evtx(sys.argv[1]) as log:',
  '    print(json.dumps([r.record_num() for r in log.records()]))'
].join('\n')

function pythonEvtxAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import Evtx.Evtx'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

const haveData = existsSync(datasets)
const haveOracle = haveData && pythonEvtxAvailable()
if (!haveData) console.warn(`EVTX real-data framing test skipped: ${datasets} is absent`)
else if (!haveOracle)
  console.warn(`EVTX real-data framing test skipped: python-evtx is not importable by ${PYTHON}`)

const SAMPLES = [
  'evtx-attack-samples/AutomatedTestingTools/PanacheSysmon_vs_AtomicRedTeam01.evtx', // 15 chunks
  'evtx-attack-samples/Lateral Movement/LM_5145_Remote_FileCopy.evtx', // 10 chunks
  'evtx-attack-samples/Other/rdpcorets_148_mst120_bluekeep_rpdscan_full.evtx', // 7 chunks, trailing zero chunks
  'evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx',
  'evtx-attack-samples/Lateral Movement/LM_winrm_target_wrmlogs_91_wsmanShellStarted_poorLog.evtx' // full slack
]

describe.skipIf(!haveOracle)('EvtxFrameReader on real samples against python-evtx', () => {
  it.each(SAMPLES)('frames the same live record ids as python-evtx: %s', (sample) => {
    const path = join(datasets, sample)
    const expected = JSON.parse(
      execFileSync(PYTHON, ['-c', ORACLE_SCRIPT, path], { encoding: 'utf8' })
    ) as number[]
    const live: number[] = []
    const problems: EvtxProblem[] = []
    const reader = new EvtxFrameReader({
      record: (frame) => {
        if (!frame.recovered) live.push(frame.recordId)
      },
      problem: (problem) => problems.push(problem)
    })
    const bytes = readFileSync(path)
    for (let at = 0; at < bytes.length; at += 10_000) reader.write(bytes.subarray(at, at + 10_000))
    reader.end()
    expect(expected.length).toBeGreaterThan(0)
    expect(live).toEqual(expected)
    expect(problems).toEqual([])
  })
})
