// Classic PowerShell events (Windows PowerShell channel, ids 400/600/800) carry their data in unnamed Data
// elements, which Cairn keeps as param1, param2 …; Sigma rules name them all `Data`. Read through the real
// Windows JSON parser (evtx_dump's rendering, Data as a list), a rule on Data matches any one of them.

import { describe, expect, it } from 'vitest'
import { FORMAT_DEFINITIONS } from '../../../../src-main/core/ingest/formatRegistry'
import type { TextFormatDefinition } from '../../../../src-main/core/ingest/parser'
import { eventsOf, settleJson } from '../../ingest/parsers/parserHarness'
import { matchingRules, ruleSetOf } from './sigmaTestRules'

/** An engine-start event (400) as evtx_dump writes it: three unnamed Data, the third a block of lines. */
function engineStart(hostApplication: string): string {
  return JSON.stringify({
    Event: {
      System: {
        Provider: { '#attributes': { Name: 'PowerShell' } },
        EventID: 400,
        Channel: 'Windows PowerShell',
        Computer: 'WS01',
        TimeCreated: { '#attributes': { SystemTime: '2026-11-29T10:00:00.000000Z' } }
      },
      EventData: {
        Data: ['Available', 'None', `\tNewEngineState=Available\r\n\tHostApplication=${hostApplication}\r\n`]
      }
    }
  })
}

const RULE = [
  'title: Encoded command in a classic PowerShell engine start',
  'id: 00000000-0000-4000-8000-0000000000c1',
  'logsource: { product: windows, category: ps_classic_start }',
  'detection:',
  '  selection:',
  "    Data|contains: 'HostApplication=powershell.exe -enc'",
  '  filter:',
  "    Data: 'Stopped'",
  '  condition: selection and not filter'
].join('\n')

function matches(text: string): string[] {
  const parser = (FORMAT_DEFINITIONS.windows_json as TextFormatDefinition).create({
    timeZone: 'UTC',
    referenceYear: 2026
  })
  const [event] = eventsOf(settleJson(parser, text).outcomes)
  return matchingRules(ruleSetOf(RULE), 'windows_json', event)
}

describe('numbered fields (classic PowerShell Data)', () => {
  it('matches a value in any of the unnamed Data elements', () => {
    expect(matches(engineStart('powershell.exe -enc SQBFAFgA'))).toEqual([
      '00000000-0000-4000-8000-0000000000c1'
    ])
    expect(matches(engineStart('powershell.exe -File backup.ps1'))).toEqual([])
  })

  it('compares each element whole for an exact value, not the elements joined', () => {
    // 'Available' is the first element: an exact 'Stopped' must not match it, nor 'Available' match
    // 'None' joined to it.
    const stopped = engineStart('powershell.exe -enc SQBFAFgA').replace('"Available",', '"Stopped",')
    expect(matches(stopped)).toEqual([])
  })
})
