// Three build targets with three trust levels: main (privileged Node, plus the CLI, the browser-mode
// server and the ingest worker, which share the core), preload (the narrow bridge) and renderer (web content).
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/main.ts'),
          'ingest-worker': resolve(__dirname, 'src-main/core/ingest/worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      rolldownOptions: { input: { index: resolve(__dirname, 'src-main/preload.ts') } }
    }
  },
  renderer: {
    root: 'src-renderer',
    plugins: [vue()],
    build: {
      minify: true,
      rolldownOptions: { input: resolve(__dirname, 'src-renderer/index.html') }
    }
  }
})
