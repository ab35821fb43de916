import { describe, expect, it } from 'vitest'
import { parseQuery } from '../../../src-main/common/query/queryParser'
import type { QueryNode } from '../../../src-main/common/query/queryAst'

function ast(text: string): QueryNode | null {
  const parsed = parseQuery(text)
  if (!parsed.ok) throw new Error(`did not parse: ${parsed.error.message} at ${parsed.error.position}`)
  return parsed.ast
}

function error(text: string) {
  const parsed = parseQuery(text)
  if (parsed.ok) throw new Error(`parsed, but should not have: ${text}`)
  return parsed.error
}

const eq = (field: string, value: string): QueryNode => ({
  kind: 'field',
  field,
  test: { op: 'equals', value }
})
const word = (value: string, prefix = false): QueryNode => ({ kind: 'text', value, prefix })

describe('parseQuery: terms', () => {
  it('gives no tree for an empty or blank query', () => {
    expect(ast('')).toBeNull()
    expect(ast('   \t')).toBeNull()
  })

  it('reads field:value, quoted values, exists and full-text words and phrases', () => {
    expect(ast('source.ip:10.0.0.1')).toEqual(eq('source.ip', '10.0.0.1'))
    expect(ast('user.name:"Domain Admins"')).toEqual(eq('user.name', 'Domain Admins'))
    expect(ast('user.name: alice')).toEqual(eq('user.name', 'alice'))
    expect(ast('source.ip:*')).toEqual({ kind: 'field', field: 'source.ip', test: { op: 'exists' } })
    expect(ast('failed')).toEqual(word('failed'))
    expect(ast('pass*')).toEqual(word('pass', true))
    expect(ast('"failed password"')).toEqual(word('failed password'))
    // IPv6 and times keep their colons: only the first one separates the field.
    expect(ast('source.ip:2001:db8::1')).toEqual(eq('source.ip', '2001:db8::1'))
  })

  it('reads wildcards, keeping escapes for the compiler, and escaped characters as literals', () => {
    expect(ast('user.name:adm*')).toEqual({
      kind: 'field',
      field: 'user.name',
      test: { op: 'wildcard', pattern: 'adm*' }
    })
    expect(ast('user.name:a?min')).toEqual({
      kind: 'field',
      field: 'user.name',
      test: { op: 'wildcard', pattern: 'a?min' }
    })
    expect(ast('url.path:a\\*b')).toEqual(eq('url.path', 'a*b'))
    expect(ast('file.path:C\\:\\\\Windows\\\\*')).toEqual({
      kind: 'field',
      field: 'file.path',
      test: { op: 'wildcard', pattern: 'C\\:\\\\Windows\\\\*' }
    })
    // Inside quotes only \" and \\ are escapes: a Windows path reads as written, and * is literal.
    expect(ast('process.executable:"C:\\Windows\\cmd.exe"')).toEqual(
      eq('process.executable', 'C:\\Windows\\cmd.exe')
    )
    expect(ast('message:"say \\"hi\\" a*"')).toEqual(eq('message', 'say "hi" a*'))
  })

  it('reads comparisons and ranges, with either bound open', () => {
    const range = (lower: unknown, upper: unknown): QueryNode =>
      ({
        kind: 'field',
        field: 'http.response.status_code',
        test: { op: 'range', lower, upper }
      }) as QueryNode
    expect(ast('http.response.status_code:>=500')).toEqual(range({ value: '500', inclusive: true }, null))
    expect(ast('http.response.status_code:>500')).toEqual(range({ value: '500', inclusive: false }, null))
    expect(ast('http.response.status_code:<400')).toEqual(range(null, { value: '400', inclusive: false }))
    expect(ast('http.response.status_code:<= 399')).toEqual(range(null, { value: '399', inclusive: true }))
    expect(ast('http.response.status_code:[500 TO 599]')).toEqual(
      range({ value: '500', inclusive: true }, { value: '599', inclusive: true })
    )
    expect(ast('http.response.status_code:{500 TO 599}')).toEqual(
      range({ value: '500', inclusive: false }, { value: '599', inclusive: false })
    )
    expect(ast('http.response.status_code:[500 TO *]')).toEqual(
      range({ value: '500', inclusive: true }, null)
    )
    expect(ast('user.name:[a TO "m z"}')).toEqual({
      kind: 'field',
      field: 'user.name',
      test: { op: 'range', lower: { value: 'a', inclusive: true }, upper: { value: 'm z', inclusive: false } }
    })
    expect(ast('http.response.status_code:[* TO *]')).toEqual({
      kind: 'field',
      field: 'http.response.status_code',
      test: { op: 'exists' }
    })
  })

  it('reads @timestamp as a period in UTC (no zone means UTC), an offset moving it', () => {
    const hour9 = Date.UTC(2026, 2, 14, 9, 0, 0)
    expect(ast('@timestamp:>=2026-03-14T09:00:00Z')).toEqual({ kind: 'time', from: hour9 })
    expect(ast('@timestamp:>=2026-03-14T09:00:00')).toEqual({ kind: 'time', from: hour9 })
    expect(ast('@timestamp:>=2026-03-14T11:00:00+02:00')).toEqual({ kind: 'time', from: hour9 })
    expect(ast('@timestamp:<2026-03-14T09:00')).toEqual({ kind: 'time', to: hour9 })
    // A day stands for the whole day: both ends of an inclusive range take in their day.
    expect(ast('@timestamp:[2026-03-14 TO 2026-03-15]')).toEqual({
      kind: 'time',
      from: Date.UTC(2026, 2, 14),
      to: Date.UTC(2026, 2, 16)
    })
    expect(ast('@timestamp:2026-03-14')).toEqual({
      kind: 'time',
      from: Date.UTC(2026, 2, 14),
      to: Date.UTC(2026, 2, 15)
    })
    expect(ast('@timestamp:>2026-03')).toEqual({ kind: 'time', from: Date.UTC(2026, 3, 1) })
    expect(ast('@timestamp:"2026-03-14 09:00:00.250"')).toEqual({
      kind: 'time',
      from: hour9 + 250,
      to: hour9 + 251
    })
  })

  it('names other fields as written, for the compiler to read from extra', () => {
    expect(ast('winlog.event_data.LogonType:3')).toEqual(eq('winlog.event_data.LogonType', '3'))
    expect(ast('LogonType:10')).toEqual(eq('LogonType', '10'))
  })
})

