// Turns stored events into authentication attempts: failed or successful logins, whether from a web
// access log (status codes on login paths) or from auth.log (sshd, sudo, su). The burst engine reasons
// about attempts only, so a new log source needs a reader here, not a new engine.

import type { StoredEvent, EventRef } from '../../../common/event'
import { isLoginPath, normaliseWebPath } from './loginPaths'

interface AttemptBase {
  event: EventRef
  timestamp: number
  outcome: 'failure' | 'success'
  sourceIp: string | undefined
  host: string | undefined
  /**
   * How many attempts the record stands for: rsyslog folds identical lines into one
   * "message repeated N times: [ … ]" record, which is N attempts.
   */
  repeats: number
}

export interface WebLoginAttempt extends AttemptBase {
  service: 'web'
  path: string
  method: string
  status: number
}

export interface SystemLoginAttempt extends AttemptBase {
  service: 'system'
  /** The account whose credentials were tried. */
  account: string | undefined
  /** sshd, sudo, su …, as the parser named the process. */
  process: string | undefined
  pid: number | undefined
  action: string | undefined
}

export type AuthAttempt = WebLoginAttempt | SystemLoginAttempt

/** Methods that only fetch a page: a 200 for them on /login is the form being shown, not a login. */
const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** Categories the attempts come from; the engine asks the store for these only. */
export const AUTH_EVENT_CATEGORIES = ['web', 'authentication'] as const

export function readAuthAttempt(event: StoredEvent): AuthAttempt | null {
  const fields = event.fields
  const base = {
    event: { evidenceId: event.provenance.evidenceId, eventId: event.id },
    timestamp: event.timestamp,
    sourceIp: text(fields['source.ip']),
    host: text(fields['host.name']),
    repeats: repeatCount(event)
  }
  if (fields['event.category'] === 'authentication') {
    const outcome = fields['event.outcome']
    if (outcome !== 'failure' && outcome !== 'success') return null
    const action = text(fields['event.action'])
    // su asks for the target account's password; sshd and sudo for the password of user.name.
    const account =
      action === 'su'
        ? (text(fields['user.target.name']) ?? text(fields['user.name']))
        : text(fields['user.name'])
    const pid = fields['process.pid']
    return {
      ...base,
      service: 'system',
      outcome,
      account,
      process: text(fields['process.name']),
      pid: typeof pid === 'number' ? pid : undefined,
      action
    }
  }
  if (fields['event.category'] === 'web') {
    const status = Number(fields['http.response.status_code'])
    const rawPath = text(fields['url.path']) ?? text(fields['url.original'])
    if (rawPath === undefined || !Number.isInteger(status)) return null
    const path = normaliseWebPath(rawPath)
    if (!isLoginPath(path)) return null
    const method = (text(fields['http.request.method']) ?? '').toUpperCase()
    if (status === 401 || status === 403)
      return { ...base, service: 'web', outcome: 'failure', path, method, status }
    if (status >= 200 && status < 400)
      return { ...base, service: 'web', outcome: 'success', path, method, status }
  }
  return null
}

/**
 * Whether a 2xx/3xx on a login path is a login: a submitted form (POST and the like), or any request to
 * a path that answered 401 before, since HTTP auth challenges with 401 and then serves the page.
 */
export function isWebLoginSuccess(attempt: WebLoginAttempt, challengedPaths: ReadonlySet<string>): boolean {
  return !READ_ONLY_METHODS.has(attempt.method) || challengedPaths.has(attempt.path)
}

function text(value: string | number | undefined): string | undefined {
  if (value === undefined) return undefined
  const trimmed = String(value).trim()
  return trimmed === '' || trimmed === '-' ? undefined : trimmed
}

function repeatCount(event: StoredEvent): number {
  const repeated = Number(event.extra?.['log.syslog.repeated'])
  return Number.isInteger(repeated) && repeated > 1 ? repeated : 1
}
