// Reading and quoting raw bytes for the EVTX frame reader: 64-bit counters as plain numbers (record ids and
// chunk numbers stay far below 2^53), and offsets and bytes written so a responder can find them in a hex
// editor (decimal with hex beside it; unreadable bytes as hex with their printable characters).

/** A little-endian unsigned 64-bit field as a number (exact below 2^53). */
export function readU64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 4_294_967_296
}

/** `4,096 (0x1000)`. */
export function offsetText(offset: number): string {
  return `${offset.toLocaleString('en-US')} (0x${offset.toString(16)})`
}

/** `65,536 bytes`, `1 byte`. */
export function byteCount(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'byte' : 'bytes'}`
}

/** `0x1a2b3c4d`: how checksums are quoted. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`
}

/** `50 4b 03 04 ("PK..")`: bytes as hex, then as text with non-printable bytes shown as dots. */
export function quoteBytes(bytes: Uint8Array, start: number, end: number): string {
  const hex: string[] = []
  let text = ''
  for (let at = start; at < end; at++) {
    const byte = bytes[at]
    hex.push(byte.toString(16).padStart(2, '0'))
    text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.'
  }
  return hex.length === 0 ? 'no bytes' : `${hex.join(' ')} ("${text}")`
}
