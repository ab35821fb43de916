// The CSV record splitter: delimiter detection, RFC 4180 quoting (delimiters, doubled quotes and line
// breaks inside quotes), the byte order mark, blank lines, and the cap that stops a stray quote from
// swallowing the file. Every line handed in must come out in exactly one piece.

import { describe, expect, it } from 'vitest'
import type { SourceRecord } from '../../../../src-main/core/ingest/parser'
import {
  CsvRecordSplitter,
  DEFAULT_RECORD_LIMITS,
  detectDelimiter,
  splitSampleRecords,
  type CsvDelimiter,
  type CsvPiece,
  type RecordLimits
} from '../../../../src-main/core/ingest/parsers/csvRecords'

function split(lines: string[], delimiter: CsvDelimiter = ',', limits?: RecordLimits): CsvPiece[] {
  const splitter = new CsvRecordSplitter(delimiter, limits)
  const pieces: CsvPiece[] = []
  const collect = (piece: CsvPiece): void => {
    pieces.push(piece)
  }
  lines.forEach((text, index) => splitter.push({ text, line: index + 1, offset: index * 100 }, collect))
  splitter.finish(collect)
  return pieces
}

/** The line numbers each piece accounts for, so a test can check every line came out once. */
function linesOf(piece: CsvPiece): number[] {
  if (piece.kind !== 'record') return [piece.record.line]
  return [piece.first.line, ...piece.continuation.map((line: SourceRecord) => line.line)]
}

function expectEveryLineOnce(pieces: CsvPiece[], lineCount: number): void {
  const lines = pieces.flatMap(linesOf).sort((a, b) => a - b)
  expect(lines).toEqual(Array.from({ length: lineCount }, (_, index) => index + 1))
}

function cellsOf(pieces: CsvPiece[]): string[][] {
  return pieces.flatMap((piece) => (piece.kind === 'record' ? [piece.cells] : []))
}

describe('detectDelimiter', () => {
  it('picks the delimiter of the header that the rows repeat', () => {
    expect(detectDelimiter('a,b,c', ['1,2,3'])).toBe(',')
    expect(detectDelimiter('a\tb\tc', ['1\t2\t3'])).toBe('\t')
    expect(detectDelimiter('a;b;c', ['1,5;2;3'])).toBe(';')
    expect(detectDelimiter('a|b|c', ['1|2|3'])).toBe('|')
  })

  it('ignores delimiters inside quotes and prefers the count the rows agree on', () => {
    expect(detectDelimiter('"a,b";c;d', ['1;2;3', '4;5;6'])).toBe(';')
    // Both occur once in the header; only the semicolon count holds in the rows.
    expect(detectDelimiter('time;note, free text', ['t1;x', 't2;y, z, w'])).toBe(';')
  })

  it('falls back to comma for a single column', () => {
    expect(detectDelimiter('message', ['hello'])).toBe(',')
  })
})

