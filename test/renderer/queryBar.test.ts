// The query bar's text helpers, without a DOM: an error's span cut out of the typed text with a 1-based
// position in its message, values quoted only when they must be, top values filtered by what was typed,
// and a chosen suggestion replacing exactly text[from, to] with the cursor after it.

import { describe, expect, it } from 'vitest'
import { completeQuery } from '../../src-main/common/query/queryCompletion'
import { parseQuery } from '../../src-main/common/query/queryParser'
import {
  applySuggestion,
  isEventField,
  markError,
  matchingValues,
  quoteValue
} from '../../src-renderer/features/events/queryBar'

describe('markError', () => {
  it('cuts the offending span out of the text and numbers characters from 1', () => {
    expect(
      markError('user.name:root AND', { message: "expected a term after 'AND'", position: 15, length: 3 })
    ).toEqual({
      before: 'user.name:root ',
      marked: 'AND',
      after: '',
      message: "expected a term after 'AND' at character 16"
    })
  })

  it('keeps the text after the span', () => {
    const marked = markError('a:1 b: AND c', {
      message: "expected a value after 'b:'",
      position: 4,
      length: 2
    })
    expect([marked.before, marked.marked, marked.after]).toEqual(['a:1 ', 'b:', ' AND c'])
  })

  it('marks one blank character for an empty span at the end of the text', () => {
    const marked = markError('abc', { message: 'something missing', position: 3, length: 0 })
    expect([marked.before, marked.marked, marked.after]).toEqual(['abc', ' ', ''])
  })
})

describe('quoteValue', () => {
  it('leaves plain words bare', () => {
    expect(['203.0.113.50', 'admin@example.org', '/wp-login.php', '404'].map(quoteValue)).toEqual([
      '203.0.113.50',
      'admin@example.org',
      '/wp-login.php',
      '404'
    ])
  })

  it('quotes spaces, colons, wildcards, brackets and a leading minus, escaping quotes and backslashes', () => {
    expect(quoteValue('Failed password')).toBe('"Failed password"')
    expect(quoteValue('2001:db8::17')).toBe('"2001:db8::17"')
    expect(quoteValue('adm*')).toBe('"adm*"')
    expect(quoteValue('(x)')).toBe('"(x)"')
    expect(quoteValue('-1')).toBe('"-1"')
    expect(quoteValue('C:\\Temp\\"a"')).toBe('"C:\\\\Temp\\\\\\"a\\""')
  })

  it('quotes injection attempts into one phrase the parser reads back as the same value', () => {
    const value = `'; DROP TABLE events; --`
    const parsed = parseQuery(`message:${quoteValue(value)}`)
    expect(parsed).toEqual({
      ok: true,
      ast: { kind: 'field', field: 'message', test: { op: 'equals', value } }
    })
  })
})

describe('matchingValues', () => {
  it('puts values starting with the prefix first, then values containing it, ignoring case', () => {
    expect(matchingValues(['192.168.10.1', '10.0.0.1', 'WEB10', '10.1.1.1', '8.8.8.8'], '10')).toEqual([
      '10.0.0.1',
      '10.1.1.1',
      '192.168.10.1',
      'WEB10'
    ])
    expect(matchingValues(['Admin', 'root'], 'adm')).toEqual(['Admin'])
  })
})

describe('isEventField', () => {
  it('accepts stored columns only', () => {
    expect([
      isEventField('source.ip'),
      isEventField('@timestamp'),
      isEventField('nope'),
      isEventField(undefined)
    ]).toEqual([true, false, false, false])
  })
})

describe('applySuggestion', () => {
  it('completes a field name with its colon and puts the cursor after it', () => {
    const text = 'status:404 AND http.resp'
    const completion = completeQuery(text, text.length, [])
    expect(applySuggestion(text, completion, 'http.response.status_code')).toEqual({
      text: 'status:404 AND http.response.status_code:',
      cursor: 41
    })
  })

  it('replaces only the name when the cursor is inside a name that already has a value', () => {
    const text = 'sou:203.0.113.50'
    const completion = completeQuery(text, 3, [])
    expect(applySuggestion(text, completion, 'source.ip')).toEqual({
      text: 'source.ip:203.0.113.50',
      cursor: 10
    })
  })

  it('completes a value, quoting it when needed, with a space for the next term at the end', () => {
    const text = 'user.name:ad'
    const completion = completeQuery(text, text.length, [])
    expect(applySuggestion(text, completion, 'admin')).toEqual({ text: 'user.name:admin ', cursor: 16 })
    const spaced = 'message:Fail'
    expect(applySuggestion(spaced, completeQuery(spaced, spaced.length, []), 'Failed password')).toEqual({
      text: 'message:"Failed password" ',
      cursor: 26
    })
  })

  it('replaces a value in the middle of the text without adding a space', () => {
    const text = 'user.name:ro AND host.name:web01'
    const completion = completeQuery(text, 12, [])
    expect(applySuggestion(text, completion, 'root')).toEqual({
      text: 'user.name:root AND host.name:web01',
      cursor: 14
    })
  })

  it('completes an operator', () => {
    const text = 'user.name:root O'
    expect(applySuggestion(text, completeQuery(text, text.length, []), 'OR')).toEqual({
      text: 'user.name:root OR ',
      cursor: 18
    })
  })
})
