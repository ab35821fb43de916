// SigmaHQ's regression tests on the .evtx samples themselves, not only on their JSON renderings: each
// sample is read by Cairn's EVTX reader, mapped like any Windows event, and must raise its rule at least
// match_count times through the shipped logsource mapping — the path a responder's Security.evtx takes.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../src-main/common/event'
import { builtinSigma } from '../../src-main/core/detect/sigma/builtinSigma'
import { readRuleFolder } from '../../src-main/core/detect/sigma/ruleFolders'
import { SigmaRuleSet, type RuleFile } from '../../src-main/core/detect/sigma/ruleSet'
import { evtxFormat } from '../../src-main/core/ingest/parsers/evtx/evtxFormat'
import type { RecordOutcome } from '../../src-main/core/ingest/parser'
import { HAVE_DATASETS, dataset } from './support'

const RULE_FOLDERS = ['rules', 'rules-threat-hunting', 'rules-emerging-threats']

function sigmaHqRules(): RuleFile[] {
  return RULE_FOLDERS.flatMap((folder) =>
    readRuleFolder(dataset('sigmahq-sigma', folder)).files.map((file) => ({
      ...file,
      path: `${folder}/${file.path}`
    }))
  )
}

function evtxEvents(path: string): { events: NormalisedEvent[]; rejected: string[] } {
  const outcomes: RecordOutcome[] = []
  const reader = evtxFormat.create({ timeZone: 'UTC', referenceYear: 2026 })
  reader.write(readFileSync(path), (outcome) => outcomes.push(outcome))
  reader.end((outcome) => outcomes.push(outcome))
  const events: NormalisedEvent[] = []
  const rejected: string[] = []
  for (const outcome of outcomes) {
    if (outcome.kind === 'event') events.push(outcome.event)
    else if (outcome.kind === 'rejected') rejected.push(outcome.reason)
  }
  return { events, rejected }
}

describe.skipIf(!HAVE_DATASETS)('SigmaHQ regression tests on EVTX', () => {
  it('raises every regression-tested rule at least match_count times on its .evtx sample', () => {
    const ruleSet = new SigmaRuleSet(sigmaHqRules(), builtinSigma().logsources, { selection: {} })
    const index = ruleSet.indexFor('evtx')
    const rows = readFileSync(dataset('sigmahq-sigma', 'REGRESSION_INDEX.csv'), 'utf8').trim().split('\n')
    const header = rows[0].split(',')
    const column = (name: string): number => header.indexOf(name)
    const failures: string[] = []
    for (const row of rows.slice(1)) {
      const cells = row.split(',')
      const ruleId = cells[column('rule_id')]
      const minimum = Number(cells[column('min_match_count')] || '1')
      const sample = cells[column('sample_files')].split(';').find((path) => path.endsWith('.evtx'))
      if (sample === undefined) {
        failures.push(`${ruleId}: no .evtx sample listed`)
        continue
      }
      const { events, rejected } = evtxEvents(dataset('sigmahq-sigma', sample))
      for (const problem of rejected) failures.push(`${sample}: ${problem}`)
      let matches = 0
      for (const event of events) {
        index.match(event, (compiled) => {
          if (compiled.rule.id === ruleId) matches++
        })
      }
      if (matches < minimum)
        failures.push(`${ruleId} ${cells[column('rule_title')]}: ${matches} of ${minimum}`)
    }
    console.log(`SigmaHQ regression on EVTX: ${rows.length - 1 - failures.length} of ${rows.length - 1} pass`)
    // REGRESSION_INDEX.csv lists 104 tests (SOURCE.md), each with an .evtx and a .json sample
    expect(rows.length - 1).toBe(104)
    expect(failures).toEqual([])
  })
})
