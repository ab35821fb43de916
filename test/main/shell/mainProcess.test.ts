import { beforeAll, describe, expect, it, vi } from 'vitest'

// A stand-in for Electron that records how the main process configures its window.
const recorded = vi.hoisted(() => ({
  windowOptions: undefined as unknown,
  navigate: undefined as undefined | ((event: { preventDefault(): void }, url: string) => void),
  openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
  opened: [] as string[],
  permission: undefined as
    undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  csp: undefined as undefined | string[],
  sandboxEnabled: false,
  ready: undefined as undefined | Promise<void>
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: (event: string, handler: typeof recorded.navigate) => {
        if (event === 'will-navigate') recorded.navigate = handler
      },
      setWindowOpenHandler: (handler: typeof recorded.openHandler) => {
        recorded.openHandler = handler
      },
      send: () => undefined
    }
    constructor(options: unknown) {
      recorded.windowOptions = options
    }
    once() {}
    on() {}
    isDestroyed() {
      return false
    }
    loadURL() {
      return Promise.resolve()
    }
  }
  let resolveReady: () => void = () => undefined
  recorded.ready = new Promise<void>((resolve) => (resolveReady = resolve))
  return {
    app: {
      enableSandbox: () => {
        recorded.sandboxEnabled = true
      },
      on: () => undefined,
      getVersion: () => '0.0.0-test',
      whenReady: () => Promise.resolve().then(() => setTimeout(resolveReady, 0))
    },
    BrowserWindow,
    ipcMain: { handle: () => undefined, removeHandler: () => undefined },
    shell: { openExternal: (url: string) => recorded.opened.push(url) },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (
            handler: (
              details: { responseHeaders: object },
              cb: (r: { responseHeaders: Record<string, string[]> }) => void
            ) => void
          ) =>
            handler(
              { responseHeaders: {} },
              (result) => (recorded.csp = result.responseHeaders['Content-Security-Policy'])
            )
        },
        setPermissionRequestHandler: (handler: typeof recorded.permission) => {
          recorded.permission = handler
        }
      }
    }
  }
})

describe('Electron main process wiring', () => {
  beforeAll(async () => {
    process.env.CAIRN_HOME = (await import('../helpers/tempDir')).tempDir()
    await import('../../../src-main/index')
    await recorded.ready
    await new Promise((resolve) => setTimeout(resolve, 10))
  })

  it('enables the sandbox for every renderer and creates a locked-down window', () => {
    expect(recorded.sandboxEnabled).toBe(true)
    expect(recorded.windowOptions).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false }
    })
  })

  it('sets a strict CSP on every response', () => {
    expect(recorded.csp?.[0]).toContain("script-src 'self'")
    expect(recorded.csp?.[0]).toContain("object-src 'none'")
  })

  it('denies navigation away from the app', () => {
    const event = { preventDefault: vi.fn() }
    recorded.navigate?.(event, 'https://evil.example/')
    expect(event.preventDefault).toHaveBeenCalled()
  })

  it('denies every new window and opens only https links externally', () => {
    expect(recorded.openHandler?.({ url: 'https://attack.mitre.org/' })).toEqual({ action: 'deny' })
    expect(recorded.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
    expect(recorded.opened).toEqual(['https://attack.mitre.org/'])
  })

  it('denies every permission request', () => {
    const callback = vi.fn()
    recorded.permission?.({}, 'media', callback)
    expect(callback).toHaveBeenCalledWith(false)
  })
})
