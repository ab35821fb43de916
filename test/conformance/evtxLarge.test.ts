// A 500 MB EVTX file, built from the real samples' chunks by ../shared/scripts/build_big_evtx.py, read in
// 1 MiB pieces as an import reads it: every live record the chunk headers count becomes an event, and
// memory stays flat (the reader holds one chunk at a time, whatever the size of the file).

import { execFileSync } from 'node:child_process'
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RECOVERED_FIELD, evtxFormat } from '../../src-main/core/ingest/parsers/evtx/evtxFormat'
import type { RecordOutcome } from '../../src-main/core/ingest/parser'
import { tempDir } from '../main/helpers/tempDir'
import { HAVE_DATASETS, dataset } from './support'

const BUILD_BIG_EVTX = resolve(__dirname, '../../../shared/scripts/build_big_evtx.py')
const HAVE_BUILDER = HAVE_DATASETS && existsSync(BUILD_BIG_EVTX) && existsSync('/usr/bin/python3')
const MIB = 1024 * 1024

/** Live records by the chunk headers: last minus first event record number, plus one, per chunk. */
function recordsByChunkHeaders(path: string): number {
  const fd = openSync(path, 'r')
  const header = Buffer.alloc(24)
  let total = 0
  try {
    for (let at = 4096; at + 65536 <= statSync(path).size; at += 65536) {
      readSync(fd, header, 0, 24, at)
      if (header.toString('latin1', 0, 8) !== 'ElfChnk\0') continue
      total += Number(header.readBigUInt64LE(16) - header.readBigUInt64LE(8)) + 1
    }
  } finally {
    closeSync(fd)
  }
  return total
}

describe.skipIf(!HAVE_BUILDER)('a 500 MB EVTX file', () => {
  it('reads every live record the chunk headers count, in flat memory', () => {
    const path = join(tempDir(), 'big.evtx')
    execFileSync('/usr/bin/python3', [BUILD_BIG_EVTX, dataset('evtx-attack-samples'), path, '500'])
    const expected = recordsByChunkHeaders(path)
    const reader = evtxFormat.create({ timeZone: 'UTC', referenceYear: 2026 })
    let live = 0
    let recovered = 0
    const rejected: string[] = []
    const settle = (outcome: RecordOutcome): void => {
      if (outcome.kind === 'rejected') rejected.push(outcome.reason)
      else if (outcome.kind === 'event') {
        if (outcome.event.extra?.[RECOVERED_FIELD] === undefined) live++
        else recovered++
      }
    }
    const piece = Buffer.alloc(MIB)
    const fd = openSync(path, 'r')
    global.gc?.()
    const heapBefore = process.memoryUsage().heapUsed
    let heapPeak = heapBefore
    try {
      for (let read = readSync(fd, piece); read > 0; read = readSync(fd, piece)) {
        reader.write(piece.subarray(0, read), settle)
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
      }
      reader.end(settle)
    } finally {
      closeSync(fd)
    }
    const grownMiB = (heapPeak - heapBefore) / MIB
    console.log(
      `EVTX 500 MB: ${live} live records (chunk headers count ${expected}), ${recovered} recovered from ` +
        `slack, heap grew by at most ${grownMiB.toFixed(0)} MiB while reading ${(statSync(path).size / MIB).toFixed(0)} MiB`
    )
    expect(rejected).toEqual([])
    expect(live).toBe(expected)
    // Garbage is collected as it goes: the heap never holds more than a small part of the file.
    expect(grownMiB).toBeLessThan(200)
  }, 600_000)
})
