// Analyst notes (Markdown text). Each save is one durable write, so autosave never loses a keystroke batch.

import type { Note } from '../../common/domain'
import { CairnError } from '../../common/errors'
import type { SqlValue } from '../store/queryCompiler'
import type { CaseDatabase } from './caseDatabase'
import { newId } from './ids'

export class NoteRepository {
  constructor(private readonly db: CaseDatabase) {}

  list(): Note[] {
    return this.db.query(
      'SELECT id, title, body, created_at, updated_at FROM notes ORDER BY created_at, id',
      [],
      rowToNote
    )
  }

  get(id: string): Note {
    const note = this.db.query(
      'SELECT id, title, body, created_at, updated_at FROM notes WHERE id = ?',
      [id],
      rowToNote
    )[0]
    if (!note) throw new CairnError('NOT_FOUND', `note ${id} does not exist in this case`)
    return note
  }

  create(title: string, body: string, now = Date.now()): Note {
    const id = newId()
    this.db.write([
      {
        sql: 'INSERT INTO notes (id, title, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
        params: [id, title, body, now, now]
      }
    ])
    return this.get(id)
  }

  update(id: string, changes: { title?: string; body?: string }, now = Date.now()): Note {
    const current = this.get(id)
    this.db.write([
      {
        sql: 'UPDATE notes SET title = ?, body = ?, updated_at = ? WHERE id = ?',
        params: [changes.title ?? current.title, changes.body ?? current.body, now, id]
      }
    ])
    return this.get(id)
  }

  delete(id: string): boolean {
    this.get(id)
    this.db.write([{ sql: 'DELETE FROM notes WHERE id = ?', params: [id] }])
    return true
  }
}

function rowToNote(row: SqlValue[]): Note {
  return {
    id: String(row[0]),
    title: String(row[1]),
    body: String(row[2]),
    createdAt: Number(row[3]),
    updatedAt: Number(row[4])
  }
}
