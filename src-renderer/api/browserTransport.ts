// The browser-mode transport: calls are same-origin `POST /api/call/<name>` requests authenticated by the
// session cookie, pushed events arrive over one WebSocket that reconnects on its own, and evidence files
// are uploaded (with progress) before ingestion because a browser cannot hand the server a local path.

import type { CallName } from '../../src-main/common/channels'
import { API_ROUTES } from '../../src-main/common/bridge'
import type { UploadReceipt } from '../../src-main/common/bridge'
import type { CallRequest, CallResponse, PushEvent } from '../../src-main/common/contract'
import type { Envelope } from '../../src-main/common/errors'
import { envelopeFromHttp, pushEventFromMessage } from './envelope'
import type { CallOptions, FileSource, Transport, UploadOptions } from './transport'

const RECONNECT_MIN_MS = 500
const RECONNECT_MAX_MS = 8_000
/** Browsers refuse keepalive requests whose bodies exceed 64 KiB; larger ones go as ordinary requests. */
const KEEPALIVE_MAX_BYTES = 60_000

export function createBrowserTransport(): Transport {
  const push = new PushChannel(pushUrl())
  return {
    mode: 'browser',
    call,
    onPush: (listener) => push.subscribe(listener),
    onReconnect: (listener) => push.onReconnect(listener),
    sourceFor: upload,
    reportLocation: (report) => ({
      kind: 'download',
      url: `${API_ROUTES.reports}${encodeURIComponent(report.fileName)}`
    })
  }
}

async function call<K extends CallName>(
  name: K,
  request: CallRequest<K>,
  options: CallOptions = {}
): Promise<Envelope<CallResponse<K>>> {
  try {
    const body = JSON.stringify(request)
    const response = await fetch(`${API_ROUTES.call}${name}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body,
      keepalive: options.keepalive === true && new Blob([body]).size <= KEEPALIVE_MAX_BYTES
    })
    return envelopeFromHttp(response.status, await response.text())
  } catch (error) {
    return {
      ok: false,
      code: 'INTERNAL',
      message: `Cannot reach the Cairn server (${describe(error)}). Is it still running?`
    }
  }
}

function upload(file: File, { onProgress, signal }: UploadOptions): Promise<Envelope<FileSource>> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, code: 'CANCELLED', message: `Upload of ${file.name} cancelled.` })
      return
    }
    // XMLHttpRequest, not fetch: it is the browser API that reports upload progress.
    const request = new XMLHttpRequest()
    // The modification time travels with the bytes: RFC 3164 syslog has no year, and the server infers it.
    const query = new URLSearchParams({ name: file.name, lastModified: String(file.lastModified) })
    request.open('POST', `${API_ROUTES.upload}?${query}`)
    request.setRequestHeader('Content-Type', 'application/octet-stream')
    request.upload.onprogress = (progress) =>
      onProgress?.(progress.loaded, progress.lengthComputable ? progress.total : file.size)
    request.onload = () => {
      const receipt = envelopeFromHttp<UploadReceipt>(request.status, request.responseText)
      resolve(receipt.ok ? { ok: true, data: { uploadId: receipt.data.uploadId } } : receipt)
    }
    request.onerror = () =>
      resolve({
        ok: false,
        code: 'INTERNAL',
        message: `Uploading ${file.name} failed: the connection was lost.`
      })
    request.onabort = () =>
      resolve({ ok: false, code: 'CANCELLED', message: `Upload of ${file.name} cancelled.` })
    signal?.addEventListener('abort', () => request.abort(), { once: true })
    request.send(file)
  })
}

/** One WebSocket shared by every subscriber, opened on first use and reopened with backoff when it drops. */
class PushChannel {
  private readonly listeners = new Set<(event: PushEvent) => void>()
  private readonly reconnectListeners = new Set<() => void>()
  private socket: WebSocket | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private retryMs = RECONNECT_MIN_MS
  private connectedBefore = false

  constructor(private readonly url: string) {}

  subscribe(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener)
    this.connect()
    return () => this.listeners.delete(listener)
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener)
    return () => this.reconnectListeners.delete(listener)
  }

  private connect(): void {
    if (this.socket || this.retryTimer) return
    const socket = new WebSocket(this.url)
    this.socket = socket
    socket.onopen = () => {
      this.retryMs = RECONNECT_MIN_MS
      if (this.connectedBefore) this.reconnectListeners.forEach((listener) => listener())
      this.connectedBefore = true
    }
    socket.onmessage = (message) => {
      const event = pushEventFromMessage(message.data)
      if (event) this.listeners.forEach((listener) => listener(event))
    }
    socket.onclose = () => {
      this.socket = null
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null
        this.connect()
      }, this.retryMs)
      this.retryMs = Math.min(this.retryMs * 2, RECONNECT_MAX_MS)
    }
  }
}

function pushUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${window.location.host}${API_ROUTES.push}`
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
