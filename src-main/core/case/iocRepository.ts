// IOC lists loaded into a case: kept in case.db so detection can be re-run and the report can say which
// lists were used (with their SHA-256).

import type { IocListSummary } from '../../common/domain'
import type { IocEntry, IocType } from '../detect/ioc/iocTypes'
import type { CaseDatabase, SqlStatement } from './caseDatabase'
import { newId } from './ids'

export class IocRepository {
  constructor(private readonly db: CaseDatabase) {}

  addList(
    name: string,
    sha256: string,
    entries: readonly IocEntry[],
    rejected: number,
    now = Date.now()
  ): IocListSummary {
    const id = newId()
    const statements: SqlStatement[] = [
      {
        sql: 'INSERT INTO ioc_lists (id, name, sha256, rejected, loaded_at) VALUES (?, ?, ?, ?, ?)',
        params: [id, name, sha256, rejected, now]
      },
      ...entries.map((entry) => ({
        sql: 'INSERT OR IGNORE INTO iocs (list_id, type, value, comment) VALUES (?, ?, ?, ?)',
        params: [id, entry.type, entry.value, entry.comment ?? null]
      }))
    ]
    this.db.write(statements)
    return this.lists().find((list) => list.id === id)!
  }

  lists(): IocListSummary[] {
    const counts = new Map<string, Record<string, number>>()
    for (const [listId, type, count] of this.db.query(
      'SELECT list_id, type, count(*) FROM iocs GROUP BY list_id, type',
      [],
      (row) => [String(row[0]), String(row[1]), Number(row[2])] as const
    )) {
      counts.set(listId, { ...(counts.get(listId) ?? {}), [type]: count })
    }
    return this.db.query(
      'SELECT id, name, sha256, rejected, loaded_at FROM ioc_lists ORDER BY loaded_at',
      [],
      (row) => ({
        id: String(row[0]),
        name: String(row[1]),
        sha256: String(row[2]),
        rejected: Number(row[3]),
        loadedAt: Number(row[4]),
        counts: counts.get(String(row[0])) ?? {}
      })
    )
  }

  entries(): IocEntry[] {
    return this.db.query(
      'SELECT l.name, i.type, i.value, i.comment FROM iocs i JOIN ioc_lists l ON l.id = i.list_id',
      [],
      (row) => ({
        list: String(row[0]),
        type: String(row[1]) as IocType,
        value: String(row[2]),
        ...(row[3] === null ? {} : { comment: String(row[3]) })
      })
    )
  }
}
