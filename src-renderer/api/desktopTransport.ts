// The desktop transport: a thin adapter over the preload's `window.cairn` bridge. Files are read in place
// by the main process, so a dropped file becomes its local path and nothing is uploaded.

import type { CairnBridge } from '../../src-main/common/bridge'
import type { Envelope } from '../../src-main/common/errors'
import type { FileSource, Transport } from './transport'

export function createDesktopTransport(bridge: CairnBridge): Transport {
  return {
    mode: 'desktop',
    async call(name, request) {
      try {
        return await bridge.call(name, request)
      } catch (error) {
        // The handlers answer with envelopes; a rejection means the IPC channel itself failed.
        return {
          ok: false,
          code: 'INTERNAL',
          message: `The app could not complete ${name}: ${describe(error)}`
        }
      }
    },
    onPush: (listener) => bridge.onPush(listener),
    onReconnect: () => () => undefined,
    async sourceFor(file): Promise<Envelope<FileSource>> {
      const path = bridge.pathForFile(file)
      if (!path) {
        return {
          ok: false,
          code: 'UNREADABLE_INPUT',
          message: `${file.name} is not a file on this computer.`
        }
      }
      return { ok: true, data: { path } }
    },
    reportLocation: (report) => ({ kind: 'saved', path: report.path })
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
