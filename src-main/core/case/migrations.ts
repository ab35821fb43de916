// Numbered schema migrations of case.db. A migration is never edited once released: add a new one.
// PRAGMA user_version records how many have been applied.

export const CASE_MIGRATIONS: readonly string[] = [
  // 1: the v1 case: metadata, evidence registry, alerts with their events, notes, IOC lists, detection runs.
  `
  CREATE TABLE case_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE evidence (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    ingested_at INTEGER NOT NULL,
    ingested_by TEXT NOT NULL,
    lines INTEGER NOT NULL,
    events INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    first_event_at INTEGER,
    last_event_at INTEGER,
    status TEXT NOT NULL,
    top_reject_reasons TEXT NOT NULL DEFAULT '[]'
  );
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL UNIQUE,
    engine TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    rule_title TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'new',
    close_reason TEXT,
    techniques TEXT NOT NULL,
    entities TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    count INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE alert_events (
    alert_id TEXT NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
    evidence_id TEXT NOT NULL,
    event_id INTEGER NOT NULL,
    PRIMARY KEY (alert_id, evidence_id, event_id)
  );
  CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE ioc_lists (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    rejected INTEGER NOT NULL,
    loaded_at INTEGER NOT NULL
  );
  CREATE TABLE iocs (
    list_id TEXT NOT NULL REFERENCES ioc_lists(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    comment TEXT,
    PRIMARY KEY (list_id, type, value)
  );
  CREATE TABLE detection_runs (
    engine TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    summary TEXT NOT NULL,
    alerts INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NOT NULL
  );
  `,
  // 2: size-bounded shards in a catalog, evidence from archives, resumable imports, records of any unit.
  `
  ALTER TABLE evidence RENAME COLUMN lines TO records;
  ALTER TABLE evidence ADD COLUMN record_unit TEXT NOT NULL DEFAULT 'line';
  ALTER TABLE evidence ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE evidence ADD COLUMN skip_reasons TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE evidence ADD COLUMN container TEXT;
  ALTER TABLE evidence ADD COLUMN format_options TEXT;
  ALTER TABLE evidence ADD COLUMN import_plan TEXT;
  CREATE TABLE event_shards (
    evidence_id TEXT NOT NULL,
    file TEXT NOT NULL,
    range_index INTEGER NOT NULL,
    part INTEGER NOT NULL,
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    events INTEGER NOT NULL,
    rejected INTEGER NOT NULL,
    first_ts INTEGER,
    last_ts INTEGER,
    end_line INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (evidence_id, range_index, part)
  );
  `
]
