// The Sigma matches found while one evidence source was imported, kept beside its shards
// (sigma-matches.json.gz) with the fingerprint of the rule set that found them. Removing the evidence
// removes its shard folder and so this file; detection uses it only while the fingerprint still matches.

import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { StreamedMatch } from '../detect/sigma/streamingRules'
import { writeFileAtomic } from '../sqlite/atomicFile'

const FILE_NAME = 'sigma-matches.json.gz'

export interface StreamedSigma {
  fingerprint: string
  matches: StreamedMatch[]
}

export function saveStreamedSigma(shardDir: string, streamed: StreamedSigma): void {
  writeFileAtomic(join(shardDir, FILE_NAME), gzipSync(JSON.stringify(streamed)))
}

/** null when the evidence was not matched during import or the file is damaged (a retro-hunt then runs). */
export function loadStreamedSigma(shardDir: string): StreamedSigma | null {
  const path = join(shardDir, FILE_NAME)
  if (!existsSync(path)) return null
  try {
    const parsed = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as StreamedSigma
    return typeof parsed.fingerprint === 'string' && Array.isArray(parsed.matches) ? parsed : null
  } catch {
    return null
  }
}
