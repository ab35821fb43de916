// What each Apache LogFormat directive and nginx log_format variable means: how its text is read and which
// ECS field it fills, matching what the combined parser (apacheAccess.ts) produces for the same data.
// Anything without an ECS column is kept in `extra` under a dotted name, so nothing the server logged is lost.

import { CairnError } from '../../../common/errors'
import type { PatternDirective } from './webLogPattern'
import { compileStrftime, EPOCH_UNITS } from './webLogTime'
import {
  BRACKETED_CLF_TIME,
  bareClfTime,
  bracketedClfTime,
  CLF_TIME,
  clfBodyBytes,
  COUNT,
  DECIMAL,
  decimalSecondsDuration,
  DIGITS,
  duration,
  EPOCH_SECONDS,
  epochCount,
  epochSecondsDecimal,
  isoTime,
  method,
  NON_EMPTY_TOKEN,
  numberToExtra,
  OPTIONAL_QUERY,
  protocol,
  query,
  QUESTION_MARK_IF_ANY,
  requestLine,
  requestTarget,
  secondFraction,
  serverName,
  sourceAddress,
  STATUS,
  status,
  strftimeReader,
  strftimeTime,
  TEXT,
  toExtra,
  toField,
  toIp,
  TOKEN,
  toNumber,
  type ValueReader,
  type ValueWriter
} from './webLogValues'

/** One directive as the compiler uses it. */
export interface DirectiveMeaning {
  reader: ValueReader
  /**
   * The event fields it fills. When several directives would fill the same field, the one with the lowest
   * rank wins (then the first in the pattern); the others keep their value under `extraKey`.
   */
  fills: readonly string[]
  rank: number
  /** Where the value goes when another directive fills its fields, or when it has no ECS field. */
  extraKey: string
  write: ValueWriter
  /** Written before the others: the request line, which a server name or a later field may refine. */
  early: boolean
  /** Gives the event its date (a complete instant, or a strftime format naming year, month and day). */
  dates: boolean
  /**
   * A header, cookie or variable value: when such values end a pattern in quotes, lines may lack them (older
   * lines from before the server's format gained them, or a line cut short) and are still read.
   */
  optionalAtEnd: boolean
}

interface MeaningSpec {
  reader: ValueReader
  write?: ValueWriter
  fills?: readonly string[]
  rank?: number
  early?: boolean
  dates?: boolean
  optionalAtEnd?: boolean
}

const REQUEST_LINE_FIELDS = [
  'message',
  'http.request.method',
  'http.version',
  'url.original',
  'url.path',
  'url.query'
] as const
const TARGET_FIELDS = ['url.original', 'url.path', 'url.query'] as const
const NANOSECONDS = { s: 1_000_000_000, ms: 1_000_000, us: 1_000 } as const

function meaning(extraKey: string, spec: MeaningSpec): DirectiveMeaning {
  return {
    reader: spec.reader,
    write: spec.write ?? toExtra(extraKey),
    fills: spec.fills ?? [],
    rank: spec.rank ?? 1,
    extraKey,
    early: spec.early ?? false,
    dates: spec.dates ?? false,
    optionalAtEnd: spec.optionalAtEnd ?? false
  }
}

/** A directive kept only in `extra`, under `extraKey`. */
function kept(extraKey: string, reader: ValueReader): DirectiveMeaning {
  return meaning(extraKey, { reader })
}

/** A header, cookie or environment value: kept in `extra`, and optional at the end of a line. */
function keptHeader(extraKey: string): DirectiveMeaning {
  return meaning(extraKey, { reader: TEXT, optionalAtEnd: true })
}

function requestHeader(name: string): DirectiveMeaning {
  const header = name.toLowerCase()
  if (header === 'referer') {
    return meaning('http.request.headers.referer', {
      reader: TEXT,
      write: toField('http.request.referrer'),
      fills: ['http.request.referrer'],
      optionalAtEnd: true
    })
  }
  if (header === 'user-agent') {
    return meaning('http.request.headers.user-agent', {
      reader: TEXT,
      write: toField('user_agent.original'),
      fills: ['user_agent.original'],
      optionalAtEnd: true
    })
  }
  return keptHeader(`http.request.headers.${header}`)
}

