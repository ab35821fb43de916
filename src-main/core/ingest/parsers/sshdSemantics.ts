// OpenSSH server messages turned into login attempts, invalid users and connection events. The wording
// follows sshd's own log calls (auth.c, auth2.c, sshd.c, packet.c) across versions, including the
// "authenticating user" / "invalid user" prefixes newer releases add to disconnect lines.

import { setAuthAction, setSource, setUser, type AuthEventTarget } from './authFields'

/**
 * `Accepted password for alice from 192.0.2.1 port 52311 ssh2`, also for invalid users and empty names. The
 * user name is the attacker's text and may itself contain "from 10.0.0.1 port 22": patterns that put a
 * name before the address take the name greedily and anchor at the end, so the address sshd appended wins.
 */
const LOGIN =
  /^(Accepted|Failed) (\S+) for (?:(invalid user)(?: (.*))?|(.*)) from (\S+) port (\d+)(?: ssh2(?:: .*)?)?$/
const INVALID_USER = /^Invalid user (.*?) from (\S+)(?: port (\d+))?$/
const MAX_ATTEMPTS =
  /^error: maximum authentication attempts exceeded for (?:invalid user (.*)|(.*)) from (\S+) port (\d+)(?: ssh2)?(?: \[preauth\])?$/
const TOO_MANY_FAILURES_NEW =
  /^Disconnecting (?:invalid|authenticating) user (.*) (\S+) port (\d+): Too many authentication failures(?: \[preauth\])?$/
const TOO_MANY_FAILURES_OLD =
  /^Disconnecting: Too many authentication failures for (?:invalid user )?(.*?)(?: \[preauth\])?$/
const REVERSE_MAPPING = /^reverse mapping checking getaddrinfo for (\S+) \[([^\]]+)\] failed/
const ADDRESS_MAPS = /^Address (\S+) maps to (\S+), but this does not map back to the address/
/** `from IP port N:11:` (OpenSSH 7.3+) or `from IP: 11:`; greedy \S+ keeps IPv6 colons in the address. */
const RECEIVED_DISCONNECT = /^(?:error: )?Received disconnect from (?:(\S+) port (\d+)|(\S+)):/
const DISCONNECTED =
  /^Disconnected from (?:(?:invalid|authenticating) user (.*) |user (.*) )?(\S+) port (\d+)(?: \[preauth\])?$/
const CONNECTION_CLOSED =
  /^Connection (?:closed|reset) by (?:(?:invalid|authenticating) user (.*?) )?(\S+?)(?: port (\d+))?(?: \[preauth\])?$/
const NO_IDENTIFICATION = /^Did not receive identification string from (\S+)(?: port (\d+))?/
const INVALID_USER_PREAUTH = /^input_userauth_request: invalid user (.*?) \[preauth\]$/
const PAM_SUMMARY = /^PAM \d+ more authentication failures?;.*?\brhost=(\S*)(?:\s+user=(\S*))?/

/** Describes one sshd message (without the `pam_unix(…)` lines, which pamSemantics handles). */
export function describeSshdMessage(message: string, target: AuthEventTarget): void {
  let match = LOGIN.exec(message)
  if (match !== null) {
    setAuthAction(target, 'authentication', 'ssh_login', match[1] === 'Accepted' ? 'success' : 'failure')
    setUser(target, 'user.name', match[3] !== undefined ? match[4] : match[5])
    setSource(target, match[6], match[7])
    target.extra['system.auth.ssh.method'] = match[2]
    return
  }
  if ((match = INVALID_USER.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ssh_invalid_user', 'failure')
    setUser(target, 'user.name', match[1])
    setSource(target, match[2], match[3])
    return
  }
  if ((match = MAX_ATTEMPTS.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ssh_max_auth_attempts', 'failure')
    setUser(target, 'user.name', match[1] ?? match[2])
    setSource(target, match[3], match[4])
    return
  }
  if ((match = TOO_MANY_FAILURES_NEW.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ssh_max_auth_attempts', 'failure')
    setUser(target, 'user.name', match[1])
    setSource(target, match[2], match[3])
    return
  }
  if ((match = TOO_MANY_FAILURES_OLD.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ssh_max_auth_attempts', 'failure')
    setUser(target, 'user.name', match[1])
    return
  }
  if ((match = REVERSE_MAPPING.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_reverse_dns_mismatch')
    setSource(target, match[2])
    target.fields['source.domain'] = match[1]
    return
  }
  if ((match = ADDRESS_MAPS.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_reverse_dns_mismatch')
    setSource(target, match[1])
    target.fields['source.domain'] = match[2]
    return
  }
  if ((match = RECEIVED_DISCONNECT.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_disconnect')
    setSource(target, match[1] ?? match[3], match[2])
    return
  }
  if ((match = DISCONNECTED.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_disconnect')
    setUser(target, 'user.name', match[1] ?? match[2])
    setSource(target, match[3], match[4])
    return
  }
  if ((match = CONNECTION_CLOSED.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_connection_closed')
    setUser(target, 'user.name', match[1])
    setSource(target, match[2], match[3])
    return
  }
  if ((match = NO_IDENTIFICATION.exec(message)) !== null) {
    setAuthAction(target, 'network', 'ssh_no_identification')
    setSource(target, match[1], match[2])
    return
  }
  // The two lines below repeat what an `Invalid user` or `Failed password` line already counted, so they
  // name the user and source for searching but carry no action that a detector would count twice.
  if ((match = INVALID_USER_PREAUTH.exec(message)) !== null) {
    setUser(target, 'user.name', match[1])
    return
  }
  if ((match = PAM_SUMMARY.exec(message)) !== null) {
    setSource(target, match[1])
    setUser(target, 'user.name', match[2])
  }
}
