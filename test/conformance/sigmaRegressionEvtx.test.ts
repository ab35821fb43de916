// SigmaHQ's regression tests on the .evtx samples themselves, not only on their JSON renderings: each
// sample is read by Cairn's EVTX reader, mapped like any Windows event, and must raise its rule at least
// match_count times through the shipped logsource mapping — the path a responder's Security.evtx takes.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { NormalisedEvent } from '../../src-main/common/event'
import { builtinSigma } from '../../src-main/core/detect/sigma/builtinSigma'
import { SigmaRuleSet } from '../../src-main/core/detect/sigma/ruleSet'
import { evtxFormat } from '../../src-main/core/ingest/parsers/evtx/evtxFormat'
import type { RecordOutcome } from '../../src-main/core/ingest/parser'
import { regressionFailures, regressionTests, sigmaHqRules, type SampleEvents } from './sigmaRegression'
import { HAVE_DATASETS, dataset } from './support'

/** A sample's events through the EVTX reader; rejected records are problems (skipped slack is not). */
function evtxEvents(path: string): SampleEvents {
  const outcomes: RecordOutcome[] = []
  const reader = evtxFormat.create({ timeZone: 'UTC', referenceYear: 2026 })
  reader.write(readFileSync(path), (outcome) => outcomes.push(outcome))
  reader.end((outcome) => outcomes.push(outcome))
  const events: NormalisedEvent[] = []
  const problems: string[] = []
  for (const outcome of outcomes) {
    if (outcome.kind === 'event') events.push(outcome.event)
    else if (outcome.kind === 'rejected') problems.push(outcome.reason)
  }
  return { events, problems }
}

describe.skipIf(!HAVE_DATASETS)('SigmaHQ regression tests on EVTX', () => {
  it('raises every regression-tested rule at least match_count times on its .evtx sample', () => {
    const ruleSet = new SigmaRuleSet(sigmaHqRules(), builtinSigma().logsources, { selection: {} })
    const tests = regressionTests()
    const failures = regressionFailures(tests, ruleSet.indexFor('evtx'), (test) => {
      const sample = test.samples.find((path) => path.endsWith('.evtx'))
      if (sample === undefined) return { events: [], problems: ['no .evtx sample listed'] }
      return evtxEvents(dataset('sigmahq-sigma', sample))
    })
    console.log(`SigmaHQ regression on EVTX: ${tests.length - failures.length} of ${tests.length} pass`)
    // REGRESSION_INDEX.csv lists 104 tests (SOURCE.md), each with an .evtx and a .json sample
    expect(tests.length).toBe(104)
    expect(failures).toEqual([])
  })
})
