// The Electron main process: one secure window showing the renderer, the contract served over IPC, and
// the core doing the work. Everything here is wiring; the logic lives in core and is shared with the CLI
// and browser mode.

import { app, BrowserWindow, ipcMain, session, shell } from 'electron'
import { join } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './common/security'
import { CairnApp } from './core/app/cairnApp'
import { createHandlers } from './core/app/handlers'
import { registerIpc } from './shell/ipcBridge'
import { isAppUrl, isSafeExternalUrl, mainWindowOptions } from './shell/windowOptions'

app.enableSandbox()

async function openMainWindow(): Promise<void> {
  const core = new CairnApp()
  const handlers = createHandlers(core, { mode: 'desktop', version: app.getVersion() })
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.js')))
  const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${join(__dirname, '../renderer/index.html')}`

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault()
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.once('ready-to-show', () => window.show())
  const unregister = registerIpc(ipcMain, window, core, handlers, appUrl)
  window.on('closed', () => {
    unregister()
    core.closeCase()
  })
  await window.loadURL(appUrl)
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})
app.on('window-all-closed', () => app.quit())
void app.whenReady().then(openMainWindow)
