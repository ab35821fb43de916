// Fixed-width integer reads on raw capture bytes. Captures are read packet by packet at hundreds of MB/s,
// so these work on a Uint8Array and an index (no DataView per chunk, no copies); callers check bounds.

export function readU16BE(bytes: Uint8Array, at: number): number {
  return (bytes[at] << 8) | bytes[at + 1]
}

export function readU32BE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0
}

export function readU16LE(bytes: Uint8Array, at: number): number {
  return bytes[at] | (bytes[at + 1] << 8)
}

export function readU32LE(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}

export function readU16(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  return littleEndian ? readU16LE(bytes, at) : readU16BE(bytes, at)
}

export function readU32(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  return littleEndian ? readU32LE(bytes, at) : readU32BE(bytes, at)
}

/** Two lowercase hex digits per byte, space-separated: how a reason quotes bytes that are not text. */
export function hexBytes(bytes: Uint8Array, start: number, end: number): string {
  const parts: string[] = []
  for (let index = start; index < end; index++) parts.push(bytes[index].toString(16).padStart(2, '0'))
  return parts.join(' ')
}

/** Bytes as text, one character per byte (latin1): protocol text (HTTP headers) may hold any byte. */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = ''
  for (let index = start; index < end; index++) text += String.fromCharCode(bytes[index])
  return text
}
