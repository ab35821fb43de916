// The typed client every store uses: `call` returns the unwrapped data of a contract call or throws an
// ApiError carrying the contract's error code, and every failure is also handed to one error sink (the
// notification store) so no error is swallowed silently. It knows nothing of Electron, HTTP or Vue.

import type { CallName } from '../../src-main/common/channels'
import type { CallRequest, CallResponse, PushEvent } from '../../src-main/common/contract'
import type { IocListSummary } from '../../src-main/common/domain'
import { CairnError } from '../../src-main/common/errors'
import type { ErrorCode } from '../../src-main/common/errors'
import type {
  AppMode,
  CallOptions,
  FileSource,
  ReportExport,
  ReportLocation,
  Transport,
  UploadOptions
} from './transport'

/** A failed call: the contract's error code, a message a responder can act on, and which call failed. */
export class ApiError extends CairnError {
  readonly call: CallName

  constructor(call: CallName, code: ErrorCode, message: string) {
    super(code, message)
    this.name = 'ApiError'
    this.call = call
  }
}

/** The calls that read a handed-over file; a failed hand-over is reported as a failure of that call. */
export type HandOverCall = 'ingest.preview' | 'iocs.import'

export interface ApiClient {
  readonly mode: AppMode
  call<K extends CallName>(name: K, request: CallRequest<K>, options?: CallOptions): Promise<CallResponse<K>>
  onPush(listener: (event: PushEvent) => void): () => void
  onReconnect(listener: () => void): () => void
  /**
   * Makes a picked or dropped file readable by the backend for the named call: its path (desktop) or an
   * upload (browser, with progress). Throws an ApiError, code CANCELLED when the signal stopped it.
   */
  handOver(file: File, forCall: HandOverCall, options?: UploadOptions): Promise<FileSource>
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

  async function handOver(
    file: File,
    forCall: HandOverCall,
    options: UploadOptions = {}
  ): Promise<FileSource> {
    const source = await transport.sourceFor(file, options)
    if (!source.ok) throw fail(new ApiError(forCall, source.code, source.message))
    // Aborted after its upload finished: the analyst (or a case switch) no longer wants it.
    if (options.signal?.aborted) throw new ApiError(forCall, 'CANCELLED', `Upload of ${file.name} cancelled.`)
    return source.data
  }

  async function importIocList(caseId: string, file: File): Promise<IocListSummary> {
    return call('iocs.import', { caseId, source: await handOver(file, 'iocs.import') })
  }

  return {
    mode: transport.mode,
    call,
    onPush: (listener) => transport.onPush(listener),
    onReconnect: (listener) => transport.onReconnect(listener),
    handOver,
    importIocList,
    reportLocation: (report) => transport.reportLocation(report)
  }
}
