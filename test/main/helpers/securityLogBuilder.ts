// Synthetic Security.evtx files of logon events for import tests: the Binary XML builder writes each record
// as an instance of one Security-style template (System by substitution, EventData of named Data), and the
// EVTX file builder frames the records into chunks. Several chunks, damage and slack come from the specs.

import { BinXmlBuilder, value, type BxNode, type BxTemplate } from './binXmlBuilder'
import { buildEvtxFile, FILETIME_2024, type EvtxChunkSpec, type EvtxRecordSpec } from './evtxFileBuilder'

/** One logon event as the test wants it. */
export interface LogonSpec {
  recordId: number
  eventId: 4624 | 4625
  user: string
  ip: string
  logonType: number
  /** NTSTATUS of a failure (4625). */
  status?: number
}

const data = (name: string, index: number, type?: number): BxNode => ({
  element: 'Data',
  attributes: [{ name: 'Name', value: [{ text: name }] }],
  children: [{ substitution: index, type }]
})

/** Substitution types: UInt16 6, UInt64 10, FILETIME 17, UInt32 8, HexInt32 20 (the EVTX value types). */
export const LOGON_TEMPLATE: BxTemplate = {
  id: 0x4624,
  nodes: [
    {
      element: 'Event',
      attributes: [
        { name: 'xmlns', value: [{ text: 'http://schemas.microsoft.com/win/2004/08/events/event' }] }
      ],
      children: [
        {
          element: 'System',
          children: [
            {
              element: 'Provider',
              attributes: [{ name: 'Name', value: [{ text: 'Microsoft-Windows-Security-Auditing' }] }],
              empty: true
            },
            { element: 'EventID', children: [{ substitution: 0, type: 6 }] },
            {
              element: 'TimeCreated',
              attributes: [{ name: 'SystemTime', value: [{ substitution: 1, type: 17 }] }],
              empty: true
            },
            { element: 'EventRecordID', children: [{ substitution: 2, type: 10 }] },
            { element: 'Channel', children: [{ text: 'Security' }] },
            { element: 'Computer', children: [{ text: 'DC01.corp.example' }] }
          ]
        },
        {
          element: 'EventData',
          children: [
            data('TargetUserName', 3),
            data('TargetDomainName', 4),
            data('IpAddress', 5),
            data('LogonType', 6, 8),
            data('Status', 7, 20)
          ]
        }
      ]
    }
  ]
}

/** The FILETIME of a record: 2024-01-01T00:00:00Z plus its id in seconds. */
export function logonTime(recordId: number): bigint {
  return FILETIME_2024 + BigInt(recordId) * 10_000_000n
}

/** The records of one chunk; one Binary XML builder per chunk, as names and templates are per chunk. */
export function logonRecords(logons: readonly LogonSpec[]): EvtxRecordSpec[] {
  const builder = new BinXmlBuilder()
  return logons.map((logon) => ({
    recordId: logon.recordId,
    written: logonTime(logon.recordId),
    binXml: (offset: number) => {
      builder.offset = offset
      const { start, end } = builder.record([
        {
          templateInstance: LOGON_TEMPLATE,
          values: [
            value.uInt16(logon.eventId),
            value.fileTime(logonTime(logon.recordId)),
            value.uInt64(BigInt(logon.recordId)),
            value.wString(logon.user),
            value.wString('CORP'),
            value.wString(logon.ip),
            value.uInt32(logon.logonType),
            value.hexInt32(logon.status ?? 0)
          ]
        }
      ])
      return builder.chunk.slice(start, end)
    }
  }))
}

/** `count` logons from record id `firstId`: every third a failed network logon from 10.0.0.<n>. */
export function logons(firstId: number, count: number): LogonSpec[] {
  return Array.from({ length: count }, (_, index) => {
    const recordId = firstId + index
    const failed = recordId % 3 === 0
    return {
      recordId,
      eventId: failed ? 4625 : 4624,
      user: `user${recordId % 5}`,
      ip: `10.0.0.${recordId % 250}`,
      logonType: failed ? 3 : 10,
      status: failed ? 0xc000006a : undefined
    }
  })
}

/** A Security log of logon chunks, each chunk spec given its records (extra chunk options kept). */
export function buildSecurityLog(
  chunks: readonly (Omit<EvtxChunkSpec, 'records'> & { logons: readonly LogonSpec[] })[]
): Uint8Array {
  return buildEvtxFile({
    chunks: chunks.map(({ logons: chunkLogons, ...rest }) => ({
      ...rest,
      records: logonRecords(chunkLogons)
    }))
  })
}
