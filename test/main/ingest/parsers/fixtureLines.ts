// Reads test inputs the way the line reader hands them to parsers (without newlines, and without the empty
// string after the final newline): the project's own ingest fixtures (test/fixtures/ingest) and the real
// third-party samples in ../shared/datasets, which some arrive gzip- or zip-compressed.

import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync, inflateRawSync } from 'node:zlib'

export const INGEST_FIXTURES = fileURLToPath(new URL('../../../fixtures/ingest/', import.meta.url))
export const DATASETS = fileURLToPath(new URL('../../../../../shared/datasets/', import.meta.url))

/** A text's lines: split at '\n', without the empty string after a final newline. */
export function linesOf(text: string): string[] {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function fixtureText(fixture: string): string {
  return readFileSync(join(INGEST_FIXTURES, fixture), 'utf8')
}

export function readFixtureLines(fixture: string): string[] {
  return linesOf(fixtureText(fixture))
}

/** Lines of a gzip-compressed dataset file. */
export function gzipLines(path: string): string[] {
  return linesOf(gunzipSync(readFileSync(path)).toString('utf8'))
}

/**
 * The first member of a zip, inflated: enough of the format for the dataset archives, which hold one file
 * each with its sizes in the local header (general purpose flag bit 3 clear).
 */
export function readFirstZipMember(path: string): string {
  const zip = readFileSync(path)
  if (zip.readUInt32LE(0) !== 0x04034b50)
    throw new Error(`${path} does not start with a zip local file header`)
  if ((zip.readUInt16LE(6) & 0x08) !== 0) throw new Error(`${path} keeps its sizes in a data descriptor`)
  const method = zip.readUInt16LE(8)
  const compressedSize = zip.readUInt32LE(18)
  const dataStart = 30 + zip.readUInt16LE(26) + zip.readUInt16LE(28)
  const data = zip.subarray(dataStart, dataStart + compressedSize)
  if (method === 0) return data.toString('utf8')
  if (method === 8) return inflateRawSync(data).toString('utf8')
  throw new Error(`${path}: compression method ${method} is neither stored nor deflate`)
}

/** Whether `unzip` can be run, for the archives with several members, read with `unzip -p`. */
export function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
