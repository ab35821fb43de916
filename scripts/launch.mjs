#!/usr/bin/env node
// `npm start` / `npm run dev`: build, then start the desktop app. Where the Electron binary is not
// installed and cannot be downloaded (offline forensic laptops, CI), say so in one line and start browser
// mode instead: the same core and UI served on 127.0.0.1 with a random access token.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const dev = process.argv.includes('--dev')
const passThrough = process.argv.slice(2).filter((arg) => arg !== '--dev')
const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')

function electronBinary() {
  const electronDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(electronDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const overridden = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron')
    return existsSync(overridden) ? overridden : null
  }
  if (executable && existsSync(join(electronDir, 'dist', executable)))
    return join(electronDir, 'dist', executable)
  // Not installed yet: Electron 45 downloads lazily. Try once, briefly, quietly.
  const attempt = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 30_000
  })
  const installed = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  if (attempt.status === 0 && installed && existsSync(join(electronDir, 'dist', installed)))
    return join(electronDir, 'dist', installed)
  return null
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' })
  const forward = (signal) => child.kill(signal)
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

const binary = electronBinary()
if (binary && dev) {
  run(process.execPath, [electronVite, 'dev'])
} else {
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)
  if (binary) {
    run(binary, [root, ...passThrough])
  } else {
    console.log(
      'Electron is not installed here and could not be downloaded; starting Cairn in browser mode instead.'
    )
    run(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...passThrough])
  }
}
