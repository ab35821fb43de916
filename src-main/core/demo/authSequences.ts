// The message sequences OpenSSH (privilege-separated), sudo, cron and systemd-logind write to auth.log on
// Debian and Ubuntu, as reusable steps. Admins and attackers go through the same steps, so in the log they
// differ only in what they do, as on a real host. Offsets within a step are the delays sshd really has.

import type { AuthLogBuilder, LoginSessionRef, ProcessRef } from './authLog'
import type { SeededRandom } from './random'

/** Linux's default ephemeral port range, where every client's source port comes from. */
function ephemeralPort(random: SeededRandom): number {
  return random.int(32_768, 60_999)
}

export interface FailedLogin {
  at: number
  ip: string
  user: string
  /** Password attempts on this one connection (sshd allows up to MaxAuthTries = 6). */
  attempts: number
  accountExists: boolean
  /** Clients that drop the TCP connection vs. scripts that send a clean SSH disconnect. */
  ending: 'closed' | 'disconnected'
}

export interface FailedLoginResult {
  /** When each `Failed password` line that made it into the log was written. */
  failedPasswordTimes: number[]
  /** Lines logged for the connection; all of them name the client address when the account exists. */
  lines: number
  end: number
}

/** One connection whose password attempts all fail. */
export function logFailedLogin(
  log: AuthLogBuilder,
  random: SeededRandom,
  login: FailedLogin
): FailedLoginResult {
  const { ip, user, attempts, accountExists } = login
  const sshd = log.spawn('sshd', login.at)
  const port = ephemeralPort(random)
  const rhost = accountExists ? `rhost=${ip}  user=${user}` : `rhost=${ip}`
  const who = accountExists ? user : `invalid user ${user}`
  const result: FailedLoginResult = { failedPasswordTimes: [], lines: 0, end: login.at }
  const write = (at: number, message: string): boolean => {
    const logged = log.log(at, sshd, message)
    if (logged) result.lines++
    return logged
  }
  let at = login.at + random.int(150, 600)
  if (!accountExists) {
    write(at, `Invalid user ${user} from ${ip} port ${port}`)
    at += random.int(100, 400)
    write(at, 'pam_unix(sshd:auth): check pass; user unknown')
  }
  write(at, `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= ${rhost}`)
  for (let attempt = 0; attempt < attempts; attempt++) {
    // pam_unix delays every failure by about two seconds before sshd reports it.
    at += random.int(1_900, 3_400)
    if (write(at, `Failed password for ${who} from ${ip} port ${port} ssh2`)) {
      result.failedPasswordTimes.push(at)
    }
  }
  at += random.int(200, 1_500)
  const authenticating = accountExists ? `authenticating user ${user}` : `invalid user ${user}`
  if (login.ending === 'closed') {
    write(at, `Connection closed by ${authenticating} ${ip} port ${port} [preauth]`)
  } else {
    write(at, `Received disconnect from ${ip} port ${port}:11: Bye Bye [preauth]`)
    write(at, `Disconnected from ${authenticating} ${ip} port ${port} [preauth]`)
  }
  if (attempts > 1) {
    const more = attempts - 1
    const noun = more === 1 ? 'failure' : 'failures'
    write(at, `PAM ${more} more authentication ${noun}; logname= uid=0 euid=0 tty=ssh ruser= ${rhost}`)
  }
  result.end = at
  return result
}

export type PreauthProbe = 'banner' | 'kex' | 'weak-kex'

/** Connections that never get as far as a password: banner grabbers, port checkers, ancient clients. */
export function logPreauthProbe(
  log: AuthLogBuilder,
  random: SeededRandom,
  at: number,
  ip: string,
  probe: PreauthProbe
): void {
  const sshd = log.spawn('sshd', at)
  const port = ephemeralPort(random)
  const end = at + random.int(20, 2_000)
  if (probe === 'banner') {
    log.log(end, sshd, `Connection closed by ${ip} port ${port} [preauth]`)
  } else if (probe === 'kex') {
    log.log(end, sshd, 'error: kex_exchange_identification: Connection closed by remote host')
    log.log(end, sshd, `Connection closed by ${ip} port ${port}`)
  } else {
    log.log(
      end,
      sshd,
      `Unable to negotiate with ${ip} port ${port}: no matching key exchange method found. ` +
        'Their offer: diffie-hellman-group14-sha1,diffie-hellman-group1-sha1 [preauth]'
    )
  }
}

