import { describe, expect, it } from 'vitest'
import { completeQuery } from '../../../src-main/common/query/queryCompletion'

describe('completeQuery', () => {
  it('offers field names by prefix, then names with a later dotted part that matches', () => {
    const done = completeQuery('source.p', 8, [])
    expect(done).toEqual({
      from: 0,
      to: 8,
      kind: 'field',
      prefix: 'source.p',
      suggestions: ['source.port', 'source.packets']
    })
    expect(completeQuery('stat', 4, []).suggestions).toEqual(['http.response.status_code'])
    expect(completeQuery('@', 1, []).suggestions).toEqual(['@timestamp'])
  })

  it('includes the extra field names passed in, without duplicates', () => {
    const done = completeQuery('x win', 5, ['winlog.event_data.LogonType', 'winlog.channel'])
    expect(done.from).toBe(2)
    expect(done.suggestions).toEqual(['winlog.channel', 'winlog.event_data.LogonType'])
  })

  it('replaces the whole word under the cursor, and skips a leading -', () => {
    expect(completeQuery('-user.na AND x', 5, [])).toMatchObject({ from: 1, to: 8, prefix: 'user' })
  })

  it('offers AND/OR/NOT after a complete term, filtered by what was typed', () => {
    expect(completeQuery('user.name:root ', 15, [])).toEqual({
      from: 15,
      to: 15,
      kind: 'operator',
      prefix: '',
      suggestions: ['AND', 'OR', 'NOT']
    })
    expect(completeQuery('"a phrase" O', 12, [])).toEqual({
      from: 11,
      to: 12,
      kind: 'operator',
      prefix: 'O',
      suggestions: ['OR']
    })
    expect(completeQuery('(a OR b) ', 9, []).kind).toBe('operator')
  })

  it('offers fields after an operator or an opening bracket', () => {
    expect(completeQuery('a AND ', 6, []).kind).toBe('field')
    expect(completeQuery('(', 1, []).suggestions.length).toBe(67)
  })

  it('gives the field and typed prefix for a value, with no suggestions', () => {
    expect(completeQuery('user.name:adm', 13, [])).toEqual({
      from: 10,
      to: 13,
      kind: 'value',
      prefix: 'adm',
      field: 'user.name',
      suggestions: []
    })
    expect(completeQuery('http.response.status_code:>=5', 29, [])).toMatchObject({ from: 28, prefix: '5' })
    expect(completeQuery('-host.name:', 11, [])).toMatchObject({
      kind: 'value',
      field: 'host.name',
      prefix: ''
    })
    expect(completeQuery('host.name: ', 11, [])).toMatchObject({
      kind: 'value',
      field: 'host.name',
      from: 11
    })
  })

  it('gives a quoted value from its opening quote to its closing one', () => {
    expect(completeQuery('user.name:"Domain Ad" x', 18, [])).toEqual({
      from: 10,
      to: 21,
      kind: 'value',
      prefix: 'Domain ',
      field: 'user.name',
      suggestions: []
    })
    expect(completeQuery('"failed pa', 10, [])).toEqual({
      from: 0,
      to: 10,
      kind: 'value',
      prefix: 'failed pa',
      suggestions: []
    })
  })
})
