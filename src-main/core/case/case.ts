// A case is a directory: case.db (metadata, evidence registry and shard catalog, alerts, notes, IOC lists,
// detection runs) plus size-bounded event shards under events/<evidence>/. This class opens one and hands
// out its parts.

import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CaseSummary } from '../../common/domain'
import { CairnError } from '../../common/errors'
import { DEFAULT_MEMORY_BUDGET_BYTES, EventStore } from '../store/eventStore'
import { AlertRepository } from './alertRepository'
import { CaseDatabase } from './caseDatabase'
import { EvidenceRepository } from './evidenceRepository'
import { newId } from './ids'
import { IocRepository } from './iocRepository'
import { adoptLegacyShards, removeUnregisteredShardFolders } from './shardFolders'
import { NoteRepository } from './noteRepository'
import { RunRepository } from './runRepository'
import { ShardRepository } from './shardRepository'

export interface CaseOpenOptions {
  /** Bytes of event shards kept in memory at once. */
  memoryBudgetBytes?: number
}

export interface CaseMeta {
  id: string
  title: string
  createdAt: number
  summary: string
  displayTimeZone: string
}

export class Case {
  readonly evidence: EvidenceRepository
  readonly alerts: AlertRepository
  readonly notes: NoteRepository
  readonly iocs: IocRepository
  readonly runs: RunRepository
  readonly shards: ShardRepository
  private closed = false

  private constructor(
    readonly dir: string,
    readonly db: CaseDatabase,
    readonly events: EventStore
  ) {
    this.evidence = new EvidenceRepository(db)
    this.alerts = new AlertRepository(db)
    this.notes = new NoteRepository(db)
    this.iocs = new IocRepository(db)
    this.runs = new RunRepository(db)
    this.shards = new ShardRepository(db)
  }

  /** Creates a case in dir (created if missing); an existing case there is an error. */
  static async create(
    dir: string,
    title: string,
    displayTimeZone: string,
    now = Date.now(),
    options: CaseOpenOptions = {}
  ): Promise<Case> {
    const caseDir = resolve(dir)
    mkdirSync(join(caseDir, 'events'), { recursive: true })
    const db = await CaseDatabase.open(caseDir, { create: true })
    if (db.value("SELECT value FROM case_meta WHERE key = 'id'") !== undefined) {
      db.close()
      throw new CairnError('CONFLICT', `${caseDir} already holds a case; open it instead`)
    }
    const meta: CaseMeta = { id: newId(), title, createdAt: now, summary: '', displayTimeZone }
    db.write(
      Object.entries(meta).map(([key, value]) => ({
        sql: 'INSERT INTO case_meta (key, value) VALUES (?, ?)',
        params: [key, String(value)]
      }))
    )
    return new Case(caseDir, db, await EventStore.open(caseDir, [], budget(options)))
  }

  /** Opens a case; imports that were running when the app stopped are marked interrupted. */
  static async open(dir: string, options: CaseOpenOptions = {}): Promise<Case> {
    const caseDir = resolve(dir)
    const db = await CaseDatabase.open(caseDir, { create: false })
    mkdirSync(join(caseDir, 'events'), { recursive: true })
    await adoptLegacyShards(caseDir, db)
    removeUnregisteredShardFolders(caseDir, db)
    const shards = new ShardRepository(db)
    const opened = new Case(caseDir, db, await EventStore.open(caseDir, shards.list(), budget(options)))
    opened.evidence.markInterrupted()
    return opened
  }

  get meta(): CaseMeta {
    const values = new Map(
      this.db.query('SELECT key, value FROM case_meta', [], (row) => [String(row[0]), String(row[1])])
    )
    return {
      id: values.get('id') ?? '',
      title: values.get('title') ?? '',
      createdAt: Number(values.get('createdAt') ?? 0),
      summary: values.get('summary') ?? '',
      displayTimeZone: values.get('displayTimeZone') ?? 'UTC'
    }
  }

  updateMeta(changes: Partial<Pick<CaseMeta, 'title' | 'summary' | 'displayTimeZone'>>): void {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined)
    if (!entries.length) return
    this.db.write(
      entries.map(([key, value]) => ({
        sql: 'INSERT OR REPLACE INTO case_meta (key, value) VALUES (?, ?)',
        params: [key, String(value)]
      }))
    )
  }

  summary(): CaseSummary {
    const meta = this.meta
    const count = (sql: string) => Number(this.db.value(sql) ?? 0)
    return {
      id: meta.id,
      title: meta.title,
      dir: this.dir,
      createdAt: meta.createdAt,
      summary: meta.summary,
      displayTimeZone: meta.displayTimeZone,
      counts: {
        evidence: count('SELECT count(*) FROM evidence'),
        events: count('SELECT coalesce(sum(events), 0) FROM evidence'),
        rejected: count('SELECT coalesce(sum(rejected), 0) FROM evidence'),
        alerts: count('SELECT count(*) FROM alerts'),
        openAlerts: count("SELECT count(*) FROM alerts WHERE status <> 'closed'"),
        notes: count('SELECT count(*) FROM notes')
      }
    }
  }

  /** The folder holding every evidence source's shard folder. */
  get eventsDir(): string {
    return join(this.dir, 'events')
  }

  /** The folder holding one evidence source's shards. */
  shardDir(evidenceId: string): string {
    return join(this.eventsDir, evidenceId)
  }

  /** True once close() ran: work still finishing for this case must not write to it. */
  get isClosed(): boolean {
    return this.closed
  }

  close(): void {
    this.closed = true
    this.events.close()
    this.db.close()
  }
}

function budget(options: CaseOpenOptions): number {
  return options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES
}
