// Windows event logs (.evtx) as evidence. Every event record is a record of the source: it settles as one
// event, mapped by the same windowsEventMapping as Windows events exported to JSON, with the record's XML as
// its raw text (the view analysts know from Event Viewer). Damaged chunks and records that cannot be decoded
// settle as rejections saying where they are and why. Records recovered from slack space (deleted or
// overwritten ones) are marked; stale copies of live records, and those whose templates are gone, are not
// damage to the log: they are counted per chunk and reason, each count settling as one skipped record.

import type { BinaryFormatDefinition, BinaryRecordReader, EmitOutcome, SourceRecord } from '../../parser'
import { mapWindowsEvent } from '../windowsEventMapping'
import { isEvtxFile } from './evtxFrameReader'
import { EvtxRecordReader, type DecodedEvtxRecord, type StaleSlack } from './evtxRecordReader'
import type { EvtxProblem, EvtxRecordFrame } from './evtxTypes'
import { windowsEventOfXml } from './windowsEventOfXml'

export const evtxFormat: BinaryFormatDefinition = {
  kind: 'binary',
  format: 'evtx',
  recordUnit: 'event_record',
  matches: isEvtxFile,
  create: () => new EvtxEventReader()
}

/** Extra field set on events read from chunk slack space: deleted or overwritten records, not live ones. */
export const RECOVERED_FIELD = 'evtx.recovered'

class EvtxEventReader implements BinaryRecordReader {
  readonly format = 'evtx' as const
  private emit: EmitOutcome = () => {}
  /** 1-based position of each settled record (or damaged stretch) in the file, as a record number. */
  private sequence = 0
  private readonly records = new EvtxRecordReader({
    record: (record) => this.settle(record),
    problem: (problem) => this.reject(problem),
    passedOverSlack: (frame, why) => this.countStale(frame, why)
  })
  /** Stale slack records of the chunk being read, by reason: the count and where the first one is. */
  private readonly stale = new Map<StaleSlack, { count: number; offset: number }>()
  private staleChunk = -1

  write(chunk: Uint8Array, emit: EmitOutcome): void {
    this.emit = emit
    this.records.write(chunk)
  }

  end(emit: EmitOutcome): void {
    this.emit = emit
    this.records.end()
    this.settleStale()
  }

  private countStale(frame: EvtxRecordFrame, why: StaleSlack): void {
    this.enterChunk(frame.chunkNumber)
    const counted = this.stale.get(why)
    if (counted === undefined) this.stale.set(why, { count: 1, offset: frame.chunkOffset + frame.start })
    else counted.count++
  }

  /** Settles the previous chunk's stale counts once anything of another chunk is read. */
  private enterChunk(chunkNumber: number | undefined): void {
    if (chunkNumber === this.staleChunk) return
    this.settleStale()
    if (chunkNumber !== undefined) this.staleChunk = chunkNumber
  }

  private settleStale(): void {
    for (const [why, { count, offset }] of this.stale) {
      const text = `${count} ${count === 1 ? 'record' : 'records'} in the slack space of chunk ${this.staleChunk}`
      this.emit({ kind: 'skipped', reason: why, record: { text, line: ++this.sequence, offset } })
    }
    this.stale.clear()
  }

  private settle({ frame, root, xml }: DecodedEvtxRecord): void {
    this.enterChunk(frame.chunkNumber)
    const windows = windowsEventOfXml(root)
    const { fields, extra } = mapWindowsEvent(windows)
    if (frame.recovered) extra[RECOVERED_FIELD] = 'true'
    const created = windows.system.timeCreated === undefined ? NaN : Date.parse(windows.system.timeCreated)
    const record: SourceRecord = { text: xml, line: ++this.sequence, offset: frame.chunkOffset + frame.start }
    const event = { timestamp: Number.isNaN(created) ? frame.writtenMs : created, fields, extra, raw: xml }
    this.emit({ kind: 'event', event, record })
  }

  private reject(problem: EvtxProblem): void {
    this.enterChunk(problem.chunkNumber)
    const where = problem.chunkNumber === undefined ? '' : ` (chunk ${problem.chunkNumber})`
    const record: SourceRecord = {
      text: `damaged EVTX data at file offset 0x${problem.fileOffset.toString(16)}${where}`,
      line: ++this.sequence,
      offset: problem.fileOffset
    }
    this.emit({ kind: 'rejected', reason: problem.reason, record })
  }
}
