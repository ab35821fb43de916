// Strict grammars for the generated logs, written independently of the generator: each line must match
// what Apache and rsyslog/sshd/sudo/cron really write, and the tests read times and fields back through
// these rather than trusting the generator's own formatting code.

import { isIP } from 'node:net'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"'

const ACCESS_LINE = new RegExp(
  '^(\\S+) - - \\[(\\d{2})/(' +
    MONTHS.join('|') +
    ')/(\\d{4}):(\\d{2}):(\\d{2}):(\\d{2}) \\+0000\\] ' +
    QUOTED +
    ' (\\d{3}) (\\d+|-) ' +
    QUOTED +
    ' ' +
    QUOTED +
    '$'
)
const REQUEST = /^(GET|POST|HEAD|OPTIONS) (\S+) HTTP\/(1\.0|1\.1|2\.0)$/

export interface AccessRecord {
  clientIp: string
  at: number
  method: string
  target: string
  protocol: string
  status: number
  bytes: number
  referrer: string
  userAgent: string
}

/** Parses one combined-format line, or throws saying what is wrong with it. */
export function parseAccessLine(line: string): AccessRecord {
  const match = ACCESS_LINE.exec(line)
  if (!match) throw new Error(`not an Apache combined line: ${line}`)
  const [, clientIp, day, month, year, hour, minute, second, request, status, bytes, referrer, userAgent] =
    match
  if (isIP(clientIp) === 0) throw new Error(`client is not an IP address: ${line}`)
  const requestMatch = REQUEST.exec(request)
  if (!requestMatch) throw new Error(`request field is not METHOD TARGET PROTOCOL: ${line}`)
  if (bytes === '0') throw new Error(`Apache writes "-", not 0, for an empty body: ${line}`)
  return {
    clientIp,
    at: Date.UTC(
      Number(year),
      MONTHS.indexOf(month),
      Number(day),
      Number(hour),
      Number(minute),
      Number(second)
    ),
    method: requestMatch[1],
    target: requestMatch[2],
    protocol: requestMatch[3],
    status: Number(status),
    bytes: bytes === '-' ? 0 : Number(bytes),
    referrer,
    userAgent
  }
}

const SYSLOG_LINE = new RegExp(
  '^(' +
    MONTHS.join('|') +
    ') ( [1-9]|[12]\\d|3[01]) (\\d{2}):(\\d{2}):(\\d{2}) ([a-z0-9-]+) ([A-Za-z-]+)(?:\\[(\\d+)\\])?: (.+)$'
)

const IPV4 = '\\d{1,3}(?:\\.\\d{1,3}){3}'
const USER = '[a-z_][a-z0-9_-]*'
const PORT = '\\d{1,5}'