describe('parseQuery: operators', () => {
  it('binds AND tighter than OR, juxtaposition meaning AND', () => {
    expect(ast('a OR b c')).toEqual({
      kind: 'or',
      children: [word('a'), { kind: 'and', children: [word('b'), word('c')] }]
    })
    expect(ast('a AND b OR c')).toEqual({
      kind: 'or',
      children: [{ kind: 'and', children: [word('a'), word('b')] }, word('c')]
    })
    expect(ast('(a OR b) c')).toEqual({
      kind: 'and',
      children: [{ kind: 'or', children: [word('a'), word('b')] }, word('c')]
    })
  })

  it('negates with NOT and a leading -', () => {
    expect(ast('NOT user.name:root')).toEqual({ kind: 'not', child: eq('user.name', 'root') })
    expect(ast('-user.name:root')).toEqual({ kind: 'not', child: eq('user.name', 'root') })
    expect(ast('-(a b)')).toEqual({ kind: 'not', child: { kind: 'and', children: [word('a'), word('b')] } })
    expect(ast('a NOT NOT b')).toEqual({
      kind: 'and',
      children: [word('a'), { kind: 'not', child: { kind: 'not', child: word('b') } }]
    })
    // Lower-case words are words, not operators.
    expect(ast('a and b')).toEqual({ kind: 'and', children: [word('a'), word('and'), word('b')] })
  })

  it('applies field:( … ) to every value inside', () => {
    expect(ast('user.name:(alice OR -bob)')).toEqual({
      kind: 'or',
      children: [eq('user.name', 'alice'), { kind: 'not', child: eq('user.name', 'bob') }]
    })
  })
})

describe('parseQuery: injection attempts are plain values', () => {
  it('keeps SQL and FTS syntax as text', () => {
    expect(ast(`url.path:"'; DROP TABLE events; --"`)).toEqual(eq('url.path', "'; DROP TABLE events; --"))
    expect(ast(`'; DROP TABLE events; --`)).toEqual({
      kind: 'and',
      // A leading '-' negates, as in Lucene: '--' is NOT '-'.
      children: [word("';"), word('DROP'), word('TABLE'), word('events;'), { kind: 'not', child: word('-') }]
    })
    expect(ast('user.name:\\"x')).toEqual(eq('user.name', '"x'))
    expect(ast('message:"a\\\\"')).toEqual(eq('message', 'a\\'))
  })

  it('refuses field names that could break out of a JSON path', () => {
    expect(error('$."x:1')).toMatchObject({ message: "unclosed quote: expected a closing '\"'", position: 2 })
    expect(error('$.\\"x:1')).toMatchObject({
      message: expect.stringContaining('is not a field name'),
      position: 0,
      length: 6
    })
    const e = error("a$'b:1")
    expect(e).toEqual({ message: expect.stringContaining('is not a field name'), position: 0, length: 5 })
  })
})

