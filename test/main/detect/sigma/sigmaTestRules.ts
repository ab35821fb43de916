// Compiles a rule written inline in a test against the shipped logsource mapping and matches events with
// it, so each test reads as "this rule, this event, this verdict".

import type { LogFormat } from '../../../../src-main/common/domain'
import type { EventFieldValues } from '../../../../src-main/common/event'
import { builtinSigma } from '../../../../src-main/core/detect/sigma/builtinSigma'
import type { SigmaEvent } from '../../../../src-main/core/detect/sigma/eventView'
import { SigmaRuleSet } from '../../../../src-main/core/detect/sigma/ruleSet'
import type { RuleSetOptions } from '../../../../src-main/core/detect/sigma/ruleSet'

export function ruleSetOf(yaml: string, options: RuleSetOptions = {}): SigmaRuleSet {
  return new SigmaRuleSet([{ path: 'test.yml', text: yaml }], builtinSigma().logsources, options)
}

/** The ids of the rules of `yaml` that match the event. */
export function matchingRules(ruleSet: SigmaRuleSet, format: LogFormat, event: SigmaEvent): string[] {
  const matched: string[] = []
  ruleSet.indexFor(format).match(event, (compiled) => matched.push(compiled.rule.id))
  return matched
}

export function windowsEvent(
  channel: string,
  eventId: number,
  data: Record<string, string | number>,
  fields: EventFieldValues = {}
): SigmaEvent {
  return {
    timestamp: Date.parse('2026-11-29T10:00:00Z'),
    fields: { 'winlog.channel': channel, 'event.code': eventId, ...fields },
    // As the Windows mapping keeps them: EventData under winlog.event_data., System values under winlog.
    extra: {
      'winlog.event_id': eventId,
      ...Object.fromEntries(Object.entries(data).map(([name, value]) => [`winlog.event_data.${name}`, value]))
    },
    raw: JSON.stringify(data)
  }
}

/** A one-selection process-creation rule on Sysmon/4688 events. */
export function processRule(selection: string, condition = 'selection'): string {
  return [
    'title: test rule',
    'id: 00000000-0000-4000-8000-000000000001',
    'logsource: { product: windows, category: process_creation }',
    'detection:',
    '  selection:',
    ...selection.split('\n').map((line) => `    ${line}`),
    `  condition: ${condition}`
  ].join('\n')
}

export function sysmonProcess(data: Record<string, string | number>): SigmaEvent {
  return windowsEvent('Microsoft-Windows-Sysmon/Operational', 1, data)
}

/** Whether a process-creation rule with this selection matches a Sysmon process event with this data. */
export function selects(
  selection: string,
  data: Record<string, string | number>,
  options: RuleSetOptions = {}
): boolean {
  const ruleSet = ruleSetOf(processRule(selection), options)
  const verdict = ruleSet.support[0]
  if (verdict.status !== 'loaded') throw new Error(`${verdict.status}: ${verdict.reason}`)
  return matchingRules(ruleSet, 'windows_json', sysmonProcess(data)).length === 1
}
