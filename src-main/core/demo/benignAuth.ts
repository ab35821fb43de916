// The everyday auth.log of the host: two admins logging in from their fixed addresses and using sudo,
// cron's PAM sessions, and the low, constant SSH probing every public server receives. The probing stays
// well under any brute-force threshold (at most four failures per source per hour), as it does in reality.

import { ADMIN_SOURCES } from './addresses'
import type { AddressAllocator } from './addresses'
import { GUESSED_SSH_USERS } from './attackVocabulary'
import type { AuthLogBuilder } from './authLog'
import type { PreauthProbe, SshSession } from './authSequences'
import {
  logAcceptedLogin,
  logCronSession,
  logFailedLogin,
  logPreauthProbe,
  logSessionEnd,
  logSudo,
  logSudoTypo
} from './authSequences'
import type { ScenarioWindow } from './clock'
import { DAY_MS } from './clock'
import type { SeededRandom } from './random'
import { WeightedTable } from './random'

export interface AdminActivity {
  user: string
  sourceIp: string
  sessions: number
  /** Mistyped SSH passwords (each followed by a successful login). */
  failedPasswords: number
  sudoCommands: number
}

export interface SshProbeActivity {
  /** Distinct background sources; none of them belongs to a scripted attack. */
  sources: string[]
  connections: number
  failedPasswords: number
  /** The most `Failed password` lines any one source produced within an hour. */
  maxFailedPasswordsPerSourcePerHour: number
}

export interface BenignAuthSummary {
  admins: AdminActivity[]
  sshProbes: SshProbeActivity
  cronSessions: number
}

interface AdminProfile {
  user: keyof typeof ADMIN_SOURCES
  tty: string
  sessionsPerDay: [number, number]
  /** Key fingerprint, or password login with a chance of mistyping it first. */
  credential: { kind: 'publickey' } | { kind: 'password'; typoChance: number }
  commands: readonly (readonly [command: string, seconds: number])[]
}

const ADMINS: readonly AdminProfile[] = [
  {
    user: 'alice',
    tty: 'pts/0',
    sessionsPerDay: [1, 3],
    credential: { kind: 'publickey' },
    commands: [
      ['/usr/bin/apt update', 12],
      ['/usr/bin/apt upgrade -y', 95],
      ['/usr/bin/systemctl reload apache2', 2],
      ['/usr/bin/systemctl status apache2', 8],
      ['/usr/bin/tail -n 200 /var/log/apache2/error.log', 20],
      ['/usr/bin/journalctl -u apache2 --since today', 40],
      ['/usr/sbin/apachectl configtest', 1],
      ['/usr/bin/certbot renew --dry-run', 25]
    ]
  },
  {
    user: 'bob',
    tty: 'pts/1',
    sessionsPerDay: [0, 2],
    credential: { kind: 'password', typoChance: 0.2 },
    commands: [
      ['/usr/bin/rsync -a /home/bob/release/ /var/www/shop/', 6],
      ['/usr/bin/chown -R www-data:www-data /var/www/shop', 2],
      ['/usr/bin/systemctl restart shop-api', 3],
      ['/usr/bin/systemctl status shop-api', 10]
    ]
  }
]

const PROBE_KINDS = new WeightedTable<PreauthProbe | 'root' | 'admin' | 'invalid'>([
  ['banner', 30],
  ['kex', 15],
  ['weak-kex', 5],
  ['root', 25],
  ['admin', 5],
  ['invalid', 25]
])

const HOUR_MS = 3_600_000
/** Bots come back: fewer sources than visits makes the same addresses recur over the days, as they do. */
const MAX_PROBE_SOURCES = 150
/** Longest an admin session can last: four long sudo commands with pauses, then idling before logout. */
const SESSION_MAX_MS = 3 * HOUR_MS

export function generateBenignAuthActivity(
  random: SeededRandom,
  window: ScenarioWindow,
  sshProbesPerDay: number,
  addresses: AddressAllocator,
  log: AuthLogBuilder
): BenignAuthSummary {
  const admins = ADMINS.map((profile) =>
    adminSessions(random.fork(`admin-${profile.user}`), window, profile, log)
  )
  const cronSessions = cronJobs(random.fork('cron'), window, log)
  const sshProbes = backgroundProbes(random.fork('ssh-probes'), window, sshProbesPerDay, addresses, log)
  return { admins, sshProbes, cronSessions }
}

function adminSessions(
  random: SeededRandom,
  window: ScenarioWindow,
  profile: AdminProfile,
  log: AuthLogBuilder
): AdminActivity {
  const activity: AdminActivity = {
    user: profile.user,
    sourceIp: ADMIN_SOURCES[profile.user],
    sessions: 0,
    failedPasswords: 0,
    sudoCommands: 0
  }
  const fingerprint = `SHA256:${Buffer.from(random.bytes(32)).toString('base64').replace(/=+$/, '')}`
  const firstMidnight = window.start - (window.start % DAY_MS)
  for (let midnight = firstMidnight; midnight < window.end; midnight += DAY_MS) {
    const count = random.int(...profile.sessionsPerDay)
    for (let index = 0; index < count; index++) {
      // Office hours in UTC, both admins being in Europe; a session never straddles the window's edges.
      const at = midnight + random.int(7 * HOUR_MS, 17 * HOUR_MS)
      if (at < window.start || at + SESSION_MAX_MS >= window.end) continue
      const typos =
        profile.credential.kind === 'password' && random.chance(profile.credential.typoChance) ? 1 : 0
      const method =
        profile.credential.kind === 'publickey'
          ? { kind: 'publickey' as const, fingerprint }
          : { kind: 'password' as const, mistypedFirst: typos }
      const session = logAcceptedLogin(log, random, {
        at,
        ip: activity.sourceIp,
        user: profile.user,
        tty: profile.tty,
        method
      })
      activity.sessions++
      activity.failedPasswords += typos
      const end = workInSession(random, profile, session, log, activity)
      logSessionEnd(log, session, end)
    }
  }
  return activity
}

