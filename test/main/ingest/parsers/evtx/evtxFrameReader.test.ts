import { describe, expect, it } from 'vitest'
import {
  EvtxFrameReader,
  isEvtxFile,
  type EvtxFrameHandlers
} from '../../../../../src-main/core/ingest/parsers/evtx/evtxFrameReader'
import type { EvtxFileHeader } from '../../../../../src-main/core/ingest/parsers/evtx/evtxFileHeader'
import type { EvtxProblem, EvtxRecordFrame } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'
import {
  buildEvtxFile,
  EVTX_CHUNK_BYTES,
  EVTX_HEADER_BYTES,
  recordsWithIds
} from '../../../helpers/evtxFileBuilder'

interface ReadResult {
  frames: EvtxRecordFrame[]
  problems: EvtxProblem[]
  headers: EvtxFileHeader[]
}

/** Feeds the file in pieces of `pieceSize` bytes (the whole file at once by default). */
function readFile(bytes: Uint8Array, pieceSize = bytes.length || 1): ReadResult {
  const result: ReadResult = { frames: [], problems: [], headers: [] }
  const handlers: EvtxFrameHandlers = {
    record: (frame) => result.frames.push(frame),
    problem: (problem) => result.problems.push(problem),
    header: (header) => result.headers.push(header)
  }
  const reader = new EvtxFrameReader(handlers)
  for (let at = 0; at < bytes.length; at += pieceSize) reader.write(bytes.slice(at, at + pieceSize))
  reader.end()
  return result
}

/** What a frame says, without the chunk buffer (compared across readings). */
function frameFacts(frame: EvtxRecordFrame): Omit<EvtxRecordFrame, 'chunk'> {
  const { chunk: _chunk, ...facts } = frame
  return facts
}

describe('EvtxFrameReader on a clean file', () => {
  // One record with 16 bytes of Binary XML: size 24 + 16 + 4 = 44, at chunk offset 512.
  const binXml = Uint8Array.from({ length: 16 }, (_, index) => index + 1)
  // 2019-08-14T14:06:44.4956740Z: 1565791604 s * 10^7 + 4956740 + 116444736000000000.
  const written = 132102652044956740n
  const file = buildEvtxFile({ chunks: [{ records: [{ recordId: 7, binXml, written }] }] })

  it('frames the record with its place, id, time and Binary XML range', () => {
    const { frames, problems } = readFile(file)
    expect(problems).toEqual([])
    expect(frames).toHaveLength(1)
    const frame = frames[0]
    expect(frameFacts(frame)).toEqual({
      chunkNumber: 0,
      chunkOffset: 4096,
      start: 512,
      end: 556,
      binXmlStart: 536,
      binXmlEnd: 552,
      recordId: 7,
      writtenMs: Date.UTC(2019, 7, 14, 14, 6, 44, 495),
      writtenText: '2019-08-14T14:06:44.4956740Z',
      recovered: false
    })
    expect(frame.chunk).toHaveLength(65_536)
    expect([...frame.chunk.subarray(frame.binXmlStart, frame.binXmlEnd)]).toEqual([...binXml])
  })

  it('hands over the file header first', () => {
    const order: string[] = []
    const reader = new EvtxFrameReader({
      record: () => order.push('record'),
      problem: () => order.push('problem'),
      header: (header) => order.push(`header ${header.chunkCount} ${header.nextRecordId} ${header.dirty}`)
    })
    reader.write(file)
    reader.end()
    expect(order).toEqual(['header 1 8 false', 'record'])
  })

  it('reads the header fields', () => {
    const [header] = readFile(file).headers
    expect(header).toMatchObject({
      firstChunkNumber: 0,
      lastChunkNumber: 0,
      nextRecordId: 8,
      headerSize: 128,
      majorVersion: 3,
      minorVersion: 1,
      blockSize: 4096,
      chunkCount: 1,
      dirty: false,
      full: false
    })
  })
})

