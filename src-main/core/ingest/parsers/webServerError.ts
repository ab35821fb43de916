// Apache and nginx error logs: what the server itself complained about (missing files, denied access,
// crashed workers, mod_security blocks), which often names the client a probe came from. Their timestamps
// carry no zone, so they are read in the zone declared for the evidence.
//   Apache 2.2:  [Sun Dec 04 04:47:44 2005] [error] [client 10.0.0.1] File does not exist: /var/www/x
//   Apache 2.4:  [Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328] [client 1.2.3.4:5] AH00128: …
//   nginx:       2026/03/14 03:12:44 [error] 1234#0: *1 open() "/x" failed (2: …), client: 1.2.3.4, server: …

import type { EventFieldValues } from '../../../common/event'
import { isValidCivilDate, monthFromAbbreviation } from '../../time/civil'
import { zonedWallTimeToUtc } from '../../time/zonedTime'
import type { LineParser, LineParseResult, ParserOptions } from '../parser'
import { normaliseIp } from './addresses'
import { accept, excerpt, reject } from './results'
import type { ExtraFields } from './results'

const APACHE_LINE =
  /^\[(?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? (\d{4})\] \[(?:([\w-]+):)?(\w+)\] ?(.*)$/
const APACHE_PID = /^\[pid (\d+)(?::tid \d+)?\] ?/
const APACHE_CLIENT = /^\[(?:client|remote) ([^\]]+)\] ?/
const NGINX_LINE = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2}) \[(\w+)\] (\d+)#\d+: (.*)$/
const NGINX_CLIENT = /, client: ([^,]+)/
const NGINX_REQUEST = /, request: "([A-Z]+) ([^ "]+)[^"]*"/

const LEVELS = new Set([
  'emerg',
  'alert',
  'crit',
  'error',
  'warn',
  'notice',
  'info',
  'debug',
  'trace1',
  'trace2',
  'trace3',
  'trace4',
  'trace5',
  'trace6',
  'trace7',
  'trace8'
])

export function createApacheErrorParser(options: ParserOptions): LineParser {
  return { format: 'apache_error', parse: (line) => parseApacheError(line, options.timeZone) }
}

export function createNginxErrorParser(options: ParserOptions): LineParser {
  return { format: 'nginx_error', parse: (line) => parseNginxError(line, options.timeZone) }
}

function parseApacheError(line: string, zone: string): LineParseResult {
  const match = APACHE_LINE.exec(line)
  if (match === null) return reject(`'${excerpt(line, 0)}' is not an Apache error log line`)
  const [, monthName, day, hour, minute, second, fraction, year, module, level] = match
  if (!LEVELS.has(level)) return reject(`'${level}' is not an Apache log level`)
  const timestamp = wallTime(
    Number(year),
    monthFromAbbreviation(monthName, 0),
    Number(day),
    hour,
    minute,
    second,
    fraction,
    zone
  )
  if (timestamp === null) return reject(`timestamp '${excerpt(line, 1, line.indexOf(']'))}' is not a date`)
  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.category': 'web',
    'event.dataset': 'apache.error',
    'log.level': level
  }
  const extra: ExtraFields = {}
  if (module !== undefined) extra['apache.error.module'] = module
  let rest = match[10]
  const pid = APACHE_PID.exec(rest)
  if (pid !== null) {
    fields['process.pid'] = Number(pid[1])
    rest = rest.slice(pid[0].length)
  }
  const client = APACHE_CLIENT.exec(rest)
  if (client !== null) {
    recordClient(client[1], fields, extra)
    rest = rest.slice(client[0].length)
  }
  fields.message = rest
  return accept(timestamp, fields, extra, line)
}

function parseNginxError(line: string, zone: string): LineParseResult {
  const match = NGINX_LINE.exec(line)
  if (match === null) return reject(`'${excerpt(line, 0)}' is not an nginx error log line`)
  const [, year, month, day, hour, minute, second, level, pid, message] = match
  if (!LEVELS.has(level)) return reject(`'${level}' is not an nginx log level`)
  const timestamp = wallTime(Number(year), Number(month), Number(day), hour, minute, second, undefined, zone)
  if (timestamp === null) return reject(`timestamp '${line.slice(0, 19)}' is not a date`)
  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.category': 'web',
    'event.dataset': 'nginx.error',
    'log.level': level,
    'process.pid': Number(pid),
    message
  }
  const extra: ExtraFields = {}
  const client = NGINX_CLIENT.exec(message)
  if (client !== null) recordClient(client[1], fields, extra)
  const request = NGINX_REQUEST.exec(message)
  if (request !== null) {
    fields['http.request.method'] = request[1]
    fields['url.original'] = request[2]
  }
  return accept(timestamp, fields, extra, line)
}

/** `1.2.3.4`, `1.2.3.4:5678` or `[2001:db8::1]:443`: the address goes to source.ip, the port to source.port. */
function recordClient(text: string, fields: EventFieldValues, extra: ExtraFields): void {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text)
  const hostPort = /^([^:]+):(\d+)$/.exec(text)
  const [address, port] = bracketed
    ? [bracketed[1], bracketed[2]]
    : hostPort
      ? [hostPort[1], hostPort[2]]
      : [text, undefined]
  const ip = normaliseIp(address)
  if (ip === null) {
    extra['source.address'] = text
    return
  }
  fields['source.ip'] = ip
  if (port !== undefined) fields['source.port'] = Number(port)
}

function wallTime(
  year: number,
  month: number,
  day: number,
  hour: string,
  minute: string,
  second: string,
  fraction: string | undefined,
  zone: string
): number | null {
  const [h, m, s] = [Number(hour), Number(minute), Number(second)]
  if (month === 0 || !isValidCivilDate(year, month, day) || h > 23 || m > 59 || s > 60) return null
  const ms = fraction === undefined ? 0 : Math.floor(Number(fraction.padEnd(3, '0').slice(0, 3)))
  return zonedWallTimeToUtc(year, month, day, h, m, s, ms, zone)
}
