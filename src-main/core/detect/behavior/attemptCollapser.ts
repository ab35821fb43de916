// One password attempt often leaves several auth.log lines: sshd's "Invalid user", pam_unix's
// "authentication failure", then sshd's "Failed password"; su and sudo log a PAM line and their own.
// Counting lines would make four mistyped passwords look like a burst of ten, so the records of one
// attempt are collapsed into the first.

import type { SystemLoginAttempt } from './authAttempts'

/** Records of one attempt follow each other within seconds (PAM delays a failure by about 2 s). */
export const SAME_ATTEMPT_WITHIN_MS = 10_000

interface LastRecord {
  action: string | undefined
  timestamp: number
}

export class AttemptCollapser {
  private readonly last = new Map<string, LastRecord>()

  /**
   * True when the attempt is another record of the one before it: same process instance (host, process,
   * pid) and source, a different kind of record, at most SAME_ATTEMPT_WITHIN_MS later. A record of the same
   * kind is a new attempt: sshd logs "Failed password" once per password tried on one connection.
   */
  isAnotherRecordOfLast(attempt: SystemLoginAttempt): boolean {
    const key = processInstanceKey(attempt)
    const previous = this.last.get(key)
    this.last.set(key, { action: attempt.action, timestamp: attempt.timestamp })
    return (
      previous !== undefined &&
      previous.action !== attempt.action &&
      attempt.timestamp - previous.timestamp <= SAME_ATTEMPT_WITHIN_MS
    )
  }
}

/** Without a pid (sudo logs none) the account stands in, so two users' sudo failures stay apart. */
function processInstanceKey(attempt: SystemLoginAttempt): string {
  const instance = attempt.pid ?? `user ${attempt.account ?? ''}`
  return [attempt.outcome, attempt.host ?? '', attempt.process ?? '', instance, attempt.sourceIp ?? ''].join(
    '\u0000'
  )
}
