// Parses the explorer's query language into a QueryNode tree, or a syntax error with the position and
// length of the offending text. OR binds loosest, then AND (written or implied by juxtaposition), then NOT
// and `-`; field values are read by queryValues. Shared by the renderer (errors as you type) and the store.

import type { QueryNode } from './queryAst'
import { MAX_QUERY_DEPTH, MAX_QUERY_TERMS } from './queryAst'
import { hasWildcard, lexQuery, unescapedIndexOf, unescapeWord } from './queryLexer'
import type { QuerySyntaxError, QueryToken } from './queryLexer'
import { QuerySyntaxFailure, TokenCursor, readFieldValue, readRange } from './queryValues'
import type { FieldContext } from './queryValues'

export type { QuerySyntaxError } from './queryLexer'

export type QueryParse = { ok: true; ast: QueryNode | null } | { ok: false; error: QuerySyntaxError }

export function parseQuery(text: string): QueryParse {
  const lexed = lexQuery(text)
  if (!lexed.ok) return lexed
  try {
    return { ok: true, ast: new QueryParser(lexed.tokens).parse() }
  } catch (error) {
    if (error instanceof QuerySyntaxFailure) return { ok: false, error: error.detail }
    throw error
  }
}

const FIELD_NAME = /^[A-Za-z0-9_.@-]+$/

class QueryParser {
  private readonly cursor: TokenCursor
  private depth = 0
  private terms = 0

  constructor(tokens: QueryToken[]) {
    this.cursor = new TokenCursor(tokens)
  }

  parse(): QueryNode | null {
    if (this.cursor.atEnd()) return null
    const node = this.parseOr(null)
    const extra = this.cursor.peek()
    if (extra) throw new QuerySyntaxFailure("unexpected ')': there is no '(' for it to close", extra)
    return node
  }

  private parseOr(field: FieldContext | null): QueryNode {
    const children = [this.parseAnd(field)]
    for (let next = this.cursor.peek(); next && isKeyword(next, 'OR'); next = this.cursor.peek()) {
      this.cursor.take()
      this.expectTermAfter(next, 'OR')
      children.push(this.parseAnd(field))
    }
    return children.length === 1 ? children[0] : { kind: 'or', children }
  }

  private parseAnd(field: FieldContext | null): QueryNode {
    const children = [this.parseUnary(field)]
    for (let next = this.cursor.peek(); next; next = this.cursor.peek()) {
      if (isKeyword(next, 'AND')) {
        this.cursor.take()
        this.expectTermAfter(next, 'AND')
      } else if (!startsTerm(next)) {
        break
      }
      children.push(this.parseUnary(field))
    }
    return children.length === 1 ? children[0] : { kind: 'and', children }
  }

  private parseUnary(field: FieldContext | null): QueryNode {
    const token = this.cursor.take()!
    if (token.type === 'word' && (isKeyword(token, 'NOT') || token.raw === '-')) {
      this.enter(token)
      if (token.raw === '-' && this.cursor.peek()?.position !== token.end) {
        throw new QuerySyntaxFailure("expected a term right after '-'", token)
      }
      this.expectTermAfter(token, token.raw)
      const child = this.parseUnary(field)
      this.depth--
      return { kind: 'not', child }
    }
    if (token.type === 'word' && token.raw.startsWith('-')) {
      const rest = { ...token, raw: token.raw.slice(1), position: token.position + 1 }
      return { kind: 'not', child: this.parseTerm(rest, field) }
    }
    return this.parseTerm(token, field)
  }

  private parseTerm(token: QueryToken, field: FieldContext | null): QueryNode {
    if (token.type === 'bracket') {
      if (token.text === '(') return this.parseGroup(token, field)
      if (field && (token.text === '[' || token.text === '{')) {
        this.countTerm(token)
        return readRange(this.cursor, token, field)
      }
      throw new QuerySyntaxFailure(`unexpected '${token.text}': expected a term`, token)
    }
    if (token.type === 'word' && (isKeyword(token, 'AND') || isKeyword(token, 'OR'))) {
      throw new QuerySyntaxFailure(`expected a term before '${token.raw}'`, token)
    }
    const colon = field || token.type === 'phrase' ? -1 : unescapedIndexOf(token.raw, ':')
    if (colon >= 0 && token.type === 'word') return this.parseFieldTerm(token, colon)
    this.countTerm(token)
    if (field) return readFieldValue(this.cursor, token, field)
    if (token.type === 'word') return fullTextWord(token)
    if (!token.value.trim())
      throw new QuerySyntaxFailure('empty phrase: expected words between the quotes', token)
    return { kind: 'text', value: token.value, prefix: false }
  }

