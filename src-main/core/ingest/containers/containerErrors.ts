// Why an entry of an evidence container was not read, or was stopped while being read. Every refusal has a
// code from one union and a message that names the entry, so a responder sees exactly what was left out of
// the case and why; the codes that are limits carry the limit's name and value too.

import { CairnError } from '../../../common/errors'
import type { ContainerLimits } from './containerLimits'

export const CONTAINER_ISSUE_CODES = [
  'unsafe_name',
  'encrypted',
  'unsupported_compression',
  'not_regular_file',
  'not_log_data',
  'unreadable',
  'corrupt',
  'truncated',
  'nesting_depth',
  'entry_bytes',
  'total_bytes',
  'compression_ratio',
  'entry_count',
  'buffered_zip_bytes'
] as const

export type ContainerIssueCode = (typeof CONTAINER_ISSUE_CODES)[number]

/** An entry or a whole container that could not be read; `entryName` is '' for the container itself. */
export class ContainerError extends CairnError {
  readonly issue: ContainerIssueCode
  readonly entryName: string
  constructor(issue: ContainerIssueCode, entryName: string, message: string) {
    super('UNREADABLE_INPUT', message)
    this.name = 'ContainerError'
    this.issue = issue
    this.entryName = entryName
  }
}

/** A limit that tripped; the total-bytes and entry-count limits end the whole walk, the others one entry. */
export class ContainerLimitError extends ContainerError {
  readonly limit: keyof ContainerLimits
  readonly limitValue: number
  constructor(
    issue: ContainerIssueCode,
    entryName: string,
    limit: keyof ContainerLimits,
    limitValue: number,
    message: string
  ) {
    super(issue, entryName, message)
    this.name = 'ContainerLimitError'
    this.limit = limit
    this.limitValue = limitValue
  }

  /** Past these limits nothing more of the evidence source may be read. */
  get endsWalk(): boolean {
    return this.limit === 'maxTotalExpandedBytes' || this.limit === 'maxEntries'
  }
}

export function isWalkEndingError(error: unknown): error is ContainerLimitError {
  return error instanceof ContainerLimitError && error.endsWalk
}

/** Byte counts as responders read them: binary unit first, exact count after. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  const exact = `${bytes.toLocaleString('en-US')} ${bytes === 1 ? 'byte' : 'bytes'}`
  return unit === 0 ? exact : `${value.toFixed(1)} ${units[unit]} (${exact})`
}

/** An entry name as it appears in a message: quoted, control characters visible, cut when very long. */
export function quoteName(name: string): string {
  const cut = name.length > 200 ? `${name.slice(0, 200)}…` : name
  return JSON.stringify(cut)
}
