// The typed client over a transport: envelopes are unwrapped, failures become ApiErrors that reach the
// one error sink (except the analyst's own cancellations), handOver turns a file into an upload (or a
// path) for the call that reads it, and importIocList hands a list over that way before importing it.

import { describe, expect, it, vi } from 'vitest'
import { CairnError } from '../../src-main/common/errors'
import { ApiError, createApiClient } from '../../src-renderer/api'
import { FakeTransport } from './support/fakeTransport'
import { makeAlert, makeIocList } from './support/fixtures'

function clientWith(transport: FakeTransport) {
  const reportError = vi.fn<(error: ApiError) => void>()
  return { api: createApiClient(transport, reportError), reportError }
}

describe('api client', () => {
  it('returns the data of a successful call', async () => {
    const transport = new FakeTransport().answer('alerts.list', () => [makeAlert()])
    const { api, reportError } = clientWith(transport)

    await expect(api.call('alerts.list', { caseId: 'case-1' })).resolves.toEqual([makeAlert()])
    expect(transport.callsTo('alerts.list')).toEqual([{ caseId: 'case-1' }])
    expect(reportError).not.toHaveBeenCalled()
  })

  it('throws a coded ApiError and reports it once', async () => {
    const transport = new FakeTransport().answer('alerts.get', () => {
      throw new CairnError('WRONG_CASE', 'alert-9 does not belong to the open case')
    })
    const { api, reportError } = clientWith(transport)

    const failure = await api
      .call('alerts.get', { caseId: 'case-1', alertId: 'alert-9' })
      .catch((error) => error)
    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({
      code: 'WRONG_CASE',
      call: 'alerts.get',
      message: 'alert-9 does not belong to the open case'
    })
    expect(reportError).toHaveBeenCalledOnce()
    expect(reportError).toHaveBeenCalledWith(failure)
  })

  it('does not report cancellations as errors', async () => {
    const transport = new FakeTransport().answer('jobs.cancel', () => {
      throw new CairnError('CANCELLED', 'already cancelled')
    })
    const { api, reportError } = clientWith(transport)

    await expect(api.call('jobs.cancel', { jobId: 'job-1' })).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(reportError).not.toHaveBeenCalled()
  })

  it('hands a file over as an upload, reporting its progress', async () => {
    const { api, reportError } = clientWith(new FakeTransport())
    const file = new File(['0123456789'], 'access.log')
    const progress = vi.fn()

    await expect(api.handOver(file, 'ingest.preview', { onProgress: progress })).resolves.toEqual({
      uploadId: 'upload-access-log'
    })
    expect(progress).toHaveBeenCalledWith(10, 10)
    expect(reportError).not.toHaveBeenCalled()
  })

  it('reports a failed hand-over as a failure of the call it was for', async () => {
    const transport = new FakeTransport()
    transport.uploadFailures.set('broken.log', {
      ok: false,
      code: 'UNREADABLE_INPUT',
      message: 'broken.log could not be read'
    })
    const { api, reportError } = clientWith(transport)

    const failure = await api
      .handOver(new File(['x'], 'broken.log'), 'ingest.preview')
      .catch((error: unknown) => error)

    expect(failure).toMatchObject({ call: 'ingest.preview', code: 'UNREADABLE_INPUT' })
    expect(reportError).toHaveBeenCalledWith(failure)
  })

  it('reports a cancelled upload without alerting, also when it was aborted just after it finished', async () => {
    const transport = new FakeTransport()
    transport.uploadFailures.set('big.log', { ok: false, code: 'CANCELLED', message: 'Upload cancelled.' })
    const { api, reportError } = clientWith(transport)
    const aborted = new AbortController()
    const late = vi.fn(() => aborted.abort())

    await expect(api.handOver(new File(['x'], 'big.log'), 'ingest.preview')).rejects.toMatchObject({
      code: 'CANCELLED'
    })
    await expect(
      api.handOver(new File(['x'], 'late.log'), 'ingest.preview', {
        signal: aborted.signal,
        onProgress: late
      })
    ).rejects.toMatchObject({ code: 'CANCELLED' })
    expect(late).toHaveBeenCalled()
    expect(reportError).not.toHaveBeenCalled()
  })
})

describe('api client: IOC lists', () => {
  it('hands the list over as an upload, then imports it into the case', async () => {
    const transport = new FakeTransport().answer('iocs.import', ({ source }) =>
      makeIocList({ name: 'uploadId' in source ? source.uploadId : source.path })
    )
    const { api, reportError } = clientWith(transport)

    const summary = await api.importIocList('case-1', new File(['203.0.113.7\n'], 'bad ips.txt'))

    expect(transport.callsTo('iocs.import')).toEqual([
      { caseId: 'case-1', source: { uploadId: 'upload-bad-ips-txt' } }
    ])
    expect(summary.name).toBe('upload-bad-ips-txt')
    expect(reportError).not.toHaveBeenCalled()
  })

  it('routes a failed upload to the error sink as an iocs.import ApiError, without importing', async () => {
    const transport = new FakeTransport().answer('iocs.import', () => makeIocList())
    transport.uploadFailures.set('lost.txt', {
      ok: false,
      code: 'INTERNAL',
      message: 'Uploading lost.txt failed: the connection was lost.'
    })
    const { api, reportError } = clientWith(transport)

    const failure = await api.importIocList('case-1', new File(['x'], 'lost.txt')).catch((error) => error)

    expect(failure).toBeInstanceOf(ApiError)
    expect(failure).toMatchObject({ call: 'iocs.import', code: 'INTERNAL' })
    expect(transport.callsTo('iocs.import')).toEqual([])
    expect(reportError).toHaveBeenCalledWith(failure)
  })

  it('routes a refused list to the error sink', async () => {
    const transport = new FakeTransport().answer('iocs.import', () => {
      throw new CairnError('UNSUPPORTED_FORMAT', 'notes.txt holds no usable indicator')
    })
    const { api, reportError } = clientWith(transport)

    await expect(api.importIocList('case-1', new File(['hello'], 'notes.txt'))).rejects.toMatchObject({
      call: 'iocs.import',
      code: 'UNSUPPORTED_FORMAT',
      message: 'notes.txt holds no usable indicator'
    })
    expect(reportError).toHaveBeenCalledOnce()
  })
})
