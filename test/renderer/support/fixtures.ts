// Small, valid domain objects for renderer tests, each overridable field by field.

import type {
  Alert,
  CaseSummary,
  EvidenceRecord,
  ImportSummary,
  IocListSummary,
  Note,
  PreviewRecord,
  SourcePreview
} from '../../../src-main/common/domain'
import type { StoredEvent } from '../../../src-main/common/event'

export const T0 = Date.UTC(2026, 2, 14, 3, 12, 44)

export function makeCase(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'case-1',
    title: 'Web server compromise',
    dir: '/cases/web-server-compromise',
    createdAt: T0,
    summary: '',
    displayTimeZone: 'UTC',
    counts: { evidence: 2, events: 1_000, rejected: 3, alerts: 3, openAlerts: 2, notes: 1 },
    ...overrides
  }
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'alert-1',
    engine: 'burst',
    rule: { id: 'auth-burst', title: 'Failed authentication burst' },
    title: 'SSH brute force from 203.0.113.7',
    description: '120 failed SSH logins for root in 5 minutes, then a success.',
    severity: 'high',
    status: 'new',
    closeReason: null,
    techniques: ['T1110.001'],
    entities: { ips: ['203.0.113.7'], users: ['root'], hosts: ['web01'] },
    firstSeen: T0,
    lastSeen: T0 + 300_000,
    count: 121,
    createdAt: T0,
    updatedAt: T0,
    ...overrides
  }
}

export function makeNote(overrides: Partial<Note> = {}): Note {
  return { id: 'note-1', title: 'Timeline', body: '', createdAt: T0, updatedAt: T0, ...overrides }
}

/** The event at a position of a result set, so pages can be checked by content. */
export function makeEvent(position: number): StoredEvent {
  return {
    id: position + 1,
    timestamp: T0 + position * 1000,
    fields: { 'source.ip': '198.51.100.9', 'http.response.status_code': 200, message: `event ${position}` },
    raw: `line ${position}`,
    provenance: { evidenceId: 'ev-1', line: position + 1, offset: position * 100 }
  }
}

export function makeEvidence(overrides: Partial<EvidenceRecord> = {}): EvidenceRecord {
  return {
    id: 'ev-1',
    path: '/cases/c/uploads/access.log',
    name: 'access.log',
    size: 4096,
    sha256: 'a'.repeat(64),
    container: null,
    format: 'apache_combined',
    formatOptions: null,
    timeZone: 'UTC',
    ingestedAt: T0,
    ingestedBy: 'analyst',
    recordUnit: 'line',
    records: 1000,
    events: 998,
    rejected: 2,
    skipped: 0,
    firstEventAt: T0,
    lastEventAt: T0 + 3_600_000,
    status: 'complete',
    ...overrides
  }
}

export function makeImportSummary(overrides: Partial<ImportSummary> = {}): ImportSummary {
  return {
    evidence: makeEvidence(),
    topRejectReasons: [
      {
        reason: 'timestamp is not a date',
        count: 2,
        example: { line: 17, raw: '1.2.3.4 - - [31/Feb/2026] "GET /"' }
      }
    ],
    skipReasons: [],
    message: '998 of 1,000 lines imported; most common error: timestamp is not a date (2 lines)',
    alreadyImported: false,
    ...overrides
  }
}

export function makeIocList(overrides: Partial<IocListSummary> = {}): IocListSummary {
  return {
    id: 'ioc-list-1',
    name: 'bad-actors.txt',
    sha256: 'b'.repeat(64),
    counts: { domain: 2, ip: 4, cidr: 1 },
    rejected: 0,
    loadedAt: T0,
    ...overrides
  }
}

export function makePreviewRecord(overrides: Partial<PreviewRecord> = {}): PreviewRecord {
  return {
    line: 1,
    raw: '203.0.113.7 - - [14/Mar/2026:03:12:44 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5"',
    outcome: 'event',
    timestamp: T0,
    fields: { 'source.ip': '203.0.113.7', 'http.response.status_code': 200 },
    reason: null,
    ...overrides
  }
}

/** A plain access log read with high confidence: importable as it is. */
export function makeSourcePreview(overrides: Partial<SourcePreview> = {}): SourcePreview {
  return {
    entry: '',
    name: 'access.log',
    size: 4096,
    guesses: [
      { format: 'apache_combined', confidence: 0.98 },
      { format: 'apache_common', confidence: 0.4 }
    ],
    format: 'apache_combined',
    problem: null,
    timeZone: 'UTC',
    zoneApplies: false,
    sample: [
      makePreviewRecord(),
      makePreviewRecord({
        line: 2,
        raw: 'garbage',
        outcome: 'rejected',
        timestamp: null,
        fields: {},
        reason: 'not an access log line'
      })
    ],
    columns: null,
    ...overrides
  }
}
