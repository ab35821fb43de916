import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/common/errors'
import type { AlertDraft, DetectionEngine, EngineResult } from '../../../src-main/core/detect/engine'
import { createDefaultEngines, orderEngines } from '../../../src-main/core/detect/registry'
import { runEngines } from '../../../src-main/core/detect/runEngines'
import { detectionContext, EventFactory, seconds } from './memoryEvents'

function engine(
  id: string,
  dependsOn: string[] = [],
  run: () => Promise<EngineResult> = async () => ({
    status: 'no_findings',
    priority: 'none',
    summary: `${id} found nothing`,
    alerts: []
  })
): DetectionEngine {
  return { id, title: `Engine ${id}`, description: `test engine ${id}`, dependsOn, run }
}

function draft(engineId: string, fingerprint: string): AlertDraft {
  return {
    fingerprint,
    engine: engineId,
    rule: { id: 'r', title: 'Rule' },
    title: `alert ${fingerprint}`,
    description: 'test',
    severity: 'low',
    techniques: [],
    entities: { ips: [], users: [], hosts: [] },
    firstSeen: 1,
    lastSeen: 2,
    count: 1,
    events: []
  }
}

const ids = (engines: DetectionEngine[]): string[] => engines.map((e) => e.id)

describe('orderEngines', () => {
  it('puts every engine after its dependencies and otherwise keeps the given order', () => {
    const ordered = orderEngines([
      engine('report', ['sigma', 'ioc']),
      engine('ioc'),
      engine('sigma', ['ioc']),
      engine('burst')
    ])
    expect(ids(ordered)).toEqual(['ioc', 'sigma', 'report', 'burst'])
  })

  it('rejects an unknown dependency, naming both engines', () => {
    expect(() => orderEngines([engine('a', ['ghost'])])).toThrow(
      new CairnError('INTERNAL', "Detection engine 'a' depends on 'ghost', which is not registered")
    )
  })

  it('rejects a dependency cycle and spells it out', () => {
    expect(() =>
      orderEngines([engine('x'), engine('a', ['b']), engine('b', ['c']), engine('c', ['a'])])
    ).toThrow('Detection engines depend on each other in a cycle: a → b → c → a')
    expect(() => orderEngines([engine('self', ['self'])])).toThrow('cycle: self → self')
  })

  it('rejects two engines with one id', () => {
    expect(() => orderEngines([engine('a'), engine('a')])).toThrow("Two detection engines share the id 'a'")
  })

  it('orders the default v1 engines', () => {
    expect(ids(orderEngines(createDefaultEngines()))).toEqual(['ioc', 'auth-burst'])
  })
})

describe('runEngines', () => {
  it('turns an engine that throws into an error run and still runs the others', async () => {
    const engines = [
      engine('boom', [], async () => {
        throw new Error('rule file sigma/x.yml: unexpected token')
      }),
      engine('fine', [], async () => ({
        status: 'success',
        priority: 'low',
        summary: '1 thing',
        alerts: [draft('fine', 'f1')]
      }))
    ]
    const before = Date.now()
    const { runs, alerts } = await runEngines(engines, detectionContext([]))
    expect(
      runs.map(({ engine: id, status, priority, summary, alerts: count }) => ({
        id,
        status,
        priority,
        summary,
        count
      }))
    ).toEqual([
      {
        id: 'boom',
        status: 'error',
        priority: 'none',
        summary: 'Engine failed: rule file sigma/x.yml: unexpected token',
        count: 0
      },
      { id: 'fine', status: 'success', priority: 'low', summary: '1 thing', count: 1 }
    ])
    expect(runs[0].title).toBe('Engine boom')
    for (const run of runs) {
      expect(run.startedAt).toBeGreaterThanOrEqual(before)
      expect(run.finishedAt).toBeGreaterThanOrEqual(run.startedAt)
    }
    expect(alerts.map((alert) => alert.fingerprint)).toEqual(['f1'])
  })

  it('does not run an engine whose dependency failed', async () => {
    let ran = false
    const engines = [
      engine('base', [], async () => Promise.reject(new Error('disk full'))),
      engine('derived', ['base'], async () => {
        ran = true
        return { status: 'no_findings', priority: 'none', summary: 'nothing', alerts: [] }
      })
    ]
    const { runs } = await runEngines(engines, detectionContext([]))
    expect(ran).toBe(false)
    expect(runs[1]).toMatchObject({ status: 'error', summary: "Not run: it depends on 'base', which failed" })
  })

  it('refuses an invalid result as an error run without its alerts', async () => {
    const engines = [
      engine('a', [], async () => ({
        status: 'success',
        priority: 'low',
        summary: 'ok',
        alerts: [draft('a', 'same')]
      })),
      engine('b', [], async () => ({
        status: 'success',
        priority: 'low',
        summary: 'ok',
        alerts: [draft('b', 'same')]
      })),
      engine('c', [], async () => ({
        status: 'success',
        priority: 'low',
        summary: 'ok',
        alerts: [draft('a', 'c1')]
      })),
      engine('d', [], async () => ({ status: 'no_findings', priority: 'none', summary: ' ', alerts: [] }))
    ]
    const { runs, alerts } = await runEngines(engines, detectionContext([]))
    expect(runs.map((run) => run.summary)).toEqual([
      'ok',
      "Engine returned an invalid result: alert 'alert same' repeats fingerprint 'same'",
      "Engine returned an invalid result: alert 'alert c1' names engine 'a'",
      'Engine returned an invalid result: the summary is empty'
    ])
    expect(alerts.map((alert) => alert.engine)).toEqual(['a'])
  })

  it('stops with a CANCELLED error when the signal aborts, even inside an engine', async () => {
    const controller = new AbortController()
    const engines = [
      engine('first', [], async () => {
        controller.abort()
        controller.signal.throwIfAborted()
        return { status: 'no_findings', priority: 'none', summary: 'unreachable', alerts: [] }
      }),
      engine('second')
    ]
    const run = runEngines(engines, detectionContext([], { signal: controller.signal }))
    await expect(run).rejects.toMatchObject({
      code: 'CANCELLED',
      message: 'Detection was cancelled after 0 of 2 engines had finished'
    })
  })

  it('runs the default engines end to end over in-memory events', async () => {
    const factory = new EventFactory()
    const events = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((at) =>
      factory.auth(seconds(at), { outcome: 'failure', ip: '203.0.113.7', user: 'root' })
    )
    const { runs, alerts } = await runEngines(createDefaultEngines(), detectionContext(events))
    expect(runs.map((run) => [run.engine, run.status])).toEqual([
      ['ioc', 'no_findings'],
      ['auth-burst', 'success']
    ])
    expect(alerts.map((alert) => alert.rule.id)).toEqual(['auth-burst.system.source'])
  })
})
