// The first bytes of an evidence file as its format is judged from them: decompressed when the file is
// gzip, read without touching the rest of the file.

import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { isGzipFile } from './byteSource'
import { SAMPLE_BYTES } from './sourceSample'

export interface FileHead {
  bytes: Buffer
  /** True when `bytes` is the whole (decompressed) file. */
  complete: boolean
  compressed: boolean
  /** Why reading stopped before the head was full (damaged gzip data), if it did. */
  damage: string | null
}

export async function sampleFileHead(path: string): Promise<FileHead> {
  const compressed = isGzipFile(path)
  const raw = createReadStream(path, { highWaterMark: 64 * 1024 })
  const stream = compressed ? raw.pipe(createGunzip()) : raw
  const chunks: Buffer[] = []
  let have = 0
  let complete = true
  let damage: string | null = null
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk)
      have += chunk.length
      if (have >= SAMPLE_BYTES) {
        complete = false
        break
      }
    }
  } catch (error) {
    // A damaged gzip: judge by what came out before the damage; the import reports the damage itself.
    damage = `the gzip data is damaged (${(error as Error).message})`
  } finally {
    raw.destroy()
    stream.destroy()
  }
  return { bytes: Buffer.concat(chunks).subarray(0, SAMPLE_BYTES), complete, compressed, damage }
}
