// The event detail of a Windows event: mapped fields first, the Windows originals grouped as the event
// groups them (under `winlog.*` keys or, from older imports, bare Windows names), and the raw record in a
// copyable block, indented only where that changes nothing but whitespace, and never rendered as HTML.

import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StoredEvent } from '../../src-main/common/event'
import EventDetail from '../../src-renderer/features/events/EventDetail.vue'
import {
  indentJson,
  indentXml,
  MAX_PRETTY_CHARS,
  rawView
} from '../../src-renderer/features/windows/rawRecord'
import { groupWinlogFields } from '../../src-renderer/features/windows/winlogFields'
import { useNotificationsStore } from '../../src-renderer/stores/notifications'
import { makeCase, makeEvent, T0 } from './support/fixtures'
import { openCase, setupBackend, type TestBackend } from './support/setup'

const EVTX_XML =
  '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>' +
  '<Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"></Provider>' +
  '<EventID Qualifiers="">4625</EventID><Computer>DC01</Computer></System><EventData>' +
  '<Data Name="TargetUserName">admin &amp; co</Data><Data Name="CommandLine">a  &gt; b</Data>' +
  '</EventData></Event>'

describe('rawView: indenting without changing the record', () => {
  it('indents XML one element a line, elements holding text kept whole', () => {
    // Expected layout written out by hand from EVTX_XML.
    expect(indentXml(EVTX_XML)).toBe(
      [
        '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
        '  <System>',
        '    <Provider Name="Microsoft-Windows-Security-Auditing" Guid="{54849625-5478-4994-a5ba-3e3b0328c30d}"></Provider>',
        '    <EventID Qualifiers="">4625</EventID>',
        '    <Computer>DC01</Computer>',
        '  </System>',
        '  <EventData>',
        '    <Data Name="TargetUserName">admin &amp; co</Data>',
        '    <Data Name="CommandLine">a  &gt; b</Data>',
        '  </EventData>',
        '</Event>'
      ].join('\n')
    )
    expect(rawView(EVTX_XML).kind).toBe('xml')
  })

  it('keeps > inside attribute values and refuses what it cannot indent safely', () => {
    expect(indentXml('<a><b c="x>y">t</b></a>')).toBe('<a>\n  <b c="x>y">t</b>\n</a>')
    expect(indentXml('<a><b>x</a>')).toBeNull()
    expect(rawView('<a><![CDATA[<b>not a tag</b>]]></a>').pretty).toBeNull()
    expect(rawView('<a><!-- <b> --></a>').pretty).toBeNull()
  })

  it('indents JSON token by token, keeping 64-bit integers and escapes exactly as written', () => {
    const raw = '{"Keywords":-9218868437227405312,"Text":"a:{b},\\"c\\"","List":[1,2],"Empty":{},"None":[ ]}'
    expect(indentJson(raw)).toBe(
      [
        '{',
        '  "Keywords": -9218868437227405312,',
        '  "Text": "a:{b},\\"c\\"",',
        '  "List": [',
        '    1,',
        '    2',
        '  ],',
        '  "Empty": {},',
        '  "None": []',
        '}'
      ].join('\n')
    )
    expect(rawView('{"broken": ').pretty).toBeNull()
  })

  it('shows plain lines and very large records as recorded', () => {
    expect(rawView('Mar 14 03:12:44 host sshd[1]: Accepted')).toEqual({ kind: 'text', pretty: null })
    const huge = `{"a":"${'x'.repeat(MAX_PRETTY_CHARS)}"}`
    expect(rawView(huge)).toEqual({ kind: 'json', pretty: null })
  })
})

describe('groupWinlogFields', () => {
  it('groups winlog.* keys into System, EventData, UserData and readable forms', () => {
    const { groups, other } = groupWinlogFields({
      'winlog.event_id': 4625,
      'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
      'winlog.event_data.TargetUserName': 'admin',
      'winlog.event_data.LogonType': '3',
      'winlog.user_data.LogFileCleared.SubjectUserName': 'bob',
      'winlog.logon.type': 'Network',
      'winlog.logon.failure.sub_status': 'bad password',
      'winlog.readable.event_data.SubjectUserSid': 'NULL SID',
      'agent.type': 'winlogbeat'
    })
    expect(groups.map((group) => [group.title, group.fields.map((field) => field.name)])).toEqual([
      ['System', ['event_id', 'provider_name']],
      ['EventData', ['LogonType', 'TargetUserName']],
      ['UserData', ['LogFileCleared.SubjectUserName']],
      ['Readable forms', ['event_data.SubjectUserSid', 'logon.failure.sub_status', 'logon.type']]
    ])
    expect(groups[1].fields[1]).toEqual({
      name: 'TargetUserName',
      key: 'winlog.event_data.TargetUserName',
      value: 'admin'
    })
    expect(other.map((field) => field.key)).toEqual(['agent.type'])
  })

  it('reads older imports, where Windows names were kept bare beside the document’s own fields', () => {
    const { groups, other } = groupWinlogFields({
      EventID: 4624,
      Channel: 'Security',
      TaskDisplayName: 'Logon',
      TargetUserName: 'alice',
      'EventData.Channel': 'clash',
      'winlog.logon.type': 'Network',
      'event.created': '2026-03-14T09:30:01.000Z'
    })
    expect(groups.map((group) => [group.group, group.fields.map((field) => field.name)])).toEqual([
      ['system', ['Channel', 'EventID', 'TaskDisplayName']],
      ['eventData', ['Channel', 'TargetUserName']],
      ['readable', ['logon.type']]
    ])
    expect(other.map((field) => field.key)).toEqual(['event.created'])
  })
})