function fail(directive: PatternDirective, problem: string): never {
  throw new CairnError('BAD_REQUEST', `${directive.label} at position ${directive.position}: ${problem}`)
}

/** The meaning of one Apache mod_log_config directive; throws BAD_REQUEST for one Cairn cannot read. */
export function apacheDirective(directive: PatternDirective, ns: string): DirectiveMeaning {
  const { argument } = directive
  const key = (name: string): string => `${ns}.${name}`
  const needsArgument = (what: string): string =>
    argument !== undefined && argument !== '' ? argument : fail(directive, `needs {${what}}`)
  switch (directive.name) {
    case 'a':
      return argument === 'c'
        ? kept(key('peer_ip'), TOKEN)
        : meaning(key('client_ip'), {
            reader: TOKEN,
            write: toIp('source.ip', 'source.address'),
            fills: ['source'],
            rank: 0
          })
    case 'A':
      return meaning(key('local_ip'), {
        reader: TOKEN,
        write: toIp('destination.ip', key('local_ip')),
        fills: ['destination.ip']
      })
    case 'B':
    case 'b':
      return meaning(key('body_bytes'), {
        reader: COUNT,
        write: directive.name === 'b' ? clfBodyBytes : toNumber('http.response.body.bytes'),
        fills: ['http.response.body.bytes'],
        rank: 0
      })
    case 'C':
      return keptHeader(`http.request.cookies.${needsArgument('cookie name')}`)
    case 'D':
      return meaning(key('duration_us'), {
        reader: COUNT,
        write: duration(NANOSECONDS.us),
        fills: ['event.duration']
      })
    case 'e':
      return keptHeader(key(`env.${needsArgument('variable name')}`))
    case 'f':
      return meaning(key('file'), { reader: TEXT, write: toField('file.path'), fills: ['file.path'] })
    case 'h':
      return argument === 'c'
        ? kept(key('peer_host'), TOKEN)
        : meaning(key('remote_host'), { reader: NON_EMPTY_TOKEN, write: sourceAddress, fills: ['source'] })
    case 'H':
      return meaning(key('protocol'), {
        reader: TOKEN,
        write: protocol(key('protocol')),
        fills: ['http.version']
      })
    case 'i':
      return requestHeader(needsArgument('header name'))
    case 'I':
      return meaning('http.request.bytes', { reader: COUNT, write: numberToExtra('http.request.bytes') })
    case 'k':
      return kept(key('keepalive_requests'), TOKEN)
    case 'l':
      return meaning(key('identity'), { reader: TOKEN, write: identity(key('identity')) })
    case 'L':
      return kept('http.request.id', TOKEN)
    case 'm':
      return meaning(key('method'), {
        reader: TOKEN,
        write: method(key('method')),
        fills: ['http.request.method']
      })
    case 'n':
      return keptHeader(key(`note.${needsArgument('note name')}`))
    case 'o':
      return keptHeader(`http.response.headers.${needsArgument('header name').toLowerCase()}`)
    case 'O':
      // %O counts headers too, but it is the only byte count vhost_combined (and Debian's combined) logs, so
      // like Filebeat it fills the response bytes column unless %b or %B is there as well.
      return meaning('http.response.bytes', {
        reader: COUNT,
        write: toNumber('http.response.body.bytes'),
        fills: ['http.response.body.bytes'],
        rank: 1
      })
    case 'p':
      return apachePort(directive, key)
    case 'P':
      return argument === 'tid' || argument === 'hextid'
        ? kept('process.thread.id', TOKEN)
        : meaning(key('pid'), { reader: COUNT, write: toNumber('process.pid'), fills: ['process.pid'] })
    case 'q':
      return meaning(key('query'), { reader: OPTIONAL_QUERY, write: query, fills: ['url.query'] })
    case 'r':
      return meaning(key('request'), {
        reader: TEXT,
        write: requestLine,
        fills: REQUEST_LINE_FIELDS,
        rank: 0,
        early: true
      })
    case 'R':
      return kept(key('handler'), TOKEN)
    case 's':
      return meaning(key(directive.modifier === '<' ? 'original_status' : 'status'), {
        reader: STATUS,
        write: status,
        fills: ['http.response.status_code'],
        rank: directive.modifier === '>' ? 0 : directive.modifier === '<' ? 2 : 1
      })
    case 'S':
      return meaning(key('bytes'), {
        reader: COUNT,
        write: toNumber('network.bytes'),
        fills: ['network.bytes']
      })
    case 't':
      return apacheTime(directive, key)
    case 'T':
      return apacheDuration(directive, key)
    case 'u':
      return meaning(key('user'), { reader: TEXT, write: toField('user.name'), fills: ['user.name'] })
    case 'U':
      return meaning(key('url_path'), { reader: TEXT, write: toField('url.path'), fills: ['url.path'] })
    case 'v':
    case 'V':
      return meaning(key(directive.name === 'v' ? 'server_name' : 'request_server_name'), {
        reader: TOKEN,
        write: serverName,
        fills: ['url.domain'],
        rank: directive.name === 'v' ? 0 : 1
      })
    case 'X':
      return kept(key('connection_status'), TOKEN)
    default:
      return fail(directive, `'%${directive.name}' is not an Apache LogFormat directive`)
  }
}

