// The normalised event every parser produces and every engine and screen reads. Field names are ECS-style
// dotted names so Sigma field mappings and exports stay straightforward; the store keeps the well-known
// ones as columns (EVENT_FIELDS) and anything else in an `extra` object.

/**
 * ECS fields parsers produce; each is a column in the event store and a filterable field. Names follow ECS
 * (event.code holds a Windows event id or an auditd record type; dns.answers is a comma-joined list).
 */
export const EVENT_FIELDS = [
  'event.kind',
  'event.category',
  'event.action',
  'event.outcome',
  'event.dataset',
  'event.reason',
  'log.level',
  'source.ip',
  'source.port',
  'source.domain',
  'destination.ip',
  'destination.port',
  'user.name',
  'user.target.name',
  'host.name',
  'process.name',
  'process.pid',
  'process.command_line',
  'http.request.method',
  'http.version',
  'http.response.status_code',
  'http.response.body.bytes',
  'http.request.referrer',
  'url.original',
  'url.path',
  'url.query',
  'url.domain',
  'user_agent.original',
  'message',
  'event.code',
  'event.provider',
  'event.module',
  'event.id',
  'user.id',
  'user.domain',
  'service.name',
  'process.executable',
  'process.parent.pid',
  'process.parent.executable',
  'process.parent.command_line',
  'file.path',
  'file.name',
  'file.hash.md5',
  'file.hash.sha1',
  'file.hash.sha256',
  'network.transport',
  'network.protocol',
  'network.bytes',
  'network.packets',
  'source.bytes',
  'source.packets',
  'destination.bytes',
  'destination.packets',
  'destination.domain',
  'dns.question.name',
  'dns.question.type',
  'dns.response_code',
  'dns.answers',
  'tls.client.server_name',
  'rule.id',
  'rule.name',
  'rule.category',
  'winlog.channel',
  'cloud.provider',
  'cloud.region',
  'cloud.account.id'
] as const

export type EventField = (typeof EVENT_FIELDS)[number]

/** Fields whose values are numbers (compared numerically in filters). */
export const NUMERIC_EVENT_FIELDS: ReadonlySet<EventField> = new Set<EventField>([
  'source.port',
  'destination.port',
  'process.pid',
  'http.response.status_code',
  'http.response.body.bytes',
  'process.parent.pid',
  'network.bytes',
  'network.packets',
  'source.bytes',
  'source.packets',
  'destination.bytes',
  'destination.packets'
])

export type EventFieldValues = Partial<Record<EventField, string | number>>

/** Where an event came from: enough to find the exact bytes again in the evidence file. */
export interface Provenance {
  evidenceId: string
  /** 1-based line number in the (decompressed) evidence stream. */
  line: number
  /** Byte offset of the line's first byte in the (decompressed) evidence stream. */
  offset: number
}

/** A parsed, normalised event as parsers emit it (before it has a store id). */
export interface NormalisedEvent {
  /** Milliseconds since the Unix epoch, UTC. */
  timestamp: number
  fields: EventFieldValues
  /** Fields the parser found that have no column (kept, searchable as JSON). */
  extra?: Record<string, string | number>
  raw: string
}

/** An event as the store returns it. */
export interface StoredEvent extends NormalisedEvent {
  id: number
  provenance: Provenance
}

/** A reference to one stored event: unique within a case. */
export interface EventRef {
  evidenceId: string
  eventId: number
}
