// What browser mode makes of HTTP bodies and WebSocket messages it cannot trust.

import { describe, expect, it } from 'vitest'
import { envelopeFromHttp, pushEventFromMessage } from '../../src-renderer/api/envelope'

describe('envelopeFromHttp', () => {
  it('passes envelopes through, whatever the status', () => {
    expect(envelopeFromHttp(200, '{"ok":true,"data":[1]}')).toEqual({ ok: true, data: [1] })
    expect(envelopeFromHttp(400, '{"ok":false,"code":"BAD_REQUEST","message":"caseId: required"}')).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      message: 'caseId: required'
    })
  })

  it('turns anything else into a coded error', () => {
    expect(envelopeFromHttp(403, 'Forbidden')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(envelopeFromHttp(502, '<html>Bad gateway</html>')).toMatchObject({ ok: false, code: 'INTERNAL' })
    expect(envelopeFromHttp(200, '{"ok":false,"code":"NOT_A_CODE","message":"x"}')).toMatchObject({
      code: 'INTERNAL'
    })
  })
})

describe('pushEventFromMessage', () => {
  it('accepts known events and ignores the rest', () => {
    const progress = { jobId: 'job-1', kind: 'ingest', label: 'a.log', done: 1, total: 2, unit: 'bytes' }
    expect(pushEventFromMessage(JSON.stringify({ name: 'job.progress', payload: progress }))).toEqual({
      name: 'job.progress',
      payload: progress
    })
    expect(pushEventFromMessage(JSON.stringify({ name: 'shell.exec', payload: {} }))).toBeNull()
    expect(pushEventFromMessage('not json')).toBeNull()
    expect(pushEventFromMessage(JSON.stringify({ name: 'job.done' }))).toBeNull()
  })
})
