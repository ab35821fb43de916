// Sigma detection inside an import worker: each stored event goes through the rules for its format, and the
// matches go back to the main thread in batches, tagged with the evidence they belong to. Rules are
// compiled once per rule set and format for as long as the worker lives, however many files and tasks use
// them.

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

/** Matchers compiled in this worker, by rule set and format, kept for the tasks that follow (a few sets). */
const compiled = new Map<string, StreamingMatcher>()
const MAX_COMPILED = 8

function matcherFor(payload: StreamingRules): StreamingMatcher {
  const key = `${payload.fingerprint}\u0000${payload.format}`
  let matcher = compiled.get(key)
  if (matcher === undefined) {
    matcher = new StreamingMatcher(payload)
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string)
    compiled.set(key, matcher)
  }
  return matcher
}

export class WorkerSigmaRules {
  constructor(
    private readonly rules: readonly StreamingRules[] | undefined,
    private readonly post: (message: WorkerMessage) => void
  ) {}

  /** A matcher for one evidence source read to its end before the next starts; null when no rule applies. */
  forEvidence(format: LogFormat, evidenceId: string): WorkerSigma | null {
    const payload = this.rules?.find((candidate) => candidate.format === format)
    if (payload === undefined) return null
    const matcher = matcherFor(payload)
    // Matches left by a file that failed half-way belong to no evidence: they go with it.
    matcher.take()
    const flush = (): void => {
      if (matcher.waiting > 0) {
        this.post({ type: 'sigma', evidenceId, fingerprint: payload.fingerprint, matches: matcher.take() })
      }
    }
    return {
      onEvent: (event, eventId) => {
        matcher.match(event, eventId)
        if (matcher.waiting >= MATCHES_PER_MESSAGE) flush()
      },
      flush
    }
  }
}
