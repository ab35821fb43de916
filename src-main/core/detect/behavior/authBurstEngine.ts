// Failed-authentication bursts, the classic brute-force detection: failures per source address (web
// logins and sshd/sudo/su) and per target account in a sliding window, one merged alert per key, and a
// separate, more severe alert when a login succeeds for that source or account soon after the failures.

import type { EventQuery } from '../../../common/domain'
import { CairnError } from '../../../common/errors'
import { formatDuration, plural } from '../describe'
import type { DetectionContext, DetectionEngine, DetectionSettings, EngineResult } from '../engine'
import { AUTH_EVENT_CATEGORIES, readAuthAttempt } from './authAttempts'
import type { SystemLoginAttempt } from './authAttempts'
import {
  AUTH_BURST_ENGINE_ID,
  SYSTEM_ACCOUNT_RULE,
  SYSTEM_SOURCE_RULE,
  systemLoginAlerts,
  webLoginAlerts
} from './authBurstAlerts'
import { AuthBurstScan } from './authBurstScan'
import type { BurstFinding } from './authBurstScan'
import { nextTurn } from '../../jobs/nextTurn'

const SCAN_BATCH_SIZE = 5000

export class AuthBurstEngine implements DetectionEngine {
  readonly id = AUTH_BURST_ENGINE_ID
  readonly title = 'Failed-authentication bursts'
  readonly description =
    'Finds bursts of failed logins — HTTP 401/403 on login paths and sshd/sudo/su failures — per source ' +
    'address and per target account in a sliding window, and escalates when a login then succeeds.'
  readonly dependsOn: readonly string[] = []

  async run(context: DetectionContext): Promise<EngineResult> {
    const settings = checkSettings(context.settings.authBurst)
    const scan = new AuthBurstScan(settings)
    const query: EventQuery = {
      filters: [{ field: 'event.category', op: 'in', value: [...AUTH_EVENT_CATEGORIES] }]
    }
    const total = context.events.count(query)
    let examined = 0
    for (const batch of context.events.scan(query, { batchSize: SCAN_BATCH_SIZE })) {
      context.signal.throwIfAborted()
      for (const event of batch) {
        const attempt = readAuthAttempt(event)
        if (attempt !== null) scan.observe(attempt)
      }
      examined += batch.length
      context.progress(examined, total)
      await nextTurn()
    }

    const alerts = [
      ...scan.webBySource.findings().flatMap((finding) => webLoginAlerts(finding, settings)),
      ...scan.systemBySource
        .findings()
        .flatMap((finding) => systemLoginAlerts(SYSTEM_SOURCE_RULE, finding, settings)),
      ...scan.systemByAccount
        .findings()
        .filter((finding) => !comesFromOneKnownSource(finding))
        .flatMap((finding) => systemLoginAlerts(SYSTEM_ACCOUNT_RULE, finding, settings))
    ]
    const rule = `${settings.threshold} failures within ${formatDuration(settings.windowMs)}`
    const failures = plural(scan.failures, 'failed login')
    if (alerts.length === 0) {
      return {
        status: 'no_findings',
        priority: 'none',
        summary: `No failed-login bursts: none of ${failures} reached ${rule}`,
        alerts
      }
    }
    const escalated = alerts.filter((alert) => alert.severity !== 'medium').length
    return {
      status: 'success',
      priority: escalated > 0 ? 'high' : 'medium',
      summary:
        `${plural(alerts.length - escalated, 'failed-login burst')} (at least ${rule}) among ${failures}` +
        (escalated > 0 ? `; ${escalated} followed by a successful login` : ''),
      alerts
    }
  }
}

function checkSettings(settings: DetectionSettings['authBurst']): DetectionSettings['authBurst'] {
  const { threshold, windowMs, successWithinMs } = settings
  if (!Number.isInteger(threshold) || threshold < 2) {
    const reason = `authBurst.threshold must be a whole number of at least 2, not ${threshold}`
    throw new CairnError('BAD_REQUEST', reason)
  }
  if (!(windowMs > 0)) {
    throw new CairnError('BAD_REQUEST', `authBurst.windowMs must be above 0 ms, not ${windowMs}`)
  }
  if (!(successWithinMs >= 0)) {
    throw new CairnError(
      'BAD_REQUEST',
      `authBurst.successWithinMs must be 0 ms or more, not ${successWithinMs}`
    )
  }
  return settings
}

/** All from one address: the per-source alert already says everything the per-account one would. */
function comesFromOneKnownSource({ burst }: BurstFinding<SystemLoginAttempt>): boolean {
  const first = burst.contributing[0].sourceIp
  return first !== undefined && burst.contributing.every((attempt) => attempt.sourceIp === first)
}