/** Runs a few sudo commands a minute or more apart; returns when the admin logs out. */
function workInSession(
  random: SeededRandom,
  profile: AdminProfile,
  session: SshSession,
  log: AuthLogBuilder,
  activity: AdminActivity
): number {
  let at = session.start + random.int(20_000, 180_000)
  // Some sessions are only a look around; most involve a command or few as root.
  const commands = random.chance(0.15) ? 0 : random.int(1, 4)
  for (let index = 0; index < commands; index++) {
    const [command, seconds] = random.pick(profile.commands)
    if (index === 0 && random.chance(0.1)) {
      logSudoTypo(log, session, at)
      at += random.int(3_000, 8_000)
    }
    logSudo(log, session, at, command, seconds * 1000 + random.int(0, 999))
    activity.sudoCommands++
    at += seconds * 1000 + random.int(30_000, 900_000)
  }
  return at + random.int(60_000, 1_800_000)
}

/** www-data's queue worker every quarter hour, root's cron.hourly at :17 and cron.daily at 06:25. */
function cronJobs(random: SeededRandom, window: ScenarioWindow, log: AuthLogBuilder): number {
  let sessions = 0
  const firstMinute = Math.ceil(window.start / 60_000) * 60_000
  for (let minute = firstMinute; minute < window.end; minute += 60_000) {
    const minuteOfHour = new Date(minute).getUTCMinutes()
    const hour = new Date(minute).getUTCHours()
    // cron wakes at second :00 and its jobs start a moment later, so their lines carry :01.
    const at = minute + 1_000 + random.int(0, 150)
    if (minuteOfHour % 15 === 0) {
      logCronSession(log, at, 'www-data', random.int(200, 3_000))
      sessions++
    }
    if (minuteOfHour === 17) {
      logCronSession(log, at, 'root', random.int(100, 1_500))
      sessions++
    }
    if (hour === 6 && minuteOfHour === 25) {
      logCronSession(log, at, 'root', random.int(2_000, 60_000))
      sessions++
    }
  }
  return sessions
}

/** Bots around the clock, each coming back now and then, at most two connections of two guesses a visit. */
function backgroundProbes(
  random: SeededRandom,
  window: ScenarioWindow,
  probesPerDay: number,
  addresses: AddressAllocator,
  log: AuthLogBuilder
): SshProbeActivity {
  const visits = Math.round((probesPerDay * (window.end - window.start)) / DAY_MS)
  const pool = Array.from({ length: Math.min(MAX_PROBE_SOURCES, Math.max(1, Math.ceil(visits / 3))) }, () =>
    addresses.backgroundHostile(random)
  )
  const lastVisit = new Map<string, number>()
  const failuresBySource = new Map<string, { at: number; count: number }[]>()
  const activity: SshProbeActivity = {
    sources: [],
    connections: 0,
    failedPasswords: 0,
    maxFailedPasswordsPerSourcePerHour: 0
  }
  const times = Array.from(
    { length: visits },
    () => window.start + Math.floor(random.next() * (window.end - window.start))
  )
  for (const start of times.sort((a, b) => a - b)) {
    const source = pickRestedSource(random, pool, lastVisit, start)
    if (source === null) continue
    lastVisit.set(source, start)
    let at = start
    for (let connection = random.int(1, 2); connection > 0; connection--) {
      const kind = PROBE_KINDS.draw(random)
      activity.connections++
      if (kind === 'banner' || kind === 'kex' || kind === 'weak-kex') {
        logPreauthProbe(log, random, at, source, kind)
        at += random.int(1_000, 15_000)
        continue
      }
      const user = kind === 'invalid' ? random.pick(GUESSED_SSH_USERS) : kind
      const attempts = random.int(1, 2)
      const ending = random.chance(0.5) ? 'closed' : 'disconnected'
      const accountExists = kind !== 'invalid'
      const result = logFailedLogin(log, random, { at, ip: source, user, attempts, accountExists, ending })
      const failedPasswords = result.failedPasswordTimes.length
      activity.failedPasswords += failedPasswords
      const history = failuresBySource.get(source) ?? []
      history.push({ at, count: failedPasswords })
      failuresBySource.set(source, history)
      at = result.end + random.int(1_000, 15_000)
    }
  }
  activity.sources = [...lastVisit.keys()].sort()
  activity.maxFailedPasswordsPerSourcePerHour = maxPerHour(failuresBySource)
  return activity
}

/** A source that has not been seen for an hour, so no source ever looks like a burst. */
function pickRestedSource(
  random: SeededRandom,
  pool: readonly string[],
  lastVisit: ReadonlyMap<string, number>,
  at: number
): string | null {
  for (let attempt = 0; attempt < 20; attempt++) {
    const source = random.pick(pool)
    const previous = lastVisit.get(source)
    if (previous === undefined || at - previous >= HOUR_MS) return source
  }
  return null
}

function maxPerHour(failuresBySource: ReadonlyMap<string, { at: number; count: number }[]>): number {
  let max = 0
  for (const history of failuresBySource.values()) {
    for (const { at } of history) {
      const inHour = history
        .filter((other) => other.at >= at && other.at < at + HOUR_MS)
        .reduce((sum, other) => sum + other.count, 0)
      max = Math.max(max, inHour)
    }
  }
  return max
}
