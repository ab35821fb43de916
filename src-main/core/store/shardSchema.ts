// The schema of one event shard: a sql.js database holding part of one evidence source's events, its
// rejected records (kept raw with their reason) and its metadata. Shards are written once, by an ingest
// worker, and are size-bounded so a case of any size is read a few shards at a time.

import { EVENT_FIELDS, NUMERIC_EVENT_FIELDS } from '../../common/event'
import { FIELD_COLUMNS } from './eventColumns'

export const SHARD_SCHEMA_VERSION = 2

/** 16 KiB pages: measured fastest for bulk inserts of ~500-byte rows (vs 4 KiB and 64 KiB). */
export const SHARD_PAGE_SIZE = 16_384

export function shardSchemaSql(): string {
  const columns = EVENT_FIELDS.map(
    (field) => `${FIELD_COLUMNS[field]} ${NUMERIC_EVENT_FIELDS.has(field) ? 'INTEGER' : 'TEXT'}`
  ).join(',\n  ')
  return `
PRAGMA page_size = ${SHARD_PAGE_SIZE};
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

/** The time-order index, built once after the bulk insert (far faster than maintaining it row by row). */
export const SHARD_TIME_INDEX_SQL = 'CREATE INDEX IF NOT EXISTS events_ts ON events (ts, id);'

/** Columns holding numbers; every other column holds text, compared without regard to case. */
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(
  [...NUMERIC_EVENT_FIELDS].map((field) => FIELD_COLUMNS[field])
)

/**
 * The index on one filterable column. Built on demand, the first time a query filters on the field in a
 * loaded shard: most fields are never filtered on, and building all of them would double import time.
 * Text columns are indexed COLLATE NOCASE, as every text comparison is, so equality, ranges and LIKE
 * prefixes can all use it.
 */
export function fieldIndexSql(column: string): string {
  return NUMERIC_COLUMNS.has(column)
    ? `CREATE INDEX IF NOT EXISTS events_${column} ON events (${column});`
    : `CREATE INDEX IF NOT EXISTS events_${column}_nocase ON events (${column} COLLATE NOCASE);`
}

/** The full-text index over messages, built on demand the first time a shard is searched by text. */
export const SHARD_FTS_SQL = `
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts4(content='events', ${FIELD_COLUMNS.message});
INSERT INTO events_fts(docid, ${FIELD_COLUMNS.message}) SELECT id, ${FIELD_COLUMNS.message} FROM events WHERE ${FIELD_COLUMNS.message} IS NOT NULL;
`
