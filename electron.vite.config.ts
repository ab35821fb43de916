// Three build targets with three trust levels: main (privileged Node, plus the CLI, the browser-mode
// server and the ingest worker, which share the core), preload (the narrow bridge) and renderer (web content).
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { buildSigmaPack, SIGMA_PACK_FILE } from './scripts/sigmaPack'

export default defineConfig({
  main: {
    plugins: [
      {
        name: 'cairn-sigma-pack',
        generateBundle() {
          this.emitFile({ type: 'asset', fileName: SIGMA_PACK_FILE, source: buildSigmaPack(__dirname) })
        }
      }
    ],
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
