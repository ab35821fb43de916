// The one global the renderer relies on: in the desktop app the sandboxed preload exposes the contract's
// bridge as `window.cairn`; in browser mode it is absent and the HTTP/WebSocket transport is used instead.

import type { CairnBridge } from '../src-main/common/bridge'

declare global {
  interface Window {
    readonly cairn?: CairnBridge
  }
}

export {}
