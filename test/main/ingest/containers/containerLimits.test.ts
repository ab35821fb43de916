import { describe, expect, it } from 'vitest'
import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { ContainerLimitError } from '../../../../src-main/core/ingest/containers/containerErrors'
import {
  DEFAULT_CONTAINER_LIMITS,
  resolveContainerLimits
} from '../../../../src-main/core/ingest/containers/containerLimits'
import { buildZip, deflatedZeros, gzipMember, tarHeader, writeTemp } from './archiveFixtures'
import { readEvidence, texts } from './readEvidence'

const MiB = 1024 * 1024
const GiB = 1024 * MiB

describe('container limits', () => {
  it('has the documented defaults and refuses nonsense by name', () => {
    expect(resolveContainerLimits()).toEqual({
      maxTotalExpandedBytes: 64 * GiB,
      maxEntryExpandedBytes: 16 * GiB,
      maxCompressionRatio: 200,
      ratioCheckAboveBytes: MiB,
      maxEntries: 200_000,
      maxNestingDepth: 3,
      maxBufferedZipBytes: 512 * MiB
    })
    expect(resolveContainerLimits({ maxNestingDepth: 0 }).maxNestingDepth).toBe(0)
    expect(() => resolveContainerLimits({ maxEntries: -1 })).toThrow(
      'container limit maxEntries must be a whole number of at least 1, got -1'
    )
    expect(() => resolveContainerLimits({ maxTotalExpandedBytes: 1.5 })).toThrow('maxTotalExpandedBytes')
    expect(() => resolveContainerLimits({ maxCompressionRatio: Number.NaN })).toThrow('got NaN')
    expect(() => resolveContainerLimits({ maxEntrys: 5 } as never)).toThrow(
      "unknown container limit 'maxEntrys'"
    )
  })

  it('stops a 2 GiB zip bomb at the compression ratio, a few MiB in', async () => {
    // 2 GiB of zeros deflate to about 2 MB; the header declares the true size and no CRC (never reached).
    const started = Date.now()
    const path = writeTemp(
      'bomb.zip',
      buildZip([
        { name: 'zeros.log', stored: deflatedZeros(2048), declaredSize: 2 * GiB - 1, declaredCrc: 0 },
        { name: 'after.log', data: Buffer.from('still read\n') }
      ])
    )
    const evidence = await readEvidence(path)
    const bomb = evidence.entries.find((entry) => entry.name === 'zeros.log')
    expect(bomb?.error).toBeInstanceOf(ContainerLimitError)
    expect(bomb?.error).toMatchObject({
      issue: 'compression_ratio',
      entryName: 'zeros.log',
      limit: 'maxCompressionRatio'
    })
    expect(bomb?.error?.message).toContain('a ratio above the limit maxCompressionRatio of 200:1')
    expect(bomb!.bytes.length).toBeLessThan(2 * MiB)
    expect(evidence.report.expandedBytes).toBeLessThan(4 * MiB)
    expect(evidence.report.skipped).toMatchObject([{ name: 'zeros.log', code: 'compression_ratio' }])
    expect(texts(evidence)['after.log']).toBe('still read\n')
    expect(Date.now() - started).toBeLessThan(10_000)
  })

  it('does not trust a header that declares a bomb small', async () => {
    const path = writeTemp(
      'liar.zip',
      buildZip([{ name: 'zeros.log', stored: deflatedZeros(2048), declaredSize: 100_000 }])
    )
    const evidence = await readEvidence(path)
    expect(evidence.entries[0].error?.message).toContain(
      'expands to more than the 97.7 KiB (100,000 bytes) its zip header declares'
    )
    expect(evidence.entries[0].bytes.length).toBeLessThanOrEqual(100_000)
    expect(evidence.report.expandedBytes).toBeLessThan(MiB)
  })

  it('stops a gzip bomb inside a zip, and a .tar.gz bomb, at the ratio', async () => {
    const gzBomb = gzipMember(deflatedZeros(1024))
    const tarGzBomb = gzipMember(deflatedZeros(1024, tarHeader('zeros.log', GiB)))
    const zipPath = writeTemp('gz.zip', buildZip([{ name: 'zeros.log.gz', data: gzBomb, method: 0 }]))
    const fromZip = await readEvidence(zipPath)
    expect(fromZip.entries[0].error).toMatchObject({ issue: 'compression_ratio', entryName: 'zeros.log.gz' })
    const tarPath = writeTemp('bomb.tar.gz', tarGzBomb)
    const fromTar = await readEvidence(tarPath)
    expect(fromTar.kind).toBe('tar.gz')
    expect(fromTar.entries[0].error).toMatchObject({ issue: 'compression_ratio', entryName: 'bomb.tar.gz' })
    expect(fromTar.failure).toMatchObject({ issue: 'compression_ratio' })
    expect(fromTar.report.expandedBytes).toBeLessThan(4 * MiB)
  })

  it('stops one entry past the per-entry limit while streaming, where no header tells its size', async () => {
    // Hex text compresses about 2:1, far below the ratio limit, so only the size limit can stop it.
    const hexText = Buffer.from(randomBytes(1.5 * MiB).toString('hex'))
    const path = writeTemp(
      'big.zip',
      buildZip([
        { name: 'big.log.gz', data: gzipSync(hexText), method: 0 },
        { name: 'declared.log', data: hexText, method: 0 },
        { name: 'small.log', data: Buffer.from('small\n') }
      ])
    )
    const evidence = await readEvidence(path, { maxEntryExpandedBytes: 2 * MiB })
    expect(evidence.entries.map((entry) => entry.name)).toEqual(['big.log.gz', 'small.log'])
    expect(evidence.entries[0].error).toMatchObject({ issue: 'entry_bytes', limit: 'maxEntryExpandedBytes' })
    expect(evidence.entries[0].bytes.length).toBeLessThanOrEqual(2 * MiB)
    expect(evidence.report.skipped.map((skip) => [skip.name, skip.code])).toEqual([
      ['big.log.gz', 'entry_bytes'],
      ['declared.log', 'entry_bytes']
    ])
    expect(evidence.report.skipped[1].reason).toBe(
      '"declared.log" declares 3.0 MiB (3,145,728 bytes), above the limit maxEntryExpandedBytes of 2.0 MiB (2,097,152 bytes); not read'
    )
  })

  it('ends the walk when a flat bomb of many entries passes the total limit', async () => {
    // 64 entries of exactly 1 MiB of zeros: no single one is checked for its ratio (not above 1 MiB), but
    // together they pass a total limit of 16 MiB during the 17th.
    const entries = Array.from({ length: 64 }, (_, i) => ({
      name: `zeros-${String(i).padStart(2, '0')}.log`,
      stored: deflatedZeros(1),
      declaredSize: MiB,
      declaredCrc: crcOfZeroMiB
    }))
    const evidence = await readEvidence(writeTemp('flat.zip', buildZip(entries)), {
      maxTotalExpandedBytes: 16 * MiB
    })
    // The 17th trips the limit in its first bytes, read to tell whether it is an archive: it is never handed out.
    expect(evidence.entries).toHaveLength(16)
    expect(evidence.entries.every((entry) => entry.error === null && entry.bytes.length === MiB)).toBe(true)
    expect(evidence.failure).toMatchObject({ issue: 'total_bytes', entryName: 'zeros-16.log' })
    expect(evidence.failure?.message).toContain(
      'expanded past 16.0 MiB (16,777,216 bytes) in total, the limit maxTotalExpandedBytes'
    )
    expect(evidence.report.skipped).toMatchObject([{ name: 'zeros-16.log', code: 'total_bytes' }])
  })

  it('ends the walk at 200,001 entries with the default limit', async () => {
    // Folder entries only: each is counted, none has data, so the walk reaches the limit quickly.
    const entries = Array.from({ length: DEFAULT_CONTAINER_LIMITS.maxEntries + 1 }, (_, i) => ({
      name: `d${i}/`,
      method: 0
    }))
    const evidence = await readEvidence(writeTemp('many.zip', buildZip(entries)))
    expect(evidence.failure).toBeInstanceOf(ContainerLimitError)
    expect(evidence.failure).toMatchObject({
      issue: 'entry_count',
      entryName: 'd200000/',
      limit: 'maxEntries'
    })
    expect(evidence.failure?.message).toContain('holds more than 200,000 entries, the limit maxEntries')
  })

  it('opens archives nested three deep and refuses the fourth', async () => {
    let nested = buildZip([{ name: 'bottom.log', data: Buffer.from('bottom\n') }])
    for (let level = 4; level >= 1; level--)
      nested = buildZip([
        { name: `level${level}.log`, data: Buffer.from(`level ${level}\n`) },
        { name: `z${level}.zip`, data: nested }
      ])
    const evidence = await readEvidence(writeTemp('top.zip', nested))
    expect(texts(evidence)).toEqual({
      'level1.log': 'level 1\n',
      'z1.zip/level2.log': 'level 2\n',
      'z1.zip/z2.zip/level3.log': 'level 3\n',
      'z1.zip/z2.zip/z3.zip/level4.log': 'level 4\n'
    })
    expect(evidence.report.skipped).toEqual([
      {
        name: 'z1.zip/z2.zip/z3.zip/z4.zip',
        code: 'nesting_depth',
        reason:
          '"z1.zip/z2.zip/z3.zip/z4.zip" is an archive nested 4 deep, past the limit maxNestingDepth of 3; not opened (extract it and add it directly)'
      }
    ])
  })

  it('refuses a nested zip too large to hold in memory', async () => {
    const inner = buildZip([{ name: 'a.log', data: randomBytes(2 * MiB), method: 0 }])
    const path = writeTemp('outer.zip', buildZip([{ name: 'inner.zip', data: inner, method: 0 }]))
    const evidence = await readEvidence(path, { maxBufferedZipBytes: MiB })
    expect(evidence.entries).toEqual([])
    expect(evidence.report.skipped).toMatchObject([{ name: 'inner.zip', code: 'buffered_zip_bytes' }])
  })
})

/** CRC-32 of 1 MiB of zeros, from Python: zlib.crc32(bytes(1048576)). */
const crcOfZeroMiB = 0xa738ea1c
