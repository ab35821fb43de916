// The typed client every store uses: `call` returns the unwrapped data of a contract call or throws an
// ApiError carrying the contract's error code, and every failure is also handed to one error sink (the
// notification store) so no error is swallowed silently. It knows nothing of Electron, HTTP or Vue.

import type { CallName } from '../../src-main/common/channels'
import type { CallRequest, CallResponse, PushEvent } from '../../src-main/common/contract'
import type { IocListSummary, LogFormat } from '../../src-main/common/domain'
import { CairnError } from '../../src-main/common/errors'
import type { ErrorCode } from '../../src-main/common/errors'
import type { AppMode, CallOptions, ReportExport, ReportLocation, Transport } from './transport'

/** A failed call: the contract's error code, a message a responder can act on, and which call failed. */
export class ApiError extends CairnError {
  readonly call: CallName

  constructor(call: CallName, code: ErrorCode, message: string) {
    super(code, message)
    this.name = 'ApiError'
    this.call = call
  }
}

export interface IngestFilesOptions {
  format?: LogFormat
  /** Zone for timestamps that carry none (RFC 3164 syslog). */
  timeZone?: string
  /** Upload progress per file; browser mode only, the desktop app reads files in place. */
  onUploadProgress?: (file: File, sent: number, total: number) => void
  /** Lets the caller cancel one file's upload while the others go ahead. */
  signalFor?: (file: File) => AbortSignal | undefined
}

/**
 * What became of one file handed to `ingestFiles`: its ingest jobs (one per file; a dropped folder in the
 * desktop app yields one per file inside it), or why it never got any.
 */
export type FileIngestStart = { file: File; jobIds: string[] } | { file: File; error: ApiError }

export interface ApiClient {
  readonly mode: AppMode
  call<K extends CallName>(name: K, request: CallRequest<K>, options?: CallOptions): Promise<CallResponse<K>>
  onPush(listener: (event: PushEvent) => void): () => void
  onReconnect(listener: () => void): () => void
  /** Starts ingest jobs for each file; a file whose upload or start failed comes back with the error. */
  ingestFiles(caseId: string, files: File[], options?: IngestFilesOptions): Promise<FileIngestStart[]>
  /** Hands an indicator list to the case the way evidence is handed over: by path or by upload. */
  importIocList(caseId: string, file: File): Promise<IocListSummary>
  reportLocation(report: ReportExport): ReportLocation
}

export function createApiClient(transport: Transport, reportError: (error: ApiError) => void): ApiClient {
  const fail = (error: ApiError): ApiError => {
    // A cancellation is the analyst's own doing, not something to alert them about.
    if (error.code !== 'CANCELLED') reportError(error)
    return error
  }

  async function call<K extends CallName>(
    name: K,
    request: CallRequest<K>,
    options?: CallOptions
  ): Promise<CallResponse<K>> {
    const envelope = await transport.call(name, request, options)
    if (envelope.ok) return envelope.data
    throw fail(new ApiError(name, envelope.code, envelope.message))
  }

  async function ingestFiles(
    caseId: string,
    files: File[],
    options: IngestFilesOptions = {}
  ): Promise<FileIngestStart[]> {
    const { format, timeZone } = options
    const results: FileIngestStart[] = []
    // One file at a time: the server writes each upload to disk while two cores are shared with ingestion,
    // and starting each file on its own ties its jobs to it and keeps one bad file from failing the rest.
    for (const file of files) {
      const signal = options.signalFor?.(file)
      const source = await transport.sourceFor(file, {
        onProgress: (sent, total) => options.onUploadProgress?.(file, sent, total),
        signal
      })
      // Aborted after its upload finished: the analyst (or a case switch) no longer wants it imported.
      if (source.ok && signal?.aborted) {
        results.push({
          file,
          error: new ApiError('ingest.start', 'CANCELLED', `Import of ${file.name} cancelled.`)
        })
        continue
      }
      if (!source.ok) {
        results.push({ file, error: fail(new ApiError('ingest.start', source.code, source.message)) })
        continue
      }
      try {
        const { jobIds } = await call('ingest.start', { caseId, sources: [source.data], format, timeZone })
        results.push({ file, jobIds })
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        results.push({ file, error })
      }
    }
    return results
  }

  async function importIocList(caseId: string, file: File): Promise<IocListSummary> {
    const source = await transport.sourceFor(file, {})
    if (!source.ok) throw fail(new ApiError('iocs.import', source.code, source.message))
    return call('iocs.import', { caseId, source: source.data })
  }

  return {
    mode: transport.mode,
    call,
    onPush: (listener) => transport.onPush(listener),
    onReconnect: (listener) => transport.onReconnect(listener),
    ingestFiles,
    importIocList,
    reportLocation: (report) => transport.reportLocation(report)
  }
}
