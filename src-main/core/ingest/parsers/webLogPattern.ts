// Reads the pattern a responder copies from a server's configuration, an Apache `LogFormat` string or an
// nginx `log_format` string (bare, or as the whole configuration line), into literal text and directives.
// What each directive means is decided in webLogFormatDirectives.ts; how a line is matched, in webLogFormat.ts.

import { CairnError } from '../../../common/errors'

export type WebLogDialect = 'apache' | 'nginx'

export interface PatternDirective {
  /** As written, for messages: '%>s', '%{Referer}i', '$status'. */
  label: string
  /** 1-based position of the directive in the format string. */
  position: number
  /** Apache: the directive's letter; nginx: the variable's name. */
  name: string
  /** Apache: the text between braces (`Referer` in %{Referer}i), if any. */
  argument?: string
  /** Apache: '>' asks for the final request after internal redirects, '<' for the original one. */
  modifier?: '<' | '>'
}

export interface LexedPattern {
  dialect: WebLogDialect
  /** The format string itself, unwrapped from a configuration line and unescaped. */
  format: string
  /** literals[i] comes before directives[i]; the last literal ends the pattern. */
  literals: string[]
  directives: PatternDirective[]
}

const APACHE_DIRECTIVE = /%[<>!,\d]*(?:\{[^}]*\})?[<>]?[A-Za-z]/
const NGINX_VARIABLE = /\$(?:\{[A-Za-z_]|[A-Za-z_])/
const LOG_FORMAT_LINE = /^\s*LogFormat\s+"((?:[^"\\]|\\.)*)"/
const LOG_FORMAT_DIRECTIVE =
  /^\s*log_format\s+\S+\s+(?:escape=\w+\s+)?((?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\s)+);?\s*$/
const NGINX_QUOTED_PART = /'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g

/** Splits a pattern into literals and directives; throws BAD_REQUEST naming what it cannot read. */
export function lexWebLogPattern(pattern: string): LexedPattern {
  const apacheLine = LOG_FORMAT_LINE.exec(pattern)
  if (apacheLine !== null) return lexApache(unescapeApache(apacheLine[1]))
  const nginxLine = LOG_FORMAT_DIRECTIVE.exec(pattern)
  if (nginxLine !== null) return lexNginx(joinNginxParts(nginxLine[1]))
  const apache = APACHE_DIRECTIVE.test(pattern)
  const nginx = NGINX_VARIABLE.test(pattern)
  if (apache && nginx) {
    throw new CairnError(
      'BAD_REQUEST',
      `the pattern mixes Apache %directives and nginx $variables: paste it as the configuration line (LogFormat "…" or log_format name '…';) so Cairn knows which server wrote it`
    )
  }
  if (apache) return lexApache(unescapeApache(pattern))
  if (nginx) return lexNginx(pattern)
  throw new CairnError(
    'BAD_REQUEST',
    `the pattern '${pattern.slice(0, 60)}' has no Apache %directive or nginx $variable: it cannot describe a log line`
  )
}

/** Undoes the backslash escapes httpd.conf needs inside a quoted LogFormat string (\" and \\, \t, \n). */
function unescapeApache(format: string): string {
  return format.replace(/\\(["\\tn])/g, (_match, escaped: string) =>
    escaped === 't' ? '\t' : escaped === 'n' ? '\n' : escaped
  )
}

/** nginx concatenates the quoted pieces of a log_format directive: `'$remote_addr - ' '"$request"'`. */
function joinNginxParts(parts: string): string {
  let format = ''
  for (const match of parts.matchAll(NGINX_QUOTED_PART)) {
    format += (match[1] ?? match[2]).replace(/\\(.)/g, '$1')
  }
  return format
}

function lexApache(format: string): LexedPattern {
  const literals: string[] = []
  const directives: PatternDirective[] = []
  let literal = ''
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') {
      literal += format[i]
      continue
    }
    if (format[i + 1] === '%') {
      literal += '%'
      i++
      continue
    }
    const directive = readApacheDirective(format, i)
    literals.push(literal)
    literal = ''
    directives.push(directive)
    i = directive.position - 1 + directive.label.length - 1
  }
  literals.push(literal)
  return { dialect: 'apache', format, literals, directives }
}

/** One %…x item starting at `start`: status conditions, < or > and {argument} in any order, then a letter. */
function readApacheDirective(format: string, start: number): PatternDirective {
  let modifier: '<' | '>' | undefined
  let argument: string | undefined
  for (let i = start + 1; i < format.length; i++) {
    const char = format[i]
    if (char === '<' || char === '>') {
      modifier = char
    } else if (char === '{') {
      const close = format.indexOf('}', i)
      if (close === -1) {
        throw new CairnError('BAD_REQUEST', `'%{' at position ${start + 1} has no closing '}'`)
      }
      argument = format.slice(i + 1, close)
      i = close
    } else if (isLetter(char)) {
      const label = format.slice(start, i + 1)
      return { label, position: start + 1, name: char, argument, modifier }
    } else if (char !== '!' && char !== ',' && !(char >= '0' && char <= '9')) {
      throw new CairnError(
        'BAD_REQUEST',
        `'${format.slice(start, i + 1)}' at position ${start + 1} is not a LogFormat directive${char === '^' ? ' Cairn reads (%^ti and %^to, the trailers, are not supported)' : ''}`
      )
    }
  }
  throw new CairnError('BAD_REQUEST', `the pattern ends inside the directive '${format.slice(start)}'`)
}

function lexNginx(format: string): LexedPattern {
  const literals: string[] = []
  const directives: PatternDirective[] = []
  let literal = ''
  for (let i = 0; i < format.length; i++) {
    const braced = format[i + 1] === '{'
    const nameStart = braced ? i + 2 : i + 1
    if (format[i] !== '$' || !isNameStart(format[nameStart])) {
      literal += format[i]
      continue
    }
    let nameEnd = nameStart
    while (nameEnd < format.length && isNameChar(format[nameEnd])) nameEnd++
    if (braced && format[nameEnd] !== '}') {
      throw new CairnError('BAD_REQUEST', `'\${' at position ${i + 1} has no closing '}'`)
    }
    const end = braced ? nameEnd + 1 : nameEnd
    literals.push(literal)
    literal = ''
    directives.push({
      label: format.slice(i, end),
      position: i + 1,
      name: format.slice(nameStart, nameEnd).toLowerCase()
    })
    i = end - 1
  }
  literals.push(literal)
  return { dialect: 'nginx', format, literals, directives }
}

function isLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z')
}

function isNameStart(char: string | undefined): boolean {
  return char !== undefined && (isLetter(char) || char === '_')
}

function isNameChar(char: string): boolean {
  return isNameStart(char) || (char >= '0' && char <= '9')
}
