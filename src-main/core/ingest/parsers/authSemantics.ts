// Reads what an auth.log line means (who tried to log in from where, who became root, which account
// changed) from its program name and message. The syslog parsers call it for every line; it writes ECS
// fields in place and says whether the line belongs to the auth log (event.dataset 'system.auth').

import type { AuthEventTarget } from './authFields'
import { describeAccountMessage } from './accountSemantics'
import { describeFtpMessage, describeKloginMessage, describeLoginMessage } from './loginServiceSemantics'
import { describePamMessage, splitPamPrefix } from './pamSemantics'
import { describeSshdMessage } from './sshdSemantics'
import {
  describeCronMessage,
  describeCrontabMessage,
  describeSuMessage,
  describeSudoMessage
} from './privilegeSemantics'

const ACCOUNT_PROGRAMS = new Set([
  'useradd',
  'usermod',
  'userdel',
  'groupadd',
  'groupdel',
  'groupmod',
  'passwd',
  'chpasswd',
  'chage',
  'gpasswd'
])
const FTP_PROGRAMS = new Set(['ftpd', 'in.ftpd', 'wu-ftpd', 'vsftpd', 'proftpd', 'pure-ftpd'])
/** Vixie cron (Debian's `CRON`) and cronie (`crond`, `CROND`). */
const CRON_PROGRAMS = new Set(['cron', 'CRON', 'crond', 'CROND'])
/** Programs whose every line belongs to the auth log even when no specific message is recognised. */
const AUTH_PROGRAMS = new Set([
  'sshd',
  'sshd-session',
  'sudo',
  'su',
  'login',
  'klogind',
  'gdm',
  'gdm-binary',
  'gdm-password',
  'systemd-logind',
  'polkitd',
  'pkexec',
  ...ACCOUNT_PROGRAMS,
  ...FTP_PROGRAMS
])

/**
 * Describes one syslog message into `target` and returns true when it is an auth log line. Cron jobs and
 * crontab changes are described too (who ran what, who changed a crontab) but stay out of the auth log:
 * cron logs them to the cron facility, not to auth.log.
 * `pamModule` is set for old-style tags such as `sshd(pam_unix)`, whose messages omit the `pam_unix(…)` prefix.
 */
export function describeAuthLine(
  program: string | undefined,
  pamModule: string | undefined,
  message: string,
  target: AuthEventTarget
): boolean {
  const pam = splitPamPrefix(message)
  if (pam !== null) {
    describePamMessage(pam.service, pam.text, target)
    return true
  }
  if (program === undefined) return false
  const name = program.slice(program.lastIndexOf('/') + 1)
  if (pamModule !== undefined) {
    describePamMessage(name, message, target)
    return true
  }
  if (name === 'sshd' || name === 'sshd-session') describeSshdMessage(message, target)
  else if (name === 'sudo') describeSudoMessage(message, target)
  else if (name === 'su') describeSuMessage(message, target)
  else if (name === 'login') describeLoginMessage(message, target)
  else if (name === 'klogind') describeKloginMessage(message, target)
  else if (FTP_PROGRAMS.has(name)) describeFtpMessage(message, target)
  else if (ACCOUNT_PROGRAMS.has(name)) describeAccountMessage(message, target)
  else if (CRON_PROGRAMS.has(name)) describeCronMessage(message, target)
  else if (name === 'crontab') describeCrontabMessage(message, target)
  return AUTH_PROGRAMS.has(name)
}
