// The fields every event read from one packet shares (DNS message, HTTP request, TLS ClientHello): the
// packet's own direction as source and destination, its transport and application protocol. Built in
// one place so the application decoders only add what their protocol says.

import type { EventFieldValues, NormalisedEvent } from '../../../../common/event'
import type { ExtraFields } from '../results'
import type { Flow } from './flows'
import { transportKeyword } from './transportNames'

/** The packet an application message was read from. */
export interface PacketContext {
  flow: Flow
  /** The flow side that sent the packet. */
  side: 0 | 1
  /** Capture time, ms since the epoch. */
  timestamp: number
  /** The packet's one-line description. */
  raw: string
}

export function packetFields(context: PacketContext, dataset: string, protocol: string): EventFieldValues {
  const { flow, side } = context
  const other: 0 | 1 = side === 0 ? 1 : 0
  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.category': 'network',
    'event.dataset': dataset,
    'source.ip': flow.address(side),
    'destination.ip': flow.address(other),
    'network.transport': transportKeyword(flow.protocol),
    'network.protocol': protocol
  }
  if (flow.port(side) >= 0) fields['source.port'] = flow.port(side)
  if (flow.port(other) >= 0) fields['destination.port'] = flow.port(other)
  return fields
}

/** The event, with `extra` attached only when something is in it. */
export function packetEvent(
  context: PacketContext,
  fields: EventFieldValues,
  extra: ExtraFields
): NormalisedEvent {
  const event: NormalisedEvent = { timestamp: context.timestamp, fields, raw: context.raw }
  if (Object.keys(extra).length > 0) event.extra = extra
  return event
}
