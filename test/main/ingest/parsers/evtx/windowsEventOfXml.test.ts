import { describe, expect, it } from 'vitest'
import { windowsEventOfXml } from '../../../../../src-main/core/ingest/parsers/evtx/windowsEventOfXml'
import type { XmlElement, XmlNode } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'

const el = (name: string, children: XmlNode[] = [], attributes: Record<string, string> = {}): XmlElement => ({
  kind: 'element',
  name,
  attributes: Object.entries(attributes).map(([attribute, value]) => ({ name: attribute, value })),
  children
})

const SYSTEM = el('System', [
  el('Provider', [], {
    Name: 'Microsoft-Windows-Security-Auditing',
    Guid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    EventSourceName: 'Security'
  }),
  el('EventID', ['4624'], { Qualifiers: '16384' }),
  el('Version', ['2']),
  el('Level', ['0']),
  el('Task', ['12544']),
  el('Opcode', ['0']),
  el('Keywords', ['0x8020000000000000']),
  el('TimeCreated', [], { SystemTime: '2019-08-14T14:06:44.4956740Z' }),
  el('EventRecordID', ['1234']),
  el('Correlation', [], { ActivityID: '{A}', RelatedActivityID: '{B}' }),
  el('Execution', [], { ProcessID: '580', ThreadID: '2120' }),
  el('Channel', ['Security']),
  el('Computer', ['DC01.example.org']),
  el('Security', [], { UserID: 'S-1-5-18' })
])

describe('windowsEventOfXml', () => {
  it('reads every System field', () => {
    expect(windowsEventOfXml(el('Event', [SYSTEM])).system).toEqual({
      providerName: 'Microsoft-Windows-Security-Auditing',
      providerGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
      eventSourceName: 'Security',
      eventId: 4624,
      qualifiers: 16384,
      version: 2,
      level: 0,
      task: 12544,
      opcode: 0,
      keywords: '0x8020000000000000',
      timeCreated: '2019-08-14T14:06:44.4956740Z',
      eventRecordId: 1234,
      activityId: '{A}',
      relatedActivityId: '{B}',
      processId: 580,
      threadId: 2120,
      channel: 'Security',
      computer: 'DC01.example.org',
      userId: 'S-1-5-18'
    })
  })

  it('leaves out System fields the record does not have', () => {
    const system = el('System', [el('EventID', ['7']), el('Correlation'), el('Security')])
    expect(windowsEventOfXml(el('Event', [system])).system).toEqual({ eventId: 7 })
  })

  it('names Data by its Name, unnamed Data as param1, param2 …, and Binary by its element name', () => {
    const eventData = el('EventData', [
      el('Data', ['bob'], { Name: 'TargetUserName' }),
      el('Data', ['first']),
      el('Data', []),
      el('Data', ['third']),
      el('Binary', ['00AB'])
    ])
    expect(windowsEventOfXml(el('Event', [SYSTEM, eventData])).eventData).toEqual({
      TargetUserName: 'bob',
      param1: 'first',
      param2: '',
      param3: 'third',
      Binary: '00AB'
    })
  })

  it('nests UserData under its root element, with #attributes and #text where an element has both', () => {
    const userData = el('UserData', [
      el(
        'LogFileCleared',
        [
          el('SubjectUserSid', ['S-1-5-21-1-2-3-500']),
          el('SubjectUserName', ['admin']),
          el('Detail', ['text'], { Kind: 'k' }),
          el('Item', ['1']),
          el('Item', ['2'])
        ],
        { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' }
      )
    ])
    const event = windowsEventOfXml(el('Event', [SYSTEM, userData]))
    expect(event.userData).toEqual({
      LogFileCleared: {
        '#attributes': { xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
        SubjectUserSid: 'S-1-5-21-1-2-3-500',
        SubjectUserName: 'admin',
        Detail: { '#attributes': { Kind: 'k' }, '#text': 'text' },
        Item: ['1', '2']
      }
    })
  })

  it('takes the rendered message from RenderingInfo', () => {
    const rendering = el('RenderingInfo', [el('Message', ['An account was logged on.'])], {
      Culture: 'en-US'
    })
    expect(windowsEventOfXml(el('Event', [SYSTEM, rendering])).message).toBe('An account was logged on.')
    expect(windowsEventOfXml(el('Event', [SYSTEM])).message).toBeUndefined()
  })
})
