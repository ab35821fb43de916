// Electron IPC for the contract: one invoke channel carrying (call name, payload), answered by dispatch()
// only when the sender is Cairn's own top-level frame; pushed events go to that window only.

import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { IPC_INVOKE_CHANNEL, IPC_PUSH_CHANNEL } from '../common/channels'
import type { Envelope } from '../common/errors'
import type { CairnApp } from '../core/app/cairnApp'
import { dispatch } from '../core/app/dispatch'
import type { Handlers } from '../core/app/handlers'
import { isAppUrl } from './windowOptions'

export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url'> | null,
  mainFrame: Pick<WebFrameMain, 'url'> | null,
  appUrl: string
): boolean {
  return frame !== null && frame === mainFrame && isAppUrl(frame.url, appUrl)
}

export function registerIpc(
  ipcMain: IpcMain,
  window: BrowserWindow,
  app: CairnApp,
  handlers: Handlers,
  appUrl: string
): () => void {
  const onInvoke = async (
    event: IpcMainInvokeEvent,
    name: unknown,
    payload: unknown
  ): Promise<Envelope<unknown>> => {
    if (
      event.sender !== window.webContents ||
      !isTrustedSender(event.senderFrame, event.sender.mainFrame, appUrl)
    ) {
      return { ok: false, code: 'FORBIDDEN', message: 'calls are accepted only from Cairn’s own window' }
    }
    return dispatch(handlers, name, payload)
  }
  ipcMain.handle(IPC_INVOKE_CHANNEL, onInvoke)
  const unsubscribe = app.onPush((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_PUSH_CHANNEL, event)
  })
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL)
    unsubscribe()
  }
}
