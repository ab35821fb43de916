// The main thread's side of Sigma detection during import: which rules each import worker gets, and the
// matches workers send back, kept per evidence source until its import completes and then written beside
// its shards. An import that continues a stopped one keeps nothing: its early part was never matched, so
// detection hunts that evidence in the store instead.

import { LOG_FORMATS } from '../../common/domain'
import type { LogFormat } from '../../common/domain'
import type { Case } from '../case/case'
import { saveStreamedSigma } from '../case/sigmaMatchFile'
import type { SigmaRuleSet } from '../detect/sigma/ruleSet'
import { streamingRulesFor } from '../detect/sigma/streamingRules'
import type { StreamedMatch, StreamingRules } from '../detect/sigma/streamingRules'
import type { WorkerMessage } from '../ingest/ingestTasks'

export class SigmaDuringImport {
  private readonly matches = new Map<string, StreamedMatch[]>()
  private readonly payloads = new Map<LogFormat, StreamingRules | null>()

  constructor(private readonly rules: SigmaRuleSet | null) {}

  /** The rules for one format's workers (none when no rule can match it). */
  rulesFor(format: LogFormat): StreamingRules[] | undefined {
    const payload = this.payload(format)
    return payload === null ? undefined : [payload]
  }

  /** The rules for a container's worker: every format that has any. */
  rulesForAnyFormat(): StreamingRules[] | undefined {
    const payloads = LOG_FORMATS.map((format) => this.payload(format)).filter(
      (payload): payload is StreamingRules => payload !== null
    )
    return payloads.length === 0 ? undefined : payloads
  }

  take(message: Extract<WorkerMessage, { type: 'sigma' }>): void {
    if (message.fingerprint !== this.rules?.fingerprint) return
    const list = this.matches.get(message.evidenceId)
    if (list === undefined) this.matches.set(message.evidenceId, [...message.matches])
    else for (const match of message.matches) list.push(match)
  }

  /** Writes what was matched in an evidence source read whole in this import (nothing matched included). */
  complete(open: Case, evidenceId: string, format: LogFormat | 'unknown'): void {
    const matches = this.matches.get(evidenceId) ?? []
    this.matches.delete(evidenceId)
    if (this.rules === null || format === 'unknown' || this.payload(format) === null) return
    saveStreamedSigma(open.shardDir(evidenceId), { fingerprint: this.rules.fingerprint, matches })
  }

  forget(evidenceId: string): void {
    this.matches.delete(evidenceId)
  }

  private payload(format: LogFormat): StreamingRules | null {
    if (this.rules === null) return null
    let payload = this.payloads.get(format)
    if (payload === undefined) {
      payload = streamingRulesFor(this.rules, format)
      this.payloads.set(format, payload)
    }
    return payload
  }
}
