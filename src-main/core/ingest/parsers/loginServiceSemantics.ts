// Console and legacy remote login services that still turn up in real auth logs: login(1), Kerberised
// rlogin (klogind) and classic ftpd (wu-ftpd style). The loghub Linux sample holds brute force against all
// of them, so their failures count as authentication events like sshd's.

import { setAuthAction, setSource, setUser, type AuthEventTarget } from './authFields'
import { isHostname } from './addresses'

const LOGIN_FAILED = /^FAILED LOGIN \(?\d+\)? (?:on|FROM) '?([^' ]+)'? FOR '?([^',]*)'?, (.+)$/
const ROOT_LOGIN = /^ROOT LOGIN +(?:on|ON) '?([^' ]+)'?(?: FROM (\S+))?$/
const LOGIN_BY = /^LOGIN ON (\S+) BY (\S+)(?: FROM (\S+))?$/

export function describeLoginMessage(message: string, target: AuthEventTarget): void {
  let match = LOGIN_FAILED.exec(message)
  if (match !== null) {
    setAuthAction(target, 'authentication', 'login', 'failure')
    setUser(target, 'user.name', match[2])
    target.fields['event.reason'] = match[3]
    return
  }
  if ((match = ROOT_LOGIN.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'login', 'success')
    setUser(target, 'user.name', 'root')
    setSource(target, match[2])
    return
  }
  if ((match = LOGIN_BY.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'login', 'success')
    setUser(target, 'user.name', match[2])
    setSource(target, match[3])
    return
  }
}

const KLOGIN_FAILED = /^Authentication failed from (\S+) \(([^)]*)\): (.+?)\s*$/
const KERBEROS_FAILED = /^Kerberos authentication failed\s*$/

export function describeKloginMessage(message: string, target: AuthEventTarget): void {
  const match = KLOGIN_FAILED.exec(message)
  if (match !== null) {
    setAuthAction(target, 'authentication', 'kerberos_rlogin', 'failure')
    setSource(target, match[1])
    recordPeerName(match[2], target)
    target.fields['event.reason'] = match[3]
    return
  }
  if (KERBEROS_FAILED.test(message)) {
    setAuthAction(target, 'authentication', 'kerberos_rlogin', 'failure')
    return
  }
}

const FTP_CONNECTION = /^connection from (\S+) \(([^)]*)\)/
const FTP_ANONYMOUS_LOGIN = /^ANONYMOUS FTP LOGIN FROM ([^,\s]+)/
const FTP_LOGIN = /^FTP LOGIN FROM (\S+) \[([^\]]+)\], (\S+)$/
const FTP_FAILED_LOGIN = /^failed login from (\S+) \[([^\]]+)\]/

export function describeFtpMessage(message: string, target: AuthEventTarget): void {
  let match = FTP_CONNECTION.exec(message)
  if (match !== null) {
    setAuthAction(target, 'network', 'ftp_connection')
    setSource(target, match[1])
    recordPeerName(match[2], target)
    return
  }
  if ((match = FTP_ANONYMOUS_LOGIN.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ftp_login', 'success')
    setUser(target, 'user.name', 'anonymous')
    setSource(target, match[1])
    return
  }
  if ((match = FTP_LOGIN.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ftp_login', 'success')
    setUser(target, 'user.name', match[3])
    setSource(target, match[2])
    recordPeerName(match[1], target)
    return
  }
  if ((match = FTP_FAILED_LOGIN.exec(message)) !== null) {
    setAuthAction(target, 'authentication', 'ftp_login', 'failure')
    setSource(target, match[2])
    recordPeerName(match[1], target)
    return
  }
}

/** The reverse-resolved name a service printed beside the address, when it is a name and not the IP again. */
function recordPeerName(name: string, target: AuthEventTarget): void {
  if (name !== '' && name !== target.fields['source.ip'] && isHostname(name) && !/^[\d.]+$/.test(name)) {
    target.fields['source.domain'] = name
  }
}
