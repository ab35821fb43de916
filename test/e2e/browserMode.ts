// Starts Cairn's browser mode from the built CLI for an end-to-end test, with a throw-away CAIRN_HOME,
// and launches Debian's Chromium (never a downloaded browser) against it.

import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import type { BrowserContext } from '@playwright/test'

const ROOT = resolve(__dirname, '..', '..')

export interface RunningCairn {
  url: string
  origin: string
  home: string
  stop(): Promise<void>
}

export async function startBrowserMode(): Promise<RunningCairn> {
  const home = mkdtempSync(join(tmpdir(), 'cairn-e2e-home-'))
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'out', 'main', 'cli.js'), 'serve', '--port', '0', '--no-open'],
    {
      cwd: ROOT,
      env: { ...process.env, CAIRN_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  const url = await new Promise<string>((resolveUrl, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${output}`)), 30_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout?.on('data', read)
    child.stderr?.on('data', read)
    child.on('exit', (code) => reject(new Error(`browser mode exited with code ${code}:\n${output}`)))
  })
  return {
    url,
    origin: new URL(url).origin,
    home,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((done) => child.once('exit', done))
      rmSync(home, { recursive: true, force: true })
    }
  }
}

export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'cairn-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}
