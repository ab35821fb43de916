import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { openEvidenceSource } from '../../../../src-main/core/ingest/containers/containerEntries'
import { tempDir } from '../../helpers/tempDir'
import { buildTar, buildZip, writeTemp } from './archiveFixtures'
import { readAll, readEvidence, texts } from './readEvidence'

const longName = `deep/${'d'.repeat(120)}/file-with-a-long-name.log`

describe('tar evidence', () => {
  it('reads regular files, skips links, devices and fifos with reasons, refuses unsafe names', async () => {
    const tar = await buildTar([
      { name: 'logs/', type: 'directory' },
      { name: 'logs/auth.log', content: 'auth line\n', mtime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) },
      { name: 'logs/current', type: 'symlink', linkname: 'auth.log' },
      { name: 'logs/hard', type: 'link', linkname: 'logs/auth.log' },
      { name: 'dev/tty', type: 'character-device' },
      { name: 'run/pipe', type: 'fifo' },
      { name: '../evil.log', content: 'escape\n' },
      { name: '/etc/passwd', content: 'root:x:0:0\n' },
      { name: longName, content: 'long\n' },
      { name: 'empty.log', content: '' }
    ])
    const evidence = await readEvidence(writeTemp('case.tar', tar))
    expect(evidence.kind).toBe('tar')
    expect(evidence.failure).toBeNull()
    expect(texts(evidence)).toEqual({ 'logs/auth.log': 'auth line\n', [longName]: 'long\n', 'empty.log': '' })
    expect(evidence.entries[0]).toMatchObject({ size: 10, lastModified: Date.UTC(2024, 0, 2, 3, 4, 5) })
    expect(evidence.report.skipped).toEqual([
      {
        name: 'logs/current',
        code: 'not_regular_file',
        reason: '"logs/current" is a symbolic link to "auth.log", not a file; skipped'
      },
      {
        name: 'logs/hard',
        code: 'not_regular_file',
        reason: '"logs/hard" is a hard link to "logs/auth.log", not a file; skipped'
      },
      {
        name: 'dev/tty',
        code: 'not_regular_file',
        reason: '"dev/tty" is a character device, not a file; skipped'
      },
      {
        name: 'run/pipe',
        code: 'not_regular_file',
        reason: '"run/pipe" is a named pipe (fifo), not a file; skipped'
      },
      {
        name: '../evil.log',
        code: 'unsafe_name',
        reason: `"../evil.log" has a '..' component that climbs out of the container; the entry was not read`
      },
      {
        name: '/etc/passwd',
        code: 'unsafe_name',
        reason:
          '"/etc/passwd" is an absolute path; entry names must be relative to the container; the entry was not read'
      }
    ])
  })

  it('reads a .tar.gz by content, whatever its name', async () => {
    const tar = await buildTar([{ name: 'a.log', content: 'a\n' }])
    const evidence = await readEvidence(writeTemp('collection.bin', gzipSync(tar)))
    expect(evidence.kind).toBe('tar.gz')
    expect(texts(evidence)).toEqual({ 'a.log': 'a\n' })
    expect(evidence.report.expandedBytes).toBe(tar.length)
  })

  it('keeps a log that says ustar where a tar header has its magic as a log', async () => {
    const log = `${'x'.repeat(256)} ustar build finished\n`.repeat(3)
    const evidence = await readEvidence(writeTemp('build.log', log))
    expect(evidence.kind).toBe('file')
    expect(texts(evidence)).toEqual({ 'build.log': log })
  })

  it('keeps entries apart when some are not opened and others are dropped half read', async () => {
    // Hex text, so the .tar.gz stays far below the compression-ratio limit.
    const hex = randomBytes(512 * 1024 + 9).toString('hex')
    const big = (letter: string) => Buffer.from(letter + hex)
    const tar = await buildTar([
      { name: 'a.log', content: big('a') },
      { name: 'b.log', content: big('b') },
      { name: 'c.log', content: big('c') },
      { name: 'd.log', content: 'd\n' }
    ])
    const source = await openEvidenceSource(writeTemp('big.tar.gz', gzipSync(tar)))
    const seen: Record<string, string> = {}
    for await (const entry of source) {
      if (entry.name === 'a.log') continue
      const stream = await entry.open()
      if (entry.name === 'b.log') {
        for await (const chunk of stream) {
          seen['b.log'] = (chunk as Buffer).subarray(0, 1).toString()
          break
        }
        continue
      }
      const { bytes, error } = await readAll(stream)
      expect(error).toBeNull()
      seen[entry.name] = bytes.equals(big('c')) ? 'all of c' : bytes.toString()
    }
    expect(seen).toEqual({ 'b.log': 'b', 'c.log': 'all of c', 'd.log': 'd\n' })
    expect(source.report.skippedCount).toBe(0)
  })

  it('opens archives inside a tar', async () => {
    const innerTarGz = gzipSync(await buildTar([{ name: 'in/tar.log', content: 'inner tar\n' }]))
    const innerZip = buildZip([{ name: 'zip.log', data: Buffer.from('inner zip\n') }])
    const tar = await buildTar([
      { name: 'inner.tar.gz', content: innerTarGz },
      { name: 'inner.zip', content: innerZip },
      { name: 'after.log', content: 'after\n' }
    ])
    const evidence = await readEvidence(writeTemp('outer.tar', tar))
    expect(texts(evidence)).toEqual({
      'inner.tar.gz/in/tar.log': 'inner tar\n',
      'inner.zip/zip.log': 'inner zip\n',
      'after.log': 'after\n'
    })
  })

  it('skips an entry whose header declares more than the per-entry limit, and reads on', async () => {
    const tar = await buildTar([
      { name: 'big.log', content: Buffer.alloc(4096, 'x') },
      { name: 'small.log', content: 'small\n' }
    ])
    const evidence = await readEvidence(writeTemp('t.tar', tar), { maxEntryExpandedBytes: 1000 })
    expect(texts(evidence)).toEqual({ 'small.log': 'small\n' })
    expect(evidence.report.skipped).toMatchObject([{ name: 'big.log', code: 'entry_bytes' }])
  })

  it('reads a .tar.gz with a stray byte after its gzip trailer without error', async () => {
    // The shape of empire_wdigest_downgrade.tar.gz in the OTRF datasets: a newline appended to the file.
    const tarGz = Buffer.concat([
      gzipSync(await buildTar([{ name: 'a.log', content: 'a\n' }])),
      Buffer.from('\n')
    ])
    const evidence = await readEvidence(writeTemp('newline.tar.gz', tarGz))
    expect(evidence.failure).toBeNull()
    expect(texts(evidence)).toEqual({ 'a.log': 'a\n' })
    expect(evidence.report.skippedCount).toBe(0)
  })

  it('reports a tar cut inside an entry, on the entry and as the end of the walk', async () => {
    const tar = await buildTar([
      { name: 'a.log', content: 'a\n' },
      { name: 'b.log', content: Buffer.alloc(100_000, 'b') }
    ])
    const cut = gzipSync(tar.subarray(0, 512 * 3 + 50_000))
    const path = writeTemp('cut.tar.gz', cut)
    const evidence = await readEvidence(path)
    expect(evidence.entries.map((entry) => [entry.name, entry.bytes.length])).toEqual([
      ['a.log', 2],
      ['b.log', 50_000]
    ])
    expect(evidence.entries[1].error).not.toBeNull()
    expect(evidence.failure).toMatchObject({ issue: 'truncated' })
    expect(evidence.failure?.message).toBe(`${path} ends in the middle of an entry: the archive is truncated`)
    expect(evidence.report.skipped).toMatchObject([{ name: 'cut.tar.gz', code: 'truncated' }])
  })

  it('survives a damaged tar.gz whose entries are never opened', async () => {
    const tar = await buildTar([{ name: 'b.log', content: randomBytes(200_000).toString('hex') }])
    const path = writeTemp('cut-unread.tar.gz', gzipSync(tar.subarray(0, 100_000)))
    const evidence = await readEvidence(path, {}, () => false)
    expect(evidence.entries.map((entry) => entry.name)).toEqual(['b.log'])
    expect(evidence.failure).toMatchObject({ issue: 'truncated' })
  })

  it('reports a tar that ends between entries without its end-of-archive marker', async () => {
    const tar = await buildTar([
      { name: 'a.log', content: 'a\n' },
      { name: 'b.log', content: 'b\n' }
    ])
    const evidence = await readEvidence(writeTemp('cut.tar', tar.subarray(0, 1024)))
    expect(texts(evidence)).toEqual({ 'a.log': 'a\n' })
    expect(evidence.failure).toBeNull()
    expect(evidence.report.skipped).toEqual([
      {
        name: 'cut.tar',
        code: 'truncated',
        reason: `${evidence.report.containerPath} ends without the tar end-of-archive marker: it may be truncated, and entries after "a.log" may be missing`
      }
    ])
  })

  const tarTool = spawnSync('tar', ['--version'], { encoding: 'utf8' })
  const hasTarTool = tarTool.status === 0
  if (!hasTarTool) console.warn('tar is not installed: skipping the test against archives made by tar')
  describe.skipIf(!hasTarTool)('archives made by the tar tool', () => {
    it('reads a tar.gz with a real symbolic link, folders and ./ names', async () => {
      const dir = tempDir('cairn-tartool-')
      mkdirSync(join(dir, 'var/log'), { recursive: true })
      writeFileSync(join(dir, 'var/log/auth.log'), 'auth\n')
      symlinkSync('/etc/passwd', join(dir, 'var/log/passwd'))
      const out = join(tempDir('cairn-tartool-out-'), 'collection.tgz')
      expect(spawnSync('tar', ['-czf', out, '-C', dir, '.']).status).toBe(0)
      const evidence = await readEvidence(out)
      expect(evidence.kind).toBe('tar.gz')
      expect(texts(evidence)).toEqual({ 'var/log/auth.log': 'auth\n' })
      expect(evidence.report.skipped).toEqual([
        {
          name: 'var/log/passwd',
          code: 'not_regular_file',
          reason: '"var/log/passwd" is a symbolic link to "/etc/passwd", not a file; skipped'
        }
      ])
    })
  })
})
