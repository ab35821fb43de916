// The set of detection engines and the order they run in. Engines declare what they depend on (as
// Timesketch analyzers do); the registry orders them so every engine runs after its dependencies and
// refuses a set with unknown dependencies or cycles before anything runs.

import { CairnError } from '../../common/errors'
import { AuthBurstEngine } from './behavior/authBurstEngine'
import type { DetectionEngine } from './engine'
import { IocEngine } from './ioc/iocEngine'
import type { SigmaRuleSet } from './sigma/ruleSet'
import { SigmaEngine } from './sigma/sigmaEngine'

/** The engines of Cairn, in their preferred order; the Sigma engine runs when a rule set is given. */
export function createDefaultEngines(options: { sigmaRules?: SigmaRuleSet } = {}): DetectionEngine[] {
  const engines: DetectionEngine[] = [new IocEngine(), new AuthBurstEngine()]
  if (options.sigmaRules !== undefined) engines.push(new SigmaEngine(options.sigmaRules))
  return engines
}

/**
 * Orders engines so each comes after everything it depends on; independent engines keep the order they
 * were given in. Throws a CairnError naming the engine at fault for duplicate ids, unknown dependencies
 * and dependency cycles.
 */
export function orderEngines(engines: readonly DetectionEngine[]): DetectionEngine[] {
  const byId = new Map<string, DetectionEngine>()
  for (const engine of engines) {
    if (byId.has(engine.id)) {
      throw new CairnError('INTERNAL', `Two detection engines share the id '${engine.id}'`)
    }
    byId.set(engine.id, engine)
  }
  for (const engine of engines) {
    const missing = engine.dependsOn.find((id) => !byId.has(id))
    if (missing !== undefined) {
      throw new CairnError(
        'INTERNAL',
        `Detection engine '${engine.id}' depends on '${missing}', which is not registered`
      )
    }
  }
  const ordered: DetectionEngine[] = []
  const placed = new Set<string>()
  const visiting: string[] = []
  const visit = (engine: DetectionEngine): void => {
    if (placed.has(engine.id)) return
    const cycleStart = visiting.indexOf(engine.id)
    if (cycleStart >= 0) {
      const cycle = [...visiting.slice(cycleStart), engine.id].join(' → ')
      throw new CairnError('INTERNAL', `Detection engines depend on each other in a cycle: ${cycle}`)
    }
    visiting.push(engine.id)
    for (const id of engine.dependsOn) {
      const dependency = byId.get(id)
      if (dependency !== undefined) visit(dependency)
    }
    visiting.pop()
    placed.add(engine.id)
    ordered.push(engine)
  }
  for (const engine of engines) visit(engine)
  return ordered
}
