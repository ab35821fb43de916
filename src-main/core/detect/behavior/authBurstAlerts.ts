// Turns failed-login bursts into alerts: the rules (ids, titles, ATT&CK techniques), severities and the
// wording a responder reads. A burst is medium; a login that succeeds after it is high, or critical for a
// privileged account, and links the failures before it together with the success.

import { ENGINE_IDS } from '../../../common/domain'
import type { Severity } from '../../../common/domain'
import type { EventRef } from '../../../common/event'
import { EntityCollector } from '../alertEntities'
import { formatDuration, formatUtc, listSome, plural } from '../describe'
import type { AlertDraft, DetectionSettings } from '../engine'
import { alertFingerprint } from '../fingerprint'
import type { AuthAttempt, SystemLoginAttempt, WebLoginAttempt } from './authAttempts'
import { LOCAL_SOURCE } from './authBurstScan'
import type { BurstFinding, Escalation } from './authBurstScan'
import type { Burst } from './burstTracker'

export const AUTH_BURST_ENGINE_ID = ENGINE_IDS.authBurst

interface BurstRule {
  id: string
  title: string
  successTitle: string
  techniques: readonly string[]
}

export const WEB_SOURCE_RULE: BurstRule = {
  id: 'auth-burst.web.source',
  title: 'Repeated failed web logins from one source',
  successTitle: 'Successful web login after repeated failures from the same source',
  // An access log does not show which account or password was tried, so no sub-technique is claimed.
  techniques: ['T1110']
}
export const SYSTEM_SOURCE_RULE: BurstRule = {
  id: 'auth-burst.system.source',
  title: 'Repeated failed logins from one source',
  successTitle: 'Successful login after repeated failures from the same source',
  techniques: ['T1110', 'T1110.001']
}
/**
 * Many sources against one account is still guessing that account's password (T1110.001), only
 * distributed; ATT&CK's spraying (T1110.003) is the opposite shape, one password against many accounts.
 */
export const SYSTEM_ACCOUNT_RULE: BurstRule = {
  id: 'auth-burst.system.account',
  title: 'Repeated failed logins against one account',
  successTitle: 'Successful login to an account after repeated failures against it',
  techniques: ['T1110', 'T1110.001']
}
const SPRAYING_TECHNIQUES = ['T1110', 'T1110.003']
const VALID_ACCOUNTS_TECHNIQUE = 'T1078'

/**
 * One source trying many accounts with a few passwords each is password spraying (T1110.003); as soon as
 * any account gets more tries than this, it is guessing against that account (T1110.001).
 */
const SPRAY_MIN_ACCOUNTS = 5
const SPRAY_MAX_TRIES_PER_ACCOUNT = 3

/** A login to one of these after a burst is critical rather than high: it is full control of the host. */
const PRIVILEGED_ACCOUNTS = new Set(['root', 'admin', 'administrator'])

export function webLoginAlerts(
  { burst, escalation }: BurstFinding<WebLoginAttempt>,
  settings: DetectionSettings['authBurst']
): AlertDraft[] {
  const failures = burst.contributing
  const entities = collectEntities(failures)
  const paths = distinct(failures.map((attempt) => attempt.path))
  const alerts: AlertDraft[] = [
    {
      ...burstBasics(WEB_SOURCE_RULE, burst, entities),
      title: `Failed web-login burst from ${burst.key}: ${plural(failures.length, 'HTTP 401/403 response')}`,
      description:
        `${plural(failures.length, 'login request')} from ${burst.key} refused with HTTP 401/403 ` +
        `on ${listSome(paths)}${onHosts(entities)}, ${timeSpan(failures)}; ${windowPhrase(burst, settings)}.` +
        entities.cappedNote(),
      techniques: [...WEB_SOURCE_RULE.techniques]
    }
  ]
  if (escalation !== undefined) {
    const first = escalation.successes[0]
    alerts.push(
      successAlert(WEB_SOURCE_RULE, burst, escalation, settings, {
        severity: 'high',
        title: `Web login from ${burst.key} after ${plural(escalation.failuresBefore, 'refused attempt')}`,
        what: `${first.method} ${first.path} answered HTTP ${first.status}`,
        techniques: WEB_SOURCE_RULE.techniques
      })
    )
  }
  return alerts
}

