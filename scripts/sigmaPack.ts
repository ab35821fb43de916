// Packs Cairn's own Sigma rules and the logsource mapping into one gzip file for the built app, so rule
// text (full of attack strings) never sits on a responder's disk as plain files an antivirus would flag.
// The build (electron.vite.config.ts) emits it next to the main bundle; src-main/core/detect/sigma/
// builtinSigma.ts reads it back.

import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { gzipSync } from 'node:zlib'

export const SIGMA_PACK_FILE = 'sigma-pack.json.gz'

/** { logsources: <yaml text>, rules: [{ path: 'resources/rules/…', text }] }, gzipped. */
export function buildSigmaPack(root: string): Buffer {
  const rulesDir = join(root, 'resources', 'rules')
  const rules = listYaml(rulesDir).map((path) => ({
    path: relative(root, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8')
  }))
  const logsources = readFileSync(join(root, 'resources', 'sigma', 'logsources.yml'), 'utf8')
  return gzipSync(JSON.stringify({ logsources, rules }), { level: 9 })
}

function listYaml(dir: string): string[] {
  const found: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...listYaml(path))
    else if (/\.ya?ml$/.test(entry.name)) found.push(path)
  }
  return found.sort()
}
