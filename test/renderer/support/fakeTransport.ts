// A scripted stand-in for the backend behind the renderer's Transport seam: tests register answers per
// contract call, push events by hand and read back which calls were made. Like the real seams (IPC, JSON
// over HTTP) it copies everything that crosses it and checks each request against the contract, so a
// store that sends a Vue proxy or a malformed request fails here, not only in Electron.

import type { CallName } from '../../../src-main/common/channels'
import { contract } from '../../../src-main/common/contract'
import type { CallRequest, CallResponse, PushEvent } from '../../../src-main/common/contract'
import { CairnError } from '../../../src-main/common/errors'
import type { Envelope } from '../../../src-main/common/errors'
import type {
  AppMode,
  CallOptions,
  FileSource,
  ReportExport,
  ReportLocation,
  Transport,
  UploadOptions
} from '../../../src-renderer/api/transport'

type Answer<K extends CallName> = (request: CallRequest<K>) => CallResponse<K> | Promise<CallResponse<K>>

export interface RecordedCall {
  name: CallName
  request: Record<string, unknown>
  options?: CallOptions
}

export class FakeTransport implements Transport {
  readonly calls: RecordedCall[] = []
  private readonly answers = new Map<CallName, (request: never) => unknown>()
  private readonly pushListeners = new Set<(event: PushEvent) => void>()
  private readonly reconnectListeners = new Set<() => void>()
  /** Upload answers by file name; files not listed upload successfully. */
  readonly uploadFailures = new Map<string, Envelope<FileSource>>()

  constructor(readonly mode: AppMode = 'browser') {}

  /** Answers a call; throw a CairnError from the answer to make the call fail with its code. */
  answer<K extends CallName>(name: K, answer: Answer<K>): this {
    this.answers.set(name, answer as (request: never) => unknown)
    return this
  }

  callsTo(name: CallName): Record<string, unknown>[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.request)
  }

  async call<K extends CallName>(
    name: K,
    request: CallRequest<K>,
    options?: CallOptions
  ): Promise<Envelope<CallResponse<K>>> {
    const sent = structuredClone(request)
    this.calls.push({ name, request: sent as Record<string, unknown>, options })
    const parsed = contract[name].request.safeParse(sent)
    if (!parsed.success)
      return { ok: false, code: 'BAD_REQUEST', message: `${name}: ${parsed.error.message}` }
    const answer = this.answers.get(name) as Answer<K> | undefined
    if (!answer) return { ok: false, code: 'UNKNOWN_CALL', message: `no fake answer for ${name}` }
    try {
      return { ok: true, data: structuredClone(await answer(sent)) }
    } catch (error) {
      if (error instanceof CairnError) return { ok: false, code: error.code, message: error.message }
      throw error
    }
  }

  onPush(listener: (event: PushEvent) => void): () => void {
    this.pushListeners.add(listener)
    return () => this.pushListeners.delete(listener)
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  push(event: PushEvent): void {
    this.pushListeners.forEach((listener) => listener(structuredClone(event)))
  }

  /** While set, uploads wait for it (or for their abort signal) before they finish. */
  uploadsHeld: Promise<void> | null = null

  async sourceFor(file: File, options: UploadOptions): Promise<Envelope<FileSource>> {
    const cancelled: Envelope<FileSource> = { ok: false, code: 'CANCELLED', message: 'upload cancelled' }
    const { signal } = options
    if (this.uploadsHeld && !signal?.aborted) {
      const aborted = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve()))
      await Promise.race([this.uploadsHeld, aborted])
    }
    if (signal?.aborted) return cancelled
    const failure = this.uploadFailures.get(file.name)
    if (failure) return failure
    options.onProgress?.(file.size, file.size)
    return { ok: true, data: { uploadId: `upload-${file.name.replace(/[^A-Za-z0-9]/g, '-')}` } }
  }

  reportLocation(report: ReportExport): ReportLocation {
    return { kind: 'download', url: `/api/reports/${encodeURIComponent(report.fileName)}` }
  }
}
