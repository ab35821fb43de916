// Walks an evidence source the way the ingest driver will, keeping every entry's bytes (or the error that
// stopped them), the report, and the failure that ended the walk, if any.

import type { Readable } from 'node:stream'
import { openEvidenceSource } from '../../../../src-main/core/ingest/containers/containerEntries'
import type {
  ContainerReport,
  EvidenceEntry,
  EvidenceSourceKind
} from '../../../../src-main/core/ingest/containers/containerEntries'
import type { ContainerLimits } from '../../../../src-main/core/ingest/containers/containerLimits'

export interface ReadEntry {
  name: string
  size: number | null
  lastModified: number | null
  diskPath: string | null
  /** The bytes read, or as many as came before the error. */
  bytes: Buffer
  error: Error | null
}

export interface ReadEvidence {
  kind: EvidenceSourceKind
  entries: ReadEntry[]
  report: ContainerReport
  failure: Error | null
}

export async function readAll(stream: Readable): Promise<{ bytes: Buffer; error: Error | null }> {
  const chunks: Buffer[] = []
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer)
    return { bytes: Buffer.concat(chunks), error: null }
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error: error as Error }
  }
}

/** `read` decides which entries are opened; the others are passed unread. */
export async function readEvidence(
  path: string,
  limits: Partial<ContainerLimits> = {},
  read: (entry: EvidenceEntry) => boolean = () => true
): Promise<ReadEvidence> {
  const source = await openEvidenceSource(path, limits)
  const entries: ReadEntry[] = []
  let failure: Error | null = null
  try {
    for await (const entry of source) {
      const { name, size, lastModified, diskPath } = entry
      const content = read(entry)
        ? await readAll(await entry.open())
        : { bytes: Buffer.alloc(0), error: null }
      entries.push({ name, size, lastModified, diskPath, ...content })
    }
  } catch (error) {
    failure = error as Error
  }
  return { kind: source.kind, entries, report: source.report, failure }
}

export function texts(evidence: ReadEvidence): Record<string, string> {
  return Object.fromEntries(evidence.entries.map((entry) => [entry.name, entry.bytes.toString('utf8')]))
}
