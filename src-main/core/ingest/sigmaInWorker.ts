// Sigma detection inside an import worker: each stored event goes through the rules for its format, and the
// matches go back to the main thread in batches, tagged with the evidence they belong to. Rules are
// compiled once per format for the whole task, however many files of an archive or folder use them.

import type { LogFormat } from '../../common/domain'
import type { NormalisedEvent } from '../../common/event'
import { StreamingMatcher } from '../detect/sigma/streamingRules'
import type { StreamingRules } from '../detect/sigma/streamingRules'
import type { WorkerMessage } from './ingestTasks'

const MATCHES_PER_MESSAGE = 5000

export interface WorkerSigma {
  onEvent(event: NormalisedEvent, eventId: number): void
  /** Sends the matches not sent yet; call before the evidence is reported done. */
  flush(): void
}

export class WorkerSigmaRules {
  private readonly matchers = new Map<LogFormat, StreamingMatcher>()

  constructor(
    private readonly rules: readonly StreamingRules[] | undefined,
    private readonly post: (message: WorkerMessage) => void
  ) {}

  /** A matcher for one evidence source read to its end before the next starts; null when no rule applies. */
  forEvidence(format: LogFormat, evidenceId: string): WorkerSigma | null {
    const payload = this.rules?.find((candidate) => candidate.format === format)
    if (payload === undefined) return null
    let matcher = this.matchers.get(format)
    if (matcher === undefined) {
      matcher = new StreamingMatcher(payload)
      this.matchers.set(format, matcher)
    }
    // Matches left by a file that failed half-way belong to no evidence: they go with it.
    matcher.take()
    const compiled = matcher
    const flush = (): void => {
      if (compiled.waiting > 0) {
        this.post({ type: 'sigma', evidenceId, fingerprint: payload.fingerprint, matches: compiled.take() })
      }
    }
    return {
      onEvent: (event, eventId) => {
        compiled.match(event, eventId)
        if (compiled.waiting >= MATCHES_PER_MESSAGE) flush()
      },
      flush
    }
  }
}
