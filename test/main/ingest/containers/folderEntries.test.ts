import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { isWithin } from '../../../../src-main/core/ingest/containers/folderEntries'
import { openEvidenceSource } from '../../../../src-main/core/ingest/containers/containerEntries'
import { tempDir } from '../../helpers/tempDir'
import { buildZip } from './archiveFixtures'
import { readEvidence, texts } from './readEvidence'

describe('folder evidence', () => {
  it('walks files in sorted order, opens archives in it, and yields plain files as themselves', async () => {
    const root = tempDir('cairn-folder-')
    mkdirSync(join(root, 'b/nested'), { recursive: true })
    mkdirSync(join(root, 'a'))
    mkdirSync(join(root, '__MACOSX'))
    writeFileSync(join(root, '__MACOSX/._x.log'), 'fork')
    writeFileSync(join(root, 'b/nested/z.log'), 'z\n')
    writeFileSync(join(root, 'b/Upper.log'), 'upper\n')
    writeFileSync(join(root, 'a/2.log'), '2\n')
    writeFileSync(join(root, 'a/10.log'), '10\n')
    writeFileSync(join(root, '.DS_Store'), 'finder')
    writeFileSync(join(root, 'case.zip'), buildZip([{ name: 'in/zip.log', data: Buffer.from('zipped\n') }]))
    const gz = gzipSync('compressed\n')
    writeFileSync(join(root, 'syslog.1.gz'), gz)
    const evidence = await readEvidence(root)
    expect(evidence.kind).toBe('folder')
    // Code-unit order: '1' < '2', 'U' < 'n'; folders take their place among files by name.
    expect(evidence.entries.map((entry) => entry.name)).toEqual([
      'a/10.log',
      'a/2.log',
      'b/Upper.log',
      'b/nested/z.log',
      'case.zip/in/zip.log',
      'syslog.1.gz'
    ])
    expect(texts(evidence)['case.zip/in/zip.log']).toBe('zipped\n')
    const gzEntry = evidence.entries[5]
    expect(gzEntry.diskPath).toBe(join(root, 'syslog.1.gz'))
    expect(gzEntry.bytes.equals(gz)).toBe(true)
    expect(gzEntry.size).toBe(gz.length)
    expect(evidence.entries[0]).toMatchObject({ diskPath: join(root, 'a/10.log'), size: 3 })
    expect(evidence.report.skipped.map((skip) => [skip.name, skip.code])).toEqual([
      ['.DS_Store', 'not_log_data'],
      ['__MACOSX', 'not_log_data']
    ])
  })

  it('never follows symbolic links, and tells inside from outside by path components', async () => {
    const cases = tempDir('cairn-cases-')
    const root = join(cases, '1')
    const evil = join(cases, '1-evil')
    mkdirSync(join(root, 'logs'), { recursive: true })
    mkdirSync(evil)
    writeFileSync(join(evil, 'secret.log'), 'not evidence\n')
    writeFileSync(join(root, 'logs/auth.log'), 'auth\n')
    symlinkSync(join(evil, 'secret.log'), join(root, 'escape.log'))
    symlinkSync(evil, join(root, 'escape-folder'))
    symlinkSync('logs/auth.log', join(root, 'latest.log'))
    symlinkSync(root, join(root, 'loop'))
    symlinkSync(join(root, 'missing.log'), join(root, 'dangling.log'))
    const evidence = await readEvidence(root)
    expect(texts(evidence)).toEqual({ 'logs/auth.log': 'auth\n' })
    expect(evidence.report.skipped).toEqual([
      {
        name: 'dangling.log',
        code: 'not_regular_file',
        reason: `"dangling.log" is a symbolic link to ${JSON.stringify(join(root, 'missing.log'))}, which does not exist; not followed`
      },
      {
        name: 'escape-folder',
        code: 'not_regular_file',
        reason: `"escape-folder" is a symbolic link to ${JSON.stringify(evil)}, outside the evidence folder; not followed`
      },
      {
        name: 'escape.log',
        code: 'not_regular_file',
        reason: `"escape.log" is a symbolic link to ${JSON.stringify(join(evil, 'secret.log'))}, outside the evidence folder; not followed`
      },
      {
        name: 'latest.log',
        code: 'not_regular_file',
        reason:
          '"latest.log" is a symbolic link to "logs/auth.log" in the evidence folder, which is read under its own name; not followed'
      },
      {
        name: 'loop',
        code: 'not_regular_file',
        reason:
          '"loop" is a symbolic link to "" in the evidence folder, which is read under its own name; not followed'
      }
    ])
    expect(isWithin('/cases/1', '/cases/1-evil/secret.log')).toBe(false)
    expect(isWithin('/cases/1', '/cases/1/logs/auth.log')).toBe(true)
    expect(isWithin('/cases/1', '/cases/1')).toBe(true)
  })

  const mkfifo = spawnSync('mkfifo', ['--version'])
  it.skipIf(mkfifo.status !== 0)('skips a named pipe instead of blocking on it', async () => {
    const root = tempDir('cairn-fifo-')
    expect(spawnSync('mkfifo', [join(root, 'pipe')]).status).toBe(0)
    writeFileSync(join(root, 'z.log'), 'z\n')
    const evidence = await readEvidence(root)
    expect(texts(evidence)).toEqual({ 'z.log': 'z\n' })
    expect(evidence.report.skipped).toMatchObject([{ name: 'pipe', code: 'not_regular_file' }])
  })

  it('walks 100,000 files one at a time', async () => {
    // 100 folders of 1,000 files; every 997th is opened and read, the others passed unread. The files of a
    // folder are hard links to one seed file (one system call each instead of three; file systems cap the
    // links to one file near 65,000), so building them takes seconds.
    const root = tempDir('cairn-many-')
    const seeds = tempDir('cairn-seeds-')
    for (let folder = 0; folder < 100; folder++) {
      const dir = join(root, `f${String(folder).padStart(3, '0')}`)
      const seed = join(seeds, `${folder}.log`)
      writeFileSync(seed, `a line from folder ${folder}\n`)
      mkdirSync(dir)
      for (let file = 0; file < 1000; file++)
        linkSync(seed, join(dir, `${String(file).padStart(4, '0')}.log`))
    }
    const started = Date.now()
    const source = await openEvidenceSource(root)
    let count = 0
    let previous = ''
    let ordered = true
    const read: string[] = []
    for await (const entry of source) {
      if (entry.name <= previous) ordered = false
      previous = entry.name
      if (count % 997 === 0) {
        const chunks: Buffer[] = []
        for await (const chunk of await entry.open()) chunks.push(chunk as Buffer)
        read.push(`${entry.name}=${Buffer.concat(chunks).toString().trim()}`)
      }
      count++
    }
    expect(count).toBe(100_000)
    expect(ordered).toBe(true)
    expect(previous).toBe('f099/0999.log')
    expect(read[0]).toBe('f000/0000.log=a line from folder 0')
    expect(read[1]).toBe('f000/0997.log=a line from folder 0')
    expect(read[100]).toBe('f099/0700.log=a line from folder 99')
    expect(read).toHaveLength(Math.ceil(100_000 / 997))
    expect(source.report).toMatchObject({ entriesYielded: 100_000, skippedCount: 0 })
    expect(Date.now() - started).toBeLessThan(30_000)
  }, 120_000)
})
