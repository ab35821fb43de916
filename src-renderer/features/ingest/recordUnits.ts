// What a source's records are called ("lines", "JSON records", "packets"), so every count and rate says
// what it counts. Finished evidence carries its record unit; while an import runs only its format is known.

import type { LogFormat, RecordUnit } from '../../../src-main/common/domain'
import { RECORD_UNIT_LABELS } from '../../../src-main/common/domain'
import { formatQuantity } from '../../format/numbers'

/** The singular of each of RECORD_UNIT_LABELS, for counts of one. */
const ONE: Record<RecordUnit, string> = {
  line: 'line',
  document: 'JSON record',
  packet: 'packet',
  event_record: 'event record'
}

/** Formats whose records are not lines: whole JSON documents (which may span lines) and packets. */
const UNIT_OF_FORMAT: Partial<Record<LogFormat | 'unknown', RecordUnit>> = {
  json: 'document',
  cloudtrail: 'document',
  windows_json: 'document',
  pcap: 'packet',
  evtx: 'event_record'
}

export function recordUnitOf(format: LogFormat | 'unknown'): RecordUnit {
  return UNIT_OF_FORMAT[format] ?? 'line'
}

/** "1,000 lines", "1 JSON record". */
export function formatRecords(count: number, unit: RecordUnit): string {
  return formatQuantity(count, ONE[unit], RECORD_UNIT_LABELS[unit])
}

/** "lines", "packets": the unit of a rate. */
export function recordUnitPlural(unit: RecordUnit): string {
  return RECORD_UNIT_LABELS[unit]
}

/** What an event's provenance number counts: the line a record starts on, a packet, an event record. */
const POSITION_LABEL: Record<RecordUnit, string> = {
  line: 'Line',
  document: 'Line',
  packet: 'Packet',
  event_record: 'Record'
}

export function positionLabel(unit: RecordUnit | undefined): string {
  return POSITION_LABEL[unit ?? 'line']
}
