// Limits that keep a hostile or broken archive from exhausting memory, disk or time. They are enforced while
// bytes come out of a decompressor, never trusted from headers (zip headers lie): a limit that trips destroys
// the stream with a ContainerLimitError naming the entry and the limit.

import { pipeline, Transform } from 'node:stream'
import type { Readable, TransformCallback } from 'node:stream'
import type { Gunzip, InflateRaw } from 'node:zlib'
import { ContainerLimitError, formatBytes, quoteName } from './containerErrors'
import type { ContainerWalk } from './containerWalk'

export interface ContainerLimits {
  /** Bytes that the zip members and gzip streams of one evidence source may expand to together. */
  maxTotalExpandedBytes: number
  /** Bytes that one entry may expand to. */
  maxEntryExpandedBytes: number
  /** Expanded-to-compressed ratio above which a stream is treated as a decompression bomb… */
  maxCompressionRatio: number
  /** …once it has expanded past this many bytes (small files compress well and are harmless). */
  ratioCheckAboveBytes: number
  /** Entries (files, folders, links) that one evidence source may hold, nested ones included. */
  maxEntries: number
  /** How many archives deep an archive inside the evidence may sit and still be opened. */
  maxNestingDepth: number
  /** A zip inside another archive needs random access, so it is held in memory: at most this many bytes. */
  maxBufferedZipBytes: number
}

const MiB = 1024 * 1024
const GiB = 1024 * MiB

export const DEFAULT_CONTAINER_LIMITS: Readonly<ContainerLimits> = Object.freeze({
  maxTotalExpandedBytes: 64 * GiB,
  maxEntryExpandedBytes: 16 * GiB,
  maxCompressionRatio: 200,
  ratioCheckAboveBytes: MiB,
  maxEntries: 200_000,
  maxNestingDepth: 3,
  maxBufferedZipBytes: 512 * MiB
})

const LIMIT_NAMES = Object.keys(DEFAULT_CONTAINER_LIMITS) as (keyof ContainerLimits)[]

/** The defaults with the overrides applied; a misspelt, negative or fractional limit is refused by name. */
export function resolveContainerLimits(overrides: Partial<ContainerLimits> = {}): ContainerLimits {
  for (const key of Object.keys(overrides))
    if (!(LIMIT_NAMES as string[]).includes(key))
      throw new RangeError(`unknown container limit '${key}'; known limits: ${LIMIT_NAMES.join(', ')}`)
  const limits: ContainerLimits = { ...DEFAULT_CONTAINER_LIMITS, ...overrides }
  for (const key of LIMIT_NAMES) {
    const value = limits[key]
    const least = key === 'maxNestingDepth' ? 0 : 1
    const wholeNumber = key !== 'maxCompressionRatio'
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < least ||
      (wholeNumber && !Number.isInteger(value))
    )
      throw new RangeError(
        `container limit ${key} must be a ${wholeNumber ? 'whole number' : 'number'} of at least ${least}, got ${String(value)}`
      )
  }
  return limits
}

export interface MeterOptions {
  /** The entry or container whose decompressed bytes these are, for messages. */
  name: string
  /** Compressed bytes consumed so far, for the ratio; null when the bytes were stored, not compressed. */
  compressedBytes: (() => number) | null
  /** Whether the per-entry limit applies: not to the decompressed stream of a whole tar, which has many entries. */
  isEntry: boolean
}

/**
 * Counts the bytes a decompressor produces and stops the stream at the first limit they exceed. It sits
 * directly after the decompressor in a pipeline, so destroying it stops the reading of compressed input too.
 */
function expansionMeter(walk: ContainerWalk, options: MeterOptions): Transform {
  const { limits } = walk
  let expanded = 0
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      expanded += chunk.length
      const problem =
        walk.addExpandedBytes(chunk.length, options.name) ??
        entryLimitProblem(expanded, options, limits) ??
        ratioProblem(expanded, options, limits)
      callback(problem, problem ? undefined : chunk)
    }
  })
}

function entryLimitProblem(expanded: number, options: MeterOptions, limits: ContainerLimits) {
  if (!options.isEntry || expanded <= limits.maxEntryExpandedBytes) return null
  return new ContainerLimitError(
    'entry_bytes',
    options.name,
    'maxEntryExpandedBytes',
    limits.maxEntryExpandedBytes,
    `${quoteName(options.name)} expanded past ${formatBytes(limits.maxEntryExpandedBytes)}, the limit ` +
      `maxEntryExpandedBytes for one entry; reading stopped there (raise the limit if the file is genuine)`
  )
}

function ratioProblem(expanded: number, options: MeterOptions, limits: ContainerLimits) {
  if (!options.compressedBytes || expanded <= limits.ratioCheckAboveBytes) return null
  const compressed = options.compressedBytes()
  if (expanded <= limits.maxCompressionRatio * compressed) return null
  return new ContainerLimitError(
    'compression_ratio',
    options.name,
    'maxCompressionRatio',
    limits.maxCompressionRatio,
    `${quoteName(options.name)} expanded to ${formatBytes(expanded)} from ${formatBytes(compressed)} of ` +
      `compressed data, a ratio above the limit maxCompressionRatio of ${limits.maxCompressionRatio}:1; ` +
      `treated as a decompression bomb and not read further`
  )
}

/**
 * raw → decompressor → meter → checks, as one pipeline: a limit that trips destroys every stage, so reading
 * of the compressed input stops too. The ratio counts the compressed bytes zlib has consumed, not those
 * read ahead into its buffers. Errors surface on the returned stream and go into the report.
 */
export function meteredExpansion(
  walk: ContainerWalk,
  raw: Readable,
  decompressor: Gunzip | InflateRaw | null,
  options: Omit<MeterOptions, 'compressedBytes'>,
  checks: Transform[] = []
): Transform {
  const compressedBytes = decompressor ? () => decompressor.bytesWritten : null
  const meter = expansionMeter(walk, { ...options, compressedBytes })
  const stages: Transform[] = decompressor ? [decompressor, meter, ...checks] : [meter, ...checks]
  pipeline([raw, ...stages], ignoreHere)
  const out = stages[stages.length - 1]
  out.on('error', (error: NodeJS.ErrnoException) => {
    // A premature close or an abort is the echo of a destruction whose cause is noted where it happened.
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE' && error.code !== 'ABORT_ERR')
      walk.noteError(options.name, error)
  })
  return out
}

/** Errors reach the reader through the last stream; the pipeline callback has nothing more to do. */
function ignoreHere(): void {}