/** Every message each program may write, in the exact wording of OpenSSH, Linux-PAM, sudo and shadow. */
const MESSAGES: Record<string, RegExp[]> = {
  sshd: [
    new RegExp(`^Failed password for (?:invalid user )?${USER} from ${IPV4} port ${PORT} ssh2$`),
    new RegExp(
      `^Accepted (?:password|publickey) for ${USER} from ${IPV4} port ${PORT} ssh2(?:: ED25519 SHA256:[A-Za-z0-9+/]{43})?$`
    ),
    new RegExp(`^Invalid user ${USER} from ${IPV4} port ${PORT}$`),
    /^pam_unix\(sshd:auth\): check pass; user unknown$/,
    new RegExp(
      `^pam_unix\\(sshd:auth\\): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${IPV4}(?: {2}user=${USER})?$`
    ),
    new RegExp(`^pam_unix\\(sshd:session\\): session opened for user ${USER}\\(uid=\\d+\\) by \\(uid=0\\)$`),
    new RegExp(`^pam_unix\\(sshd:session\\): session closed for user ${USER}$`),
    new RegExp(
      `^Connection closed by (?:authenticating user ${USER} |invalid user ${USER} )?${IPV4} port ${PORT}(?: \\[preauth\\])?$`
    ),
    new RegExp(
      `^Received disconnect from ${IPV4} port ${PORT}:11: (?:Bye Bye \\[preauth\\]|disconnected by user)$`
    ),
    new RegExp(
      `^Disconnected from (?:authenticating user|invalid user|user) ${USER} ${IPV4} port ${PORT}(?: \\[preauth\\])?$`
    ),
    new RegExp(
      `^PAM [1-5] more authentication failures?; logname= uid=0 euid=0 tty=ssh ruser= rhost=${IPV4}(?: {2}user=${USER})?$`
    ),
    /^error: kex_exchange_identification: Connection closed by remote host$/,
    new RegExp(
      `^Unable to negotiate with ${IPV4} port ${PORT}: no matching key exchange method found\\. Their offer: [a-z0-9,-]+ \\[preauth\\]$`
    )
  ],
  sudo: [
    new RegExp(`^ *${USER} : TTY=pts/\\d+ ; PWD=/[^ ;]* ; USER=root ; COMMAND=/\\S+(?: \\S+)*$`),
    new RegExp(
      `^pam_unix\\(sudo:session\\): session opened for user root\\(uid=0\\) by ${USER}\\(uid=\\d+\\)$`
    ),
    /^pam_unix\(sudo:session\): session closed for user root$/,
    new RegExp(
      `^pam_unix\\(sudo:auth\\): authentication failure; logname=${USER} uid=\\d+ euid=0 tty=/dev/pts/\\d+ ruser=${USER} rhost= {2}user=${USER}$`
    )
  ],
  CRON: [
    new RegExp(`^pam_unix\\(cron:session\\): session opened for user ${USER}\\(uid=\\d+\\) by \\(uid=0\\)$`),
    new RegExp(`^pam_unix\\(cron:session\\): session closed for user ${USER}$`)
  ],
  'systemd-logind': [
    new RegExp(`^New session \\d+ of user ${USER}\\.$`),
    /^Session \d+ logged out\. Waiting for processes to exit\.$/,
    /^Removed session \d+\.$/
  ],
  useradd: [
    new RegExp(`^new group: name=${USER}, GID=\\d+$`),
    new RegExp(`^new user: name=${USER}, UID=\\d+, GID=\\d+, home=/home/${USER}, shell=/bin/bash$`)
  ],
  passwd: [new RegExp(`^pam_unix\\(passwd:chauthtok\\): password changed for ${USER}$`)],
  usermod: [new RegExp(`^add '${USER}' to (?:shadow )?group '${USER}'$`)]
}

export interface AuthRecord {
  at: number
  host: string
  program: string
  pid: number | null
  message: string
}

/** Parses one RFC 3164 auth.log line (the year comes from outside, as it must), or throws. */
export function parseAuthLine(line: string, year: number): AuthRecord {
  const match = SYSLOG_LINE.exec(line)
  if (!match) throw new Error(`not an RFC 3164 syslog line: ${line}`)
  const [, month, day, hour, minute, second, host, program, pid, message] = match
  const patterns = MESSAGES[program]
  if (!patterns) throw new Error(`unexpected program ${program}: ${line}`)
  if ((pid === undefined) !== (program === 'sudo')) throw new Error(`only sudo logs without a pid: ${line}`)
  if (!patterns.some((pattern) => pattern.test(message)))
    throw new Error(`unexpected ${program} message: ${line}`)
  return {
    at: Date.UTC(
      year,
      MONTHS.indexOf(month),
      Number(day.trim()),
      Number(hour),
      Number(minute),
      Number(second)
    ),
    host,
    program,
    pid: pid === undefined ? null : Number(pid),
    message
  }
}

/** Index of the first record earlier than the one before it, or -1 when the records are in time order. */
export function firstOutOfOrder(records: readonly { at: number }[]): number {
  return records.findIndex((record, index) => index > 0 && record.at < records[index - 1].at)
}
