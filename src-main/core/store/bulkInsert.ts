// Fast row inserts into a sql.js database for bulk imports. sql.js binds each string by allocating a fresh C
// string per value and calls SQLite through argument-converting wrappers; on a million-row import that is
// most of the time. Here a row is encoded once into one reusable buffer in the WebAssembly heap and bound
// with SQLite's own exported functions (SQLITE_STATIC: no copies), and null values are simply not bound.

import type { Database, SqlJsStatic, Statement } from 'sql.js'

export type BulkValue = string | number | null | undefined

/** The parts of the sql.js module used here: SQLite's exported C functions and heap helpers. */
interface SqliteExports {
  _malloc(size: number): number
  _free(pointer: number): void
  _sqlite3_bind_text(stmt: number, index: number, text: number, bytes: number, destructor: number): number
  _sqlite3_bind_double(stmt: number, index: number, value: number): number
  _sqlite3_bind_int(stmt: number, index: number, value: number): number
  _sqlite3_step(stmt: number): number
  _sqlite3_reset(stmt: number): number
  _sqlite3_clear_bindings(stmt: number): number
  _sqlite3_sql(stmt: number): number
  _sqlite3_errmsg(db: number): number
  UTF8ToString(pointer: number): string
  writeArrayToMemory(bytes: Uint8Array, pointer: number): void
}

const SQLITE_OK = 0
const SQLITE_DONE = 101
const SQLITE_STATIC = 0
const INITIAL_BUFFER_BYTES = 64 * 1024

export class BulkInserter {
  private readonly sqlite: SqliteExports
  private readonly statement: Statement
  private readonly stmt: number
  private readonly dbPointer: number
  private readonly encoder = new TextEncoder()
  private scratch = new Uint8Array(INITIAL_BUFFER_BYTES)
  private heapBuffer: number
  /** Per text value of the row being bound: its parameter index and where its bytes end. */
  private textAt = new Int32Array(64)

  constructor(
    SQL: SqlJsStatic,
    db: Database,
    private readonly sql: string
  ) {
    this.sqlite = SQL as unknown as SqliteExports
    this.statement = db.prepare(sql)
    this.stmt = statementPointer(this.statement, sql, this.sqlite)
    this.dbPointer = (db as unknown as { db: number }).db
    this.heapBuffer = this.sqlite._malloc(this.scratch.length)
  }

  /** Inserts one row; values[i] binds parameter i + 1, and null or undefined leaves it NULL. */
  insert(values: readonly BulkValue[]): void {
    const sqlite = this.sqlite
    const stmt = this.stmt
    let used = 0
    let texts = 0
    if (this.textAt.length < values.length * 2) this.textAt = new Int32Array(values.length * 2)
    const textAt = this.textAt
    for (let i = 0; i < values.length; i++) {
      const value = values[i]
      if (typeof value === 'string') {
        used = this.encodeAt(value, used)
        textAt[texts++] = i
        textAt[texts++] = used
      } else if (typeof value === 'number') {
        const code =
          (value | 0) === value
            ? sqlite._sqlite3_bind_int(stmt, i + 1, value)
            : sqlite._sqlite3_bind_double(stmt, i + 1, value)
        if (code !== SQLITE_OK) this.fail(code)
      }
    }
    if (used > 0) sqlite.writeArrayToMemory(this.scratch.subarray(0, used), this.heapBuffer)
    let start = 0
    for (let k = 0; k < texts; k += 2) {
      const end = textAt[k + 1]
      const code = sqlite._sqlite3_bind_text(
        stmt,
        textAt[k] + 1,
        this.heapBuffer + start,
        end - start,
        SQLITE_STATIC
      )
      if (code !== SQLITE_OK) this.fail(code)
      start = end
    }
    const stepped = sqlite._sqlite3_step(stmt)
    sqlite._sqlite3_reset(stmt)
    sqlite._sqlite3_clear_bindings(stmt)
    if (stepped !== SQLITE_DONE) this.fail(stepped)
  }

  free(): void {
    this.statement.free()
    this.sqlite._free(this.heapBuffer)
  }

  /** Encodes text into the scratch buffer at `at` (growing it, and the heap copy, as needed); returns the end. */
  private encodeAt(text: string, at: number): number {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const worst = at + text.length * 3
    if (worst > this.scratch.length) this.grow(worst, at)
    return at + this.encoder.encodeInto(text, this.scratch.subarray(at)).written
  }

  private grow(needed: number, keep: number): void {
    let size = this.scratch.length
    while (size < needed) size *= 2
    const larger = new Uint8Array(size)
    larger.set(this.scratch.subarray(0, keep))
    this.scratch = larger
    this.sqlite._free(this.heapBuffer)
    this.heapBuffer = this.sqlite._malloc(size)
  }

  private fail(code: number): never {
    const message = this.sqlite.UTF8ToString(this.sqlite._sqlite3_errmsg(this.dbPointer))
    throw new Error(`SQLite error ${code} inserting with '${this.sql.slice(0, 60)}…': ${message}`)
  }
}

/**
 * The C statement pointer behind a sql.js Statement. Its property name is minified, so it is found by
 * asking SQLite which numeric property is a statement whose text is the one prepared.
 */
function statementPointer(statement: Statement, sql: string, sqlite: SqliteExports): number {
  for (const value of Object.values(statement)) {
    if (
      typeof value === 'number' &&
      value > 0 &&
      value % 4 === 0 &&
      sqlite.UTF8ToString(sqlite._sqlite3_sql(value)) === sql
    ) {
      return value
    }
  }
  throw new Error('the sql.js Statement layout is not the one this build expects (no statement pointer)')
}
