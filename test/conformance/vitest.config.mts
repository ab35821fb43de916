import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'conformance',
    root: '.',
    environment: 'node',
    include: ['test/conformance/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000
  }
})
