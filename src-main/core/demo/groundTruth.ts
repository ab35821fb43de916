// The answer key: what each attack in the scenario did, stated in the terms a detection or an analyst
// uses (source addresses, target accounts, counts of log lines, time windows), so tests and the demo can
// check Cairn's findings against it. Times are ms since the epoch (UTC) of the second the log shows.

import type { IocType } from '../detect/ioc/iocTypes'
import type { SqlInjectionTechnique } from './attackVocabulary'
import type { BenignAuthSummary } from './benignAuth'
import type { BenignWebSummary } from './benignWeb'

export interface TimeWindow {
  first: number
  last: number
}

export interface SshBruteForceTruth {
  sourceIp: string
  /** Existing accounts the guesses targeted. */
  targetUsers: string[]
  /** Names without an account that were tried (sshd logs `Invalid user`). */
  invalidUsers: string[]
  /** `Failed password` lines from sourceIp, by account name (invalid users included). */
  failedPasswordsByUser: Record<string, number>
  failedPasswords: number
  connections: number
  /** First to last `Failed password` line. */
  failures: TimeWindow
  /** The guess that worked: sshd's `Accepted password` line, after every failure. */
  success: { user: string; at: number }
  /** The intruder coming back with the guessed password for an interactive session. */
  interactiveLoginAt: number
  sudoCommands: string[]
  persistence: {
    user: string
    uid: number
    createdAt: number
    addedToGroup: string
    groupAddedAt: number
    /** The intruder logging in with the new account later on, if the scenario lasts long enough. */
    loginAt: number | null
  }
}

export interface WebLoginBruteForceTruth {
  sourceIp: string
  userAgent: string
  method: 'POST'
  path: string
  /** Requests answered 401. */
  failures: number
  failureWindow: TimeWindow
  /** The request answered 302 (logged in), after every failure. */
  successAt: number
}

export interface ScannerTruth {
  sourceIp: string
  /** Product token in the user agent, which changes per request (Nikto numbers its tests). */
  tool: string
  requests: number
  requestsByStatus: Record<string, number>
  window: TimeWindow
}

export interface SqlInjectionTruth {
  sourceIp: string
  userAgent: string
  /** Every request of the attack, the un-injected baseline requests included. */
  requests: number
  requestsByTechnique: Record<SqlInjectionTechnique, number>
  /** Paths whose query parameter was injected. */
  paths: string[]
  window: TimeWindow
}

export interface IocTrafficTruth {
  /** Addresses that are listed (or inside a listed range) and sent requests. */
  sourceIps: string[]
  /** Web requests; the dropper's single SSH guess is counted in its sightings. */
  requests: number
  /** First to last request or SSH guess. */
  window: TimeWindow
}

export type IocSightingField = 'source.ip' | 'user_agent.original' | 'url.original' | 'process.command_line'

/** Where an indicator shows up: the value seen may differ (a subdomain, an address inside a range). */
export interface IocSighting {
  file: 'access.log' | 'auth.log'
  field: IocSightingField
  observed: string
  lines: number
}

export interface IocTruth {
  type: IocType
  value: string
  comment: string | null
  /** Empty for indicators that never appear, as most in a real feed. */
  sightings: IocSighting[]
}

export interface ScenarioGroundTruth {
  seed: number
  hostName: string
  timeZone: 'UTC'
  window: { start: number; end: number }
  attacks: {
    sshBruteForce: SshBruteForceTruth
    webLoginBruteForce: WebLoginBruteForceTruth
    scanner: ScannerTruth
    sqlInjection: SqlInjectionTruth
    iocTraffic: IocTrafficTruth
  }
  iocs: IocTruth[]
  background: { web: BenignWebSummary; auth: BenignAuthSummary }
  lines: { accessLog: number; authLog: number }
}

/** The second a log line shows for an instant (logs have one-second resolution). */
export function loggedSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000
}

export function windowOf(instants: readonly number[]): TimeWindow {
  return { first: loggedSecond(Math.min(...instants)), last: loggedSecond(Math.max(...instants)) }
}

/** Tallies where indicators were written into the logs, as the generators write them. */
export class IocSightings {
  private readonly byIndicator = new Map<string, IocSighting[]>()

  note(indicator: string, sighting: Omit<IocSighting, 'lines'>): void {
    const sightings = this.byIndicator.get(indicator) ?? []
    const same = sightings.find(
      (known) =>
        known.file === sighting.file && known.field === sighting.field && known.observed === sighting.observed
    )
    if (same) same.lines++
    else sightings.push({ ...sighting, lines: 1 })
    this.byIndicator.set(indicator, sightings)
  }

  of(indicator: string): IocSighting[] {
    return this.byIndicator.get(indicator) ?? []
  }
}
