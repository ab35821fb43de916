import { afterEach, describe, expect, it } from 'vitest'
import { CairnApp } from '../../../src-main/core/app/cairnApp'
import { CairnHome } from '../../../src-main/core/app/cairnHome'
import { dispatch } from '../../../src-main/core/app/dispatch'
import { createHandlers } from '../../../src-main/core/app/handlers'
import { tempDir } from '../helpers/tempDir'

const apps: CairnApp[] = []
afterEach(() => apps.splice(0).forEach((app) => app.closeCase()))

function newApp(mode: 'desktop' | 'browser' = 'desktop') {
  const app = new CairnApp({ home: new CairnHome(tempDir()) })
  apps.push(app)
  return { app, handlers: createHandlers(app, { mode, version: 'test' }) }
}

describe('dispatch: the contract gate', () => {
  it('answers a valid call with an ok envelope', async () => {
    const { handlers } = newApp()
    const created = await dispatch(handlers, 'case.create', {
      title: 'Intrusion on web01',
      displayTimeZone: 'Europe/Berlin'
    })
    expect(created).toMatchObject({
      ok: true,
      data: { title: 'Intrusion on web01', displayTimeZone: 'Europe/Berlin' }
    })
  })

  it('refuses unknown calls and malformed payloads with specific codes', async () => {
    const { handlers } = newApp()
    expect(await dispatch(handlers, 'fs.readFile', {})).toMatchObject({ ok: false, code: 'UNKNOWN_CALL' })
    expect(await dispatch(handlers, 'case.create', { title: '' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    expect(await dispatch(handlers, 'case.create', 'not an object')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    expect(
      await dispatch(handlers, 'case.create', { title: 'x', displayTimeZone: 'Mars/Olympus' })
    ).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('displayTimeZone')
    })
    // Unknown keys are refused, not ignored.
    expect(await dispatch(handlers, 'case.create', { title: 'x', dir: '/etc' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
  })

  it('refuses queries that would bind more values than SQLite accepts', async () => {
    const { handlers } = newApp()
    const created = await dispatch(handlers, 'case.create', { title: 'Case A' })
    const caseId = created.ok ? (created.data as { id: string }).id : ''
    const values = Array.from({ length: 1000 }, (_, i) => `198.51.100.${i % 250}`)
    const filters = Array.from({ length: 11 }, () => ({ field: 'source.ip', op: 'in', value: values }))
    expect(await dispatch(handlers, 'events.query', { caseId, query: { filters } })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      message: expect.stringContaining('at most 10000 values')
    })
  })

  it('scopes every id to the open case', async () => {
    const { handlers } = newApp()
    expect(await dispatch(handlers, 'alerts.list', { caseId: 'a1b2' })).toMatchObject({
      ok: false,
      code: 'NO_CASE_OPEN'
    })
    const created = await dispatch(handlers, 'case.create', { title: 'Case A' })
    expect(created.ok).toBe(true)
    expect(await dispatch(handlers, 'notes.list', { caseId: 'another-case-id' })).toMatchObject({
      ok: false,
      code: 'WRONG_CASE'
    })
    const caseId = created.ok ? (created.data as { id: string }).id : ''
    expect(await dispatch(handlers, 'notes.list', { caseId })).toEqual({ ok: true, data: [] })
    expect(await dispatch(handlers, 'alerts.get', { caseId, alertId: 'missing' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND'
    })
  })

  it('rejects path traversal in ids and report names', async () => {
    const { app, handlers } = newApp()
    const created = await dispatch(handlers, 'case.create', { title: 'Case A' })
    const caseId = created.ok ? (created.data as { id: string }).id : ''
    for (const evil of ['../../etc/passwd', '..', 'a/b', 'x\u0000y']) {
      expect(await dispatch(handlers, 'evidence.rejected', { caseId, evidenceId: evil })).toMatchObject({
        ok: false,
        code: 'BAD_REQUEST'
      })
      expect(
        await dispatch(handlers, 'ingest.start', { caseId, sources: [{ uploadId: evil }] })
      ).toMatchObject({ ok: false, code: 'BAD_REQUEST' })
    }
    expect(
      await dispatch(handlers, 'ingest.start', { caseId, sources: [{ path: 'relative/file.log' }] })
    ).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST'
    })
    expect(() => app.reportFile('../case.db')).toThrow(/no report/)
    expect(() => app.reportFile('..%2Fcase.pdf')).toThrow(/no report/)
  })
})
