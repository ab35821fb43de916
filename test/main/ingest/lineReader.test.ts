import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { MAX_LINE_BYTES, openLineSource } from '../../../src-main/core/ingest/lineReader'
import { tempDir } from '../helpers/tempDir'

async function readAll(path: string) {
  const source = openLineSource(path, () => undefined)
  const lines: { text: string; number: number; offset: number; truncated: boolean }[] = []
  for await (const batch of source.batches) {
    batch.lines.forEach((text, i) =>
      lines.push({
        text,
        number: batch.firstLineNumber + i,
        offset: batch.offsets[i],
        truncated: batch.truncated.has(i)
      })
    )
  }
  return { lines, stats: source.stats }
}

describe('openLineSource', () => {
  it('splits LF and CRLF lines with exact byte offsets, including a last line without newline', async () => {
    const content = 'first\r\nsecond é\n\nlast'
    const path = join(tempDir(), 'a.log')
    writeFileSync(path, content)
    const { lines, stats } = await readAll(path)
    expect(lines.map((l) => l.text)).toEqual(['first', 'second é', '', 'last'])
    expect(lines.map((l) => l.number)).toEqual([1, 2, 3, 4])
    for (const line of lines)
      expect(Buffer.from(content).subarray(line.offset).toString().startsWith(line.text)).toBe(true)
    expect(stats.sha256).toBe(createHash('sha256').update(content).digest('hex'))
    expect(stats.compressed).toBe(false)
  })

  it('decompresses gzip by content and hashes the compressed bytes', async () => {
    const content = Array.from({ length: 50_000 }, (_, i) => `line ${i}`).join('\n') + '\n'
    const gz = gzipSync(content)
    const path = join(tempDir(), 'no-extension')
    writeFileSync(path, gz)
    const { lines, stats } = await readAll(path)
    expect(lines).toHaveLength(50_000)
    expect(lines[49_999]).toMatchObject({
      text: 'line 49999',
      number: 50_000,
      offset: content.lastIndexOf('line 49999')
    })
    expect(stats.compressed).toBe(true)
    expect(stats.sha256).toBe(createHash('sha256').update(gz).digest('hex'))
  })

  it('cuts an over-long line, keeps counting the lines after it', async () => {
    const path = join(tempDir(), 'long.log')
    const long = 'x'.repeat(MAX_LINE_BYTES + 5_000_000)
    writeFileSync(path, `before\n${long}\nafter\n`)
    const { lines } = await readAll(path)
    expect(lines.map((l) => [l.number, l.text.length, l.truncated])).toEqual([
      [1, 6, false],
      [2, MAX_LINE_BYTES, true],
      [3, 5, false]
    ])
    expect(lines[2]).toMatchObject({ text: 'after', offset: 7 + long.length + 1 })
  })
})
