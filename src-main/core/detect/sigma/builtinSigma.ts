// Cairn's own rules and the logsource mapping, as the running app finds them: packed (gzipped JSON) next
// to the built main bundle, or read from resources/ when running from source (tests, `vitest`). Loaded once
// and kept in memory.

import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { CairnError } from '../../../common/errors'
import { LogsourceMap } from './logsourceMap'
import { readRuleFolder } from './ruleFolders'
import type { RuleFile } from './ruleSet'

const PACK_FILE = 'sigma-pack.json.gz'

export interface BuiltinSigma {
  logsources: LogsourceMap
  rules: readonly RuleFile[]
}

let loaded: BuiltinSigma | undefined

export function builtinSigma(): BuiltinSigma {
  loaded ??= loadBuiltinSigma()
  return loaded
}

function loadBuiltinSigma(): BuiltinSigma {
  for (const dir of [__dirname, dirname(__dirname)]) {
    const packPath = join(dir, PACK_FILE)
    if (existsSync(packPath)) return unpack(readFileSync(packPath), packPath)
  }
  const resources = join(__dirname, '..', '..', '..', '..', 'resources')
  const mappingPath = join(resources, 'sigma', 'logsources.yml')
  if (!existsSync(mappingPath)) {
    throw new CairnError(
      'INTERNAL',
      `Cairn's Sigma rule pack was not found next to ${__dirname}; rebuild Cairn`
    )
  }
  const rules = readRuleFolder(join(resources, 'rules')).files.map((file) => ({
    ...file,
    path: `resources/rules/${file.path}`
  }))
  return { logsources: LogsourceMap.fromYaml(readFileSync(mappingPath, 'utf8')), rules }
}

function unpack(bytes: Buffer, path: string): BuiltinSigma {
  try {
    const pack = JSON.parse(gunzipSync(bytes).toString('utf8')) as { logsources: string; rules: RuleFile[] }
    return { logsources: LogsourceMap.fromYaml(pack.logsources), rules: pack.rules }
  } catch (error) {
    if (error instanceof CairnError) throw error
    throw new CairnError('INTERNAL', `Cairn's Sigma rule pack ${path} is damaged; reinstall Cairn`)
  }
}
