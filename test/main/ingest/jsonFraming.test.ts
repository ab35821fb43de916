// Framing JSON documents out of lines: every document shape a responder meets (JSON lines, evtx_dump's
// back-to-back pretty objects, arrays pretty or on one line), exact line numbers and UTF-8 byte offsets,
// strings that hide brackets, and recovery from a broken document without losing its neighbours.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  frameJsonSample,
  JsonFramer,
  readJsonObject,
  utf8ByteLength
} from '../../../src-main/core/ingest/jsonFraming'
import type { SourceRecord } from '../../../src-main/core/ingest/parser'
import { INGEST_FIXTURES } from './parsers/fixtureLines'
import { sourceLines } from './parsers/parserHarness'

/** Frames a text the way ingest will: lines without '\n' (and '\r'), each with its number and byte offset. */
function frame(text: string, framer = new JsonFramer()): SourceRecord[] {
  const records: SourceRecord[] = []
  for (const line of sourceLines(text)) {
    framer.push(line.text, line.line, line.offset, (record) => records.push(record))
  }
  framer.end((record) => records.push(record))
  return records
}

/** Each record's text must be exactly the bytes at its offset in the original text. */
function expectTextAtOffsets(text: string, records: SourceRecord[]): void {
  const bytes = Buffer.from(text)
  for (const record of records) {
    const length = Buffer.byteLength(record.text)
    expect(bytes.subarray(record.offset, record.offset + length).toString()).toBe(record.text)
  }
}

function fixture(name: string): string {
  return readFileSync(join(INGEST_FIXTURES, name), 'utf8')
}

