// Alert identity across re-runs: the case store updates the alert with the same fingerprint instead of
// adding a new one, so a fingerprint depends only on what was found (engine, rule, key), never on when.

import { createHash } from 'node:crypto'

/** `engine:rule:<digest of key>`; the key is hashed because user agents and URLs can be kilobytes long. */
export function alertFingerprint(engine: string, ruleId: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('hex').slice(0, 32)
  return `${engine}:${ruleId}:${digest}`
}
