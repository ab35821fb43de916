// An EVTX file as a stream of decoded records: the frame reader cuts the bytes into chunks and records, one
// Binary XML decoder per chunk (templates are shared within a chunk, never across chunks) turns each record
// into its element tree, and a live record that cannot be decoded becomes a problem with its place in the
// file. Slack space mostly holds stale records: copies of records still live elsewhere in the file, and
// records whose templates were overwritten since. Neither is damage; both are handed on as passed over.

import { ChunkBinXml } from './binXmlDecoder'
import { EvtxFrameReader } from './evtxFrameReader'
import { EvtxDecodeError, type EvtxProblem, type EvtxRecordFrame, type XmlElement } from './evtxTypes'
import { xmlText } from './xmlText'

export interface DecodedEvtxRecord {
  readonly frame: EvtxRecordFrame
  /** The record's Event element, values rendered as text. */
  readonly root: XmlElement
  /** The same as XML: the raw view of the record. */
  readonly xml: string
}

/**
 * Most XML a live record may render to. A record is at most 64 KiB; the largest real ones (PowerShell
 * script blocks, split by Windows at 32,768 characters) render to well under this.
 */
const MAX_RECORD_XML_CHARS = 4 * 1024 * 1024

/**
 * A slack record read through a template that has since been overwritten by another one decodes into
 * garbage that is many times its size; a real record's XML is its template's text plus its values, which
 * this bound leaves room for.
 */
function maxSlackXmlChars(frame: EvtxRecordFrame): number {
  return 16 * 1024 + 32 * (frame.end - frame.start)
}

export interface EvtxRecordHandlers {
  record(record: DecodedEvtxRecord): void
  problem(problem: EvtxProblem): void
  /** A record found in slack space that is not read: a copy of a live record, or one that does not decode. */
  passedOverSlack(frame: EvtxRecordFrame, why: StaleSlack): void
}

/** Why a record found in slack space is passed over: one of a few reasons, so they can be counted. */
export const STALE_SLACK = {
  copy: 'stale copies of records that are read live',
  overwritten: 'stale records whose templates have since been overwritten: they cannot be rebuilt'
} as const

export type StaleSlack = (typeof STALE_SLACK)[keyof typeof STALE_SLACK]

/** The record ids of one chunk's live records, lowest to highest. */
interface LiveIds {
  chunkNumber: number
  first: number
  last: number
}

export class EvtxRecordReader {
  private readonly frames: EvtxFrameReader
  private decoder: ChunkBinXml | null = null
  private decoderChunk: Uint8Array | null = null
  /** Per chunk read so far, the ids of its live records: a slack record with one of them is a stale copy. */
  private readonly liveIds: LiveIds[] = []

  constructor(private readonly handlers: EvtxRecordHandlers) {
    this.frames = new EvtxFrameReader({
      record: (frame) => this.decode(frame),
      problem: (problem) => handlers.problem(problem)
    })
  }

  write(bytes: Uint8Array): void {
    this.frames.write(bytes)
  }

  end(): void {
    this.frames.end()
  }

  private decode(frame: EvtxRecordFrame): void {
    if (frame.recovered && this.isLive(frame.recordId)) {
      this.handlers.passedOverSlack(frame, STALE_SLACK.copy)
      return
    }
    if (!frame.recovered) this.noteLive(frame)
    if (this.decoderChunk !== frame.chunk || this.decoder === null) {
      this.decoder = new ChunkBinXml(frame.chunk)
      this.decoderChunk = frame.chunk
    }
    if (frame.recovered && !this.decoder.hasCurrentTemplate(frame.binXmlStart, frame.binXmlEnd)) {
      this.handlers.passedOverSlack(frame, STALE_SLACK.overwritten)
      return
    }
    let root: XmlElement
    // Most slack records no longer decode, and a stack trace per failure costs more than the decoding:
    // none is captured for them (the error's chunk offset and reason say all there is to say).
    const stackTraceLimit = Error.stackTraceLimit
    if (frame.recovered) Error.stackTraceLimit = 0
    try {
      root = this.decoder.decode(frame.binXmlStart, frame.binXmlEnd)
    } catch (error) {
      if (!(error instanceof EvtxDecodeError)) throw error
      if (frame.recovered) {
        this.handlers.passedOverSlack(frame, STALE_SLACK.overwritten)
        return
      }
      this.handlers.problem({
        fileOffset: frame.chunkOffset + error.chunkOffset,
        chunkNumber: frame.chunkNumber,
        recordId: frame.recordId,
        reason: `record ${frame.recordId}: ${error.message}`
      })
      return
    } finally {
      Error.stackTraceLimit = stackTraceLimit
    }
    const xml = xmlText(root, frame.recovered ? maxSlackXmlChars(frame) : MAX_RECORD_XML_CHARS)
    if (xml !== null) this.handlers.record({ frame, root, xml })
    else if (frame.recovered) {
      this.handlers.passedOverSlack(frame, STALE_SLACK.overwritten)
    } else {
      this.handlers.problem({
        fileOffset: frame.chunkOffset + frame.start,
        chunkNumber: frame.chunkNumber,
        recordId: frame.recordId,
        reason: `record ${frame.recordId}: its templates expand to more than ${MAX_RECORD_XML_CHARS / 1048576} MiB of XML; a crafted or damaged record, not read`
      })
    }
  }

  private noteLive(frame: EvtxRecordFrame): void {
    const current = this.liveIds[this.liveIds.length - 1]
    if (current?.chunkNumber === frame.chunkNumber) {
      current.first = Math.min(current.first, frame.recordId)
      current.last = Math.max(current.last, frame.recordId)
    } else {
      this.liveIds.push({ chunkNumber: frame.chunkNumber, first: frame.recordId, last: frame.recordId })
    }
  }

  private isLive(recordId: number): boolean {
    return this.liveIds.some((ids) => recordId >= ids.first && recordId <= ids.last)
  }
}
