// Collects the host's /var/log/auth.log from every part of the scenario. Pids and systemd-logind session
// numbers are handed out only at the end, in order of process birth and session start, so they rise
// through the log the way they do on a real host however the lines were generated.

import type { ScenarioWindow } from './clock'
import { HostAccounts } from './host'
import { formatSyslogLine } from './logFormats'
import type { SeededRandom } from './random'

/** A process that writes to the log; its pid is known only once the whole log is rendered. */
export interface ProcessRef {
  readonly program: string
  readonly bornAt: number
  /** Numbered at render time for spawned processes; fixed for daemons; null for sudo, which logs none. */
  pid: number | null
}

/** A systemd-logind session of an interactive login. */
export interface LoginSessionRef {
  readonly startedAt: number
  number: number | null
}

/** Text, or text that names a login session by its (not yet known) number. */
export type AuthMessage = string | { session: LoginSessionRef; text: (sessionNumber: number) => string }

interface AuthRecord {
  at: number
  process: ProcessRef
  message: AuthMessage
}

const LOGIND_PID = 612

export class AuthLogBuilder {
  private readonly records: AuthRecord[] = []
  private readonly processes: ProcessRef[] = []
  private readonly sessions: LoginSessionRef[] = []
  private numbered = false
  readonly logind: ProcessRef = { program: 'systemd-logind', bornAt: 0, pid: LOGIND_PID }
  readonly accounts = new HostAccounts()

  /** `random` only spaces out pids and session numbers; it must be a stream of its own. */
  constructor(
    private readonly window: ScenarioWindow,
    readonly hostName: string,
    private readonly random: SeededRandom
  ) {}

  spawn(program: string, bornAt: number): ProcessRef {
    const process: ProcessRef = { program, bornAt, pid: null }
    this.processes.push(process)
    return process
  }

  withoutPid(program: string): ProcessRef {
    return { program, bornAt: 0, pid: null }
  }

  openLoginSession(startedAt: number): LoginSessionRef {
    const session: LoginSessionRef = { startedAt, number: null }
    this.sessions.push(session)
    return session
  }

  /** Records a line; false when it falls outside the window and will not be in the log. */
  log(at: number, process: ProcessRef, message: AuthMessage): boolean {
    if (at < this.window.start || at >= this.window.end) return false
    this.records.push({ at, process, message })
    return true
  }

  /** Numbers pids and sessions once, so rendering again gives the same lines. */
  render(): string[] {
    if (!this.numbered) {
      this.numberProcesses()
      this.numberSessions()
      this.numbered = true
    }
    return [...this.records]
      .sort((a, b) => a.at - b.at)
      .map(({ at, process, message }) => {
        const text = typeof message === 'string' ? message : message.text(message.session.number ?? 0)
        return formatSyslogLine(at, this.hostName, process.program, process.pid, text)
      })
  }

  /** Other processes start between the ones we log (cron jobs' children, apache workers), hence the gaps. */
  private numberProcesses(): void {
    let pid = this.random.int(1_800, 2_400)
    for (const process of [...this.processes].sort((a, b) => a.bornAt - b.bornAt)) {
      pid += this.random.int(1, 24)
      process.pid = pid
    }
  }

  private numberSessions(): void {
    let number = this.random.int(20, 90)
    for (const session of [...this.sessions].sort((a, b) => a.startedAt - b.startedAt)) {
      session.number = number++
    }
  }
}
