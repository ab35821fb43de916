// Column mapping for CSV/TSV imports: header spellings to ECS fields, the time column found by name and then
// by value (also split over Date and Time columns), the analyst's columnMap overriding the automatic choice
// for the columns it names, and the suggestion the import dialog starts from.

import { describe, expect, it } from 'vitest'
import {
  extraKeys,
  fieldForColumnName,
  normaliseColumnName,
  planColumns,
  suggestColumnMap
} from '../../../../src-main/core/ingest/parsers/csvColumns'

describe('fieldForColumnName', () => {
  it('maps exact ECS names and common spellings, ignoring case and punctuation', () => {
    const expected: Record<string, string> = {
      'source.ip': 'source.ip',
      src_ip: 'source.ip',
      SourceIP: 'source.ip',
      'Source IP': 'source.ip',
      client_ip: 'source.ip',
      'c-ip': 'source.ip',
      srcaddr: 'source.ip',
      dst_ip: 'destination.ip',
      's-ip': 'destination.ip',
      user: 'user.name',
      username: 'user.name',
      UserName: 'user.name',
      'cs-username': 'user.name',
      host: 'host.name',
      hostname: 'host.name',
      Computer: 'host.name',
      message: 'message',
      msg: 'message',
      Content: 'message',
      event_id: 'event.code',
      EventID: 'event.code',
      'event.id': 'event.id',
      action: 'event.action',
      status: 'http.response.status_code',
      'sc-status': 'http.response.status_code',
      url: 'url.original',
      method: 'http.request.method',
      user_agent: 'user_agent.original',
      'cs(User-Agent)': 'user_agent.original',
      process: 'process.name',
      pid: 'process.pid',
      command_line: 'process.command_line',
      CommandLine: 'process.command_line',
      bytes: 'network.bytes',
      'sc-bytes': 'http.response.body.bytes',
      'user_agent.original': 'user_agent.original'
    }
    for (const [name, field] of Object.entries(expected)) expect(fieldForColumnName(name), name).toBe(field)
  })

  it('maps nothing for names it does not know, or for time names', () => {
    for (const name of ['LineId', 'EventTemplate', 'Ticket Ref', 'timestamp', 'Date']) {
      expect(fieldForColumnName(name), name).toBeNull()
    }
  })

  it('normalises names to lower-case letters and digits', () => {
    expect(normaliseColumnName('@Timestamp')).toBe('timestamp')
    expect(normaliseColumnName('_time')).toBe('time')
    expect(normaliseColumnName('Event DateTime')).toBe('eventdatetime')
  })
})

describe('planColumns: the time', () => {
  it('prefers a column named for the time when its values read as times', () => {
    const plan = planColumns(
      ['LineId', 'Timestamp', 'Date', 'Time', 'Content'],
      [['1', '1117838570', '2005.06.03', '2005-06-03-15.42.50.675872', 'x']]
    )
    expect(plan.timeColumns).toEqual([1])
    expect(plan.targets).toEqual(['extra', 'timestamp', 'extra', 'extra', 'message'])
  })

  it('ranks time names: @timestamp before a plain time column', () => {
    const plan = planColumns(['time', '@timestamp'], [['2026-03-01 10:00:00', '2026-03-01T10:00:00Z']])
    expect(plan.timeColumns).toEqual([1])
  })

  it('joins date-part columns when no single column holds the whole time', () => {
    expect(planColumns(['Date', 'Time', 'msg'], [['2016-09-28', '04:30:30', 'x']]).timeColumns).toEqual([
      0, 1
    ])
    expect(
      planColumns(['LineId', 'Month', 'Date', 'Time', 'Content'], [['1', 'Jun', '14', '15:16:01', 'x']])
        .timeColumns
    ).toEqual([1, 2, 3])
    expect(planColumns(['Date', 'Day', 'Time'], [['Dec', '10', '06:55:46']]).timeColumns).toEqual([0, 1, 2])
  })

  it('falls back to the first unnamed column whose values all read as times', () => {
    const plan = planColumns(
      ['Zeitstempel', 'Benutzer', 'Erstellt'],
      [
        ['01.03.2026 10:00:00', 'anna', '2026-01-01'],
        ['15.03.2026 10:00:00', 'bernd', 'gestern']
      ]
    )
    expect(plan.timeColumns).toEqual([0])
    expect(plan.dateOrder).toBe('day-first')
  })

  it('finds no time when nothing reads as one', () => {
    const plan = planColumns(['name', 'Time'], [['a', 'soon']])
    expect(plan.timeColumns).toEqual([])
    expect(plan.targets).toEqual(['extra', 'extra'])
  })

  it('learns the day/month order from the rows', () => {
    const rows = [['03/01/2026 10:00'], ['25/01/2026 10:00']]
    expect(planColumns(['time'], rows).dateOrder).toBe('day-first')
    expect(planColumns(['time'], rows.slice(0, 1)).dateOrder).toBe('month-first')
  })
})

