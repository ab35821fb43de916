// Sliding-window counting of failures per key (a source address, an account). Events arrive in time
// order, so each key keeps only the failures inside the current window; every failure that was part of a
// window reaching the threshold is kept as contributing to that key's single, merged finding.

export interface TimedAttempt {
  timestamp: number
}

export interface Burst<Attempt extends TimedAttempt> {
  readonly key: string
  /** Every failure that fell in some window holding at least `threshold` failures, in time order. */
  readonly contributing: Attempt[]
  /** How many separate runs of such windows there were (a quiet gap longer than the window splits them). */
  episodes: number
}

interface KeyWindow<Attempt extends TimedAttempt> extends Burst<Attempt> {
  /** Failures of the current window are window[head..]; the array is compacted now and then. */
  window: Attempt[]
  head: number
  /** Index in `window` up to which failures are already in `contributing`. */
  contributedUpTo: number
}

/** Past this many dropped entries the window array is compacted, so a long attack does not pin memory. */
const COMPACT_AFTER = 4096

export class BurstTracker<Attempt extends TimedAttempt> {
  private readonly keys = new Map<string, KeyWindow<Attempt>>()

  /** A burst is `threshold` failures whose first and last are at most `windowMs` apart. */
  constructor(
    private readonly threshold: number,
    private readonly windowMs: number
  ) {}

  /** Adds one failure; failures must arrive in time order (as EventReader.scan yields them). */
  add(key: string, attempt: Attempt): void {
    let state = this.keys.get(key)
    if (state === undefined) {
      state = { key, contributing: [], episodes: 0, window: [], head: 0, contributedUpTo: 0 }
      this.keys.set(key, state)
    }
    state.window.push(attempt)
    while (attempt.timestamp - state.window[state.head].timestamp > this.windowMs) state.head++
    if (state.window.length - state.head >= this.threshold) {
      if (state.contributedUpTo <= state.head) state.episodes++
      for (let i = Math.max(state.head, state.contributedUpTo); i < state.window.length; i++) {
        state.contributing.push(state.window[i])
      }
      state.contributedUpTo = state.window.length
    }
    if (state.head > COMPACT_AFTER && state.head * 2 > state.window.length) {
      state.window = state.window.slice(state.head)
      state.contributedUpTo = Math.max(0, state.contributedUpTo - state.head)
      state.head = 0
    }
  }

  /** The key's burst so far, or undefined while it has not reached the threshold. */
  burst(key: string): Burst<Attempt> | undefined {
    const state = this.keys.get(key)
    return state !== undefined && state.contributing.length > 0 ? state : undefined
  }

  bursts(): Burst<Attempt>[] {
    return [...this.keys.values()].filter((state) => state.contributing.length > 0)
  }
}
