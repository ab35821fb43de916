import { describe, expect, it } from 'vitest'
import { EvtxFrameReader } from '../../../../../src-main/core/ingest/parsers/evtx/evtxFrameReader'
import type { EvtxProblem, EvtxRecordFrame } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'
import {
  buildEvtxFile,
  EMPTY_BIN_XML,
  EVTX_CHUNK_BYTES,
  EVTX_HEADER_BYTES,
  RECORD_OVERHEAD,
  recordsWithIds
} from '../../../helpers/evtxFileBuilder'

function readFile(
  bytes: Uint8Array,
  pieceSize = bytes.length
): { frames: EvtxRecordFrame[]; problems: EvtxProblem[] } {
  const frames: EvtxRecordFrame[] = []
  const problems: EvtxProblem[] = []
  const reader = new EvtxFrameReader({
    record: (frame) => frames.push(frame),
    problem: (p) => problems.push(p)
  })
  for (let at = 0; at < bytes.length; at += pieceSize) reader.write(bytes.subarray(at, at + pieceSize))
  reader.end()
  return { frames, problems }
}

const ids = (frames: EvtxRecordFrame[]): number[] => frames.map((frame) => frame.recordId)
const chunkAt = (n: number): number => EVTX_HEADER_BYTES + n * EVTX_CHUNK_BYTES
/** Size of a record with the default Binary XML: 24 + 5 + 4. */
const SMALL_RECORD = EMPTY_BIN_XML.length + RECORD_OVERHEAD

describe('EvtxFrameReader on chunks with bad checksums', () => {
  it('skips a chunk whose data checksum fails and reads the next one', () => {
    const file = buildEvtxFile({
      chunks: [
        { records: recordsWithIds(1, 3), corrupt: (chunk) => (chunk[512 + SMALL_RECORD + 24] ^= 0x01) },
        { records: recordsWithIds(4, 2) }
      ]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([4, 5])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(0), chunkNumber: 0 })
    expect(problems[0].reason).toMatch(/^chunk data checksum mismatch: stored CRC32 0x[0-9a-f]{8}, computed/)
    expect(problems[0].reason).toContain('records 1–3 by its header are not read')
  })

  it('skips a chunk whose header checksum fails and reads the next one', () => {
    const file = buildEvtxFile({
      chunks: [
        { records: recordsWithIds(1, 2) },
        { records: recordsWithIds(3, 2), corrupt: (chunk) => (chunk[200] = 0x55) },
        { records: recordsWithIds(5, 1) }
      ]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1, 2, 5])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(1), chunkNumber: 1 })
    expect(problems[0].reason).toMatch(/^chunk header checksum mismatch/)
  })

  it('reports a chunk without its signature, quoting what is there', () => {
    const file = buildEvtxFile({
      chunks: [{ records: recordsWithIds(1, 1), corrupt: (chunk) => chunk.set([0x58, 0x58], 0) }]
    })
    const { frames, problems } = readFile(file)
    expect(frames).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain('found 58 58 66 43 68 6e 6b 00 ("XXfChnk.")')
  })
})

describe('EvtxFrameReader on all-zero chunks', () => {
  it('reports a zeroed chunk the header counts in use, and reads the chunks around it', () => {
    const file = buildEvtxFile({
      chunks: [{ records: recordsWithIds(1, 2) }, { zeroed: true }, { records: recordsWithIds(3, 2) }]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1, 2, 3, 4])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(1), chunkNumber: 1 })
    expect(problems[0].reason).toMatch(/all zero bytes, but the file header counts 3 chunks in use/)
  })

  it('treats trailing zero chunks beyond the header count as unused space', () => {
    const file = buildEvtxFile({
      chunkCount: 1,
      chunks: [{ records: recordsWithIds(1, 2) }, { zeroed: true }, { zeroed: true }]
    })
    expect(readFile(file)).toEqual({ frames: expect.any(Array), problems: [] })
  })

  it('reports zero chunks beyond the header count once an in-use chunk follows them', () => {
    const file = buildEvtxFile({
      chunkCount: 1,
      dirty: true,
      chunks: [{ records: recordsWithIds(1, 1) }, { zeroed: true }, { records: recordsWithIds(2, 1) }]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1, 2])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(1), chunkNumber: 1 })
    expect(problems[0].reason).toMatch(/all zero bytes, but chunk 2 after it is in use/)
  })
})

