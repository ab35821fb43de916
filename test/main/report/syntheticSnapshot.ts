// A deterministic, realistic case snapshot of any size for the report tests (and for timing the report):
// web and auth log evidence, brute-force and IOC alerts, and analyst notes, including hostile note text
// (HTML, script tags, an overlong URL) that must print as literal text.

import { SEVERITIES } from '../../../src-main/common/domain'
import type { Alert, EvidenceRecord, Note, Severity, TimeBucket } from '../../../src-main/common/domain'
import type { CaseSnapshot } from '../../../src-main/core/report/snapshot'

export const HOSTILE_NOTE_TEXT = '<script>alert(1)</script>'
export const LONG_URL = `https://exfil.example.net/upload/${'c2beacon'.repeat(14)}?token=${'A'.repeat(40)}`

const START = Date.UTC(2026, 2, 12, 6, 0, 0)
const HOUR = 3_600_000

/** A small deterministic PRNG so the snapshot is the same on every run. */
function prng(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    return state / 2_147_483_648
  }
}

function hex(random: () => number, length: number): string {
  let out = ''
  while (out.length < length) out += Math.floor(random() * 16).toString(16)
  return out
}

function evidence(count: number, random: () => number): EvidenceRecord[] {
  const kinds = [
    { name: 'access.log', path: '/evidence/web01/var/log/apache2/', format: 'apache_combined' as const },
    { name: 'auth.log', path: '/evidence/web01/var/log/', format: 'syslog_rfc3164' as const },
    { name: 'syslog', path: '/evidence/db01/var/log/', format: 'syslog_rfc5424' as const }
  ]
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length]
    const lines = 20_000 + Math.floor(random() * 400_000)
    const rejected = index % 4 === 0 ? Math.floor(random() * 50) : 0
    const suffix = index < kinds.length ? '' : `.${Math.floor(index / kinds.length)}.gz`
    return {
      id: `ev-${String(index + 1).padStart(3, '0')}`,
      path: `${kind.path}${kind.name}${suffix}`,
      name: `${kind.name}${suffix}`,
      size: lines * 180 + Math.floor(random() * 1000),
      sha256: hex(random, 64),
      container: null,
      format: kind.format,
      formatOptions: null,
      timeZone: 'Europe/Paris',
      ingestedAt: START + 80 * HOUR + index * 60_000,
      ingestedBy: 'j.moreau',
      recordUnit: 'line' as const,
      records: lines,
      events: lines - rejected,
      rejected,
      skipped: 0,
      firstEventAt: START + index * 1_800_000,
      lastEventAt: START + 70 * HOUR + index * 60_000,
      status: index === 5 ? 'cancelled' : 'complete'
    }
  })
}

const ALERT_KINDS = [
  {
    engine: 'auth-burst',
    rule: { id: 'ssh-bruteforce-then-success', title: 'SSH brute force followed by a successful login' },
    severity: 'critical' as Severity,
    techniques: ['T1110.001', 'T1078']
  },
  {
    engine: 'auth-burst',
    rule: { id: 'ssh-bruteforce', title: 'SSH password guessing from one source' },
    severity: 'high' as Severity,
    techniques: ['T1110.001']
  },
  {
    engine: 'ioc',
    rule: { id: 'ioc-ipv4', title: 'Traffic from a listed IP address' },
    severity: 'high' as Severity,
    techniques: []
  },
  {
    engine: 'auth-burst',
    rule: { id: 'http-login-burst', title: 'Burst of failed web logins' },
    severity: 'medium' as Severity,
    techniques: ['T1110.003']
  },
  {
    engine: 'ioc',
    rule: { id: 'ioc-user-agent', title: 'Listed scanner user agent' },
    severity: 'low' as Severity,
    techniques: ['T1595.002']
  },
  {
    engine: 'ioc',
    rule: { id: 'ioc-domain', title: 'Lookup of a listed domain' },
    severity: 'informational' as Severity,
    techniques: []
  }
]

function alerts(count: number, random: () => number): Alert[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = ALERT_KINDS[index % ALERT_KINDS.length]
    const firstSeen = START + Math.floor(random() * 60) * HOUR + Math.floor(random() * HOUR)
    const ips = Array.from(
      { length: index % 7 === 0 ? 9 : 1 + (index % 3) },
      (_, n) => `203.0.113.${(index * 7 + n) % 250}`
    )
    const status = index % 5 === 0 ? 'closed' : index % 3 === 0 ? 'in_progress' : 'new'
    return {
      id: `al-${String(index + 1).padStart(4, '0')}`,
      engine: kind.engine,
      rule: kind.rule,
      title: index % 4 === 0 ? `${kind.rule.title} (${ips[0]})` : kind.rule.title,
      description: `${kind.rule.title}.`,
      severity: kind.severity,
      status,
      closeReason: status === 'closed' ? (index % 2 === 0 ? 'true_positive' : 'false_positive') : null,
      techniques: kind.techniques,
      entities: {
        ips,
        users: index % 2 === 0 ? ['root', 'admin'] : ['deploy'],
        hosts: ['web01.shop.example.com']
      },
      firstSeen,
      lastSeen: firstSeen + Math.floor(random() * 5 * HOUR),
      count: 10 + Math.floor(random() * 5000),
      createdAt: START + 81 * HOUR,
      updatedAt: START + 82 * HOUR
    }
  })
}

