// Runs a set of detection engines in dependency order and turns each into a DetectionRunSummary. An
// engine that throws or returns an invalid result becomes an 'error' run and the others carry on; only
// cancellation (context.signal) stops the whole run.

import { RUN_STATUSES, SEVERITIES } from '../../common/domain'
import type { DetectionRunSummary } from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { AlertDraft, DetectionContext, DetectionEngine, EngineResult } from './engine'
import { orderEngines } from './registry'

export { createDefaultEngines } from './registry'

export interface DetectionOutcome {
  runs: DetectionRunSummary[]
  alerts: AlertDraft[]
}

/**
 * Throws CairnError 'INTERNAL' before running anything if the engines cannot be ordered, and
 * CairnError 'CANCELLED' when context.signal aborts (results of a cancelled run are not returned, so a
 * half-finished detection never reaches the case).
 */
export async function runEngines(
  engines: readonly DetectionEngine[],
  context: DetectionContext
): Promise<DetectionOutcome> {
  const ordered = orderEngines(engines)
  const runs: DetectionRunSummary[] = []
  const alerts: AlertDraft[] = []
  const fingerprints = new Set<string>()
  const failed = new Set<string>()
  for (const engine of ordered) {
    throwIfCancelled(context.signal, runs.length, ordered.length)
    const startedAt = Date.now()
    const failedDependency = engine.dependsOn.find((id) => failed.has(id))
    if (failedDependency !== undefined) {
      failed.add(engine.id)
      runs.push(errorRun(engine, startedAt, `Not run: it depends on '${failedDependency}', which failed`))
      continue
    }
    let result: EngineResult
    try {
      result = await engine.run(context)
    } catch (error) {
      throwIfCancelled(context.signal, runs.length, ordered.length)
      failed.add(engine.id)
      runs.push(errorRun(engine, startedAt, `Engine failed: ${errorMessage(error)}`))
      continue
    }
    const problem = findResultProblem(engine, result, fingerprints)
    if (problem !== null) {
      failed.add(engine.id)
      runs.push(errorRun(engine, startedAt, `Engine returned an invalid result: ${problem}`))
      continue
    }
    if (result.status === 'error') failed.add(engine.id)
    for (const alert of result.alerts) {
      fingerprints.add(alert.fingerprint)
      alerts.push(alert)
    }
    runs.push({
      engine: engine.id,
      title: engine.title,
      status: result.status,
      priority: result.priority,
      summary: result.summary,
      alerts: result.alerts.length,
      startedAt,
      finishedAt: Date.now()
    })
  }
  return { runs, alerts }
}

function throwIfCancelled(signal: AbortSignal, finished: number, total: number): void {
  if (signal.aborted) {
    throw new CairnError(
      'CANCELLED',
      `Detection was cancelled after ${finished} of ${total} engines had finished`
    )
  }
}

function errorRun(engine: DetectionEngine, startedAt: number, summary: string): DetectionRunSummary {
  return {
    engine: engine.id,
    title: engine.title,
    status: 'error',
    priority: 'none',
    summary,
    alerts: 0,
    startedAt,
    finishedAt: Date.now()
  }
}

/** Engines are plugins; what they hand back is checked like any other input crossing a boundary. */
function findResultProblem(
  engine: DetectionEngine,
  result: EngineResult,
  fingerprintsSoFar: ReadonlySet<string>
): string | null {
  if (!RUN_STATUSES.includes(result.status)) return `unknown status '${String(result.status)}'`
  if (result.summary.trim() === '') return 'the summary is empty'
  if (result.status === 'no_findings' && result.alerts.length > 0) {
    return `status 'no_findings' with ${result.alerts.length} alerts`
  }
  const fingerprints = new Set<string>()
  for (const alert of result.alerts) {
    const where = `alert '${alert.title}'`
    if (alert.engine !== engine.id) return `${where} names engine '${alert.engine}'`
    if (alert.fingerprint === '') return `${where} has no fingerprint`
    if (fingerprints.has(alert.fingerprint) || fingerprintsSoFar.has(alert.fingerprint)) {
      return `${where} repeats fingerprint '${alert.fingerprint}'`
    }
    fingerprints.add(alert.fingerprint)
    if (!SEVERITIES.includes(alert.severity)) {
      return `${where} has unknown severity '${String(alert.severity)}'`
    }
    if (!(alert.count >= 1)) return `${where} counts ${alert.count} events`
    if (!(alert.firstSeen <= alert.lastSeen)) return `${where} was last seen before it was first seen`
  }
  return null
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