describe('JsonFramer', () => {
  it('frames JSON lines one document per line, skipping blank lines', () => {
    const text = '{"a":1}\n\n  \n{"b":"x"}\n{"c":[1,2,{"d":3}]}\n'
    const records = frame(text)
    expect(records.map((record) => [record.line, record.text])).toEqual([
      [1, '{"a":1}'],
      [4, '{"b":"x"}'],
      [5, '{"c":[1,2,{"d":3}]}']
    ])
    expectTextAtOffsets(text, records)
  })

  it('frames concatenated pretty-printed objects as evtx_dump writes them', () => {
    const text = '{\n  "Event": {\n    "System": {}\n  }\n}\n{\n  "Event": {\n    "EventData": null\n  }\n}\n'
    const records = frame(text)
    expect(records.map((record) => record.line)).toEqual([1, 6])
    expect(records.map((record) => JSON.parse(record.text) as unknown)).toEqual([
      { Event: { System: {} } },
      { Event: { EventData: null } }
    ])
    expectTextAtOffsets(text, records)
  })

  it('frames the elements of a pretty top-level array, a bare element included', () => {
    const text = fixture('json-array-pretty.json')
    const records = frame(text)
    // Element starts counted by hand in the fixture: lines 2, 7, 11 and 12.
    expect(records.map((record) => record.line)).toEqual([2, 7, 11, 12])
    expect(records[2].text).toBe('"a bare string element"')
    expect((JSON.parse(records[0].text) as { nested: { braces: string } }).nested.braces).toBe(
      '{not a brace} [nor this]'
    )
    expectTextAtOffsets(text, records)
  })

  it('frames a one-line array element by element with byte offsets past multi-byte characters', () => {
    const text = '[{"n":"café"},{"n":"☕ {"}, {"n":"🚀"} ,7,"x\\"y",null]\n{"after":true}\n'
    const records = frame(text)
    expect(records.map((record) => record.text)).toEqual([
      '{"n":"café"}',
      '{"n":"☕ {"}',
      '{"n":"🚀"}',
      '7',
      '"x\\"y"',
      'null',
      '{"after":true}'
    ])
    expect(records.map((record) => record.line)).toEqual([1, 1, 1, 1, 1, 1, 2])
    expectTextAtOffsets(text, records)
  })

  it('does not count brackets inside strings, with escaped quotes and backslashes', () => {
    const text = '{"a":"}}]]","b":"\\"{","c":"\\\\","d":{"e":"\\\\\\"}"}}\n{"next":1}\n'
    const records = frame(text)
    expect(records).toHaveLength(2)
    expect(JSON.parse(records[0].text)).toEqual({ a: '}}]]', b: '"{', c: '\\', d: { e: '\\"}' } })
  })

  it('emits a broken JSON line as it is and resumes with the next line (the broken-record fixture)', () => {
    const text = fixture('json-lines-broken.jsonl')
    const records = frame(text)
    // 11 lines, 1 blank: 10 records; line 4 is cut off mid-string and line 5 starts the next document.
    expect(records.map((record) => record.line)).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 11])
    expect(records[3].text.startsWith('{"time":"2026-03-14T09:12:04Z"')).toBe(true)
    expect(readJsonObject(records[3].text).ok).toBe(false)
    for (const index of [0, 1, 2, 4, 5, 7, 8, 9]) expect(readJsonObject(records[index].text).ok).toBe(true)
    expect(records[6].text).toBe('42')
    expectTextAtOffsets(text, records)
  })

  it('resynchronises an indented pretty document cut short at the next object at column 0', () => {
    const text = '{\n  "a": {\n    "b": 1\n{\n  "c": 2\n}\n'
    const records = frame(text)
    expect(records.map((record) => [record.line, record.text])).toEqual([
      [1, '{\n  "a": {\n    "b": 1'],
      [4, '{\n  "c": 2\n}']
    ])
  })

  it('resynchronises a broken element of a pretty array at the next element', () => {
    const text = '[\n  {\n    "a": "cut\n  {\n    "b": 2\n  }\n]\n'
    const records = frame(text)
    expect(records.map((record) => record.line)).toEqual([2, 4])
    expect(readJsonObject(records[1].text)).toEqual({ ok: true, object: { b: 2 } })
  })

  it('keeps a document written without indentation whole: column 0 means nothing there', () => {
    const text = '{\n"a": 1,\n"b":\n{\n"c": 2\n}\n}\n'
    const records = frame(text)
    expect(records).toHaveLength(1)
    expect(JSON.parse(records[0].text)).toEqual({ a: 1, b: { c: 2 } })
  })

  it('ends a string at the end of its line, so a stray quote cannot swallow the rest of the file', () => {
    const text = '{\n  "a": "no closing quote,\n  "b": 1\n}\n{\n  "c": 3\n}\n'
    const records = frame(text)
    expect(records.map((record) => record.line)).toEqual([1, 5])
    expect(readJsonObject(records[1].text)).toEqual({ ok: true, object: { c: 3 } })
  })

  it('closes a document that grows past the size cap and emits it as it is', () => {
    const framer = new JsonFramer({ maxDocumentChars: 20 })
    const records = frame('{\n  "a": "0123456789",\n  "b": "0123456789"\n}\n{"c":1}\n', framer)
    expect(records[0].line).toBe(1)
    expect(records[0].text).toBe('{\n  "a": "0123456789",')
    expect(records.at(-1)).toMatchObject({ line: 5, text: '{"c":1}' })
  })

  it('emits a document still open at the end of input', () => {
    expect(frame('{"a":1}\n{"b":\n')).toEqual([
      { text: '{"a":1}', line: 1, offset: 0 },
      { text: '{"b":', line: 2, offset: 8 }
    ])
  })

  it('tolerates commas between documents and makes any other stray text a record of its own', () => {
    const text = '{"a":1},\n{"b":2}, {"c":3}\nnot json at all  \n'
    const records = frame(text)
    expect(records.map((record) => record.text)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', 'not json at all'])
    expectTextAtOffsets(text, records)
  })

  it('skips a byte order mark and reports offsets after it', () => {
    const text = '\uFEFF{"a":1}\n'
    const records = frame(text)
    expect(records).toEqual([{ text: '{"a":1}', line: 1, offset: 3 }])
  })
})

describe('frameJsonSample', () => {
  it('returns the complete documents of a sample and leaves out one the sample cuts off', () => {
    expect(frameJsonSample(['{"a":1}', '{', '  "b": 2', '}', '{', '  "c":'])).toEqual([
      '{"a":1}',
      '{\n  "b": 2\n}'
    ])
  })
})

describe('utf8ByteLength', () => {
  it('counts UTF-8 bytes as Buffer.byteLength does, including surrogate pairs and lone surrogates', () => {
    for (const text of ['', 'abc', 'café', '☕', '🚀x', 'a\uD800b', '\uDC00', 'ß€𝄞']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text))
    }
    expect(utf8ByteLength('a🚀b', 1, 3)).toBe(4)
  })
})

describe('readJsonObject', () => {
  it('reads an object and rejects anything else with a reason that says what and where', () => {
    expect(readJsonObject('{"a":1}')).toEqual({ ok: true, object: { a: 1 } })
    const broken = readJsonObject('{"a":1 "b":2}')
    expect(broken.ok).toBe(false)
    if (!broken.ok)
      expect(broken.reason).toMatch(/^not valid JSON \(.*position 7.*\) near '\{"a":1 "b":2\}'$/)
    const number = readJsonObject('42')
    expect(!number.ok && number.reason).toBe(
      'the document is a number (42), not a JSON object: each event must be an object'
    )
    const array = readJsonObject('[1]')
    expect(!array.ok && array.reason).toMatch(/is an array, not a JSON object/)
  })
})
