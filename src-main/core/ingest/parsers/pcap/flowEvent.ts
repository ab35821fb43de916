// A closed flow as one ECS network event: initiator as source, per-direction and total packets and bytes,
// first packet time as the event time, end time, duration and TCP flags in extra, and a one-line summary.
// The flow's first packet is the record it is kept with.

import type { EventFieldValues, NormalisedEvent } from '../../../../common/event'
import type { ExtraFields } from '../results'
import type { Flow } from './flows'
import { PROTOCOL_TCP } from './ipLayer'
import { epochMs, tcpFlagNames, type TimestampWriter } from './packetText'
import { transportKeyword } from './transportNames'

export function flowEvent(flow: Flow, timestamps: TimestampWriter): NormalisedEvent {
  const source = flow.initiator
  const destination: 0 | 1 = source === 0 ? 1 : 0
  const sourcePackets = source === 0 ? flow.packets0 : flow.packets1
  const destinationPackets = source === 0 ? flow.packets1 : flow.packets0
  const sourceBytes = source === 0 ? flow.bytes0 : flow.bytes1
  const destinationBytes = source === 0 ? flow.bytes1 : flow.bytes0
  const packets = sourcePackets + destinationPackets
  const bytes = sourceBytes + destinationBytes
  const durationNs =
    (flow.lastSeconds - flow.firstSeconds) * 1e9 + (flow.lastNanoseconds - flow.firstNanoseconds)

  const fields: EventFieldValues = {
    'event.kind': 'event',
    'event.category': 'network',
    'event.dataset': 'network.flow',
    'source.ip': flow.address(source),
    'destination.ip': flow.address(destination),
    'network.transport': transportKeyword(flow.protocol),
    'source.packets': sourcePackets,
    'source.bytes': sourceBytes,
    'destination.packets': destinationPackets,
    'destination.bytes': destinationBytes,
    'network.packets': packets,
    'network.bytes': bytes
  }
  if (flow.port(source) >= 0) fields['source.port'] = flow.port(source)
  if (flow.port(destination) >= 0) fields['destination.port'] = flow.port(destination)
  if (flow.application !== null) fields['network.protocol'] = flow.application

  const extra: ExtraFields = {
    'event.end': timestamps.text(flow.lastSeconds, flow.lastNanoseconds, flow.fractionDigits),
    'event.duration': durationNs,
    'network.type': flow.version === 4 ? 'ipv4' : 'ipv6',
    'network.iana_number': String(flow.protocol)
  }
  let summary =
    `${flow.label()}${flow.application === null ? '' : ` (${flow.application})`}: ${packets} packets ` +
    `(${sourcePackets} out, ${destinationPackets} back), ${bytes} bytes in ${(durationNs / 1e9).toFixed(6)} s`
  if (flow.protocol === PROTOCOL_TCP) {
    const flags = tcpFlagNames(flow.tcpFlags)
    extra['tcp.flags'] = flags
    summary += `, TCP flags ${flags}`
  }
  fields['message'] = summary

  return {
    timestamp: epochMs(flow.firstSeconds, flow.firstNanoseconds),
    fields,
    extra,
    raw: flow.firstRecord.text
  }
}
