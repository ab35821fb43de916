// SigmaHQ's rules and regression tests as the Sigma conformance suites read them: the three rule folders,
// and each regression test (rule, minimum match count, samples) from REGRESSION_INDEX.csv, checked against
// the events a reader makes of its sample — the JSON rendering or the .evtx itself.

import { readFileSync } from 'node:fs'
import type { NormalisedEvent } from '../../src-main/common/event'
import { readRuleFolder } from '../../src-main/core/detect/sigma/ruleFolders'
import type { FormatRuleIndex } from '../../src-main/core/detect/sigma/ruleIndex'
import type { RuleFile } from '../../src-main/core/detect/sigma/ruleSet'
import { dataset } from './support'

const RULE_FOLDERS = ['rules', 'rules-threat-hunting', 'rules-emerging-threats']

export function sigmaHqRules(): RuleFile[] {
  return RULE_FOLDERS.flatMap((folder) =>
    readRuleFolder(dataset('sigmahq-sigma', folder)).files.map((file) => ({
      ...file,
      path: `${folder}/${file.path}`
    }))
  )
}

export interface RegressionTest {
  ruleId: string
  title: string
  /** The rule must match at least this many of the sample's events. */
  minimum: number
  /** Sample paths relative to the sigmahq-sigma folder. */
  samples: string[]
}

export function regressionTests(): RegressionTest[] {
  const rows = readFileSync(dataset('sigmahq-sigma', 'REGRESSION_INDEX.csv'), 'utf8').trim().split('\n')
  const header = rows[0].split(',')
  const column = (name: string): number => header.indexOf(name)
  return rows.slice(1).map((row) => {
    const cells = row.split(',')
    return {
      ruleId: cells[column('rule_id')],
      title: cells[column('rule_title')],
      minimum: Number(cells[column('min_match_count')] || '1'),
      samples: cells[column('sample_files')].split(';')
    }
  })
}

/** What a reader made of a test's sample: its events, and anything it could not read. */
export interface SampleEvents {
  events: NormalisedEvent[]
  problems: string[]
}

/** Every test whose rule matched fewer events than it must, and every problem reading a sample. */
export function regressionFailures(
  tests: readonly RegressionTest[],
  index: FormatRuleIndex,
  read: (test: RegressionTest) => SampleEvents
): string[] {
  const failures: string[] = []
  for (const test of tests) {
    const { events, problems } = read(test)
    failures.push(...problems.map((problem) => `${test.ruleId}: ${problem}`))
    let matches = 0
    for (const event of events) {
      index.match(event, (compiled) => {
        if (compiled.rule.id === test.ruleId) matches++
      })
    }
    if (matches < test.minimum) failures.push(`${test.ruleId} ${test.title}: ${matches} of ${test.minimum}`)
  }
  return failures
}