export interface SshSession {
  user: string
  uid: number
  ip: string
  port: number
  tty: string
  /** The privileged monitor logs login and PAM session lines, the user's child process the disconnect. */
  monitor: ProcessRef
  child: ProcessRef
  loginSession: LoginSessionRef
  start: number
}

export interface AcceptedLogin {
  at: number
  ip: string
  user: string
  tty: string
  method: { kind: 'password'; mistypedFirst: number } | { kind: 'publickey'; fingerprint: string }
}

export function logAcceptedLogin(
  log: AuthLogBuilder,
  random: SeededRandom,
  login: AcceptedLogin
): SshSession {
  const { at, ip, user, method } = login
  const uid = log.accounts.uidOf(user)
  const port = ephemeralPort(random)
  const typos = method.kind === 'password' ? method.mistypedFirst : 0
  const connectedAt = at - typos * 3_000 - random.int(1_000, 3_000)
  const monitor = log.spawn('sshd', connectedAt)
  if (typos > 0) {
    // A typo retried on the same connection: same pid and port as the success that follows.
    let failedAt = connectedAt + random.int(300, 900)
    const failure = `pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${ip}  user=${user}`
    log.log(failedAt, monitor, failure)
    for (let typo = 0; typo < typos; typo++) {
      failedAt += random.int(1_900, 2_900)
      log.log(failedAt, monitor, `Failed password for ${user} from ${ip} port ${port} ssh2`)
    }
  }
  const credential = method.kind === 'publickey' ? `publickey for ${user}` : `password for ${user}`
  const key = method.kind === 'publickey' ? `: ED25519 ${method.fingerprint}` : ''
  log.log(at, monitor, `Accepted ${credential} from ${ip} port ${port} ssh2${key}`)
  log.log(at + 12, monitor, `pam_unix(sshd:session): session opened for user ${user}(uid=${uid}) by (uid=0)`)
  const loginSession = log.openLoginSession(at)
  log.log(at + 35, log.logind, { session: loginSession, text: (n) => `New session ${n} of user ${user}.` })
  const child = log.spawn('sshd', at + 60)
  return { user, uid, ip, port, tty: login.tty, monitor, child, loginSession, start: at }
}

export function logSessionEnd(log: AuthLogBuilder, session: SshSession, at: number): void {
  const { ip, port, user, loginSession } = session
  log.log(at, session.child, `Received disconnect from ${ip} port ${port}:11: disconnected by user`)
  log.log(at, session.child, `Disconnected from user ${user} ${ip} port ${port}`)
  log.log(at + 8, session.monitor, `pam_unix(sshd:session): session closed for user ${user}`)
  log.log(at + 20, log.logind, {
    session: loginSession,
    text: (n) => `Session ${n} logged out. Waiting for processes to exit.`
  })
  log.log(at + 40, log.logind, { session: loginSession, text: (n) => `Removed session ${n}.` })
}

/**
 * One command run through sudo: the command line sudo records (user name right-aligned in eight columns,
 * as sudo prints it) and the root PAM session around it. Returns when the command itself started.
 */
export function logSudo(
  log: AuthLogBuilder,
  session: SshSession,
  at: number,
  command: string,
  durationMs: number
): number {
  const sudo = log.withoutPid('sudo')
  const { user, uid, tty } = session
  const cwd = user === 'root' ? '/root' : `/home/${user}`
  log.log(at, sudo, `${user.padStart(8)} : TTY=${tty} ; PWD=${cwd} ; USER=root ; COMMAND=${command}`)
  log.log(at + 3, sudo, `pam_unix(sudo:session): session opened for user root(uid=0) by ${user}(uid=${uid})`)
  log.log(at + 3 + durationMs, sudo, 'pam_unix(sudo:session): session closed for user root')
  return at + 5
}

/** A mistyped sudo password, retried successfully, so only PAM's failure line is written. */
export function logSudoTypo(log: AuthLogBuilder, session: SshSession, at: number): void {
  const { user, uid, tty } = session
  log.log(
    at,
    log.withoutPid('sudo'),
    `pam_unix(sudo:auth): authentication failure; logname=${user} uid=${uid} euid=0 tty=/dev/${tty} ruser=${user} rhost=  user=${user}`
  )
}

export function logCronSession(log: AuthLogBuilder, at: number, user: string, durationMs: number): void {
  const cron = log.spawn('CRON', at)
  const uid = log.accounts.uidOf(user)
  log.log(at, cron, `pam_unix(cron:session): session opened for user ${user}(uid=${uid}) by (uid=0)`)
  log.log(at + durationMs, cron, `pam_unix(cron:session): session closed for user ${user}`)
}