  private parseGroup(open: QueryToken, field: FieldContext | null): QueryNode {
    this.enter(open)
    const first = this.cursor.peek()
    if (!first) throw new QuerySyntaxFailure("unclosed '(': expected ')'", open)
    if (first.type === 'bracket' && first.text === ')') {
      throw new QuerySyntaxFailure("empty '()': expected a term inside", {
        position: open.position,
        end: first.end
      })
    }
    const node = this.parseOr(field)
    // parseOr stops only at the end of the query or at ')'.
    if (!this.cursor.take()) throw new QuerySyntaxFailure("unclosed '(': expected ')'", open)
    this.depth--
    return node
  }

  private parseFieldTerm(token: QueryToken & { type: 'word' }, colon: number): QueryNode {
    const name = token.raw.slice(0, colon)
    const nameSpan = { position: token.position, end: token.position + colon + 1 }
    if (name === '') throw new QuerySyntaxFailure("expected a field name before ':'", nameSpan)
    if (!FIELD_NAME.test(name)) {
      throw new QuerySyntaxFailure(
        `'${name}' is not a field name: expected letters, digits, '.', '_', '-' or '@'`,
        nameSpan
      )
    }
    const field: FieldContext = { name, position: token.position, end: token.end }
    const next = this.cursor.peek()
    if (colon === token.raw.length - 1 && next?.type === 'bracket' && next.text === '(') {
      this.cursor.take()
      return this.parseGroup(next, field)
    }
    this.countTerm(token)
    if (colon < token.raw.length - 1) {
      const value = { ...token, raw: token.raw.slice(colon + 1), position: token.position + colon + 1 }
      return readFieldValue(this.cursor, value, field)
    }
    if (next && next.type === 'bracket' && (next.text === '[' || next.text === '{')) {
      this.cursor.take()
      return readRange(this.cursor, next, field)
    }
    if (!next || !startsTerm(next) || isKeyword(next, 'NOT')) {
      throw new QuerySyntaxFailure(`expected a value after '${name}:'`, token)
    }
    return readFieldValue(this.cursor, this.cursor.take()!, field)
  }

  private expectTermAfter(operator: QueryToken, text: string): void {
    const next = this.cursor.peek()
    if (!next || !startsTerm(next)) throw new QuerySyntaxFailure(`expected a term after '${text}'`, operator)
  }

  private enter(token: QueryToken): void {
    if (++this.depth > MAX_QUERY_DEPTH) {
      throw new QuerySyntaxFailure(`the query nests more than ${MAX_QUERY_DEPTH} levels deep`, token)
    }
  }

  private countTerm(token: QueryToken): void {
    if (++this.terms > MAX_QUERY_TERMS) {
      throw new QuerySyntaxFailure(`the query has more than ${MAX_QUERY_TERMS} terms`, token)
    }
  }
}

/** A bare word searched in messages; a trailing `*` makes it a prefix (the only wildcard FTS4 has). */
function fullTextWord(token: QueryToken & { type: 'word' }): QueryNode {
  const prefix = token.raw.length > 1 && unescapedIndexOf(token.raw, '*') === token.raw.length - 1
  const body = prefix ? token.raw.slice(0, -1) : token.raw
  if (token.raw === '*') {
    throw new QuerySyntaxFailure("'*' alone is not a term: leave the query empty to see every event", token)
  }
  if (hasWildcard(body)) {
    throw new QuerySyntaxFailure(
      "full-text words take '*' only at the end: use field:value for other wildcards",
      token
    )
  }
  return { kind: 'text', value: unescapeWord(body), prefix }
}

function isKeyword(token: QueryToken, keyword: 'AND' | 'OR' | 'NOT'): boolean {
  return token.type === 'word' && token.raw === keyword
}

/** Whether a token can begin a term (so juxtaposition means AND): not `)` and not AND or OR. */
function startsTerm(token: QueryToken): boolean {
  if (token.type === 'bracket') return token.text !== ')'
  return !isKeyword(token, 'AND') && !isKeyword(token, 'OR')
}
