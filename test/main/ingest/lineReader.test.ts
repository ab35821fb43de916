import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { createReadStream, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { openFileBytes, openStreamBytes } from '../../../src-main/core/ingest/byteSource'
import { MAX_LINE_BYTES, splitLines } from '../../../src-main/core/ingest/lineReader'
import { tempDir } from '../helpers/tempDir'

/** The whole file as an import reads it: the surveyed bytes, decompressed when gzip. */
const wholeFile = (path: string) =>
  openFileBytes(path, () => undefined, { start: 0, end: statSync(path).size }, true)

async function readAll(stream: AsyncIterable<Buffer>, firstLine = 1, firstOffset = 0) {
  const lines: { text: string; number: number; offset: number; end: number; truncated: boolean }[] = []
  for await (const batch of splitLines(stream, firstLine, firstOffset)) {
    batch.lines.forEach((text, i) =>
      lines.push({
        text,
        number: batch.firstLineNumber + i,
        offset: batch.offsets[i],
        end: batch.ends[i],
        truncated: batch.truncated.has(i)
      })
    )
  }
  return lines
}

describe('splitLines over a file', () => {
  it('splits LF and CRLF lines with exact byte offsets and ends, including a last line without newline', async () => {
    const content = 'first\r\nsecond é\n\nlast'
    const path = join(tempDir(), 'a.log')
    writeFileSync(path, content)
    const source = wholeFile(path)
    const lines = await readAll(source.stream)
    expect(lines.map((l) => l.text)).toEqual(['first', 'second é', '', 'last'])
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4])
    for (const line of lines)
      expect(Buffer.from(content).subarray(line.offset).toString().startsWith(line.text)).toBe(true)
    expect(lines.map((l) => l.end)).toEqual([7, 17, 18, 22])
    expect(source.stats.compressed).toBe(false)
  })

  it('reads a byte range with the line number and offset it starts at', async () => {
    const content = 'a\nbb\nccc\ndddd\n'
    const path = join(tempDir(), 'range.log')
    writeFileSync(path, content)
    const source = openFileBytes(path, () => undefined, { start: 5, end: 14 }, false)
    const lines = await readAll(source.stream, 3, 5)
    expect(lines.map((l) => [l.number, l.text, l.offset])).toEqual([
      [3, 'ccc', 5],
      [4, 'dddd', 9]
    ])
  })

  it('decompresses gzip by content', async () => {
    const content = Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n') + '\n'
    const path = join(tempDir(), 'no-extension')
    writeFileSync(path, gzipSync(content))
    const source = wholeFile(path)
    const lines = await readAll(source.stream)
    expect(lines).toHaveLength(50_000)
    expect(lines[49_999]).toMatchObject({
      text: 'line 49999',
      number: 50_000,
      offset: content.lastIndexOf('line 49999')
    })
    expect(source.stats.compressed).toBe(true)
  })

  it('cuts an over-long line, keeps counting the lines after it', async () => {
    const path = join(tempDir(), 'long.log')
    const long = 'x'.repeat(MAX_LINE_BYTES + 5_000_000)
    writeFileSync(path, `before\n${long}\nafter\n`)
    const lines = await readAll(wholeFile(path).stream)
    expect(lines.map((l) => [l.number, l.text.length, l.truncated])).toEqual([
      [1, 6, false],
      [2, MAX_LINE_BYTES, true],
      [3, 5, false]
    ])
    expect(lines[2]).toMatchObject({ text: 'after', offset: 7 + long.length + 1 })
  })
})

describe('openStreamBytes', () => {
  it('recognises gzip from the first bytes of a stream and hashes the bytes as given', async () => {
    const gz = gzipSync('one\ntwo\n')
    const path = join(tempDir(), 'member')
    writeFileSync(path, gz)
    const source = await openStreamBytes(createReadStream(path), () => undefined)
    expect((await readAll(source.stream)).map((l) => l.text)).toEqual(['one', 'two'])
    expect(source.stats).toMatchObject({
      compressed: true,
      bytesRead: gz.length,
      sha256: createHash('sha256').update(gz).digest('hex')
    })
  })
})