describe('EvtxFrameReader over several chunks', () => {
  // 300-byte Binary XML: records of 328 bytes; (65,536 - 512) / 328 = 198 fit in a chunk, so 3 chunks.
  const binXml = new Uint8Array(300).fill(0x41)
  const chunks = [0, 1, 2].map((n) => ({ records: recordsWithIds(1 + n * 198, n === 2 ? 104 : 198, binXml) }))
  const file = buildEvtxFile({ chunks })

  it('frames every record in file order, each against its own chunk buffer', () => {
    const { frames, problems } = readFile(file)
    expect(problems).toEqual([])
    expect(frames.map((frame) => frame.recordId)).toEqual(
      Array.from({ length: 500 }, (_, index) => index + 1)
    )
    expect(frames[198]).toMatchObject({ chunkNumber: 1, chunkOffset: 4096 + 65_536, start: 512, end: 840 })
    expect(frames[0].chunk).not.toBe(frames[198].chunk)
    expect(frames[198].chunk).toBe(frames[199].chunk)
  })

  it('gives the same frames and problems whatever the write() piece sizes', () => {
    const whole = readFile(file)
    for (const pieceSize of [1, 7, 4095, 4097, 65_536, 65_537, 100_000]) {
      const pieces = readFile(file, pieceSize)
      expect(pieces.frames.map(frameFacts)).toEqual(whole.frames.map(frameFacts))
      expect(pieces.problems).toEqual(whole.problems)
    }
  })
})

describe('EvtxFrameReader on a dirty file', () => {
  // Closed uncleanly: the header still says 1 chunk and next record id 3, yet 3 chunks hold records.
  const file = buildEvtxFile({
    dirty: true,
    chunkCount: 1,
    nextRecordId: 3,
    chunks: [
      { records: recordsWithIds(1, 2) },
      { records: recordsWithIds(3, 2) },
      { records: recordsWithIds(5, 1) }
    ]
  })

  it('reads every chunk with a valid signature, not only those the header counts', () => {
    const { frames, problems, headers } = readFile(file)
    expect(headers[0]).toMatchObject({ dirty: true, chunkCount: 1, nextRecordId: 3 })
    expect(problems).toEqual([])
    expect(frames.map((frame) => frame.recordId)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('EvtxFrameReader on a file with no chunks or no EVTX at all', () => {
  it('reads a header-only file (an empty log) without records or problems', () => {
    const file = buildEvtxFile({ chunks: [] })
    expect(file).toHaveLength(EVTX_HEADER_BYTES)
    const { frames, problems, headers } = readFile(file, 100)
    expect(frames).toEqual([])
    expect(problems).toEqual([])
    expect(headers).toHaveLength(1)
  })

  it('reports a file shorter than the file header', () => {
    const file = buildEvtxFile({ chunks: [] }).subarray(0, 1000)
    const { frames, problems, headers } = readFile(file)
    expect(frames).toEqual([])
    expect(headers).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0].fileOffset).toBe(1000)
    expect(problems[0].reason).toMatch(/1,000 bytes, shorter than the 4,096-byte EVTX file header/)
  })

  it('says a zip is not EVTX, quoting its first bytes, and reads nothing else', () => {
    const zip = new Uint8Array(EVTX_HEADER_BYTES + EVTX_CHUNK_BYTES)
    zip.set([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00])
    for (const pieceSize of [1, zip.length]) {
      const { frames, problems, headers } = readFile(zip, pieceSize)
      expect(frames).toEqual([])
      expect(headers).toEqual([])
      expect(problems).toHaveLength(1)
      expect(problems[0].fileOffset).toBe(0)
      expect(problems[0].reason).toMatch(/^not an EVTX file: expected the signature "ElfFile\\0"/)
      expect(problems[0].reason).toContain('found 50 4b 03 04 14 00 08 00 ("PK......")')
    }
  })

  it('recognises the EVTX signature', () => {
    expect(isEvtxFile(buildEvtxFile({ chunks: [] }).subarray(0, 8))).toBe(true)
    expect(isEvtxFile(new TextEncoder().encode('ElfChnk\0'))).toBe(false)
    expect(isEvtxFile(new TextEncoder().encode('ElfFil'))).toBe(false)
  })
})

describe('EvtxFrameReader on a file header with a bad checksum', () => {
  const file = buildEvtxFile({
    chunks: [{ records: recordsWithIds(1, 3) }],
    corruptHeader: (header) => {
      header[24] ^= 0xff // next record id changed after the checksum was written
    }
  })

  it('reports it and still reads the chunks', () => {
    const { frames, problems } = readFile(file)
    expect(problems).toHaveLength(1)
    expect(problems[0].fileOffset).toBe(0)
    expect(problems[0].reason).toMatch(/file header checksum mismatch: stored CRC32 0x[0-9a-f]{8}, computed/)
    expect(frames.map((frame) => frame.recordId)).toEqual([1, 2, 3])
  })
})
