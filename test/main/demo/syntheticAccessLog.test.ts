// The benchmark log writer: the requested number of strictly formatted lines in time order, the same bytes
// for the same seed, and a .gz path giving the same log gzip-compressed.

import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/common/errors'
import { writeSyntheticAccessLog } from '../../../src-main/core/demo/syntheticAccessLog'
import { tempDir } from '../helpers/tempDir'
import { firstOutOfOrder, parseAccessLine } from './logGrammar'

describe('writeSyntheticAccessLog', () => {
  const dir = tempDir('cairn-synthetic-')

  it('writes the requested number of valid combined lines in time order over about a day', async () => {
    const path = join(dir, 'access.log')
    const result = await writeSyntheticAccessLog(path, 20_000, 5)
    const text = await readFile(path, 'utf8')
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.slice(0, -1).split('\n')
    expect(lines.length).toBe(20_000)
    expect(result).toEqual({
      lines: 20_000,
      bytes: (await stat(path)).size,
      uncompressedBytes: Buffer.byteLength(text)
    })

    const records = lines.map(parseAccessLine)
    expect(firstOutOfOrder(records)).toBe(-1)
    const spanHours = (records[records.length - 1].at - records[0].at) / 3_600_000
    expect(spanHours).toBeGreaterThan(20)
    expect(spanHours).toBeLessThan(30)
    expect(new Set(records.map((record) => record.clientIp)).size).toBeGreaterThan(1_000)
    const hostile = records.filter((record) => /sqlmap|Nikto|python-requests|curl/.test(record.userAgent))
    expect(hostile.length / records.length).toBeGreaterThan(0.005)
    expect(hostile.length / records.length).toBeLessThan(0.03)
  })

  it('compresses when the path ends in .gz, with the same log inside for the same seed', async () => {
    const plainPath = join(dir, 'same-seed.log')
    const gzipPath = join(dir, 'same-seed.log.gz')
    const plain = await writeSyntheticAccessLog(plainPath, 3_000, 9)
    const gzipped = await writeSyntheticAccessLog(gzipPath, 3_000, 9)
    const unzipped = gunzipSync(await readFile(gzipPath))
    expect(unzipped.equals(await readFile(plainPath))).toBe(true)
    expect(gzipped.uncompressedBytes).toBe(plain.uncompressedBytes)
    expect(gzipped.bytes).toBe((await stat(gzipPath)).size)
    expect(gzipped.bytes).toBeLessThan(plain.bytes / 4)
  })

  it('differs for another seed', async () => {
    await writeSyntheticAccessLog(join(dir, 'seed-1.log'), 500, 1)
    await writeSyntheticAccessLog(join(dir, 'seed-2.log'), 500, 2)
    const [first, second] = await Promise.all([
      readFile(join(dir, 'seed-1.log'), 'utf8'),
      readFile(join(dir, 'seed-2.log'), 'utf8')
    ])
    expect(first).not.toBe(second)
  })

  it('writes an empty file for zero lines and refuses counts that are not whole numbers', async () => {
    const path = join(dir, 'empty.log')
    expect(await writeSyntheticAccessLog(path, 0)).toEqual({ lines: 0, bytes: 0, uncompressedBytes: 0 })
    expect(await readFile(path, 'utf8')).toBe('')
    await expect(writeSyntheticAccessLog(join(dir, 'bad.log'), 2.5)).rejects.toThrow(CairnError)
    await expect(writeSyntheticAccessLog(join(dir, 'bad.log'), -1)).rejects.toThrow(/whole number/)
  })
})
