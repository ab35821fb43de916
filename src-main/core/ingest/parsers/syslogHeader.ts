// The parts of a syslog line both RFC 3164 and RFC 5424 share: the <PRI> value (facility and severity)
// and, in BSD-style lines, the `tag[pid]:` that names the program. Severity becomes log.level so analysts
// can filter errors without knowing syslog's numbering.

import type { ExtraFields } from './results'
import type { EventFieldValues } from '../../../common/event'

const SEVERITY_NAMES = [
  'emergency',
  'alert',
  'critical',
  'error',
  'warning',
  'notice',
  'informational',
  'debug'
]
const FACILITY_NAMES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7'
]
const MAX_PRIORITY = 191

/** A `<PRI>` at the start of a line: its value and the index after '>'; or why it is not valid. */
export type PriorityRead = { priority: number; end: number } | { problem: string }

/** Reads `<PRI>` at the start of `line` (the caller checked line[0] is '<'). */
export function readPriority(line: string): PriorityRead {
  const close = line.indexOf('>')
  const digits = close === -1 ? '' : line.slice(1, close)
  if (close === -1 || close > 4 || !/^\d{1,3}$/.test(digits) || (digits.length > 1 && digits[0] === '0')) {
    return { problem: `priority '${line.slice(0, Math.min(line.length, 5))}' is not <0-191>` }
  }
  const priority = Number(digits)
  if (priority > MAX_PRIORITY) return { problem: `priority <${priority}> is out of range 0-191` }
  return { priority, end: close + 1 }
}

/** Records the severity as log.level and the facility by name. */
export function recordPriority(priority: number, fields: EventFieldValues, extra: ExtraFields): void {
  fields['log.level'] = SEVERITY_NAMES[priority & 7]
  extra['log.syslog.facility.name'] = FACILITY_NAMES[priority >> 3]
}

/** The name of a syslog severity 0–7 ('error', 'informational' …), or undefined for any other number. */
export function severityName(severity: number): string | undefined {
  return SEVERITY_NAMES[severity]
}

/** The name of a syslog facility 0–23 ('auth', 'authpriv', 'local0' …), or undefined for any other number. */
export function facilityName(facility: number): string | undefined {
  return FACILITY_NAMES[facility]
}

/** A BSD syslog tag: `sshd[123]:`, `kernel:`, or the old PAM style `sshd(pam_unix)[123]:`. */
export interface SyslogTag {
  program: string
  pid?: number
  /** Process id text that is not a number (kept in extra rather than lost). */
  procId?: string
  /** PAM module named in an old-style tag such as `sshd(pam_unix)`. */
  pamModule?: string
  /** Index of the message's first character. */
  messageStart: number
}

const OLD_PAM_TAG = /^(.+)\((pam_[a-z0-9_]+)\)$/

/** Reads the tag starting at `start`, or returns null when the text there is not `name[pid]:` or `name:`. */
export function readTag(line: string, start: number): SyslogTag | null {
  let end = start
  while (end < line.length) {
    const code = line.charCodeAt(end)
    if (code === 32 || code === 91 || code === 58) break
    end++
  }
  if (end === start) return null
  let colon = end
  let pidText: string | undefined
  if (line.charCodeAt(end) === 91) {
    const close = line.indexOf(']', end)
    if (close === -1) return null
    pidText = line.slice(end + 1, close)
    colon = close + 1
  }
  if (line.charCodeAt(colon) !== 58) return null
  const messageStart = line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1
  const name = line.slice(start, end)
  const oldPam = OLD_PAM_TAG.exec(name)
  const tag: SyslogTag = { program: oldPam === null ? name : oldPam[1], messageStart }
  if (oldPam !== null) tag.pamModule = oldPam[2]
  if (pidText !== undefined) {
    if (/^\d{1,10}$/.test(pidText)) tag.pid = Number(pidText)
    else tag.procId = pidText
  }
  return tag
}