/** $is_args only separates the path from the arguments: '?' or nothing, which says nothing by itself. */
const separatorOnly: ValueWriter = () => null

/** %l: the identd answer; kept as Apache logged it, even empty, like the combined parser does. */
function identity(extraKey: string): ValueWriter {
  return (value, draft) => {
    if (value !== '-') draft.extra[extraKey] = value
    return null
  }
}

function apachePort(directive: PatternDirective, key: (name: string) => string): DirectiveMeaning {
  if (directive.argument === 'remote') {
    return meaning(key('remote_port'), {
      reader: COUNT,
      write: toNumber('source.port'),
      fills: ['source.port']
    })
  }
  if (
    directive.argument !== undefined &&
    directive.argument !== 'canonical' &&
    directive.argument !== 'local'
  ) {
    fail(directive, `the port must be {canonical}, {local} or {remote}, not {${directive.argument}}`)
  }
  return meaning(key('server_port'), {
    reader: COUNT,
    write: toNumber('destination.port'),
    fills: ['destination.port']
  })
}

/** %t, %{sec}t and friends, or %{strftime format}t, each optionally prefixed begin: or end:. */
function apacheTime(directive: PatternDirective, key: (name: string) => string): DirectiveMeaning {
  if (directive.argument === undefined) {
    return meaning(key('time'), {
      reader: BRACKETED_CLF_TIME,
      write: bracketedClfTime,
      fills: ['time'],
      dates: true
    })
  }
  const format = directive.argument.replace(/^(?:begin|end):/, '')
  const unit = EPOCH_UNITS[format]
  if (unit !== undefined && unit.fraction) {
    return meaning(key(format), {
      reader: DIGITS,
      write: secondFraction(unit.perMs),
      fills: ['time.fraction']
    })
  }
  if (unit !== undefined) {
    return meaning(key(format), {
      reader: DIGITS,
      write: epochCount(unit.perMs),
      fills: ['time'],
      dates: true
    })
  }
  const compiled = compileStrftime(format, `${directive.label} at position ${directive.position}`)
  return meaning(key('time'), {
    reader: strftimeReader(compiled.scan, format),
    write: strftimeTime(compiled.scan),
    dates: compiled.givesDate
  })
}

