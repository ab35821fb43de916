// The field sidebar's query helpers, without a DOM: the clause a value adds (bare or quoted, with `-` to
// exclude), ANDed so that a top-level OR is bracketed first, and a value recognised as already included or
// excluded only when the query tests exactly that value at its top level.

import { describe, expect, it } from 'vitest'
import { EVENT_FIELDS } from '../../src-main/common/event'
import { parseQuery } from '../../src-main/common/query/queryParser'
import {
  DEFAULT_FACET_FIELDS,
  facetClause,
  facetState,
  withFacet
} from '../../src-renderer/features/events/fieldFacets'

describe('DEFAULT_FACET_FIELDS', () => {
  it('lists only event fields, each once', () => {
    expect(DEFAULT_FACET_FIELDS.filter((field) => !EVENT_FIELDS.includes(field))).toEqual([])
    expect(new Set(DEFAULT_FACET_FIELDS).size).toBe(DEFAULT_FACET_FIELDS.length)
  })
})

describe('facetClause', () => {
  it('leaves a plain value bare and quotes one with spaces, quotes or backslashes', () => {
    expect(facetClause('source.ip', '10.0.0.1', 'include')).toBe('source.ip:10.0.0.1')
    expect(facetClause('user.name', 'a "b" \\c', 'exclude')).toBe('-user.name:"a \\"b\\" \\\\c"')
    expect(facetClause('event.outcome', '', 'include')).toBe('event.outcome:""')
  })

  it('yields an exact match of the value as it was, whatever the value', () => {
    for (const value of ['OR', 'NOT', '-1', 'a "b" \\c', 'C:\\Windows\\cmd.exe', '(x)', '']) {
      expect(parseQuery(facetClause('process.name', value, 'include'))).toEqual({
        ok: true,
        ast: { kind: 'field', field: 'process.name', test: { op: 'equals', value } }
      })
    }
  })
})

describe('withFacet', () => {
  it('becomes the whole query when there is none', () => {
    expect(withFacet('  ', 'host.name', 'web01', 'include')).toBe('host.name:web01')
  })

  it('ANDs the clause onto the query by juxtaposition', () => {
    expect(withFacet('http.response.status_code:>=400 ', 'source.ip', '10.0.0.1', 'exclude')).toBe(
      'http.response.status_code:>=400 -source.ip:10.0.0.1'
    )
  })

  it('brackets a top-level OR so the clause narrows both sides', () => {
    expect(withFacet('user.name:root OR user.name:admin', 'host.name', 'web 01', 'include')).toBe(
      '(user.name:root OR user.name:admin) host.name:"web 01"'
    )
  })
})

describe('facetState', () => {
  it('sees an included and an excluded value among the top-level terms', () => {
    const query = 'host.name:web01 -user.name:"www data" AND source.ip:10.0.0.1'
    expect(facetState(query, 'host.name', 'web01')).toBe('include')
    expect(facetState(query, 'user.name', 'www data')).toBe('exclude')
    expect(facetState(query, 'source.ip', '10.0.0.1')).toBe('include')
    expect(facetState(query, 'host.name', 'web02')).toBeNull()
  })

  it('does not count a value tested inside an OR, by wildcard or under another field', () => {
    expect(facetState('host.name:web01 OR host.name:web02', 'host.name', 'web01')).toBeNull()
    expect(facetState('host.name:web*', 'host.name', 'web01')).toBeNull()
    expect(facetState('url.path:web01', 'host.name', 'web01')).toBeNull()
  })

  it('finds nothing in an empty or unparseable query', () => {
    expect(facetState('', 'host.name', 'web01')).toBeNull()
    expect(facetState('host.name:web01 AND', 'host.name', 'web01')).toBeNull()
  })
})
