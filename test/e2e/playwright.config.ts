// End-to-end tests: Debian's Chromium (never a downloaded browser) driving Cairn in browser mode, started
// from the built CLI with a throw-away CAIRN_HOME. The server prints its URL (with the token) on stdout.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'off'
  }
})
