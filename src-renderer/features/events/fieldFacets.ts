// The field sidebar's query work, kept out of the components so it is tested without a DOM: which fields
// the sidebar lists before the analyst adds any, the clause a click on a value ANDs onto the query text, and
// whether the query in force already includes or excludes a value.

import type { EventField } from '../../../src-main/common/event'
import type { QueryNode } from '../../../src-main/common/query/queryAst'
import { parseQuery } from '../../../src-main/common/query/queryParser'
import { quoteValue } from './queryBar'

/** Fields most parsers fill (web, auth and Windows logs alike), so each is worth a look on most cases. */
export const DEFAULT_FACET_FIELDS: readonly EventField[] = [
  'source.ip',
  'user.name',
  'host.name',
  'event.action',
  'event.outcome',
  'http.response.status_code',
  'url.path',
  'process.name',
  'event.code',
  'winlog.channel',
  'event.provider'
]

export type FacetMode = 'include' | 'exclude'

/** `field:value` to keep only events with the value, `-field:value` to drop them; the value quoted if it must be. */
export function facetClause(field: EventField, value: string, mode: FacetMode): string {
  return `${mode === 'exclude' ? '-' : ''}${field}:${quoteValue(value)}`
}

/** The query text with the clause ANDed on; a top-level OR is bracketed first so the clause narrows all of it. */
export function withFacet(queryText: string, field: EventField, value: string, mode: FacetMode): string {
  const current = queryText.trim()
  const clause = facetClause(field, value, mode)
  if (!current) return clause
  const parsed = parseQuery(current)
  const base = parsed.ok && parsed.ast?.kind === 'or' ? `(${current})` : current
  return `${base} ${clause}`
}

function isExactMatch(node: QueryNode, field: EventField, value: string): boolean {
  return (
    node.kind === 'field' && node.field === field && node.test.op === 'equals' && node.test.value === value
  )
}

/** Whether a top-level term of the query is exactly this value (included) or NOT this value (excluded). */
export function facetState(queryText: string, field: EventField, value: string): FacetMode | null {
  const parsed = parseQuery(queryText)
  if (!parsed.ok || !parsed.ast) return null
  const terms = parsed.ast.kind === 'and' ? parsed.ast.children : [parsed.ast]
  if (terms.some((term) => isExactMatch(term, field, value))) return 'include'
  if (terms.some((term) => term.kind === 'not' && isExactMatch(term.child, field, value))) return 'exclude'
  return null
}