function apacheDuration(directive: PatternDirective, key: (name: string) => string): DirectiveMeaning {
  const unit = directive.argument ?? 's'
  if (unit !== 's' && unit !== 'ms' && unit !== 'us') {
    fail(directive, `the unit must be {s}, {ms} or {us}, not {${unit}}`)
  }
  return meaning(key(`duration_${unit}`), {
    reader: COUNT,
    write: duration(NANOSECONDS[unit]),
    fills: ['event.duration']
  })
}

/** The meaning of one nginx variable; variables Cairn has no field for are kept under nginx.access.<name>. */
export function nginxVariable(directive: PatternDirective, ns: string): DirectiveMeaning {
  const name = directive.name
  const key = `${ns}.${name}`
  const known = NGINX_VARIABLES[name]
  if (known !== undefined) return meaning(key, known)
  if (name.startsWith('http_')) return requestHeader(name.slice(5).replace(/_/g, '-'))
  if (name.startsWith('sent_http_'))
    return keptHeader(`http.response.headers.${name.slice(10).replace(/_/g, '-')}`)
  if (name.startsWith('cookie_')) return keptHeader(`http.request.cookies.${name.slice(7)}`)
  return keptHeader(key)
}

const NGINX_VARIABLES: Readonly<Record<string, MeaningSpec>> = {
  remote_addr: { reader: NON_EMPTY_TOKEN, write: sourceAddress, fills: ['source'], rank: 0 },
  remote_user: { reader: TEXT, write: toField('user.name'), fills: ['user.name'] },
  remote_port: { reader: COUNT, write: toNumber('source.port'), fills: ['source.port'] },
  time_local: { reader: CLF_TIME, write: bareClfTime, fills: ['time'], dates: true },
  time_iso8601: { reader: TOKEN, write: isoTime, fills: ['time'], dates: true },
  msec: { reader: EPOCH_SECONDS, write: epochSecondsDecimal, fills: ['time'], dates: true },
  request: { reader: TEXT, write: requestLine, fills: REQUEST_LINE_FIELDS, rank: 0, early: true },
  request_method: {
    reader: TOKEN,
    write: method('nginx.access.request_method'),
    fills: ['http.request.method']
  },
  request_uri: { reader: TOKEN, write: requestTarget, fills: TARGET_FIELDS, rank: 0, early: true },
  uri: { reader: TEXT, write: toField('url.path'), fills: ['url.path'] },
  args: { reader: TEXT, write: query, fills: ['url.query'] },
  query_string: { reader: TEXT, write: query, fills: ['url.query'] },
  is_args: { reader: QUESTION_MARK_IF_ANY, write: separatorOnly },
  server_protocol: {
    reader: TOKEN,
    write: protocol('nginx.access.server_protocol'),
    fills: ['http.version']
  },
  status: { reader: STATUS, write: status, fills: ['http.response.status_code'], rank: 0 },
  body_bytes_sent: {
    reader: COUNT,
    write: toNumber('http.response.body.bytes'),
    fills: ['http.response.body.bytes'],
    rank: 0
  },
  bytes_sent: {
    reader: COUNT,
    write: toNumber('http.response.body.bytes'),
    fills: ['http.response.body.bytes']
  },
  request_length: { reader: COUNT, write: numberToExtra('http.request.bytes') },
  request_time: { reader: DECIMAL, write: decimalSecondsDuration, fills: ['event.duration'] },
  host: { reader: TOKEN, write: serverName, fills: ['url.domain'], rank: 0 },
  server_name: { reader: TOKEN, write: serverName, fills: ['url.domain'] },
  server_addr: {
    reader: TOKEN,
    write: toIp('destination.ip', 'nginx.access.server_addr'),
    fills: ['destination.ip']
  },
  server_port: { reader: COUNT, write: toNumber('destination.port'), fills: ['destination.port'] },
  scheme: { reader: TOKEN, write: toExtra('url.scheme') },
  pid: { reader: COUNT, write: toNumber('process.pid'), fills: ['process.pid'] },
  hostname: { reader: TOKEN, write: toField('host.name'), fills: ['host.name'] },
  request_id: { reader: TOKEN, write: toExtra('http.request.id') }
}
