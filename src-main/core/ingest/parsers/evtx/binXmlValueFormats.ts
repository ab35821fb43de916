// The structured value types as Windows renders them: binary as upper-case hex, GUIDs in braces, FILETIME and
// SYSTEMTIME in ISO 8601 UTC with seven fraction digits, SIDs as S-1-5-…. Each reads its bytes in place.

import { EvtxDecodeError } from './evtxTypes'
import { fileTimeText, fileTimeTicks } from './fileTime'
import { hex2 } from './binXmlTokens'

/** A chunk's bytes with a view over them, made once per chunk. */
export interface ChunkBytes {
  readonly bytes: Uint8Array
  readonly view: DataView
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => hex2(byte).toUpperCase())

export function hexText(bytes: Uint8Array, offset: number, size: number): string {
  let text = ''
  for (let at = offset; at < offset + size; at++) text += HEX_BYTES[bytes[at]]
  return text
}

/** `{54849625-5478-4994-A5BA-3E3B0328C30D}`: the first three groups are little-endian. */
export function guidText(bytes: Uint8Array, offset: number): string {
  const h = (at: number): string => HEX_BYTES[bytes[offset + at]]
  return (
    `{${h(3)}${h(2)}${h(1)}${h(0)}-${h(5)}${h(4)}-${h(7)}${h(6)}-${h(8)}${h(9)}-` +
    `${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}}`
  )
}

export function fileTimeValueText(view: DataView, offset: number): string {
  const ticks = fileTimeTicks(view.getUint32(offset, true), view.getUint32(offset + 4, true))
  return fileTimeText(ticks) ?? `0x${ticks.toString(16)}`
}

/** SYSTEMTIME's eight 16-bit fields (day of week unused), milliseconds as seven digits like a FILETIME. */
export function systemTimeText(view: DataView, offset: number): string {
  const field = (index: number, width: number): string =>
    String(view.getUint16(offset + index * 2, true)).padStart(width, '0')
  return (
    `${field(0, 4)}-${field(1, 2)}-${field(3, 2)}T${field(4, 2)}:${field(5, 2)}:${field(6, 2)}.` +
    `${field(7, 3)}0000Z`
  )
}

/** The length of the SID at `offset`: 8 bytes of header and 4 per sub-authority. */
export function sidSize(chunk: ChunkBytes, offset: number): number {
  return 8 + 4 * chunk.bytes[offset + 1]
}

export function sidText(chunk: ChunkBytes, offset: number, size: number): string {
  const { bytes, view } = chunk
  if (size < 8 || sidSize(chunk, offset) > size) {
    throw new EvtxDecodeError(
      offset,
      `the SID at chunk offset 0x${offset.toString(16)} needs ${size < 2 ? 8 : sidSize(chunk, offset)} bytes but its substitution declares ${size}`
    )
  }
  const authority = view.getUint16(offset + 2) * 2 ** 32 + view.getUint32(offset + 4)
  const authorityText =
    authority < 2 ** 32 ? String(authority) : `0x${authority.toString(16).toUpperCase().padStart(12, '0')}`
  let text = `S-${bytes[offset]}-${authorityText}`
  for (let index = 0, count = bytes[offset + 1]; index < count; index++) {
    text += `-${view.getUint32(offset + 8 + index * 4, true)}`
  }
  return text
}