describe('parseQuery: errors point at the offending text', () => {
  it.each([
    ['user.name:', "expected a value after 'user.name:'", 0, 10],
    ['user.name: AND x', "expected a value after 'user.name:'", 0, 10],
    ['a AND', "expected a term after 'AND'", 2, 3],
    ['a AND OR b', "expected a term after 'AND'", 2, 3],
    ['OR a', "expected a term before 'OR'", 0, 2],
    ['NOT', "expected a term after 'NOT'", 0, 3],
    ['(a OR b', "unclosed '(': expected ')'", 0, 1],
    ['a (b', "unclosed '(': expected ')'", 2, 1],
    ['a OR b)', "unexpected ')': there is no '(' for it to close", 6, 1],
    ['x ()', "empty '()': expected a term inside", 2, 2],
    ['a ] b', "unexpected ']': expected a term", 2, 1],
    ['message:"abc', "unclosed quote: expected a closing '\"'", 8, 4],
    ['abc\\', "expected a character after '\\'", 3, 1],
    [':foo', "expected a field name before ':'", 0, 1],
    ['ad*in', "full-text words take '*' only at the end: use field:value for other wildcards", 0, 5],
    ['*', "'*' alone is not a term: leave the query empty to see every event", 0, 1],
    ['""', 'empty phrase: expected words between the quotes', 0, 2],
    ['http.response.status_code:[500 599]', "expected 'TO' between the range's bounds", 31, 3],
    ['http.response.status_code:[500 TO 599', "unclosed range: expected ']' or '}'", 26, 1],
    ['http.response.status_code:[TO 599]', "expected a lower bound before 'TO'", 27, 2],
    ['http.response.status_code:[500 TO 599)', "expected ']' or '}' to close the range", 37, 1],
    ['http.response.status_code:[600 TO 500]', 'the range is empty: 600 is above 500', 26, 12],
    [
      'http.response.status_code:abc',
      "http.response.status_code holds numbers: expected a number, not 'abc'",
      26,
      3
    ],
    ['http.response.status_code:>=', "expected a value after '>='", 26, 2]
  ])('%s', (text, message, position, length) => {
    expect(error(text)).toEqual({ message, position, length })
  })

  it('gives a bad time as an error at its position', () => {
    expect(error('@timestamp:>=2026-13-01')).toMatchObject({ position: 13, length: 10 })
    expect(error('@timestamp:2026-02-30').message).toMatch(
      /^'2026-02-30' is not a time: expected a time such as/
    )
    expect(error('x @timestamp:[2026-03-14 TO yesterday]')).toMatchObject({ position: 28, length: 9 })
    expect(error('@timestamp:2026-03-14T25:00Z')).toMatchObject({ position: 11, length: 17 })
    expect(error('@timestamp:adm*')).toMatchObject({ position: 11, length: 4 })
    expect(error('@timestamp:{2026-03-14 TO 2026-03-14}').message).toBe(
      'the time range is empty: its start is not before its end'
    )
  })
})

describe('parseQuery: limits', () => {
  it('allows 200 terms and refuses the 201st at its position', () => {
    const terms = Array.from({ length: 201 }, (_, i) => `t${i}`)
    expect(parseQuery(terms.slice(0, 200).join(' ')).ok).toBe(true)
    const text = terms.join(' ')
    expect(error(text)).toEqual({
      message: 'the query has more than 200 terms',
      position: text.indexOf('t200'),
      length: 4
    })
    expect(error(Array.from({ length: 201 }, () => 'user.name:x').join(' OR ')).message).toBe(
      'the query has more than 200 terms'
    )
  })

  it('allows 32 levels of nesting and refuses the 33rd without exhausting the stack', () => {
    expect(parseQuery('('.repeat(32) + 'a' + ')'.repeat(32)).ok).toBe(true)
    expect(error('('.repeat(33) + 'a' + ')'.repeat(33))).toEqual({
      message: 'the query nests more than 32 levels deep',
      position: 32,
      length: 1
    })
    expect(error('NOT '.repeat(100_000) + 'a').position).toBe(32 * 4)
    expect(error('('.repeat(100_000)).message).toBe('the query nests more than 32 levels deep')
  })
})
