// The state of one failed-authentication pass over the events: a sliding-window tracker per rule (web
// logins per source, system logins per source and per account) and the successes that followed a burst.
// Fed attempts in time order; turned into alerts by authBurstAlerts once the scan is done.

import type { DetectionSettings } from '../engine'
import { AttemptCollapser } from './attemptCollapser'
import { isWebLoginSuccess } from './authAttempts'
import type { AuthAttempt, SystemLoginAttempt, WebLoginAttempt } from './authAttempts'
import { BurstTracker } from './burstTracker'
import type { Burst } from './burstTracker'

export interface Escalation<Attempt extends AuthAttempt> {
  successes: Attempt[]
  /** How many contributing failures preceded the latest success; those are linked to the alert. */
  failuresBefore: number
}

/** One key's burst and, if a login then succeeded, the escalation. */
export interface BurstFinding<Attempt extends AuthAttempt> {
  burst: Burst<Attempt>
  escalation: Escalation<Attempt> | undefined
}

/** Stands for "no source address" (local sudo/su) where sources are compared. */
export const LOCAL_SOURCE = ''

const NO_PATHS: ReadonlySet<string> = new Set()

class KeyedBursts<Attempt extends AuthAttempt> {
  private readonly tracker: BurstTracker<Attempt>
  private readonly escalations = new Map<string, Escalation<Attempt>>()

  constructor(
    threshold: number,
    windowMs: number,
    private readonly successWithinMs: number
  ) {
    this.tracker = new BurstTracker(threshold, windowMs)
  }

  addFailure(key: string, failure: Attempt): void {
    this.tracker.add(key, failure)
  }

  /** Records a success that follows the key's burst closely enough to mean the guessing may have worked. */
  addSuccess(key: string, success: Attempt): void {
    const burst = this.tracker.burst(key)
    if (burst === undefined) return
    const lastFailure = burst.contributing[burst.contributing.length - 1]
    if (success.timestamp - lastFailure.timestamp > this.successWithinMs) return
    const escalation = this.escalations.get(key)
    if (escalation === undefined) {
      this.escalations.set(key, { successes: [success], failuresBefore: burst.contributing.length })
    } else {
      escalation.successes.push(success)
      escalation.failuresBefore = burst.contributing.length
    }
  }

  findings(): BurstFinding<Attempt>[] {
    return this.tracker.bursts().map((burst) => ({ burst, escalation: this.escalations.get(burst.key) }))
  }
}

export class AuthBurstScan {
  readonly webBySource: KeyedBursts<WebLoginAttempt>
  readonly systemBySource: KeyedBursts<SystemLoginAttempt>
  readonly systemByAccount: KeyedBursts<SystemLoginAttempt>
  /** Failed attempts (not log lines) seen, bursting or not, for the run summary. */
  failures = 0
  /** Per source, the login paths that answered 401: a later 2xx there is an HTTP-auth login. */
  private readonly challengedPaths = new Map<string, Set<string>>()
  /** Per account, every source that failed against it: a success must come from one of them. */
  private readonly failedSources = new Map<string, Set<string>>()
  private readonly collapser = new AttemptCollapser()

  constructor({ threshold, windowMs, successWithinMs }: DetectionSettings['authBurst']) {
    this.webBySource = new KeyedBursts(threshold, windowMs, successWithinMs)
    this.systemBySource = new KeyedBursts(threshold, windowMs, successWithinMs)
    this.systemByAccount = new KeyedBursts(threshold, windowMs, successWithinMs)
  }

  /** Attempts must arrive in time order. */
  observe(attempt: AuthAttempt): void {
    if (attempt.service === 'web') this.observeWeb(attempt)
    else this.observeSystem(attempt)
  }

  private observeWeb(attempt: WebLoginAttempt): void {
    if (attempt.outcome === 'failure') this.failures++
    const source = attempt.sourceIp
    if (source === undefined) return
    if (attempt.outcome === 'failure') {
      this.webBySource.addFailure(source, attempt)
      if (attempt.status === 401) setOf(this.challengedPaths, source).add(attempt.path)
    } else if (isWebLoginSuccess(attempt, this.challengedPaths.get(source) ?? NO_PATHS)) {
      this.webBySource.addSuccess(source, attempt)
    }
  }

  private observeSystem(attempt: SystemLoginAttempt): void {
    if (this.collapser.isAnotherRecordOfLast(attempt)) return
    const source = attempt.sourceIp
    const account = accountKey(attempt)
    if (attempt.outcome === 'failure') {
      this.failures += attempt.repeats
      for (let repeat = 0; repeat < attempt.repeats; repeat++) {
        if (source !== undefined) this.systemBySource.addFailure(source, attempt)
        if (account !== undefined) this.systemByAccount.addFailure(account, attempt)
      }
      if (account !== undefined) setOf(this.failedSources, account).add(source ?? LOCAL_SOURCE)
      return
    }
    if (source !== undefined) this.systemBySource.addSuccess(source, attempt)
    if (account !== undefined && this.failedSources.get(account)?.has(source ?? LOCAL_SOURCE)) {
      this.systemByAccount.addSuccess(account, attempt)
    }
  }
}

/** 'root' on two hosts is two accounts; guessing against each is its own finding. */
function accountKey(attempt: SystemLoginAttempt): string | undefined {
  if (attempt.account === undefined) return undefined
  return attempt.host === undefined ? attempt.account : `${attempt.account}@${attempt.host}`
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key)
  if (set === undefined) {
    set = new Set()
    map.set(key, set)
  }
  return set
}
