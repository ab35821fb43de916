// Packet captures (pcap and pcapng) as evidence. Every packet is a record: it settles as the DNS, HTTP or
// TLS events it carries, as skipped because it is counted in a flow (each flow becomes one event, kept
// with its first packet), as skipped when it is not IP, or as rejected when it cannot be decoded. Flows
// close when idle, when the open-flow cap is reached, and at the end of the file.

import type { NormalisedEvent } from '../../../../common/event'
import type { BinaryFormatDefinition, BinaryRecordReader, EmitOutcome, SourceRecord } from '../../parser'
import { readApplication } from './applications'
import { readU16, readU32BE, readU32LE } from './bytes'
import { CaptureFileReader, type CaptureProblem, type CapturedPacket } from './captureFile'
import { flowEvent } from './flowEvent'
import { DEFAULT_FLOW_LIMITS, FlowTable, type Flow, type FlowLimits } from './flows'
import { decodePacket } from './packetDecoder'
import { TimestampWriter, describeIpPacket, epochMs } from './packetText'

const PCAPNG_SECTION_HEADER = 0x0a0d0d0a
const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d
const PCAP_MAGICS = new Set([0xa1b2c3d4, 0xa1b23c4d])
const PCAP_MAJOR_VERSION = 2

export const pcapFormat: BinaryFormatDefinition = {
  kind: 'binary',
  format: 'pcap',
  recordUnit: 'packet',
  matches: isPacketCapture,
  create: () => createPcapReader()
}

/** pcap (either byte order, micro- or nanosecond magic, version 2.x) or pcapng (section header block). */
export function isPacketCapture(head: Uint8Array): boolean {
  if (head.length < 4) return false
  const big = readU32BE(head, 0)
  if (big === PCAPNG_SECTION_HEADER) {
    if (head.length < 12) return true
    return readU32LE(head, 8) === PCAPNG_BYTE_ORDER_MAGIC || readU32BE(head, 8) === PCAPNG_BYTE_ORDER_MAGIC
  }
  const little = readU32LE(head, 0)
  if (!PCAP_MAGICS.has(big) && !PCAP_MAGICS.has(little)) return false
  return head.length < 6 || readU16(head, 4, !PCAP_MAGICS.has(big)) === PCAP_MAJOR_VERSION
}

/** A reader for one capture; the limits bound memory on captures with millions of flows. */
export function createPcapReader(limits: FlowLimits = DEFAULT_FLOW_LIMITS): BinaryRecordReader {
  return new PcapRecordReader(limits)
}

class PcapRecordReader implements BinaryRecordReader {
  readonly format = 'pcap' as const
  private emit: EmitOutcome = () => {}
  private readonly packetTimes = new TimestampWriter()
  private readonly flowTimes = new TimestampWriter()
  private readonly capture: CaptureFileReader
  private readonly flows: FlowTable
  /** Flows closed while a packet was read, settled once the packet's own record text is written. */
  private readonly closed: Flow[] = []

  constructor(limits: FlowLimits) {
    this.capture = new CaptureFileReader({
      packet: (packet) => this.readPacket(packet),
      problem: (problem) => this.rejectRecord(problem)
    })
    this.flows = new FlowTable(limits, (flow) => this.closed.push(flow))
  }

  write(chunk: Uint8Array, emit: EmitOutcome): void {
    this.emit = emit
    this.capture.write(chunk)
  }

  end(emit: EmitOutcome): void {
    this.emit = emit
    this.capture.end()
    this.flows.drain()
    this.settleClosedFlows()
  }

  private readPacket(packet: CapturedPacket): void {
    const time = this.packetTimes.text(packet.seconds, packet.nanoseconds, packet.fractionDigits)
    const record: SourceRecord = { text: '', line: packet.number, offset: packet.offset }
    const decoded = decodePacket(packet.linkType, packet.bytes, packet.start, packet.end)
    if (typeof decoded === 'string') {
      record.text = `${time} frame of ${packet.originalLength} bytes (link type ${packet.linkType})`
      this.emit({ kind: 'rejected', reason: decoded, record })
      return
    }
    const innermost = decoded.layers[decoded.layers.length - 1]
    if (innermost === undefined) {
      record.text = `${time} ${decoded.nonIp ?? 'frame'} ${packet.originalLength} bytes`
      this.emit({ kind: 'skipped', reason: `${decoded.nonIp} frame: not IP, so part of no flow`, record })
      return
    }
    this.flows.expire(packet)
    let heldForFlowEvent = false
    let flow: Flow | null = null
    for (const layer of decoded.layers) {
      flow = this.flows.track(layer, packet.originalLength, packet, record)
      if (flow.firstRecord === record) heldForFlowEvent = true
    }
    if (flow === null) return
    const side = flow.lastSide
    record.text = describeIpPacket(time, flow, side, innermost, packet.originalLength)
    const context = { flow, side, timestamp: epochMs(packet.seconds, packet.nanoseconds), raw: record.text }
    let events = 0
    const note = readApplication(innermost, context, (event: NormalisedEvent) => {
      events++
      this.emit({ kind: 'event', event, record })
    })
    if (events === 0 && !heldForFlowEvent) {
      const reason = `counted in flow ${flow.label()}${note === null ? '' : `; ${note}`}`
      this.emit({ kind: 'skipped', reason, record })
    }
    this.settleClosedFlows()
  }

  private rejectRecord(problem: CaptureProblem): void {
    const record: SourceRecord = {
      text: `unreadable record at offset ${problem.offset}`,
      line: problem.number,
      offset: problem.offset
    }
    this.emit({ kind: 'rejected', reason: problem.reason, record })
  }

  private settleClosedFlows(): void {
    for (const flow of this.closed) {
      this.emit({ kind: 'event', event: flowEvent(flow, this.flowTimes), record: flow.firstRecord })
    }
    this.closed.length = 0
  }
}