describe('CsvRecordSplitter', () => {
  it('splits plain and quoted cells, keeping delimiters and doubled quotes inside quotes', () => {
    const pieces = split(['a,"b,c","say ""hi""",,"",end,', 'x'])
    expect(cellsOf(pieces)).toEqual([['a', 'b,c', 'say "hi"', '', '', 'end', ''], ['x']])
  })

  it('keeps quotes inside an unquoted cell and text after a closing quote (as Python csv does)', () => {
    expect(cellsOf(split(['a b"c,"ab"cd,e']))).toEqual([['a b"c', 'abcd', 'e']])
    expect(cellsOf(split([' "spaced",x']))).toEqual([[' "spaced"', 'x']])
  })

  it('holds a record whose quoted cell spans lines until the quote closes, blank lines included', () => {
    const pieces = split(['t1,"first', '', 'third"', 't2,plain'])
    expect(pieces).toHaveLength(2)
    const [record] = pieces
    expect(record.kind === 'record' && record.cells).toEqual(['t1', 'first\n\nthird'])
    expect(record.kind === 'record' && record.text).toBe('t1,"first\n\nthird"')
    expect(record.kind === 'record' && record.continuation.map((line) => line.line)).toEqual([2, 3])
    expectEveryLineOnce(pieces, 4)
  })

  it('splits with the given delimiter only', () => {
    expect(cellsOf(split(['a\tb,c\t"d\te"'], '\t'))).toEqual([['a', 'b,c', 'd\te']])
    expect(cellsOf(split(['a|b|"c|d"'], '|'))).toEqual([['a', 'b', 'c|d']])
  })

  it('strips a byte order mark from the first line only', () => {
    expect(cellsOf(split(['\uFEFFtime,msg', '\uFEFFx,y']))).toEqual([
      ['time', 'msg'],
      ['\uFEFFx', 'y']
    ])
  })

  it('hands blank lines on as blank, outside quoted cells', () => {
    const pieces = split(['a,b', '', '   ', 'c,d'])
    expect(pieces.map((piece) => piece.kind)).toEqual(['record', 'blank', 'blank', 'record'])
  })

  it('rejects the line of a quote still open at the end and reads the lines it held again', () => {
    const pieces = split(['h1,h2', 't1,"stray', 't2,ok', 't3,ok'])
    expect(pieces.map((piece) => piece.kind)).toEqual(['record', 'unclosed', 'record', 'record'])
    const unclosed = pieces[1]
    expect(unclosed.kind === 'unclosed' && unclosed.record.line).toBe(2)
    expect(unclosed.kind === 'unclosed' && unclosed.reason).toBe(
      `the quoted cell '"stray' is not closed before the end of the file: a stray '"'? Line rejected; the 2 lines after it read again as records`
    )
    expect(cellsOf(pieces).slice(1)).toEqual([
      ['t2', 'ok'],
      ['t3', 'ok']
    ])
    expectEveryLineOnce(pieces, 4)
  })

  it('gives up on a quoted cell after the line cap and carries on from the line after the stray quote', () => {
    const lines = ['t0,"stray', 't1,a', 't2,b', 't3,c', 't4,d']
    const pieces = split(lines, ',', { maxLines: 3, maxCharacters: 1000 })
    expect(pieces.map((piece) => piece.kind)).toEqual(['unclosed', 'record', 'record', 'record', 'record'])
    expect(pieces[0].kind === 'unclosed' && pieces[0].reason).toMatch(
      /^the quoted cell '"stray' is not closed within 3 lines: a stray '"'\? Line rejected; the 3 lines after it/
    )
    expect(cellsOf(pieces).map((cells) => cells[0])).toEqual(['t1', 't2', 't3', 't4'])
    expectEveryLineOnce(pieces, 5)
  })

  it('gives up after the character cap too', () => {
    const pieces = split(['t0,"stray', 'x'.repeat(30), 't2,b'], ',', { maxLines: 100, maxCharacters: 20 })
    expect(pieces[0].kind === 'unclosed' && pieces[0].reason).toMatch(
      /not closed within 20 characters.*; the line after it read again/
    )
    expect(cellsOf(pieces)).toEqual([['x'.repeat(30)], ['t2', 'b']])
    expectEveryLineOnce(pieces, 3)
  })

  it('caps a record at 10,000 lines by default, so one stray quote costs one line, not the file', () => {
    expect(DEFAULT_RECORD_LIMITS).toEqual({ maxLines: 10_000, maxCharacters: 1_048_576 })
    const lines = ['t0,"stray', ...Array.from({ length: 12_000 }, (_, index) => `t${index + 1},row`)]
    const pieces = split(lines)
    expect(pieces.filter((piece) => piece.kind === 'unclosed').map((piece) => linesOf(piece))).toEqual([[1]])
    expect(cellsOf(pieces)).toHaveLength(12_000)
    expectEveryLineOnce(pieces, 12_001)
  })
})

describe('splitSampleRecords', () => {
  it('returns the cells of complete records only', () => {
    expect(splitSampleRecords(['a,b', '"c', 'd",e', '', 'f,"open'], ',')).toEqual([
      ['a', 'b'],
      ['c\nd', 'e']
    ])
  })
})