const NOTE_BODIES = [
  [
    '## Initial access',
    '',
    'The attacker guessed the password of **root** over SSH from `203.0.113.7`, after *412* failures.',
    'See the ticket at https://tickets.example.com/IR-2231 and [the runbook](https://wiki.example.com/ir/ssh).',
    '',
    '1. Block 203.0.113.7 at the edge firewall',
    '2. Reset the root password',
    '   - and disable password authentication',
    '3. Review `~/.ssh/authorized_keys`',
    '',
    '```',
    'Mar 12 08:14:02 web01 sshd[2211]: Accepted password for root from 203.0.113.7 port 51122 ssh2',
    '    indented line kept as is',
    '```'
  ].join('\n'),
  [
    '### Web shell upload attempt',
    '',
    `The upload form received this payload verbatim: ${HOSTILE_NOTE_TEXT} and <img src=x onerror=alert(2)>.`,
    '',
    '> Analyst comment: the payload was reflected but not stored.',
    '',
    `Beacon destination: ${LONG_URL}`,
    '',
    '| Host | Role | Status |',
    '|------|------|--------|',
    '| web01 | front end | isolated |',
    '| db01 | database | monitored |',
    '',
    '---',
    '',
    'Follow-up owner: ~~M. Lefèvre~~ J. Moreau → SOC shift B.'
  ].join('\n'),
  'Timeline reviewed with the hosting provider; no further access after 2026-03-13 02:00 UTC.\nNothing else to add.'
]

function notes(count: number): Note[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `no-${String(index + 1).padStart(3, '0')}`,
    title:
      index === 0
        ? 'Initial access via SSH'
        : index === 1
          ? 'Web application findings'
          : `Shift log ${index - 1}`,
    body: NOTE_BODIES[Math.min(index, NOTE_BODIES.length - 1)],
    createdAt: START + (72 + index) * HOUR,
    updatedAt: START + (73 + index) * HOUR
  }))
}

function histogram(random: () => number): TimeBucket[] {
  return Array.from({ length: 72 }, (_, index) => ({
    start: START + index * HOUR,
    count: Math.floor(2_000 + 1_500 * Math.sin(index / 3.8) + random() * 800) + (index === 26 ? 9_000 : 0)
  }))
}

export interface SyntheticSize {
  evidence: number
  alerts: number
  notes: number
}

export function syntheticSnapshot(
  size: SyntheticSize = { evidence: 10, alerts: 50, notes: 20 }
): CaseSnapshot {
  const random = prng(42)
  const evidenceRecords = evidence(size.evidence, random)
  const alertRecords = alerts(size.alerts, random)
  const alertsBySeverity = Object.fromEntries(
    SEVERITIES.map((severity) => [
      severity,
      alertRecords.filter((alert) => alert.severity === severity).length
    ])
  ) as Record<Severity, number>
  const events = evidenceRecords.reduce((sum, record) => sum + record.events, 0)
  return {
    case: {
      id: 'c-2026-0312-web01',
      title: 'Compromise of web01.shop.example.com',
      dir: '/cases/c-2026-0312-web01',
      createdAt: START + 79 * HOUR,
      summary:
        'On **12 March 2026** an external actor gained SSH access to `web01` by password guessing, then attempted to upload a web shell. ' +
        'The host was isolated on 13 March. No evidence of data exfiltration has been found so far.',
      displayTimeZone: 'Europe/Paris',
      counts: {
        evidence: evidenceRecords.length,
        events,
        rejected: evidenceRecords.reduce((sum, record) => sum + record.rejected, 0),
        alerts: alertRecords.length,
        openAlerts: alertRecords.filter((alert) => alert.status !== 'closed').length,
        notes: size.notes
      }
    },
    evidence: evidenceRecords,
    alerts: alertRecords,
    detectionRuns: [
      {
        engine: 'auth-burst',
        title: 'Failed-authentication bursts',
        status: 'success',
        priority: 'high',
        summary: 'Bursts of failed SSH and web logins from 14 sources; one followed by a success.',
        alerts: alertRecords.filter((alert) => alert.engine === 'auth-burst').length,
        startedAt: START + 81 * HOUR,
        finishedAt: START + 81 * HOUR + 4_200
      },
      {
        engine: 'ioc',
        title: 'IOC matcher',
        status: 'success',
        priority: 'medium',
        summary: 'Matched 3 IOC lists (1,204 indicators) against every event.',
        alerts: alertRecords.filter((alert) => alert.engine === 'ioc').length,
        startedAt: START + 81 * HOUR,
        finishedAt: START + 81 * HOUR + 2_900
      }
    ],
    notes: notes(size.notes),
    eventsOverTime: { bucketMs: HOUR, buckets: histogram(random) },
    alertsBySeverity,
    generatedAt: START + 84 * HOUR + 123_000,
    generatedTimeZone: 'America/New_York',
    cairnVersion: '0.1.0',
    author: 'Julie Moreau, DFIR lead'
  }
}
