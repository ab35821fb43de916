// The application core end to end with real parts: worker-thread imports of generated evidence, the
// real event store, detection, triage status and cancellation, as every entry layer drives them.

import { afterEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { PushEvent } from '../../../src-main/common/contract'
import type { ImportSummary, JobOutcome } from '../../../src-main/common/domain'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { writeScenarioFiles } from '../../../src-main/core/demo/scenario'
import { writeSyntheticAccessLog } from '../../../src-main/core/demo/syntheticAccessLog'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

async function newCase() {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  const summary = await app.createCase('Test case', 'UTC')
  const events: PushEvent[] = []
  app.onPush((event) => events.push(event))
  return { app, caseId: summary.id, events }
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('CairnApp', () => {
  it('imports in worker threads with progress, one terminal event per job, and leaves evidence untouched', async () => {
    const { app, caseId, events } = await newCase()
    const logs = await writeScenarioFiles(tempDir())
    const before = { hash: sha256(logs.authLogPath), mtime: statSync(logs.authLogPath).mtimeMs }
    const results = await app.ingestAndWait(caseId, [
      { path: logs.accessLogPath },
      { path: logs.authLogPath }
    ])
    expect(results.map((r) => r.error)).toEqual([undefined, undefined])
    const done = events.filter((e) => e.name === 'job.done').map((e) => e.payload as JobOutcome)
    expect(done).toHaveLength(2)
    expect(new Set(done.map((d) => d.jobId)).size).toBe(2)
    expect(events.some((e) => e.name === 'job.progress' && e.payload.unit === 'bytes')).toBe(true)
    const auth = results[1].summaries![0].evidence
    expect(auth).toMatchObject({
      format: 'syslog_rfc3164',
      sha256: before.hash,
      records: logs.groundTruth.lines.authLog,
      recordUnit: 'line',
      status: 'complete'
    })
    expect(auth.events + auth.rejected + auth.skipped).toBe(auth.records)
    expect({ hash: sha256(logs.authLogPath), mtime: statSync(logs.authLogPath).mtimeMs }).toEqual(before)
    expect(app.requireCase(caseId).events.count({})).toBe(
      logs.groundTruth.lines.accessLog + logs.groundTruth.lines.authLog
    )
  })

  it('does not import the same bytes twice', async () => {
    const { app, caseId } = await newCase()
    const logs = await writeScenarioFiles(tempDir())
    await app.ingestAndWait(caseId, [{ path: logs.authLogPath }])
    const [again] = await app.ingestAndWait(caseId, [{ path: logs.authLogPath }])
    expect((again.summaries![0] as ImportSummary).alreadyImported).toBe(true)
    expect(app.requireCase(caseId).evidence.list()).toHaveLength(1)
  })

  it('re-runs detection without duplicating alerts or undoing triage', async () => {
    const { app, caseId } = await newCase()
    const logs = await writeScenarioFiles(tempDir())
    app.importIocList(caseId, { path: logs.iocListPath })
    await app.ingestAndWait(caseId, [{ path: logs.accessLogPath }, { path: logs.authLogPath }])
    const open = app.requireCase(caseId)
    const run = () => app.detect(open, { signal: new AbortController().signal, progress: () => undefined })
    const first = await run()
    expect(first.created).toBeGreaterThan(0)
    const alerts = open.alerts.list()
    const bruteForce = alerts.find((a) =>
      a.entities.ips.includes(logs.groundTruth.attacks.sshBruteForce.sourceIp)
    )!
    expect(bruteForce).toBeDefined()
    open.alerts.setStatus(bruteForce.id, 'closed', 'true_positive')
    const second = await run()
    expect(second.created).toBe(0)
    expect(
      open.alerts
        .list()
        .map((a) => a.id)
        .sort()
    ).toEqual(alerts.map((a) => a.id).sort())
    expect(open.alerts.get(bruteForce.id)).toMatchObject({ status: 'closed', closeReason: 'true_positive' })
    // Every contributing event of the alert can be loaded from the store.
    const detail = open.alerts.get(bruteForce.id)
    expect(open.events.getMany(detail.eventRefs)).toHaveLength(detail.eventRefs.length)
  })

  it('cancels an import, keeps the shards it stored, then resumes it to the exact result or removes it', async () => {
    const app = new CairnApp({
      home: new CairnHome(tempDir()),
      importSettings: { maxShardBytes: 4 * 1024 * 1024, parallelFromBytes: 8 * 1024 * 1024, workers: 2 }
    })
    apps.push(app)
    const { id: caseId } = await app.createCase('Resume', 'UTC')
    const events: PushEvent[] = []
    app.onPush((event) => events.push(event))
    const big = join(tempDir(), 'big.log')
    await writeSyntheticAccessLog(big, 200_000)
    const [job] = app.startIngest(caseId, [{ path: big }])
    const open = app.requireCase(caseId)
    // Cancel once a few shards have landed: the import is part-way through.
    await new Promise<void>((resolve) => {
      const stop = app.onPush((event) => {
        if (event.name === 'case.changed' && open.shards.list().length >= 3) {
          app.jobs.cancel(job.jobId)
          stop()
          resolve()
        }
      })
    })
    await app.jobs.idle()
    const outcome = events.find((e) => e.name === 'job.done')?.payload as JobOutcome
    expect(outcome).toMatchObject({ jobId: job.jobId, status: 'cancelled' })
    const [stopped] = open.evidence.list()
    expect(stopped.status).toBe('cancelled')
    expect(stopped.events).toBeGreaterThan(0)
    expect(stopped.events).toBeLessThan(200_000)
    expect(open.events.count({})).toBe(stopped.events)

    const resumed = app.resumeIngest(caseId, stopped.id)
    await app.jobs.settled([resumed])
    const evidence = open.evidence.get(stopped.id)!
    expect(evidence).toMatchObject({ status: 'complete', records: 200_000, events: 200_000, rejected: 0 })
    // Every line is stored exactly once: no line lost at the resume point, none read twice.
    expect(open.events.count({})).toBe(200_000)
    const lines = new Set<number>()
    for (const batch of open.events.scan({}, { batchSize: 20_000 }))
      for (const e of batch) lines.add(e.provenance.line)
    expect(lines.size).toBe(200_000)
    expect([...lines].every((line) => line >= 1 && line <= 200_000)).toBe(true)

    app.removeEvidence(caseId, stopped.id)
    expect(open.evidence.list()).toEqual([])
    expect(open.events.count({})).toBe(0)
    expect(readdirSync(join(open.dir, 'events'))).toEqual([])
  })

  it('refuses to resume when the file changed or is gone, saying why', async () => {
    const app = new CairnApp({
      home: new CairnHome(tempDir()),
      importSettings: { maxShardBytes: 1024 * 1024, parallelFromBytes: 1024 * 1024 * 1024, workers: 1 }
    })
    apps.push(app)
    const { id: caseId } = await app.createCase('Resume refused', 'UTC')
    const outcomes: JobOutcome[] = []
    app.onPush((event) => {
      if (event.name === 'job.done') outcomes.push(event.payload)
    })
    const log = join(tempDir(), 'access.log')
    await writeSyntheticAccessLog(log, 100_000)
    const [job] = app.startIngest(caseId, [{ path: log }])
    const open = app.requireCase(caseId)
    await new Promise<void>((resolve) => {
      const stop = app.onPush((event) => {
        if (event.name === 'case.changed' && open.shards.list().length >= 1) {
          app.jobs.cancel(job.jobId)
          stop()
          resolve()
        }
      })
    })
    await app.jobs.idle()
    const [stopped] = open.evidence.list()
    expect(stopped.status).toBe('cancelled')
    writeFileSync(log, 'changed\n', { flag: 'r+' })
    await app.jobs.settled([app.resumeIngest(caseId, stopped.id)])
    expect(outcomes.at(-1)).toMatchObject({
      status: 'failed',
      code: 'CONFLICT',
      message: expect.stringMatching(/file changed since its import started/)
    })
    rmSync(log)
    await app.jobs.settled([app.resumeIngest(caseId, stopped.id)])
    expect(outcomes.at(-1)).toMatchObject({
      status: 'failed',
      code: 'NOT_FOUND',
      message: expect.stringMatching(/is no longer there/)
    })
    expect(open.evidence.get(stopped.id)?.status).toBe('cancelled')
  })

  it('fails a binary or unrecognised file with a specific error and keeps working', async () => {
    const { app, caseId } = await newCase()
    const dir = tempDir()
    writeFileSync(
      join(dir, 'image.bin'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0x0a, 1, 2, 3, 0, 0, 0x0a])
    )
    writeFileSync(join(dir, 'empty.log'), '')
    const [binary, empty] = await app.ingestAndWait(caseId, [
      { path: join(dir, 'image.bin') },
      { path: join(dir, 'empty.log') }
    ])
    expect(binary.error).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('binary')
    })
    expect(empty.error).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('empty')
    })
    expect(app.requireCase(caseId).evidence.list()).toEqual([])
  })

  it('keeps corrupt lines raw with their reason and reports the most common error', async () => {
    const { app, caseId } = await newCase()
    const path = join(tempDir(), 'access.log')
    const good = '192.0.2.1 - - [01/Mar/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 12 "-" "curl/8"'
    writeFileSync(
      path,
      [
        good,
        good,
        '192.0.2.1 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"',
        good,
        ''
      ].join('\n')
    )
    const [result] = await app.ingestAndWait(caseId, [{ path }])
    const [summary] = result.summaries!
    expect(summary.evidence).toMatchObject({ records: 4, events: 3, rejected: 1 })
    expect(summary.message).toMatch(
      /^3 events from 4 lines of access\.log; 1 rejected and kept raw, most common error: .*not a date/
    )
    expect(summary.topRejectReasons[0].example).toEqual({ line: 3, raw: expect.stringContaining('31/Feb') })
    const rejected = app.requireCase(caseId).events.rejected(summary.evidence.id, 0, 10)
    expect(rejected.lines).toEqual([
      expect.objectContaining({
        line: 3,
        raw: expect.stringContaining('31/Feb/2026'),
        reason: expect.stringContaining('not a date')
      })
    ])
  })
})

