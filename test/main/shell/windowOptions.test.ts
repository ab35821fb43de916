import { describe, expect, it, vi } from 'vitest'

vi.mock('electron', () => ({}))

import { isAppUrl, isSafeExternalUrl, mainWindowOptions } from '../../../src-main/shell/windowOptions'
import { isTrustedSender } from '../../../src-main/shell/ipcBridge'

describe('main window security settings', () => {
  const prefs = mainWindowOptions('/app/out/preload/index.js').webPreferences!

  it('runs the renderer sandboxed and isolated, without Node', () => {
    expect(prefs.sandbox).toBe(true)
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.preload).toBe('/app/out/preload/index.js')
  })

  it('opens only plain https links externally', () => {
    expect(isSafeExternalUrl('https://attack.mitre.org/techniques/T1110/')).toBe(true)
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@host/',
      'not a url'
    ]) {
      expect(isSafeExternalUrl(url)).toBe(false)
    }
  })

  it('lets the window show only the app itself', () => {
    const fileApp = 'file:///opt/cairn/out/renderer/index.html'
    expect(isAppUrl('file:///opt/cairn/out/renderer/index.html#alerts', fileApp)).toBe(true)
    expect(isAppUrl('file:///etc/passwd', fileApp)).toBe(false)
    expect(isAppUrl('https://evil.example/', fileApp)).toBe(false)
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
  })
})

describe('IPC sender check', () => {
  const appUrl = 'file:///opt/cairn/out/renderer/index.html'
  const main = { url: appUrl }

  it('accepts the top frame of the app', () => {
    expect(isTrustedSender(main, main, appUrl)).toBe(true)
  })

  it('refuses a sub-frame, a foreign origin and a missing frame', () => {
    const subFrame = { url: appUrl }
    expect(isTrustedSender(subFrame, main, appUrl)).toBe(false)
    const foreign = { url: 'https://evil.example/' }
    expect(isTrustedSender(foreign, foreign, appUrl)).toBe(false)
    expect(isTrustedSender(null, main, appUrl)).toBe(false)
  })
})
