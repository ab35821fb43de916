// The on-demand field indexes serve the comparisons queries make: text is compared without regard to case
// (COLLATE NOCASE) by both the field filters and the query language, so a text column's index must be built
// with that collation or SQLite scans the whole shard. Checked on SQLite's own query plans.

import { describe, expect, it } from 'vitest'
import { loadSqlJs } from '../../../src-main/core/sqlite/sqlJs'
import { compileWhere } from '../../../src-main/core/store/queryCompiler'
import { fieldIndexSql, shardSchemaSql } from '../../../src-main/core/store/shardSchema'
import type { EventQuery } from '../../../src-main/common/domain'

async function planOf(query: EventQuery): Promise<string> {
  const SQL = await loadSqlJs()
  const db = new SQL.Database()
  try {
    db.exec(shardSchemaSql())
    const where = compileWhere(query)
    for (const column of where.columns) db.exec(fieldIndexSql(column))
    const [result] = db.exec(`EXPLAIN QUERY PLAN SELECT id FROM events ${where.sql}`, where.params)
    return result.values.map((row) => String(row[row.length - 1])).join('\n')
  } finally {
    db.close()
  }
}

describe('field indexes', () => {
  it('serve a text equality from the query language and from a field filter alike', async () => {
    expect(await planOf({ query: 'user.name:Admin' })).toMatch(
      /USING (COVERING )?INDEX events_f_user_name_nocase /
    )
    expect(await planOf({ filters: [{ field: 'user.name', op: 'eq', value: 'Admin' }] })).toMatch(
      /USING (COVERING )?INDEX events_f_user_name_nocase /
    )
    expect(await planOf({ filters: [{ field: 'host.name', op: 'in', value: ['a', 'B'] }] })).toMatch(
      /USING (COVERING )?INDEX events_f_host_name_nocase /
    )
  })

  it('serve numeric ranges with a plain index', async () => {
    expect(await planOf({ query: 'http.response.status_code:[500 TO 599]' })).toMatch(
      /USING (COVERING )?INDEX events_f_http_response_status_code \(f_http_response_status_code>\? AND/
    )
  })
})
