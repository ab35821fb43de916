// The shapes the parts of the EVTX reader hand each other. The file reader frames the bytes into chunks and
// records (evtxFile*), the Binary XML decoder turns one record into an element tree with every value
// rendered as text (binXml*), and from that tree come the raw XML view and the WindowsEvent Cairn maps.

/** An element of a decoded record: template substitutions applied, values rendered as text. */
export interface XmlElement {
  readonly kind: 'element'
  readonly name: string
  readonly attributes: XmlAttribute[]
  readonly children: XmlNode[]
}

export interface XmlAttribute {
  readonly name: string
  /** The value as text, entity and character references already resolved. */
  readonly value: string
}

/** Character data of a section marked CDATA in the record. */
export interface XmlCData {
  readonly kind: 'cdata'
  readonly text: string
}

export interface XmlProcessingInstruction {
  readonly kind: 'pi'
  readonly target: string
  readonly data: string
}

/** A child: an element, text (references resolved, never escaped), CDATA or a processing instruction. */
export type XmlNode = XmlElement | string | XmlCData | XmlProcessingInstruction

/** One event record as the file reader found it, not yet decoded. */
export interface EvtxRecordFrame {
  /** The whole chunk the record is in (65,536 bytes); Binary XML offsets are relative to its start. */
  readonly chunk: Uint8Array
  /** 0-based position of the chunk in the file. */
  readonly chunkNumber: number
  /** File offset of the chunk's first byte. */
  readonly chunkOffset: number
  /** Offset in the chunk of the record's header (its `**\0\0` signature). */
  readonly start: number
  /** Offset in the chunk just past the record (past its trailing size copy). */
  readonly end: number
  /** Offset in the chunk of the record's Binary XML, and just past it. */
  readonly binXmlStart: number
  readonly binXmlEnd: number
  /** The record id from the record header (EventRecordID). */
  readonly recordId: number
  /** When the record was written, from the record header: milliseconds since the epoch, UTC. */
  readonly writtenMs: number
  /** The same FILETIME with its full 100 ns precision, as Windows writes times (ISO 8601, 'Z'). */
  readonly writtenText: string
  /** True for a record found in a chunk's slack space (after its last live record): deleted or stale. */
  readonly recovered: boolean
}

/** Part of a file that could not be read: reported with where it is and why, then skipped. */
export interface EvtxProblem {
  /** Byte offset in the file where the damage is. */
  readonly fileOffset: number
  /** The chunk it is in, when it is in one. */
  readonly chunkNumber?: number
  /** The record's id, when its header could be read. */
  readonly recordId?: number
  readonly reason: string
}

/** Thrown by the Binary XML decoder for bytes it cannot read; the offset is in the chunk. */
export class EvtxDecodeError extends Error {
  constructor(
    readonly chunkOffset: number,
    reason: string
  ) {
    super(reason)
    this.name = 'EvtxDecodeError'
  }
}
