// The seam between the renderer and the backend. Two implementations exist: the Electron preload bridge
// (desktop) and HTTP/WebSocket (browser mode). Both answer with the contract's envelopes; everything above
// this interface is identical in both modes, which is what lets the browser tests cover the desktop UI.

import type { CallName } from '../../src-main/common/channels'
import type { CallRequest, CallResponse, PushEvent } from '../../src-main/common/contract'
import type { Envelope } from '../../src-main/common/errors'

export type AppMode = 'desktop' | 'browser'

/** A picked or dropped file as the backend reads it: a path on this machine or a browser-mode upload. */
export type FileSource = CallRequest<'ingest.preview'>['source']

export type ReportExport = CallResponse<'report.export'>

/** Where the analyst finds an exported report: a download link (browser) or a saved file (desktop). */
export type ReportLocation = { kind: 'download'; url: string } | { kind: 'saved'; path: string }

export interface UploadOptions {
  /** Bytes sent so far of the file's size. */
  onProgress?: (sent: number, total: number) => void
  signal?: AbortSignal
}

/** How one call travels: `keepalive` asks that it still be delivered while the page is unloading. */
export interface CallOptions {
  keepalive?: boolean
}

export interface Transport {
  readonly mode: AppMode
  call<K extends CallName>(
    name: K,
    request: CallRequest<K>,
    options?: CallOptions
  ): Promise<Envelope<CallResponse<K>>>
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onPush(listener: (event: PushEvent) => void): () => void
  /** Called after the push channel came back from an outage, when events may have been missed. */
  onReconnect(listener: () => void): () => void
  /** Turns a picked or dropped file into something `ingest.preview` and `ingest.start` can read. */
  sourceFor(file: File, options: UploadOptions): Promise<Envelope<FileSource>>
  reportLocation(report: ReportExport): ReportLocation
}
