// Builds the zips, tars and gzip streams the container tests need, in memory: hostile ones (unsafe names,
// lying headers, bombs) cannot be made with ordinary tools, and nothing large is ever committed. Bombs are
// built from one deflated MiB of zeros repeated: every chunk ends in a full flush, so the copies join into
// one valid deflate stream of any length at about 1/1000 of its size.

import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib'
import { pack } from 'tar-stream'
import type { Header } from 'tar-stream'
import { tempDir } from '../../helpers/tempDir'

export interface ZipEntrySpec {
  /** Stored as is: a Buffer for names that are not valid UTF-8 or hold a NUL. */
  name: string | Buffer
  data?: Buffer
  /** 0 stored, 8 deflated (the default), anything else is written as declared with `data` as its bytes. */
  method?: number
  /** The member's bytes as stored, instead of compressing `data`. */
  stored?: Buffer
  /** Header values that lie, when given. */
  declaredSize?: number
  declaredCrc?: number
  /** General purpose flags: bit 0 is encryption. */
  flags?: number
  /** Unix mode bits in the external attributes (0o120777 for a symbolic link). */
  unixMode?: number
  /** DOS time of the entry, read as UTC. */
  modified?: Date
}

const UTF8_NAMES = 0x800

export function buildZip(entries: ZipEntrySpec[], trailing = Buffer.alloc(0)): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const spec of entries) {
    const name = typeof spec.name === 'string' ? Buffer.from(spec.name, 'utf8') : spec.name
    const data = spec.data ?? Buffer.alloc(0)
    const method = spec.method ?? 8
    const stored = spec.stored ?? (method === 8 ? deflateRawSync(data) : data)
    const flags = (spec.flags ?? 0) | (typeof spec.name === 'string' ? UTF8_NAMES : 0)
    const crc = spec.declaredCrc ?? crc32(data)
    const size = spec.declaredSize ?? data.length
    const { time, date } = dosDateTime(spec.modified ?? new Date(Date.UTC(2024, 2, 1, 12, 30, 10)))
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(stored.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(spec.unixMode === undefined ? 20 : (3 << 8) | 20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(stored.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(((spec.unixMode ?? 0) << 16) >>> 0, 38)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, stored)
    centrals.push(central, name)
    offset += local.length + name.length + stored.length
  }
  const directory = Buffer.concat(centrals)
  return Buffer.concat([...locals, directory, endRecords(entries.length, directory.length, offset), trailing])
}

/** The end of central directory record, preceded by zip64 records when the entries do not fit 16 bits. */
function endRecords(count: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(count, 0xffff), 8)
  end.writeUInt16LE(Math.min(count, 0xffff), 10)
  end.writeUInt32LE(directorySize, 12)
  end.writeUInt32LE(directoryOffset, 16)
  if (count < 0xffff) return end
  const zip64End = Buffer.alloc(56)
  zip64End.writeUInt32LE(0x06064b50, 0)
  zip64End.writeBigUInt64LE(44n, 4)
  zip64End.writeUInt16LE(45, 12)
  zip64End.writeUInt16LE(45, 14)
  zip64End.writeBigUInt64LE(BigInt(count), 24)
  zip64End.writeBigUInt64LE(BigInt(count), 32)
  zip64End.writeBigUInt64LE(BigInt(directorySize), 40)
  zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48)
  const locator = Buffer.alloc(20)
  locator.writeUInt32LE(0x07064b50, 0)
  locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8)
  locator.writeUInt32LE(1, 16)
  return Buffer.concat([zip64End, locator, end])
}

function dosDateTime(when: Date): { time: number; date: number } {
  return {
    time: (when.getUTCHours() << 11) | (when.getUTCMinutes() << 5) | (when.getUTCSeconds() >> 1),
    date: ((when.getUTCFullYear() - 1980) << 9) | ((when.getUTCMonth() + 1) << 5) | when.getUTCDate()
  }
}

const FULL_FLUSH = { finishFlush: zlibConstants.Z_FULL_FLUSH }

/** Raw deflate data of `prefix` followed by `mebibytes` MiB of zeros. */
export function deflatedZeros(mebibytes: number, prefix: Buffer = Buffer.alloc(0)): Buffer {
  const zeroMiB = deflateRawSync(Buffer.alloc(1024 * 1024), FULL_FLUSH)
  const parts = [deflateRawSync(prefix, FULL_FLUSH)]
  for (let i = 0; i < mebibytes; i++) parts.push(zeroMiB)
  parts.push(deflateRawSync(Buffer.alloc(0)))
  return Buffer.concat(parts)
}

/** A gzip member around raw deflate data; the trailer's CRC and size are only right when given. */
export function gzipMember(deflated: Buffer, crc = 0, size = 0): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size >>> 0, 4)
  return Buffer.concat([header, deflated, trailer])
}

/** A POSIX ustar header block for a regular file (enough to start a tar; no data follows). */
export function tarHeader(name: string, size: number): Buffer {
  const block = Buffer.alloc(512)
  block.write(name, 0, 100, 'utf8')
  block.write('0000644\0', 100)
  block.write('0000000\0', 108)
  block.write('0000000\0', 116)
  block.write(`${size.toString(8).padStart(11, '0')}\0`, 124)
  block.write('14606400000\0', 136)
  block.write('        ', 148)
  block.write('0', 156)
  block.write('ustar\u000000', 257)
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148)
  return block
}

/** Writes bytes to a fresh temporary folder and returns the file's path. */
export function writeTemp(name: string, bytes: Buffer | string): string {
  const path = join(tempDir('cairn-containers-'), name)
  writeFileSync(path, bytes)
  return path
}

export interface TarEntrySpec extends Partial<Header> {
  name: string
  content?: string | Buffer
}

export async function buildTar(entries: TarEntrySpec[]): Promise<Buffer> {
  const tar = pack()
  for (const { content, ...header } of entries) {
    if (content === undefined) tar.entry(header)
    else tar.entry(header, content)
  }
  tar.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of tar) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}