describe('damaged gzip evidence', () => {
  it('keeps every line before the damage and says where reading stopped; refuses a file that is all damage', async () => {
    const { app, caseId } = await newCase()
    const dir = tempDir()
    const lines = Array.from(
      { length: 20_000 },
      (_, i) =>
        `192.0.2.${i % 250} - - [01/Mar/2026:10:00:00 +0000] "GET /page/${i} HTTP/1.1" 200 ${i} "-" "curl/8"`
    )
    const gz = gzipSync(lines.join('\n') + '\n')
    writeFileSync(join(dir, 'truncated.log.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)))
    writeFileSync(
      join(dir, 'corrupt.gz'),
      Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not deflate data at all')])
    )
    const [truncated, corrupt] = await app.ingestAndWait(caseId, [
      { path: join(dir, 'truncated.log.gz') },
      { path: join(dir, 'corrupt.gz') }
    ])
    const [summary] = truncated.summaries!
    const evidence = summary.evidence
    expect(evidence.events).toBeGreaterThan(5_000)
    expect(evidence.events).toBeLessThan(20_000)
    expect(evidence.sha256).toBe(sha256(join(dir, 'truncated.log.gz')))
    expect(summary.topRejectReasons[0].reason).toMatch(
      /reading stopped after line \d+: the gzip data is damaged/
    )
    expect(corrupt.error).toMatchObject({
      code: 'UNREADABLE_INPUT',
      message: expect.stringContaining('gzip data is damaged')
    })
  })
})
