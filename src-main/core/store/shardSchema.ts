// The schema of one event shard: a sql.js database holding the events of one evidence file, its rejected
// lines (kept raw with their reason) and its metadata. Shards are written once by the ingest worker.

import { EVENT_FIELDS, NUMERIC_EVENT_FIELDS } from '../../common/event'
import { FIELD_COLUMNS, INDEXED_FIELDS } from './eventColumns'

export const SHARD_SCHEMA_VERSION = 1

export function shardSchemaSql(): string {
  const columns = EVENT_FIELDS.map(
    (field) => `${FIELD_COLUMNS[field]} ${NUMERIC_EVENT_FIELDS.has(field) ? 'INTEGER' : 'TEXT'}`
  ).join(',\n  ')
  return `
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  line INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  ${columns},
  extra TEXT,
  raw TEXT NOT NULL
);
CREATE TABLE rejected (
  line INTEGER NOT NULL,
  byte_offset INTEGER NOT NULL,
  raw TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE shard_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
PRAGMA user_version = ${SHARD_SCHEMA_VERSION};
`
}

/** Indexes are built after the bulk insert: far faster than maintaining them row by row. */
export function shardIndexSql(): string {
  return [
    'CREATE INDEX events_ts ON events (ts, id);',
    ...INDEXED_FIELDS.map(
      (field) => `CREATE INDEX events_${FIELD_COLUMNS[field]} ON events (${FIELD_COLUMNS[field]});`
    )
  ].join('\n')
}