export function systemLoginAlerts(
  rule: typeof SYSTEM_SOURCE_RULE | typeof SYSTEM_ACCOUNT_RULE,
  { burst, escalation }: BurstFinding<SystemLoginAttempt>,
  settings: DetectionSettings['authBurst']
): AlertDraft[] {
  const failures = burst.contributing
  const entities = collectEntities(failures)
  const accounts = distinct(failures.flatMap((attempt) => attempt.account ?? []))
  const processes = distinct(failures.flatMap((attempt) => attempt.process ?? []))
  const perSource = rule === SYSTEM_SOURCE_RULE
  const spraying =
    perSource &&
    accounts.length >= SPRAY_MIN_ACCOUNTS &&
    maxTriesPerAccount(failures) <= SPRAY_MAX_TRIES_PER_ACCOUNT
  const techniques = spraying ? SPRAYING_TECHNIQUES : rule.techniques
  const sources = distinct(failures.map((attempt) => attempt.sourceIp ?? LOCAL_SOURCE))
  const sourceNames = sources.map((source) => (source === LOCAL_SOURCE ? 'local' : source))
  const subject = perSource
    ? `from ${burst.key} against ${plural(accounts.length, 'account')} (${listSome(accounts)})`
    : `against account '${burst.key}' from ${plural(sources.length, 'source')} (${listSome(sourceNames)})`
  const alerts: AlertDraft[] = [
    {
      ...burstBasics(rule, burst, entities),
      title: perSource
        ? `Failed-login burst from ${burst.key}: ${plural(failures.length, 'failure')}`
        : `Failed-login burst against account '${burst.key}': ${plural(failures.length, 'failure')} ` +
          `from ${plural(sources.length, 'source')}`,
      description:
        `${plural(failures.length, 'failed login')} (${listSome(processes) || 'unknown process'}) ${subject}` +
        `${onHosts(entities)}, ${timeSpan(failures)}; ${windowPhrase(burst, settings)}.` +
        (spraying ? ' Many accounts, a few tries each: password spraying.' : '') +
        entities.cappedNote(),
      techniques: [...techniques]
    }
  ]
  if (escalation !== undefined) {
    const first = escalation.successes[0]
    const loggedIn = distinct(escalation.successes.flatMap((attempt) => attempt.account ?? []))
    const privileged = loggedIn.filter((account) => PRIVILEGED_ACCOUNTS.has(account.toLowerCase()))
    alerts.push(
      successAlert(rule, burst, escalation, settings, {
        severity: privileged.length > 0 ? 'critical' : 'high',
        title: perSource
          ? `Login from ${burst.key} after ${plural(escalation.failuresBefore, 'failed attempt')}`
          : `Login to account '${burst.key}' after ${plural(escalation.failuresBefore, 'failed attempt')}`,
        what:
          `${first.process ?? 'the system'} accepted ` +
          (first.account === undefined ? 'a login' : `account '${first.account}'`) +
          (first.sourceIp === undefined ? '' : ` from ${first.sourceIp}`) +
          (first.host === undefined ? '' : ` on ${first.host}`) +
          (privileged.length > 0 ? `; ${listSome(privileged)} is a privileged account` : ''),
        techniques
      })
    )
  }
  return alerts
}

function burstBasics<Attempt extends AuthAttempt>(
  rule: BurstRule,
  burst: Burst<Attempt>,
  entities: EntityCollector
): Omit<AlertDraft, 'title' | 'description' | 'techniques'> {
  const failures = burst.contributing
  return {
    fingerprint: alertFingerprint(AUTH_BURST_ENGINE_ID, rule.id, burst.key),
    engine: AUTH_BURST_ENGINE_ID,
    rule: { id: rule.id, title: rule.title },
    severity: 'medium',
    entities: entities.toEntities(),
    firstSeen: failures[0].timestamp,
    lastSeen: failures[failures.length - 1].timestamp,
    count: failures.length,
    events: distinctEvents(failures)
  }
}

function successAlert<Attempt extends AuthAttempt>(
  rule: BurstRule,
  burst: Burst<Attempt>,
  escalation: Escalation<Attempt>,
  settings: DetectionSettings['authBurst'],
  wording: { severity: Severity; title: string; what: string; techniques: readonly string[] }
): AlertDraft {
  const failures = burst.contributing.slice(0, escalation.failuresBefore)
  const attempts = [...failures, ...escalation.successes].sort((a, b) => a.timestamp - b.timestamp)
  const entities = collectEntities(attempts)
  const ruleId = `${rule.id}.success`
  const first = escalation.successes[0]
  return {
    fingerprint: alertFingerprint(AUTH_BURST_ENGINE_ID, ruleId, burst.key),
    engine: AUTH_BURST_ENGINE_ID,
    rule: { id: ruleId, title: rule.successTitle },
    title: wording.title,
    description:
      `${plural(escalation.successes.length, 'successful login')} within ` +
      `${formatDuration(settings.successWithinMs)} of a failed-login burst ` +
      `(${plural(failures.length, 'failure')} from ${formatUtc(failures[0].timestamp)}); ` +
      `the first at ${formatUtc(first.timestamp)}: ${wording.what}. ` +
      'Treat the credentials as compromised until shown otherwise.' +
      entities.cappedNote(),
    severity: wording.severity,
    techniques: [...wording.techniques, VALID_ACCOUNTS_TECHNIQUE],
    entities: entities.toEntities(),
    firstSeen: attempts[0].timestamp,
    lastSeen: attempts[attempts.length - 1].timestamp,
    count: attempts.length,
    events: distinctEvents(attempts)
  }
}

/** A folded "message repeated N times" record counts N attempts but is one event. */
function distinctEvents(attempts: readonly AuthAttempt[]): EventRef[] {
  return [...new Set(attempts.map((attempt) => attempt.event))]
}

function maxTriesPerAccount(failures: readonly SystemLoginAttempt[]): number {
  const tries = new Map<string, number>()
  let most = 0
  for (const { account } of failures) {
    if (account === undefined) continue
    const count = (tries.get(account) ?? 0) + 1
    tries.set(account, count)
    most = Math.max(most, count)
  }
  return most
}

function collectEntities(attempts: readonly AuthAttempt[]): EntityCollector {
  const entities = new EntityCollector()
  for (const attempt of attempts) {
    entities.ips.add(attempt.sourceIp)
    entities.hosts.add(attempt.host)
    if (attempt.service === 'system') entities.users.add(attempt.account)
  }
  return entities
}

function onHosts(entities: EntityCollector): string {
  const hosts = entities.hosts.values
  return hosts.length === 0 ? '' : ` on ${listSome(hosts)}`
}

function timeSpan(attempts: readonly AuthAttempt[]): string {
  return `${formatUtc(attempts[0].timestamp)} to ${formatUtc(attempts[attempts.length - 1].timestamp)}`
}

function windowPhrase(burst: Burst<AuthAttempt>, settings: DetectionSettings['authBurst']): string {
  return (
    `${plural(burst.episodes, 'burst')} of at least ${settings.threshold} failures ` +
    `within ${formatDuration(settings.windowMs)}`
  )
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)]
}
