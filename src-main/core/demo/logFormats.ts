// The exact byte layouts real servers write: Apache's combined access log and RFC 3164 syslog as rsyslog
// writes /var/log/auth.log on Debian and Ubuntu. Cairn's parsers sniff formats by content, so anything the
// generator emits has to be indistinguishable from the real thing, down to padding and escaping.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** One request as Apache's `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"` records it. */
export interface AccessLogEntry {
  /** Milliseconds since the epoch, UTC; the log shows whole seconds. */
  at: number
  clientIp: string
  method: string
  target: string
  protocol: 'HTTP/1.0' | 'HTTP/1.1' | 'HTTP/2.0'
  status: number
  /** Response body size; Apache writes `-` for an empty body. */
  bytes: number
  referrer: string | null
  userAgent: string | null
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value)
}

/** `14/Mar/2026:03:12:44 +0000`: the scenario's server runs in UTC. */
export function formatApacheTime(ms: number): string {
  const date = new Date(ms)
  return (
    `${twoDigits(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())} +0000`
  )
}

/** `Mar 14 03:12:44`, `Mar  4 03:12:44`: no year, day of month padded with a space as syslog does. */
export function formatSyslogTime(ms: number): string {
  const date = new Date(ms)
  const day = String(date.getUTCDate()).padStart(2, ' ')
  return (
    `${MONTHS[date.getUTCMonth()]} ${day} ` +
    `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`
  )
}

function needsEscape(code: number): boolean {
  return code === 0x22 || code === 0x5c || code < 0x20 || code === 0x7f
}

/**
 * Apache escapes `"` and `\` with a backslash and control bytes as `\xhh` in the request line and headers
 * it logs, which is what keeps a hostile user agent from breaking the quoted fields.
 */
export function escapeApacheField(value: string): string {
  let index = 0
  while (index < value.length && !needsEscape(value.charCodeAt(index))) index++
  // Returning clean values untouched matters: strings built char by char are deep ropes that slow down
  // every later join of the million lines they end up in.
  if (index === value.length) return value
  const parts = [value.slice(0, index)]
  for (; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 0x22 || code === 0x5c) parts.push(`\\${value[index]}`)
    else if (needsEscape(code)) parts.push(`\\x${code.toString(16).padStart(2, '0')}`)
    else parts.push(value[index])
  }
  return parts.join('')
}

export function formatCombinedLine(entry: AccessLogEntry): string {
  const request = escapeApacheField(`${entry.method} ${entry.target} ${entry.protocol}`)
  const bytes = entry.bytes > 0 ? String(entry.bytes) : '-'
  const referrer = entry.referrer === null ? '-' : escapeApacheField(entry.referrer)
  const userAgent = entry.userAgent === null ? '-' : escapeApacheField(entry.userAgent)
  return (
    `${entry.clientIp} - - [${formatApacheTime(entry.at)}] "${request}" ${entry.status} ${bytes} ` +
    `"${referrer}" "${userAgent}"`
  )
}

/** `Mar 14 03:12:44 web01 sshd[2211]: message`; programs such as sudo log without a pid. */
export function formatSyslogLine(
  at: number,
  host: string,
  program: string,
  pid: number | null,
  message: string
): string {
  const tag = pid === null ? program : `${program}[${pid}]`
  return `${formatSyslogTime(at)} ${host} ${tag}: ${message}`
}
