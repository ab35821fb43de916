import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { openEvidenceSource } from '../../../../src-main/core/ingest/containers/containerEntries'
import { ContainerError } from '../../../../src-main/core/ingest/containers/containerErrors'
import { tempDir } from '../../helpers/tempDir'
import { buildTar, buildZip, writeTemp } from './archiveFixtures'
import { readAll, readEvidence, texts } from './readEvidence'

const authLines = 'Mar  1 12:00:01 host sshd[1]: Accepted password for root from 10.0.0.1 port 22 ssh2\n'

describe('zip evidence', () => {
  it('streams stored and deflated members with their names, sizes and times', async () => {
    const path = writeTemp(
      'case.zip',
      buildZip([
        { name: 'logs/', method: 0 },
        { name: 'logs/auth.log', data: Buffer.from(authLines) },
        { name: 'logs/empty.log', data: Buffer.alloc(0), method: 0 },
        { name: 'web/access.log', data: Buffer.from('GET / 200\n'.repeat(1000)), method: 0 },
        { name: 'réseau/é.log', data: Buffer.from('unicode name\n') }
      ])
    )
    const evidence = await readEvidence(path)
    expect(evidence.kind).toBe('zip')
    expect(evidence.failure).toBeNull()
    expect(evidence.entries.map((entry) => [entry.name, entry.size, entry.error])).toEqual([
      ['logs/auth.log', authLines.length, null],
      ['logs/empty.log', 0, null],
      ['web/access.log', 10_000, null],
      ['réseau/é.log', 13, null]
    ])
    expect(texts(evidence)['logs/auth.log']).toBe(authLines)
    expect(texts(evidence)['web/access.log']).toBe('GET / 200\n'.repeat(1000))
    expect(evidence.entries[0].lastModified).toBe(Date.UTC(2024, 2, 1, 12, 30, 10))
    expect(evidence.entries[0].diskPath).toBeNull()
    expect(evidence.report).toMatchObject({
      entriesYielded: 4,
      skippedCount: 0,
      expandedBytes: authLines.length + 10_000 + 13
    })
  })

  it('refuses unsafe names, reports each, and writes nothing anywhere', async () => {
    const dir = tempDir('cairn-unsafe-')
    const path = join(dir, 'evil.zip')
    writeFileSync(
      path,
      buildZip([
        { name: '../evil.log', data: Buffer.from('escape\n') },
        { name: '/etc/passwd', data: Buffer.from('root:x:0:0\n') },
        { name: 'C:\\x', data: Buffer.from('drive\n') },
        { name: 'logs\\..\\..\\evil2.log', data: Buffer.from('escape\n') },
        { name: Buffer.from('nul\0.log'), data: Buffer.from('nul\n') },
        { name: 'logs\\windows.log', data: Buffer.from('backslash separators\n') },
        { name: './ok/./fine.log', data: Buffer.from('fine\n') }
      ])
    )
    const evidence = await readEvidence(path)
    expect(texts(evidence)).toEqual({ 'logs/windows.log': 'backslash separators\n', 'ok/fine.log': 'fine\n' })
    expect(evidence.report.skipped.map((skip) => [skip.name, skip.code])).toEqual([
      ['../evil.log', 'unsafe_name'],
      ['/etc/passwd', 'unsafe_name'],
      ['C:\\x', 'unsafe_name'],
      ['logs\\..\\..\\evil2.log', 'unsafe_name'],
      ['nul\0.log', 'unsafe_name']
    ])
    expect(evidence.report.skipped[0].reason).toBe(
      `"../evil.log" has a '..' component that climbs out of the container; the entry was not read`
    )
    expect(evidence.report.skipped[1].reason).toContain('absolute path')
    expect(evidence.report.skipped[2].reason).toContain('drive letter')
    expect(evidence.report.skipped[4].reason).toContain('"nul\\u0000.log" contains a NUL byte')
    expect(readdirSync(dir)).toEqual(['evil.zip'])
    expect(existsSync(join(dir, '..', 'evil.log'))).toBe(false)
    expect(existsSync(join(dir, '..', 'evil2.log'))).toBe(false)
  })

  it('refuses encrypted members, unsupported methods, links and OS clutter with reasons, reads the rest', async () => {
    const path = writeTemp(
      'mixed.zip',
      buildZip([
        { name: 'secret.log', data: Buffer.from('encrypted bytes'), method: 0, flags: 1 },
        { name: 'bz.log', data: Buffer.from('BZh91AY&SY'), method: 12 },
        { name: 'link.log', data: Buffer.from('/etc/shadow'), method: 0, unixMode: 0o120777 },
        { name: '__MACOSX/._auth.log', data: Buffer.from('resource fork') },
        { name: 'logs/.DS_Store', data: Buffer.from('finder') },
        { name: 'auth.log', data: Buffer.from(authLines), unixMode: 0o100644 }
      ])
    )
    const evidence = await readEvidence(path)
    expect(texts(evidence)).toEqual({ 'auth.log': authLines })
    expect(evidence.report.skipped.map((skip) => [skip.name, skip.code])).toEqual([
      ['secret.log', 'encrypted'],
      ['bz.log', 'unsupported_compression'],
      ['link.log', 'not_regular_file'],
      ['__MACOSX/._auth.log', 'not_log_data'],
      ['logs/.DS_Store', 'not_log_data']
    ])
    expect(evidence.report.skipped[0].reason).toContain('encrypted (password-protected)')
    expect(evidence.report.skipped[1].reason).toContain('compressed with bzip2')
  })

  it('fails the CRC check of a damaged member on its stream and in the report', async () => {
    const big = Buffer.from(authLines.repeat(2000))
    const path = writeTemp('crc.zip', buildZip([{ name: 'a.log', data: big, declaredCrc: 1 }]))
    const evidence = await readEvidence(path)
    expect(evidence.entries[0].bytes.equals(big)).toBe(true)
    expect(evidence.entries[0].error).toBeInstanceOf(ContainerError)
    expect(evidence.entries[0].error?.message).toContain('"a.log" fails its CRC-32 check (header 0x00000001')
    expect(evidence.report.skipped).toMatchObject([{ name: 'a.log', code: 'corrupt' }])
  })

  it('reports a damaged member found out before it is handed on, and goes on', async () => {
    const path = writeTemp(
      'small.zip',
      buildZip([
        { name: 'crc.log', data: Buffer.from('abc\n'), declaredCrc: 1 },
        { name: 'short.log', data: Buffer.from('abc\n'), declaredSize: 10 },
        { name: 'long.log', data: Buffer.from('abcdef\n'), declaredSize: 3 },
        { name: 'ok.log', data: Buffer.from('ok\n') }
      ])
    )
    const evidence = await readEvidence(path)
    expect(texts(evidence)).toEqual({ 'ok.log': 'ok\n' })
    expect(evidence.report.skipped).toEqual([
      { name: 'crc.log', code: 'corrupt', reason: expect.stringContaining('fails its CRC-32 check') },
      {
        name: 'short.log',
        code: 'truncated',
        reason: '"short.log" ends after 4 bytes of the 10 bytes its zip header declares'
      },
      {
        name: 'long.log',
        code: 'corrupt',
        reason:
          '"long.log" expands to more than the 3 bytes its zip header declares; reading stopped (the header is wrong or the entry is hostile)'
      }
    ])
  })

  it('ends the walk with a clear error on a truncated zip', async () => {
    const whole = buildZip([
      { name: 'a.log', data: Buffer.from(authLines.repeat(100)) },
      { name: 'b.log', data: Buffer.from(authLines) }
    ])
    const path = writeTemp('cut.zip', whole.subarray(0, Math.floor(whole.length / 2)))
    const evidence = await readEvidence(path)
    expect(evidence.kind).toBe('zip')
    expect(evidence.entries).toEqual([])
    expect(evidence.failure).toBeInstanceOf(ContainerError)
    expect((evidence.failure as ContainerError).issue).toBe('unreadable')
    expect(evidence.failure?.message).toContain(`${path} is not a readable zip`)
    expect(evidence.failure?.message).toContain('may be truncated or damaged')
    expect(evidence.report.skipped).toMatchObject([{ name: 'cut.zip', code: 'unreadable' }])
  })

  it('reads a zip followed by stray bytes, as unzip does, and notes them', async () => {
    const path = writeTemp(
      'newline.zip',
      buildZip([{ name: 'a.log', data: Buffer.from('abc\n') }], Buffer.from('\n'))
    )
    const evidence = await readEvidence(path)
    expect(texts(evidence)).toEqual({ 'a.log': 'abc\n' })
    expect(evidence.report.notes).toEqual([
      `${path}: 1 byte after the end of the zip ignored (not part of the archive)`
    ])
  })

  it('yields a non-archive named .zip as itself, bytes as stored', async () => {
    const path = writeTemp('not-really.zip', authLines)
    const evidence = await readEvidence(path)
    expect(evidence.kind).toBe('file')
    expect(evidence.entries).toMatchObject([
      { name: 'not-really.zip', diskPath: path, size: authLines.length }
    ])
    expect(texts(evidence)['not-really.zip']).toBe(authLines)
  })

  it('opens nested zips, tar.gz and gz members recursively, named by their path', async () => {
    const inner = buildZip([{ name: 'deep/inner.log', data: Buffer.from('inner\n') }])
    const tarGz = gzipSync(await buildTar([{ name: 'x/y.log', content: 'from tar\n' }]))
    const path = writeTemp(
      'outer.zip',
      buildZip([
        { name: 'inner.zip', data: inner },
        { name: 'stored-inner.zip', data: inner, method: 0 },
        { name: 'logs.tar.gz', data: tarGz, method: 0 },
        { name: 'auth.log.gz', data: gzipSync(authLines) },
        { name: 'plain.log', data: Buffer.from('plain\n') }
      ])
    )
    const evidence = await readEvidence(path)
    expect(evidence.failure).toBeNull()
    expect(texts(evidence)).toEqual({
      'inner.zip/deep/inner.log': 'inner\n',
      'stored-inner.zip/deep/inner.log': 'inner\n',
      'logs.tar.gz/x/y.log': 'from tar\n',
      'auth.log.gz': authLines,
      'plain.log': 'plain\n'
    })
    expect(evidence.entries.find((entry) => entry.name === 'auth.log.gz')?.size).toBeNull()
    expect(evidence.report.skippedCount).toBe(0)
  })

  it('reports a damaged nested zip and goes on with the rest', async () => {
    const inner = buildZip([{ name: 'a.log', data: Buffer.from('a\n') }])
    const path = writeTemp(
      'outer.zip',
      buildZip([
        { name: 'broken.zip', data: inner.subarray(0, 20) },
        { name: 'after.log', data: Buffer.from('after\n') }
      ])
    )
    const evidence = await readEvidence(path)
    expect(texts(evidence)).toEqual({ 'after.log': 'after\n' })
    expect(evidence.report.skipped).toMatchObject([{ name: 'broken.zip', code: 'unreadable' }])
    expect(evidence.report.skipped[0].reason).toContain('"broken.zip" is not a readable zip')
  })

  it('lets an entry be opened once, before the next one is asked for', async () => {
    const path = writeTemp(
      'two.zip',
      buildZip([
        { name: 'a.log', data: Buffer.from('a\n') },
        { name: 'b.log', data: Buffer.from('b\n') }
      ])
    )
    const source = await openEvidenceSource(path)
    const seen = []
    for await (const entry of source) seen.push(entry)
    await expect(seen[0].open()).rejects.toThrow('"a.log" was passed: its turn is over')
    const again = await openEvidenceSource(path)
    for await (const entry of again) {
      const stream = await entry.open()
      await expect(entry.open()).rejects.toThrow('"a.log" was already opened')
      expect((await readAll(stream)).bytes.toString()).toBe('a\n')
      break
    }
    expect(() => again[Symbol.asyncIterator]()).toThrow('was already walked')
  })

  it('passes over entries that are not opened', async () => {
    const path = writeTemp(
      'skip.zip',
      buildZip([
        { name: 'a.log', data: Buffer.from('a'.repeat(100_000)) },
        { name: 'b.log', data: Buffer.from('b\n') }
      ])
    )
    const evidence = await readEvidence(path, {}, (entry) => entry.name === 'b.log')
    expect(evidence.entries.map((entry) => [entry.name, entry.bytes.toString()])).toEqual([
      ['a.log', ''],
      ['b.log', 'b\n']
    ])
  })

  const zipTool = spawnSync('zip', ['-v'], { encoding: 'utf8' })
  const hasZipTool = zipTool.status === 0
  if (!hasZipTool) console.warn('zip is not installed: skipping the test against zips made by Info-ZIP')
  describe.skipIf(!hasZipTool)('zips made by Info-ZIP zip', () => {
    it('reads folders, data descriptors (from stdin) and forced zip64 records', () => {
      const dir = tempDir('cairn-infozip-')
      mkdirSync(join(dir, 'var/log'), { recursive: true })
      writeFileSync(join(dir, 'var/log/auth.log'), authLines.repeat(50))
      writeFileSync(join(dir, 'var/log/syslog'), 'kernel: hello\n')
      const folderZip = join(dir, 'folder.zip')
      expect(spawnSync('zip', ['-r', '-q', folderZip, 'var'], { cwd: dir }).status).toBe(0)
      const streamedZip = join(dir, 'streamed.zip')
      // From stdin zip cannot seek back, so sizes and CRC follow the data in a data descriptor; -fz forces zip64.
      expect(spawnSync('zip', ['-q', '-fz', streamedZip, '-'], { input: 'piped line\n' }).status).toBe(0)
      return Promise.all([readEvidence(folderZip), readEvidence(streamedZip)]).then(([folder, streamed]) => {
        expect(texts(folder)).toEqual({
          'var/log/auth.log': authLines.repeat(50),
          'var/log/syslog': 'kernel: hello\n'
        })
        expect(folder.report.skippedCount).toBe(0)
        expect(texts(streamed)).toEqual({ '-': 'piped line\n' })
        expect(streamed.report.skippedCount).toBe(0)
      })
    })
  })
})
