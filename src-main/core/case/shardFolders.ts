// Keeps the events folder in step with the catalog when a case opens. Cases written before shards were
// size-bounded keep one shard per evidence at events/<id>.db, with no catalog entry: such a shard is moved
// to events/<id>/0-0.db and catalogued, once, so older cases read like new ones. And a shard folder whose
// evidence was never registered (an archive member being read when the app stopped) is removed.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { loadSqlJs } from '../sqlite/sqlJs'
import type { ShardInfo } from '../store/shardInfo'
import type { CaseDatabase } from './caseDatabase'
import { insertShard } from './shardRepository'

export async function adoptLegacyShards(caseDir: string, db: CaseDatabase): Promise<void> {
  const orphans = db.query(
    'SELECT id FROM evidence WHERE id NOT IN (SELECT evidence_id FROM event_shards)',
    [],
    (row) => String(row[0])
  )
  for (const evidenceId of orphans) {
    const legacy = join(caseDir, 'events', `${evidenceId}.db`)
    if (!existsSync(legacy)) continue
    const SQL = await loadSqlJs()
    const shard = new SQL.Database(readFileSync(legacy))
    const [ids, rejected, ends] = [
      'SELECT min(id), max(id), count(*), min(ts), max(ts) FROM events',
      'SELECT count(*) FROM rejected',
      'SELECT max(line), max(byte_offset) FROM (SELECT line, byte_offset FROM events UNION ALL SELECT line, byte_offset FROM rejected)'
    ].map((sql) => shard.exec(sql)[0].values[0])
    shard.close()
    const info: ShardInfo = {
      evidenceId,
      file: '0-0.db',
      range: 0,
      part: 0,
      firstId: Number(ids[0] ?? 1),
      lastId: Number(ids[1] ?? 0),
      events: Number(ids[2]),
      rejected: Number(rejected[0]),
      firstTs: ids[3] === null ? null : Number(ids[3]),
      lastTs: ids[4] === null ? null : Number(ids[4]),
      endLine: Number(ends[0] ?? 0),
      endOffset: Number(ends[1] ?? 0),
      bytes: statSync(legacy).size
    }
    mkdirSync(join(caseDir, 'events', evidenceId), { recursive: true })
    renameSync(legacy, join(caseDir, 'events', evidenceId, info.file))
    db.write([insertShard(info)])
  }
}

export function removeUnregisteredShardFolders(caseDir: string, db: CaseDatabase): void {
  const known = new Set(db.query('SELECT id FROM evidence', [], (row) => String(row[0])))
  const eventsDir = join(caseDir, 'events')
  for (const entry of readdirSync(eventsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && !known.has(entry.name)) {
      rmSync(join(eventsDir, entry.name), { recursive: true, force: true })
    }
  }
}
