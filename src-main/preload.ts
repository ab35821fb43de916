// The narrow bridge between the sandboxed renderer and the main process: it exposes exactly the
// CairnBridge of common/bridge.ts, refuses channel names that are not contract calls, and nothing else.

import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { CairnBridge } from './common/bridge'
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL, isCallName } from './common/channels'
import type { PushEvent } from './common/contract'

const bridge: CairnBridge = {
  call(name, request) {
    if (!isCallName(name))
      return Promise.resolve({
        ok: false,
        code: 'UNKNOWN_CALL',
        message: `'${String(name)}' is not a Cairn call`
      })
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, request)
  },
  onPush(listener) {
    const forward = (_event: IpcRendererEvent, pushed: PushEvent) => listener(pushed)
    ipcRenderer.on(IPC_PUSH_CHANNEL, forward)
    return () => ipcRenderer.removeListener(IPC_PUSH_CHANNEL, forward)
  },
  pathForFile(file) {
    return webUtils.getPathForFile(file)
  }
}

contextBridge.exposeInMainWorld('cairn', bridge)
