import { describe, expect, it } from 'vitest'
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { CaseDatabase } from '../../../src-main/core/case/caseDatabase'
import { CASE_MIGRATIONS } from '../../../src-main/core/case/migrations'
import { loadSqlJs } from '../../../src-main/core/sqlite/sqlJs'
import { tempDir } from '../helpers/tempDir'

const insertNote = (id: string, body: string) => ({
  sql: 'INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, ?, 1, 1)',
  params: [id, `title ${id}`, body]
})

const noteBodies = (db: CaseDatabase) =>
  db.query('SELECT body FROM notes ORDER BY id', [], (row) => String(row[0]))

describe('CaseDatabase', () => {
  it('creates a migrated database and reopens it with its data', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'first')])
    db.close()
    const reopened = await CaseDatabase.open(dir, { create: false })
    expect(noteBodies(reopened)).toEqual(['first'])
    expect(reopened.value('PRAGMA user_version')).toBe(CASE_MIGRATIONS.length)
    expect(reopened.integrityCheck()).toBe('ok')
    reopened.close()
  })

  it('refuses a folder without a case unless asked to create one', async () => {
    await expect(CaseDatabase.open(tempDir(), { create: false })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('refuses a database from a newer Cairn instead of damaging it', async () => {
    const dir = tempDir()
    const SQL = await loadSqlJs()
    const future = new SQL.Database()
    future.exec(`PRAGMA user_version = ${CASE_MIGRATIONS.length + 5}`)
    writeFileSync(join(dir, 'case.db'), future.export())
    await expect(CaseDatabase.open(dir, { create: false })).rejects.toMatchObject({
      code: 'UNREADABLE_INPUT'
    })
  })

  it('reports a corrupt case.db as unreadable, not as a crash', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'case.db'), Buffer.from('this is not sqlite at all, just text'.repeat(200)))
    await expect(CaseDatabase.open(dir, { create: false })).rejects.toMatchObject({
      code: 'UNREADABLE_INPUT'
    })
  })

  it('saves atomically: no temp file is left and the journal is emptied after each write', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'x')])
    expect(readFileSync(join(dir, 'case.journal'), 'utf8')).toBe('')
    expect(existsSync(join(dir, '.case.db.' + process.pid + '.tmp'))).toBe(false)
    db.close()
  })

  it('keeps a journalled-only write durable: saved at close, replayed after a crash before it', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'saved')])
    db.writeJournalled([insertNote('b', 'journalled')])
    expect(noteBodies(db)).toEqual(['saved', 'journalled'])
    // The process dies now: what is on disk is the saved file plus the journal (the lock is left behind).
    const crashed = tempDir()
    for (const file of ['case.db', 'case.journal']) copyFileSync(join(dir, file), join(crashed, file))
    expect(readFileSync(join(crashed, 'case.journal'), 'utf8')).toContain('journalled')
    const recovered = await CaseDatabase.open(crashed, { create: false })
    expect(noteBodies(recovered)).toEqual(['saved', 'journalled'])
    recovered.close()
    db.close()
    expect(readFileSync(join(dir, 'case.journal'), 'utf8')).toBe('')
    const reopened = await CaseDatabase.open(dir, { create: false })
    expect(noteBodies(reopened)).toEqual(['saved', 'journalled'])
    reopened.close()
  })

  it('replays journalled units the saved database missed (crash between journal and save)', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'saved before the crash')])
    copyFileSync(join(dir, 'case.db'), join(dir, 'before.db'))
    db.write([insertNote('b', 'only in the journal')])
    db.close()
    // Simulate the crash: the new database file never replaced the old one, but the journal unit was fsync'd.
    copyFileSync(join(dir, 'before.db'), join(dir, 'case.db'))
    appendFileSync(
      join(dir, 'case.journal'),
      JSON.stringify({ seq: 2, statements: [insertNote('b', 'only in the journal')] }) + '\n'
    )
    appendFileSync(join(dir, 'case.journal'), '{"seq": 3, "statements": [{"sql": "INSERT INTO no')
    const reopened = await CaseDatabase.open(dir, { create: false })
    expect(noteBodies(reopened)).toEqual(['saved before the crash', 'only in the journal'])
    expect(readFileSync(join(dir, 'case.journal'), 'utf8')).toBe('')
    reopened.close()
  })

  it('does not apply a journal unit twice when the save did complete', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'once')])
    db.close()
    appendFileSync(
      join(dir, 'case.journal'),
      JSON.stringify({ seq: 1, statements: [insertNote('a', 'once')] }) + '\n'
    )
    const reopened = await CaseDatabase.open(dir, { create: false })
    expect(noteBodies(reopened)).toEqual(['once'])
    reopened.close()
  })

  it('refuses a second opener while the case is open, and takes over a lock its dead holder left', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    await expect(CaseDatabase.open(dir, { create: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`process ${process.pid}`)
    })
    db.close()
    writeFileSync(
      join(dir, 'case.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'then' })
    )
    const reopened = await CaseDatabase.open(dir, { create: false })
    reopened.close()
    expect(existsSync(join(dir, 'case.lock'))).toBe(false)
  })

  it('drops a torn journal tail on open, so the next unit is not glued onto it', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'first')])
    db.close()
    appendFileSync(join(dir, 'case.journal'), '{"seq": 9, "statements": [{"sql": "INSE')
    const reopened = await CaseDatabase.open(dir, { create: false })
    expect(readFileSync(join(dir, 'case.journal'), 'utf8')).toBe('')
    reopened.write([insertNote('b', 'second')])
    reopened.close()
    const again = await CaseDatabase.open(dir, { create: false })
    expect(noteBodies(again)).toEqual(['first', 'second'])
    again.close()
  })

  it('rolls back a unit whose statement fails, leaving earlier data intact', async () => {
    const dir = tempDir()
    const db = await CaseDatabase.open(dir, { create: true })
    db.write([insertNote('a', 'kept')])
    expect(() => db.write([insertNote('b', 'half'), insertNote('a', 'duplicate id')])).toThrow()
    expect(noteBodies(db)).toEqual(['kept'])
    db.close()
  })
})
