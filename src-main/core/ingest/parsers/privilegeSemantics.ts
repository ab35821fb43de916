// sudo, su and cron: who ran what as whom, and who failed to. sudo logs one `user : key=value ; …` line per
// command (with a reason such as `3 incorrect password attempts` first when it refused); su logs in
// several styles depending on the implementation (shadow-utils, util-linux, the old BSD-style sulog); cron
// logs each job it starts and crontab(1) each crontab it replaces, a common way to persist on a host.

import { setAuthAction, setUser, type AuthEventTarget } from './authFields'

const SUDO_LINE = /^\s*(\S+) : (.*)$/
const SUDO_SEPARATOR = ' ; '
const SUDO_KEY_VALUE = /^([A-Z]+)=(.*)$/s

/** Describes a sudo command line (its pam_unix lines go to pamSemantics); other messages are left alone. */
export function describeSudoMessage(message: string, target: AuthEventTarget): void {
  const match = SUDO_LINE.exec(message)
  if (match === null) return
  let reason: string | undefined
  const values = new Map<string, string>()
  let rest = match[2]
  while (rest !== '') {
    // COMMAND comes last and may itself contain ' ; ', so it takes the rest of the line.
    if (rest.startsWith('COMMAND=')) {
      values.set('COMMAND', rest.slice('COMMAND='.length))
      break
    }
    const separator = rest.indexOf(SUDO_SEPARATOR)
    const segment = separator === -1 ? rest : rest.slice(0, separator)
    const keyValue = SUDO_KEY_VALUE.exec(segment)
    if (keyValue !== null) values.set(keyValue[1], keyValue[2])
    else if (values.size === 0 && reason === undefined) reason = segment
    else return
    rest = separator === -1 ? '' : rest.slice(separator + SUDO_SEPARATOR.length)
  }
  if (!values.has('COMMAND') && !values.has('TTY')) return

  const deniedPassword = reason !== undefined && /incorrect password attempt/.test(reason)
  setAuthAction(
    target,
    deniedPassword ? 'authentication' : 'process',
    'sudo_command',
    reason === undefined ? 'success' : 'failure'
  )
  setUser(target, 'user.name', match[1])
  setUser(target, 'user.target.name', values.get('USER'))
  if (reason !== undefined) target.fields['event.reason'] = reason
  const command = values.get('COMMAND')
  if (command !== undefined) target.fields['process.command_line'] = command
  const workingDirectory = values.get('PWD')
  if (workingDirectory !== undefined) target.extra['process.working_directory'] = workingDirectory
  const tty = values.get('TTY')
  if (tty !== undefined) target.extra['system.auth.sudo.tty'] = tty
}

const SU_SUCCESSFUL = /^Successful su for (\S+) by (\S+)$/
const SU_FAILED = /^FAILED SU \(to (\S+)\) (\S+) on (\S+)$/
const SU_UTIL_LINUX = /^\(to (\S+)\) (\S+) on (\S+)$/
const SU_SULOG = /^([+-]) (\S+) (\S+?):(\S+)$/

export function describeSuMessage(message: string, target: AuthEventTarget): void {
  let match = SU_SUCCESSFUL.exec(message)
  if (match !== null) recordSu(target, 'success', match[2], match[1])
  else if ((match = SU_FAILED.exec(message)) !== null) recordSu(target, 'failure', match[2], match[1])
  else if ((match = SU_UTIL_LINUX.exec(message)) !== null) recordSu(target, 'success', match[2], match[1])
  else if ((match = SU_SULOG.exec(message)) !== null) {
    recordSu(target, match[1] === '+' ? 'success' : 'failure', match[3], match[4])
  }
}

function recordSu(
  target: AuthEventTarget,
  outcome: 'success' | 'failure',
  invoker: string,
  targetUser: string
): void {
  setAuthAction(target, 'authentication', 'su', outcome)
  setUser(target, 'user.name', invoker)
  setUser(target, 'user.target.name', targetUser)
}

/** Vixie cron and cronie: `(root) CMD (   cd / && run-parts --report /etc/cron.hourly)`. */
const CRON_COMMAND = /^\((\S+)\) CMD \((.*)\)$/s
/** crontab(1) editing a user's table: `(alice) REPLACE (alice)`, `(root) DELETE (bob)`. */
const CRONTAB_CHANGE = /^\((\S+)\) (REPLACE|DELETE) \((\S+)\)$/

/** Describes a cron job start; cron's other messages (STARTUP, INFO, RELOAD) are left alone. */
export function describeCronMessage(message: string, target: AuthEventTarget): void {
  const match = CRON_COMMAND.exec(message)
  if (match === null) return
  setAuthAction(target, 'process', 'cron_command')
  setUser(target, 'user.name', match[1])
  // Crontab lines align their commands with spaces; the leading ones are layout, not the command.
  const command = match[2].trimStart()
  if (command !== '') target.fields['process.command_line'] = command
}

/** Describes crontab(1) replacing or deleting a crontab: who did it and whose table it was. */
export function describeCrontabMessage(message: string, target: AuthEventTarget): void {
  const match = CRONTAB_CHANGE.exec(message)
  if (match === null) return
  setAuthAction(target, 'configuration', 'crontab_modified', 'success')
  setUser(target, 'user.name', match[1])
  setUser(target, 'user.target.name', match[3])
  target.extra['system.cron.operation'] = match[2]
}
