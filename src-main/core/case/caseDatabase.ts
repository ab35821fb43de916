// case.db: a sql.js database that lives in memory and is made durable in two steps. Every change is a unit
// of SQL statements that is first appended to a write-ahead journal (fsync'd), then applied and the whole
// database saved atomically (temp file, fsync, rename). On open, journal units newer than the saved
// database are replayed, so a crash between the two steps never loses a saved note or alert status.

import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'sql.js'
import { CairnError } from '../../common/errors'
import { loadSqlJs } from '../sqlite/sqlJs'
import { writeFileAtomic } from '../sqlite/atomicFile'
import { CaseLock } from './caseLock'
import { CASE_MIGRATIONS } from './migrations'
import type { SqlValue } from '../store/queryCompiler'

export interface SqlStatement {
  sql: string
  params?: SqlValue[]
}

interface JournalUnit {
  seq: number
  statements: SqlStatement[]
}

const DB_FILE = 'case.db'
const JOURNAL_FILE = 'case.journal'

/** Journal bytes written through writeJournalled before the database file is saved anyway. */
const MAX_UNSAVED_JOURNAL_BYTES = 64 * 1024 * 1024

export class CaseDatabase {
  private seq: number
  /** Units applied and journalled but not yet in the saved database file. */
  private unsaved = false

  private constructor(
    private readonly dir: string,
    private readonly db: Database,
    private readonly lock: CaseLock
  ) {
    this.seq = Number(this.value("SELECT value FROM case_meta WHERE key = 'journal_seq'") ?? 0)
  }

  /** Opens (or, with create, initialises) the case database in dir, migrating and replaying the journal. */
  static async open(dir: string, options: { create: boolean }): Promise<CaseDatabase> {
    const SQL = await loadSqlJs()
    const dbPath = join(dir, DB_FILE)
    const exists = existsSync(dbPath)
    if (!exists && !options.create) {
      throw new CairnError('NOT_FOUND', `${dir} is not a Cairn case: it has no ${DB_FILE}`)
    }
    const lock = CaseLock.acquire(dir)
    let db: Database
    try {
      db = exists ? new SQL.Database(readFileSync(dbPath)) : new SQL.Database()
      db.exec('PRAGMA foreign_keys = ON')
      migrate(db)
    } catch (error) {
      lock.release()
      if (error instanceof CairnError) throw error
      throw new CairnError(
        'UNREADABLE_INPUT',
        `${dbPath} is not a readable case database: ${(error as Error).message}`
      )
    }
    const caseDb = new CaseDatabase(dir, db, lock)
    const journal = caseDb.replayJournal()
    // Save whenever the journal held anything: that also drops a torn last line, which a later append
    // would otherwise be glued onto.
    if (journal.bytes > 0 || !exists) caseDb.save()
    return caseDb
  }

  /** Applies one unit of change durably: journal first, then the database file. */
  write(statements: SqlStatement[]): void {
    this.journalAndApply(statements)
    this.save()
  }

  /**
   * Applies one unit of change durably through the journal alone, saving the database file later (at the
   * next write, at close, or once the journal passes a bound): for bulk registration, where saving the
   * whole database after every batch would cost more than the batch. A crash replays the journal.
   */
  writeJournalled(statements: SqlStatement[]): void {
    const journalBytes = this.journalAndApply(statements)
    if (journalBytes >= MAX_UNSAVED_JOURNAL_BYTES) this.save()
    else this.unsaved = true
  }

  /** Appends the unit to the journal (fsync'd) and applies it; returns the journal's size after it. */
  private journalAndApply(statements: SqlStatement[]): number {
    const unit: JournalUnit = { seq: this.seq + 1, statements }
    const journal = join(this.dir, JOURNAL_FILE)
    const journalSize = existsSync(journal) ? statSync(journal).size : 0
    const fd = openSync(journal, 'a', 0o600)
    try {
      appendFileSync(fd, JSON.stringify(unit) + '\n')
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    try {
      this.apply(unit)
    } catch (error) {
      // A unit that cannot apply must not stay in the journal, or every later open would fail replaying it.
      truncateSync(journal, journalSize)
      throw error
    }
    return statSync(journal).size
  }

  query<T>(sql: string, params: SqlValue[] = [], map: (row: SqlValue[]) => T): T[] {
    const stmt = this.db.prepare(sql)
    const rows: T[] = []
    try {
      stmt.bind(params)
      while (stmt.step()) rows.push(map(stmt.get() as SqlValue[]))
    } finally {
      stmt.free()
    }
    return rows
  }

  value(sql: string, params: SqlValue[] = []): SqlValue | undefined {
    return this.query(sql, params, (row) => row[0])[0]
  }

  integrityCheck(): string {
    return String(this.value('PRAGMA integrity_check'))
  }

  close(): void {
    if (this.unsaved) this.save()
    this.db.close()
    this.lock.release()
  }

  private apply(unit: JournalUnit): void {
    this.db.exec('BEGIN')
    try {
      for (const statement of unit.statements) this.db.run(statement.sql, statement.params ?? [])
      this.db.run("INSERT OR REPLACE INTO case_meta (key, value) VALUES ('journal_seq', ?)", [
        String(unit.seq)
      ])
      this.db.exec('COMMIT')
    } catch (error) {
      this.db.exec('ROLLBACK')
      throw error
    }
    this.seq = unit.seq
  }

  private save(): void {
    this.unsaved = false
    writeFileAtomic(join(this.dir, DB_FILE), this.db.export())
    this.db.exec('PRAGMA foreign_keys = ON') // export() resets PRAGMAs
    writeFileSync(join(this.dir, JOURNAL_FILE), '')
  }

  /** Re-applies journal units the saved database does not have yet; a torn final line is ignored. */
  private replayJournal(): { bytes: number; replayed: number } {
    const path = join(this.dir, JOURNAL_FILE)
    if (!existsSync(path)) return { bytes: 0, replayed: 0 }
    const text = readFileSync(path, 'utf8')
    let replayed = 0
    for (const line of text.split('\n')) {
      if (!line) continue
      let unit: JournalUnit
      try {
        unit = JSON.parse(line) as JournalUnit
      } catch {
        break // a crash while appending leaves at most one torn line, always the last
      }
      if (unit.seq <= this.seq) continue
      this.apply(unit)
      replayed++
    }
    return { bytes: text.length, replayed }
  }
}

function migrate(db: Database): void {
  const version = Number(db.exec('PRAGMA user_version')[0]?.values[0]?.[0] ?? 0)
  if (version > CASE_MIGRATIONS.length) {
    throw new CairnError(
      'UNREADABLE_INPUT',
      `case database schema version ${version} is newer than this Cairn supports (${CASE_MIGRATIONS.length}); update Cairn`
    )
  }
  for (let next = version; next < CASE_MIGRATIONS.length; next++) {
    db.exec('BEGIN')
    db.exec(CASE_MIGRATIONS[next])
    db.exec(`PRAGMA user_version = ${next + 1}`)
    db.exec('COMMIT')
  }
}
