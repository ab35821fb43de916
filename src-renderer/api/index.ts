// Where the renderer gets its one API client. main.ts installs the client for this window (desktop bridge
// or browser transport); tests install one over a fake transport. Stores call `useApi()` when they act.

import { createBrowserTransport } from './browserTransport'
import type { ApiClient } from './client'
import { createDesktopTransport } from './desktopTransport'
import type { Transport } from './transport'

export { ApiError, createApiClient } from './client'
export { settled } from './settled'
export type { ApiClient, HandOverCall } from './client'
export type { AppMode, FileSource, ReportLocation, Transport } from './transport'

let installed: ApiClient | null = null

export function installApi(client: ApiClient): void {
  installed = client
}

export function useApi(): ApiClient {
  if (!installed) throw new Error('installApi() must run before anything calls the backend')
  return installed
}

/** The desktop bridge when the preload provided one, otherwise browser mode. */
export function transportForThisWindow(): Transport {
  return window.cairn ? createDesktopTransport(window.cairn) : createBrowserTransport()
}