describe('planColumns: fields', () => {
  it('gives each field to the first column that claims it; the rest go to extra', () => {
    const plan = planColumns(['ts', 'src_ip', 'client_ip'], [['1772362800', '192.0.2.1', '192.0.2.2']])
    expect(plan.targets).toEqual(['timestamp', 'source.ip', 'extra'])
  })

  it('keeps a numeric field only when most sample values are numbers', () => {
    const rows = [
      ['1772362800', 'ok', '200'],
      ['1772362801', 'failed', 'n/a'],
      ['1772362802', 'ok', '-']
    ]
    expect(planColumns(['ts', 'status', 'sc-status'], rows).targets).toEqual([
      'timestamp',
      'extra',
      'http.response.status_code'
    ])
  })
})

describe('planColumns: the analyst’s columnMap', () => {
  const header = ['Timestamp', 'Alarm Time', 'src_ip', 'client', 'msg']
  const rows = [['2026-03-01T10:00:00Z', '2026-03-01T10:05:00Z', '192.0.2.1', '198.51.100.1', 'x']]

  it('decides for the columns it names and takes their fields and the time from the automatic plan', () => {
    const plan = planColumns(header, rows, { 'Alarm Time': 'timestamp', client: 'source.ip', msg: 'ignore' })
    expect(plan.targets).toEqual(['extra', 'timestamp', 'extra', 'source.ip', 'ignore'])
    expect(plan.timeColumns).toEqual([1])
  })

  it('leaves the automatic choice for the columns it does not name', () => {
    const plan = planColumns(header, rows, { client: 'destination.ip' })
    expect(plan.targets).toEqual(['timestamp', 'extra', 'source.ip', 'destination.ip', 'message'])
  })
})

describe('extraKeys', () => {
  it('sanitises header names and keeps them apart', () => {
    expect(extraKeys(['Request ID', 'cs(Cookie)', '', 'Request ID', 'Größe (kB)', '.x.'])).toEqual([
      'Request_ID',
      'cs_Cookie',
      'column_3',
      'Request_ID_2',
      'Größe_kB',
      'x'
    ])
  })
})

describe('suggestColumnMap', () => {
  it('reports the delimiter and, per column, its target and a sample value', () => {
    const suggestion = suggestColumnMap('\uFEFFDate;Time;User;Source IP;Note', [
      '01.03.2026;13:05:00;anna;192.0.2.20;',
      '15.03.2026;07:30:15;bernd;192.0.2.21;"two',
      'lines"'
    ])
    expect(suggestion).toEqual({
      delimiter: ';',
      columns: [
        { name: 'Date', target: 'timestamp', sample: '01.03.2026' },
        { name: 'Time', target: 'timestamp', sample: '13:05:00' },
        { name: 'User', target: 'user.name', sample: 'anna' },
        { name: 'Source IP', target: 'source.ip', sample: '192.0.2.20' },
        { name: 'Note', target: 'extra', sample: 'two\nlines' }
      ]
    })
  })

  it('works from a header alone, choosing the time by name', () => {
    expect(
      suggestColumnMap('EventTime\tComputer\tCommandLine', []).columns.map((column) => column.target)
    ).toEqual(['timestamp', 'host.name', 'process.command_line'])
  })
})
