// Sigma detection inside an import worker: each stored event goes through the rules for its format, and the
// matches go back to the main thread in batches, tagged with the evidence they belong to.

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

/** A matcher for one evidence source, or null when no rules were sent for its format. */
export function workerSigma(
  rules: readonly StreamingRules[] | undefined,
  format: LogFormat,
  evidenceId: string,
  post: (message: WorkerMessage) => void
): WorkerSigma | null {
  const payload = rules?.find((candidate) => candidate.format === format)
  if (payload === undefined) return null
  const matcher = new StreamingMatcher(payload)
  const flush = (): void => {
    if (matcher.waiting > 0)
      post({ type: 'sigma', evidenceId, fingerprint: payload.fingerprint, matches: matcher.take() })
  }
  return {
    onEvent: (event, eventId) => {
      matcher.match(event, eventId)
      if (matcher.waiting >= MATCHES_PER_MESSAGE) flush()
    },
    flush
  }
}
