// The contract every detection engine implements (Timesketch-style analyzers): it declares who it is and
// what it depends on, reads events through the EventReader, and always ends with a validated result —
// status, priority and a summary that exists even when nothing was found.

import type { AlertEntities, LogFormat, RunPriority, RunStatus, Severity } from '../../common/domain'
import type { EventRef } from '../../common/event'
import type { EventReader } from '../store/eventReader'
import type { IocEntry } from './ioc/iocTypes'
import type { StreamedMatch } from './sigma/streamingRules'

/** An alert as an engine proposes it; the case store turns it into an Alert (or updates the existing one). */
export interface AlertDraft {
  /** Stable across re-runs for the same finding (engine + rule + key entities), so alerts never duplicate. */
  fingerprint: string
  engine: string
  rule: { id: string; title: string }
  title: string
  description: string
  severity: Severity
  /** ATT&CK technique ids, e.g. T1110.001. */
  techniques: string[]
  entities: AlertEntities
  firstSeen: number
  lastSeen: number
  count: number
  events: EventRef[]
}

export interface DetectionSettings {
  authBurst: {
    /** Failures from one source (or against one user) within the window that raise an alert. */
    threshold: number
    /** Length of the sliding window; the first and last failure of a burst are at most this far apart. */
    windowMs: number
    /** A success from the same source (or for the same account) this long after a burst escalates it. */
    successWithinMs: number
  }
  /** Match IOC lists against these sources; always all fields in v1. */
  ioc: { enabled: boolean }
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  authBurst: { threshold: 10, windowMs: 5 * 60_000, successWithinMs: 30 * 60_000 },
  ioc: { enabled: true }
}

export interface DetectionContext {
  events: EventReader
  /** Each evidence source's format by evidence id, for engines whose rules depend on the kind of log. */
  evidenceFormats: ReadonlyMap<string, LogFormat | 'unknown'>
  /** Sigma matches found while an evidence source was imported, and the rule set that found them. */
  streamedSigma?(evidenceId: string): { fingerprint: string; matches: readonly StreamedMatch[] } | null
  iocs: readonly IocEntry[]
  settings: DetectionSettings
  signal: AbortSignal
  /** Reports progress within this engine, in events examined. */
  progress(done: number, total: number): void
}

export interface EngineResult {
  status: RunStatus
  priority: RunPriority
  summary: string
  alerts: AlertDraft[]
}

export interface DetectionEngine {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly dependsOn: readonly string[]
  run(context: DetectionContext): Promise<EngineResult>
}