describe('EvtxFrameReader on damaged records', () => {
  // Records of 33 bytes from chunk offset 512: record 1 at 512, record 2 at 545, record 3 at 578.
  it('reports a record whose size points past the free space offset and resumes at the next record', () => {
    const file = buildEvtxFile({
      chunks: [{ records: [{ recordId: 1 }, { recordId: 2, size: 70_000 }, { recordId: 3 }] }]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1, 3])
    expect(frames[1].start).toBe(578)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(0) + 545, chunkNumber: 0, recordId: 2 })
    expect(problems[0].reason).toContain('record size 70,000 bytes runs past the free space offset')
    expect(problems[0].reason).toContain(
      'resumes at the next record, at chunk offset 578 (0x242) (33 bytes skipped)'
    )
  })

  it('reports a record whose trailing size copy disagrees', () => {
    const file = buildEvtxFile({
      chunks: [{ records: [{ recordId: 1 }, { recordId: 2, trailingSize: 99 }, { recordId: 3 }] }]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1, 3])
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain(
      "the size copy at the record's end says 99 bytes, its header says 33 bytes"
    )
  })

  it('reports a record with no signature and the live records lost after it', () => {
    const file = buildEvtxFile({
      chunks: [{ records: recordsWithIds(1, 2), rewrite: (chunk) => (chunk[545] = 0) }]
    })
    const { frames, problems } = readFile(file)
    expect(ids(frames)).toEqual([1])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(0) + 545, recordId: undefined })
    expect(problems[0].reason).toContain('found 00 2a 00 00')
    expect(problems[0].reason).toContain('no whole record follows before 578 (0x242)')
  })
})

describe('EvtxFrameReader on slack space', () => {
  it('recovers whole records after the free space offset, marked recovered, without live duplicates', () => {
    const file = buildEvtxFile({
      chunks: [
        {
          records: recordsWithIds(1, 3),
          slack: [{ recordId: 2 }, { recordId: 90 }, { recordId: 91, trailingSize: 7 }, { recordId: 92 }]
        }
      ]
    })
    const { frames, problems } = readFile(file)
    expect(problems).toEqual([])
    expect(frames.map((frame) => [frame.recordId, frame.recovered, frame.start])).toEqual([
      [1, false, 512],
      [2, false, 545],
      [3, false, 578],
      [90, true, 512 + 4 * 33],
      [92, true, 512 + 6 * 33]
    ])
  })
})

describe('EvtxFrameReader on a truncated file', () => {
  // Chunk 1 holds records of 328 bytes (300 bytes of Binary XML) from offset 512.
  const binXml = new Uint8Array(300)
  const file = buildEvtxFile({
    chunks: [{ records: recordsWithIds(1, 3) }, { records: recordsWithIds(4, 10, binXml) }]
  })

  it('frames the records wholly present and says how much of the chunk is there', () => {
    const present = 512 + 4 * 328 + 100
    const { frames, problems } = readFile(file.subarray(0, chunkAt(1) + present), 4000)
    expect(ids(frames)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ fileOffset: chunkAt(1) + present, chunkNumber: 1 })
    const reason = problems[0].reason
    expect(reason).toContain('the file ends 1,924 bytes into this chunk (of 65,536 bytes)')
    expect(reason).toContain('4 live records wholly inside those bytes were read')
    expect(reason).toContain('the record at chunk offset 1,824 (0x720) is cut off')
    expect(reason).toContain('data checksum (over chunk bytes 512 to 3,792 (0xed0)) cannot be verified')
  })

  it('verifies the data checksum when the cut falls after the free space offset', () => {
    const { frames, problems } = readFile(file.subarray(0, chunkAt(1) + 5000))
    expect(ids(frames)).toHaveLength(13)
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toContain('10 live records wholly inside those bytes were read')
    expect(problems[0].reason).toContain('the data checksum was verified; only slack space is missing')
  })

  it('reports a cut inside the chunk header', () => {
    const { frames, problems } = readFile(file.subarray(0, chunkAt(1) + 300))
    expect(ids(frames)).toEqual([1, 2, 3])
    expect(problems).toHaveLength(1)
    expect(problems[0].reason).toMatch(
      /ends 300 bytes into this chunk .*before the end of its 512-byte header/
    )
  })
})
