// Test doubles for the detection engines: an EventReader over an in-memory array (honouring the query
// the way the sql.js store does) and builders for the web and auth events the v1 parsers produce.

import type { EventQuery, FieldFilter, LogFormat } from '../../../src-main/common/domain'
import type { EventFieldValues, StoredEvent } from '../../../src-main/common/event'
import { DEFAULT_DETECTION_SETTINGS } from '../../../src-main/core/detect/engine'
import type {
  DetectionContext,
  DetectionEngine,
  DetectionSettings,
  EngineResult
} from '../../../src-main/core/detect/engine'
import type { IocEntry } from '../../../src-main/core/detect/ioc/iocTypes'
import type { EventReader, ScanOptions } from '../../../src-main/core/store/eventReader'

export class MemoryEventReader implements EventReader {
  private readonly events: StoredEvent[]

  constructor(events: readonly StoredEvent[]) {
    this.events = [...events].sort(
      (a, b) =>
        a.timestamp - b.timestamp ||
        a.provenance.evidenceId.localeCompare(b.provenance.evidenceId) ||
        a.provenance.line - b.provenance.line
    )
  }

  *scan(query: EventQuery, options: ScanOptions = {}): Iterable<StoredEvent[]> {
    const batchSize = options.batchSize ?? 5000
    let batch: StoredEvent[] = []
    for (const event of this.events) {
      if (!matchesQuery(event, query)) continue
      batch.push(event)
      if (batch.length === batchSize) {
        yield batch
        batch = []
      }
    }
    if (batch.length > 0) yield batch
  }

  count(query: EventQuery): number {
    return this.events.filter((event) => matchesQuery(event, query)).length
  }
}

function matchesQuery(event: StoredEvent, query: EventQuery): boolean {
  if (query.from !== undefined && event.timestamp < query.from) return false
  if (query.to !== undefined && event.timestamp >= query.to) return false
  if (query.evidenceIds !== undefined && !query.evidenceIds.includes(event.provenance.evidenceId))
    return false
  if (query.text !== undefined && !event.raw.toLowerCase().includes(query.text.toLowerCase())) return false
  return (query.filters ?? []).every((filter) => matchesFilter(event.fields[filter.field], filter))
}

function matchesFilter(value: string | number | undefined, filter: FieldFilter): boolean {
  const wanted = filter.value
  switch (filter.op) {
    case 'eq':
      return value === wanted
    case 'neq':
      return value !== wanted
    case 'in':
      return Array.isArray(wanted) && value !== undefined && wanted.includes(value)
    case 'contains':
      return typeof value === 'string' && value.toLowerCase().includes(String(wanted).toLowerCase())
    case 'prefix':
      return typeof value === 'string' && value.startsWith(String(wanted))
    case 'gte':
      return value !== undefined && !Array.isArray(wanted) && value >= wanted
    case 'lte':
      return value !== undefined && !Array.isArray(wanted) && value <= wanted
  }
}

/** Builds stored events with increasing ids and line numbers, as one evidence file would hold them. */
export class EventFactory {
  private nextId = 1

  constructor(private readonly evidenceId = 'ev-1') {}

  event(at: string | number, fields: EventFieldValues, extra?: Record<string, string | number>): StoredEvent {
    const id = this.nextId++
    const timestamp = typeof at === 'number' ? at : Date.parse(at)
    const event: StoredEvent = {
      id,
      timestamp,
      fields,
      raw: JSON.stringify(fields),
      provenance: { evidenceId: this.evidenceId, line: id, offset: id * 100 }
    }
    if (extra !== undefined) event.extra = extra
    return event
  }

  web(
    at: string | number,
    request: {
      ip: string
      path: string
      status: number
      method?: string
      userAgent?: string
      referrer?: string
    }
  ): StoredEvent {
    const fields: EventFieldValues = {
      'event.category': 'web',
      'source.ip': request.ip,
      'http.request.method': request.method ?? 'GET',
      'url.original': request.path,
      'url.path': request.path.split('?')[0],
      'http.response.status_code': request.status,
      'host.name': 'www1'
    }
    if (request.userAgent !== undefined) fields['user_agent.original'] = request.userAgent
    if (request.referrer !== undefined) fields['http.request.referrer'] = request.referrer
    return this.event(at, fields)
  }

  auth(
    at: string | number,
    attempt: {
      outcome: 'success' | 'failure'
      user?: string
      ip?: string
      action?: string
      host?: string
      process?: string
      pid?: number
      targetUser?: string
    }
  ): StoredEvent {
    const fields: EventFieldValues = {
      'event.category': 'authentication',
      'event.action': attempt.action ?? (attempt.outcome === 'success' ? 'ssh_login' : 'ssh_failed_password'),
      'event.outcome': attempt.outcome,
      'host.name': attempt.host ?? 'bastion',
      'process.name': attempt.process ?? 'sshd'
    }
    if (attempt.user !== undefined) fields['user.name'] = attempt.user
    if (attempt.targetUser !== undefined) fields['user.target.name'] = attempt.targetUser
    if (attempt.ip !== undefined) fields['source.ip'] = attempt.ip
    if (attempt.pid !== undefined) fields['process.pid'] = attempt.pid
    return this.event(at, fields)
  }
}

export function detectionContext(
  events: readonly StoredEvent[],
  options: {
    iocs?: readonly IocEntry[]
    settings?: Partial<DetectionSettings>
    signal?: AbortSignal
    evidenceFormats?: ReadonlyMap<string, LogFormat | 'unknown'>
  } = {}
): DetectionContext {
  return {
    events: new MemoryEventReader(events),
    evidenceFormats: options.evidenceFormats ?? new Map(),
    iocs: options.iocs ?? [],
    settings: { ...DEFAULT_DETECTION_SETTINGS, ...options.settings },
    signal: options.signal ?? new AbortController().signal,
    progress: () => undefined
  }
}

export function runEngine(
  engine: DetectionEngine,
  events: readonly StoredEvent[],
  options: Parameters<typeof detectionContext>[1] = {}
): Promise<EngineResult> {
  return engine.run(detectionContext(events, options))
}

/** Milliseconds after a fixed start, for tests that reason about windows. */
export const T0 = Date.parse('2025-12-10T10:00:00Z')
export const seconds = (count: number): number => T0 + count * 1000
