// PAM module messages (pam_unix and modules that copy its wording, such as pam_sss) for any service: auth
// failures, sessions and password changes. Old syslogs put the module in the tag (`sshd(pam_unix)[12]:`),
// newer ones in the message (`pam_unix(sshd:auth): …`); both arrive here as service + message text.

import { setAuthAction, setSource, setUser, type AuthEventTarget } from './authFields'

/** `pam_unix(sshd:auth): text`, also other modules such as pam_sss. */
const PAM_PREFIX = /^pam_[a-z0-9_]+\(([^:)]+):([a-z]+)\): (.*)$/

const AUTH_FAILURE = /^authentication failure; (.*)$/
const SESSION_OPENED = /^session opened for user (\S+?)(?:\(uid=\d+\))? by (\S*?)(?:\(uid=(\d+)\))?$/
const SESSION_CLOSED = /^session closed for user (\S+)$/
const PASSWORD_CHANGED = /^password changed for (\S+)$/
const KEY_VALUE = /(\w+)=(\S*)/g

/** Services whose session user is the account switched to, so the invoking user is user.name. */
const SWITCH_USER_SERVICES = new Set(['su', 'su-l', 'sudo', 'sudo-i'])

/** Service and text of a `pam_xxx(service:type): text` message, or null when the message is not one. */
export function splitPamPrefix(message: string): { service: string; text: string } | null {
  const match = PAM_PREFIX.exec(message)
  return match === null ? null : { service: match[1], text: match[3] }
}

export function describePamMessage(service: string, text: string, target: AuthEventTarget): void {
  const switchesUser = SWITCH_USER_SERVICES.has(service)
  const isSu = service === 'su' || service === 'su-l'
  let match = AUTH_FAILURE.exec(text)
  if (match !== null) {
    const values = keyValues(match[1])
    if (isSu) {
      setAuthAction(target, 'authentication', 'su', 'failure')
      setUser(target, 'user.name', values.get('ruser') || values.get('logname'))
      setUser(target, 'user.target.name', values.get('user'))
    } else {
      setAuthAction(target, 'authentication', 'pam_auth_failure', 'failure')
      setUser(target, 'user.name', values.get('user'))
    }
    setSource(target, values.get('rhost'))
    return
  }
  if ((match = SESSION_OPENED.exec(text)) !== null) {
    if (isSu) setAuthAction(target, 'authentication', 'su', 'success')
    else setAuthAction(target, 'session', 'session_opened', 'success')
    if (switchesUser) {
      setUser(target, 'user.name', match[2])
      setUser(target, 'user.target.name', match[1])
      // `by (uid=0)`: the invoker has no name in the log, only its uid.
      if (match[2] === '' && match[3] !== undefined) target.extra['user.id'] = match[3]
    } else {
      setUser(target, 'user.name', match[1])
    }
    return
  }
  if ((match = SESSION_CLOSED.exec(text)) !== null) {
    setAuthAction(target, 'session', 'session_closed')
    setUser(target, switchesUser ? 'user.target.name' : 'user.name', match[1])
    return
  }
  if ((match = PASSWORD_CHANGED.exec(text)) !== null) {
    setAuthAction(target, 'iam', 'password_changed', 'success')
    setUser(target, 'user.name', match[1])
  }
}

function keyValues(text: string): Map<string, string> {
  const values = new Map<string, string>()
  for (const match of text.matchAll(KEY_VALUE)) values.set(match[1], match[2])
  return values
}
