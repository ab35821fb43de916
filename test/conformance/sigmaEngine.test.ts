// Cairn's Sigma engine against SigmaHQ's own material: every rule of the core, threat-hunting and
// emerging-threats sets loads (or is listed with the exact construct Cairn lacks), the specification's
// schema-test correlations compile, and every regression sample raises its rule at least match_count
// times through the real Windows JSON parser and the shipped logsource mapping.

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { builtinSigma } from '../../src-main/core/detect/sigma/builtinSigma'
import { readRuleFolder } from '../../src-main/core/detect/sigma/ruleFolders'
import { SigmaRuleSet, type RuleFile } from '../../src-main/core/detect/sigma/ruleSet'
import { FORMAT_DEFINITIONS } from '../../src-main/core/ingest/formatRegistry'
import type { TextFormatDefinition } from '../../src-main/core/ingest/parser'
import { eventsOf, settleJson } from '../main/ingest/parsers/parserHarness'
import { EventView } from '../../src-main/core/detect/sigma/eventView'
import { regressionFailures, regressionTests, sigmaHqRules } from './sigmaRegression'
import { HAVE_DATASETS, dataset, filesUnder } from './support'

describe.skipIf(!HAVE_DATASETS)('Sigma engine on SigmaHQ rules', () => {
  const ruleSet = HAVE_DATASETS
    ? new SigmaRuleSet(sigmaHqRules(), builtinSigma().logsources, { selection: {} })
    : null

  it('loads at least 99% of the rules and names the construct of every one it cannot run', () => {
    const support = ruleSet!.support
    const loaded = support.filter((verdict) => verdict.status === 'loaded').length
    const others = support.filter((verdict) => verdict.status !== 'loaded')
    console.log(
      `SigmaHQ: ${support.length} rule documents, ${loaded} loaded` +
        others.map((verdict) => `\n  ${verdict.status} ${verdict.path}: ${verdict.reason}`).join('')
    )
    // 3,141 + 140 + 473 rule files (SOURCE.md), one document each
    expect(support.length).toBe(3754)
    expect(loaded / support.length).toBeGreaterThanOrEqual(0.99)
    for (const verdict of others) expect(verdict.reason).not.toBe('')
  })

  it('raises every regression-tested rule at least match_count times on its sample', () => {
    const tests = regressionTests()
    const windowsJson = FORMAT_DEFINITIONS.windows_json as TextFormatDefinition
    const failures = regressionFailures(tests, ruleSet!.indexFor('windows_json'), (test) => {
      const sample = test.samples.find((path) => path.endsWith('.json'))!
      const parser = windowsJson.create({ timeZone: 'UTC', referenceYear: 2026 })
      const settled = settleJson(parser, readFileSync(dataset('sigmahq-sigma', sample), 'utf8'))
      return { events: eventsOf(settled.outcomes), problems: [] }
    })
    console.log(`SigmaHQ regression: ${tests.length - failures.length} of ${tests.length} pass`)
    // REGRESSION_INDEX.csv lists 104 tests (SOURCE.md)
    expect(tests.length).toBe(104)
    expect(failures).toEqual([])
  })
})

describe.skipIf(!HAVE_DATASETS)('Sigma rule index', () => {
  it('finds exactly the matches that trying every applicable rule on every event finds', () => {
    const ruleSet = new SigmaRuleSet(sigmaHqRules(), builtinSigma().logsources, { selection: {} })
    const windowsJson = FORMAT_DEFINITIONS.windows_json as TextFormatDefinition
    const samples = filesUnder(dataset('sigmahq-sigma', 'regression_data'), /\.json$/)
    // 104 regression tests, one JSON sample each (REGRESSION_INDEX.csv)
    expect(samples.length).toBe(104)
    const events = samples.flatMap((path) =>
      eventsOf(
        settleJson(windowsJson.create({ timeZone: 'UTC', referenceYear: 2026 }), readFileSync(path, 'utf8'))
          .outcomes
      )
    )
    const index = ruleSet.indexFor('windows_json')
    const view = new EventView(4096)
    let compared = 0
    for (const event of events) {
      const indexed: string[] = []
      index.match(event, (compiled) => indexed.push(compiled.rule.id))
      view.reset(event)
      const everything: string[] = []
      for (const compiled of ruleSet.detections) {
        const channel = String(event.fields['winlog.channel'] ?? '').toLowerCase()
        const code = String(event.fields['event.code'] ?? '')
        const applies = compiled.variants.some(
          (variant) =>
            variant.entry !== null &&
            variant.entry.formats.has('windows_json') &&
            (variant.entry.channels?.has(channel) ?? true) &&
            (variant.entry.eventIds?.has(code) ?? true) &&
            variant.matches(view)
        )
        if (applies) everything.push(compiled.rule.id)
      }
      expect(indexed.sort()).toEqual(everything.sort())
      compared += everything.length
    }
    console.log(
      `rule index: ${events.length} sample events, ${compared} matches, identical with and without the index`
    )
    expect(compared).toBeGreaterThanOrEqual(104)
  })
})

describe.skipIf(!HAVE_DATASETS)('Sigma specification schema tests', () => {
  it('parses every correlation test rule and compiles it once its referenced rules exist', () => {
    const folder = readRuleFolder(dataset('sigma-specification', 'tests', 'schema'))
    const correlations = folder.files.filter((file) => file.path.startsWith('correlation/'))
    // tests/schema/correlation holds 8 files (one per type, plus an ECS variant): ls | wc -l
    expect(correlations.length).toBe(8)
    for (const file of correlations) {
      const alone = new SigmaRuleSet([file], builtinSigma().logsources)
      const verdict = alone.support[0]
      // On its own, a correlation refers to rules that do not exist: that is the only problem allowed.
      expect(verdict.kind).toBe('correlation')
      expect(verdict.reason).toMatch(/is not the id or name of any loaded rule/)
      const references = [
        ...readFileSync(dataset('sigma-specification', 'tests', 'schema', file.path), 'utf8').matchAll(
          /^\s+- ([\w-]+)\s*$/gm
        )
      ].map((match) => match[1])
      const bases: RuleFile[] = references.map((reference, position) => ({
        path: `base-${position}.yml`,
        text: [
          `title: base ${reference}`,
          /^[0-9a-f-]{36}$/.test(reference) ? `id: ${reference}` : `name: ${reference}`,
          'logsource: { product: windows, service: security }',
          'detection: { selection: { EventID: 4625 }, condition: selection }'
        ].join('\n')
      }))
      const withBases = new SigmaRuleSet([file, ...bases], builtinSigma().logsources)
      const compiled = withBases.support.find((candidate) => candidate.kind === 'correlation')!
      expect({ path: file.path, status: compiled.status, reason: compiled.reason }).toEqual({
        path: file.path,
        status: 'loaded',
        reason: ''
      })
    }
  })
})
