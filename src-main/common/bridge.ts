// The shape of the bridge the renderer talks to. In the desktop app the preload exposes it as
// `window.cairn`; in browser mode the renderer's HTTP/WebSocket transport implements the same calls.
// Browser-mode routes (all same-origin, authenticated by the session cookie the token URL sets):
//   POST /api/call/<name>      JSON request body → JSON Envelope
//   GET  /api/push             WebSocket; each message is one JSON PushEvent
//   POST /api/upload?name=<n>&lastModified=<ms>  raw file bytes → Envelope<UploadReceipt>; the file keeps
//                              its modification time, from which RFC 3164 syslog's missing year is inferred
//   GET  /api/reports/<file>   a generated PDF report of the open case

import type { CallName } from './channels'
import type { CallRequest, CallResponse, PushEvent } from './contract'
import type { Envelope } from './errors'

export interface CairnBridge {
  call<K extends CallName>(name: K, request: CallRequest<K>): Promise<Envelope<CallResponse<K>>>
  /** Subscribes to pushed events; returns the unsubscribe function. */
  onPush(listener: (event: PushEvent) => void): () => void
  /** Desktop only: the local path of a dropped or picked file. */
  pathForFile(file: File): string
}

export interface UploadReceipt {
  uploadId: string
  name: string
  bytes: number
}

export const API_ROUTES = {
  call: '/api/call/',
  push: '/api/push',
  upload: '/api/upload',
  reports: '/api/reports/'
} as const
