// Substitution values as text, the way Windows and evtx_dump render them (the form Sigma rules match):
// integers in decimal, hex integers as 0x…, times in ISO 8601 UTC, GUIDs in braces, SIDs as S-1-…, binary as
// upper-case hex, arrays joined by commas. Embedded Binary XML (0x21) is not text: the decoder handles it.

import { EvtxDecodeError } from './evtxTypes'
import { ARRAY_FLAG, ValueType, hex2 } from './binXmlTokens'
import { realText } from './binXmlNumbers'
import { ansiText, utf16Text, withoutTrailingNuls } from './binXmlStrings'
import {
  fileTimeValueText,
  guidText,
  hexText,
  sidSize,
  sidText,
  systemTimeText,
  type ChunkBytes
} from './binXmlValueFormats'

const FIXED_SIZES = new Map<number, number>([
  [ValueType.int8, 1],
  [ValueType.uInt8, 1],
  [ValueType.int16, 2],
  [ValueType.uInt16, 2],
  [ValueType.int32, 4],
  [ValueType.uInt32, 4],
  [ValueType.int64, 8],
  [ValueType.uInt64, 8],
  [ValueType.real32, 4],
  [ValueType.real64, 8],
  [ValueType.bool, 4],
  [ValueType.guid, 16],
  [ValueType.fileTime, 8],
  [ValueType.systemTime, 16],
  [ValueType.hexInt32, 4],
  [ValueType.hexInt64, 8]
])

const TYPE_NAMES = new Map<number, string>(Object.entries(ValueType).map(([name, value]) => [value, name]))

/** `uInt32 (0x08)`, `array of wString (0x81)` for messages. */
export function valueTypeLabel(type: number): string {
  const name = TYPE_NAMES.get(type & ~ARRAY_FLAG) ?? 'unknown type'
  return `${(type & ARRAY_FLAG) !== 0 ? 'array of ' : ''}${name} (0x${hex2(type)})`
}

/** The bytes a value of this type always takes, or undefined when it carries its own size. */
export function fixedValueSize(type: number): number | undefined {
  return FIXED_SIZES.get(type)
}

/** The text of a value of `size` bytes at `offset` in the chunk; Null renders as ''. */
export function valueText(chunk: ChunkBytes, offset: number, size: number, type: number): string {
  if ((type & ARRAY_FLAG) !== 0) return arrayText(chunk, offset, size, type & ~ARRAY_FLAG)
  switch (type) {
    case ValueType.null:
      return ''
    case ValueType.wString:
    case ValueType.evtXml:
      return withoutTrailingNuls(utf16Text(chunk.bytes, offset, size >>> 1))
    case ValueType.ansiString:
      return withoutTrailingNuls(ansiText(chunk.bytes, offset, size))
    case ValueType.binary:
      return hexText(chunk.bytes, offset, size)
    case ValueType.sid:
      return sidText(chunk, offset, size)
    case ValueType.sizeT:
    case ValueType.evtHandle:
      return sizedIntegerText(chunk, offset, size, type)
    default:
      return fixedText(chunk, offset, size, type)
  }
}

function fixedText(chunk: ChunkBytes, offset: number, size: number, type: number): string {
  const expected = FIXED_SIZES.get(type)
  if (expected === undefined) {
    throw new EvtxDecodeError(
      offset,
      `unknown substitution value type 0x${hex2(type)} at chunk offset 0x${offset.toString(16)}`
    )
  }
  if (size !== expected) {
    throw new EvtxDecodeError(
      offset,
      `a ${valueTypeLabel(type)} value takes ${expected} bytes but its substitution at chunk offset 0x${offset.toString(16)} declares ${size}`
    )
  }
  return oneFixedText(chunk, offset, type)
}

/** One value of a fixed-size type; the caller has checked the size. */
function oneFixedText(chunk: ChunkBytes, offset: number, type: number): string {
  const { view } = chunk
  switch (type) {
    case ValueType.int8:
      return String(view.getInt8(offset))
    case ValueType.uInt8:
      return String(view.getUint8(offset))
    case ValueType.int16:
      return String(view.getInt16(offset, true))
    case ValueType.uInt16:
      return String(view.getUint16(offset, true))
    case ValueType.int32:
      return String(view.getInt32(offset, true))
    case ValueType.uInt32:
      return String(view.getUint32(offset, true))
    case ValueType.int64:
      return view.getBigInt64(offset, true).toString()
    case ValueType.uInt64:
      return uInt64Text(view, offset, 10)
    case ValueType.real32:
      return realText(view.getFloat32(offset, true), true)
    case ValueType.real64:
      return realText(view.getFloat64(offset, true), false)
    case ValueType.bool:
      return view.getUint32(offset, true) !== 0 ? 'true' : 'false'
    case ValueType.guid:
      return guidText(chunk.bytes, offset)
    case ValueType.fileTime:
      return fileTimeValueText(view, offset)
    case ValueType.systemTime:
      return systemTimeText(view, offset)
    case ValueType.hexInt32:
      return `0x${view.getUint32(offset, true).toString(16)}`
    default:
      return `0x${uInt64Text(view, offset, 16)}`
  }
}

function uInt64Text(view: DataView, offset: number, radix: 10 | 16): string {
  const high = view.getUint32(offset + 4, true)
  if (high === 0) return view.getUint32(offset, true).toString(radix)
  return view.getBigUint64(offset, true).toString(radix)
}

/** size_t and handles: pointer-sized, written by Windows in hex (a handle in decimal). */
function sizedIntegerText(chunk: ChunkBytes, offset: number, size: number, type: number): string {
  if (size !== 4 && size !== 8) {
    throw new EvtxDecodeError(
      offset,
      `a ${valueTypeLabel(type)} value takes 4 or 8 bytes but its substitution at chunk offset 0x${offset.toString(16)} declares ${size}`
    )
  }
  const radix = type === ValueType.sizeT ? 16 : 10
  const digits =
    size === 4 ? chunk.view.getUint32(offset, true).toString(radix) : uInt64Text(chunk.view, offset, radix)
  return radix === 16 ? `0x${digits}` : digits
}

/** An array (0x80 | type): its items rendered one by one and joined by commas, as evtx_dump does. */
function arrayText(chunk: ChunkBytes, offset: number, size: number, type: number): string {
  const items: string[] = []
  const end = offset + size
  if (type === ValueType.wString) {
    const text = utf16Text(chunk.bytes, offset, size >>> 1)
    return (text.endsWith('\0') ? text.slice(0, -1) : text).split('\0').join(',')
  }
  if (type === ValueType.ansiString) {
    const text = ansiText(chunk.bytes, offset, size)
    return (text.endsWith('\0') ? text.slice(0, -1) : text).split('\0').join(',')
  }
  if (type === ValueType.sid) {
    for (let at = offset; at < end; at += sidSize(chunk, at)) items.push(sidText(chunk, at, end - at))
    return items.join(',')
  }
  if (type === ValueType.binary || type === ValueType.null) return valueText(chunk, offset, size, type)
  const itemSize =
    type === ValueType.sizeT || type === ValueType.evtHandle
      ? size % 8 === 0
        ? 8
        : 4
      : FIXED_SIZES.get(type)
  if (itemSize === undefined || size % itemSize !== 0) {
    throw new EvtxDecodeError(
      offset,
      `an ${valueTypeLabel(type | ARRAY_FLAG)} value at chunk offset 0x${offset.toString(16)} cannot be ${size} bytes long`
    )
  }
  for (let at = offset; at < end; at += itemSize) items.push(valueText(chunk, at, itemSize, type))
  return items.join(',')
}