describe('event detail of a Windows event', () => {
  let backend: TestBackend
  const writeText = vi.fn<(text: string) => Promise<void>>()

  const windowsEvent = (raw: string): StoredEvent => ({
    id: 7,
    timestamp: T0,
    fields: {
      'event.module': 'windows',
      'event.code': '4625',
      'user.name': 'admin',
      'winlog.channel': 'Security'
    },
    extra: {
      'winlog.event_id': 4625,
      'winlog.computer_name': 'DC01',
      'winlog.event_data.TargetUserName': 'admin',
      'winlog.event_data.IpAddress': '<img src=x onerror=alert(1)>'
    },
    raw,
    provenance: { evidenceId: 'ev-1', line: 7, offset: 4096 }
  })

  beforeEach(() => {
    backend = setupBackend()
    backend.transport.answer('evidence.list', () => [])
    openCase(makeCase())
    writeText.mockReset().mockResolvedValue(undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
  })
  afterEach(() => vi.unstubAllGlobals())

  function mountDetail(event: StoredEvent) {
    return mount(EventDetail, { props: { event }, global: { plugins: [backend.pinia] } })
  }

  it('lists mapped fields first, then the originals by group, and the raw XML indented', async () => {
    const view = mountDetail(windowsEvent(EVTX_XML))
    await flushPromises()
    const headings = view.findAll('h3').map((heading) => heading.text())
    expect(headings).toEqual([
      'Time',
      'Provenance',
      'Mapped fields',
      'System',
      'EventData',
      'Raw record (XML)'
    ])
    const mapped = view.findAll('.detail__fields th').map((cell) => cell.text())
    expect(mapped).toEqual(['event.code', 'event.module', 'user.name', 'winlog.channel'])
    const system = view.find('[data-testid="winlog-system"]')
    expect(system.findAll('th').map((cell) => cell.text())).toEqual(['computer_name', 'event_id'])
    expect(system.find('th').attributes('title')).toBe('winlog.computer_name')
    const raw = view.find('[data-testid="event-raw"]')
    expect(raw.text().split('\n')[1]).toBe('  <System>')
    await view.find('[data-testid="event-raw-indent"]').setValue(false)
    expect(raw.text()).toBe(EVTX_XML)
  })

  it('shows evidence text as text, never as markup', async () => {
    const view = mountDetail(windowsEvent('<Event><Data><img src=x onerror=alert(1)></Data></Event>'))
    await flushPromises()
    expect(view.find('img').exists()).toBe(false)
    expect(view.find('[data-testid="winlog-eventData"]').text()).toContain('<img src=x onerror=alert(1)>')
    expect(view.find('[data-testid="event-raw"]').text()).toContain('<img src=x onerror=alert(1)>')
  })

  it('copies the record as recorded, even when it is shown indented', async () => {
    const view = mountDetail(windowsEvent(EVTX_XML))
    await view.find('[data-testid="event-raw-copy"]').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(EVTX_XML)
    expect(useNotificationsStore().notices.at(-1)?.message).toBe('Raw record copied as recorded.')
  })

  it('keeps other events as they were: every field in one list and the raw line as recorded', async () => {
    const view = mountDetail({ ...makeEvent(2), raw: '{"a": 1}', extra: { 'url.fragment': 'x' } })
    await flushPromises()
    expect(view.findAll('h3').map((heading) => heading.text())).toEqual([
      'Time',
      'Provenance',
      'Fields',
      'Raw line (JSON)'
    ])
    expect(view.findAll('.detail__fields th').map((cell) => cell.text())).toContain('url.fragment')
    expect(view.find('[data-testid="event-raw"]').text()).toBe('{"a": 1}')
  })
})
