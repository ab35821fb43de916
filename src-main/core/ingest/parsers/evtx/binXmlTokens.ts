// The byte values of Binary XML, the format Windows stores event records in: tokens that open and close
// elements and carry text, and the types of the values a template instance substitutes. Named once here so
// the decoder, the value renderer and the test builder speak the same numbers.

export const Token = {
  endOfStream: 0x00,
  openStartElement: 0x01,
  closeStartElement: 0x02,
  closeEmptyElement: 0x03,
  endElement: 0x04,
  value: 0x05,
  attribute: 0x06,
  cdataSection: 0x07,
  characterReference: 0x08,
  entityReference: 0x09,
  piTarget: 0x0a,
  piData: 0x0b,
  templateInstance: 0x0c,
  normalSubstitution: 0x0d,
  optionalSubstitution: 0x0e,
  fragmentHeader: 0x0f
} as const

/** Set on a token: an element with an attribute list, or more attributes/data to follow. */
export const MORE_FLAG = 0x40

export const ValueType = {
  null: 0x00,
  wString: 0x01,
  ansiString: 0x02,
  int8: 0x03,
  uInt8: 0x04,
  int16: 0x05,
  uInt16: 0x06,
  int32: 0x07,
  uInt32: 0x08,
  int64: 0x09,
  uInt64: 0x0a,
  real32: 0x0b,
  real64: 0x0c,
  bool: 0x0d,
  binary: 0x0e,
  guid: 0x0f,
  sizeT: 0x10,
  fileTime: 0x11,
  systemTime: 0x12,
  sid: 0x13,
  hexInt32: 0x14,
  hexInt64: 0x15,
  evtHandle: 0x20,
  binXml: 0x21,
  evtXml: 0x23
} as const

/** Or-ed into a value type: an array of that type. */
export const ARRAY_FLAG = 0x80

/** Bytes of a name stored in the chunk besides its UTF-16 characters: next offset, hash, length, NUL. */
export const NAME_OVERHEAD = 10
/** Bytes of a template definition before its Binary XML: next offset, GUID, data size. */
export const TEMPLATE_HEADER_SIZE = 24

const TOKEN_NAMES = new Map<number, string>(Object.entries(Token).map(([name, value]) => [value, name]))

/** `attribute (0x46)` for messages; unknown tokens by their number alone. */
export function tokenLabel(token: number): string {
  const name = TOKEN_NAMES.get(token & ~MORE_FLAG)
  return name === undefined ? `0x${hex2(token)}` : `${name} (0x${hex2(token)})`
}

export function hex2(byte: number): string {
  return byte.toString(16).padStart(2, '0')
}
