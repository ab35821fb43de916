// The state of one walk through an evidence source, shared by every container it passes through, nested ones
// included: the limits, the running totals they are checked against, and the report of what was skipped or
// stopped and why. The report's list keeps its first entries only, so a flat bomb cannot grow it unbounded.

import { ContainerError, ContainerLimitError, formatBytes, quoteName } from './containerErrors'
import type { ContainerIssueCode } from './containerErrors'
import type { ContainerLimits } from './containerLimits'

export interface SkippedEntry {
  /** '/'-separated path inside the container; as stored when the name itself was refused. */
  name: string
  code: ContainerIssueCode
  reason: string
}

export interface ContainerReport {
  containerPath: string
  entriesYielded: number
  /** Bytes that came out of zip members and gzip streams, nested ones included. */
  expandedBytes: number
  skippedCount: number
  /** The first MAX_LISTED_SKIPS of the skipped entries, in walk order. */
  skipped: SkippedEntry[]
  /** What a responder should know about a container although no entry was lost (first MAX_LISTED_SKIPS). */
  notes: string[]
}

const MAX_LISTED_SKIPS = 1000

export class ContainerWalk {
  readonly report: ContainerReport
  private readonly noted = new WeakSet<object>()
  private entriesSeen = 0
  private ending: ContainerLimitError | null = null

  constructor(
    readonly containerPath: string,
    readonly limits: ContainerLimits
  ) {
    this.report = {
      containerPath,
      entriesYielded: 0,
      expandedBytes: 0,
      skippedCount: 0,
      skipped: [],
      notes: []
    }
  }

  skip(name: string, code: ContainerIssueCode, reason: string): void {
    this.report.skippedCount++
    if (this.report.skipped.length < MAX_LISTED_SKIPS) this.report.skipped.push({ name, code, reason })
  }

  note(text: string): void {
    if (this.report.notes.length < MAX_LISTED_SKIPS) this.report.notes.push(text)
  }

  /** Records why reading an entry failed, once per error however many layers see it. */
  noteError(name: string, error: unknown): void {
    if (typeof error === 'object' && error !== null) {
      if (this.noted.has(error)) return
      this.noted.add(error)
    }
    if (error instanceof ContainerError) {
      this.skip(error.entryName || name, error.issue, error.message)
      return
    }
    const code = (error as { code?: unknown }).code
    const message = error instanceof Error ? error.message : String(error)
    if (typeof code === 'string' && code.startsWith('Z_'))
      this.skip(name, 'corrupt', `${quoteName(name)}: the compressed data is damaged (${message})`)
    else this.skip(name, 'unreadable', `${quoteName(name)} could not be read: ${message}`)
  }

  /** Counts one entry of any kind; past the limit the whole walk ends. */
  countEntry(name: string): void {
    this.throwIfEnded()
    if (++this.entriesSeen <= this.limits.maxEntries) return
    this.ending = new ContainerLimitError(
      'entry_count',
      name,
      'maxEntries',
      this.limits.maxEntries,
      `${this.containerPath} holds more than ${this.limits.maxEntries.toLocaleString('en-US')} entries, the ` +
        `limit maxEntries; the walk stopped at ${quoteName(name)} (a flat archive bomb, or raise the limit)`
    )
    this.noteError(name, this.ending)
    throw this.ending
  }

  /** Adds decompressed bytes to the total; the error to destroy the stream with when the total is exceeded. */
  addExpandedBytes(bytes: number, name: string): ContainerLimitError | null {
    if (this.ending) return this.ending
    this.report.expandedBytes += bytes
    if (this.report.expandedBytes <= this.limits.maxTotalExpandedBytes) return null
    this.ending = new ContainerLimitError(
      'total_bytes',
      name,
      'maxTotalExpandedBytes',
      this.limits.maxTotalExpandedBytes,
      `${this.containerPath} expanded past ${formatBytes(this.limits.maxTotalExpandedBytes)} in total, the ` +
        `limit maxTotalExpandedBytes; reading stopped in ${quoteName(name)} (raise the limit if this is genuine)`
    )
    this.noteError(name, this.ending)
    return this.ending
  }

  throwIfEnded(): void {
    if (this.ending) throw this.ending
  }
}
