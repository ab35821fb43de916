import { describe, expect, it } from 'vitest'
import { ChunkBinXml } from '../../../../../src-main/core/ingest/parsers/evtx/binXmlDecoder'
import { ValueType } from '../../../../../src-main/core/ingest/parsers/evtx/binXmlTokens'
import type { XmlElement } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'
import { BinXmlBuilder, value, type BxValue } from '../../../helpers/binXmlBuilder'

/** `<Data Value="{0}">{0}</Data>` instantiated with one value: the element as decoded. */
function decodeOne(item: BxValue, optional = false): XmlElement {
  const builder = new BinXmlBuilder()
  const slot = { substitution: 0, optional, type: item.type }
  const template = {
    id: 1,
    nodes: [{ element: 'Data', attributes: [{ name: 'Value', value: [slot] }], children: [slot] }]
  }
  const { start, end } = builder.record([{ templateInstance: template, values: [item] }])
  return new ChunkBinXml(builder.chunk).decode(start, end)
}

function textOf(item: BxValue): string {
  const element = decodeOne(item)
  const attribute = element.attributes[0]?.value
  const text = element.children.join('')
  expect(attribute).toBe(text)
  return text
}

// GUID {54849625-5478-4994-A5BA-3E3B0328C30D} as stored: the first three groups little-endian.
const GUID_BYTES = [
  0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d
]
const GUID_TEXT = '{54849625-5478-4994-A5BA-3E3B0328C30D}'

describe('substitution values as text', () => {
  it('renders strings without their trailing NULs', () => {
    expect(textOf(value.wString('C:\\Windows\0\0'))).toBe('C:\\Windows')
    expect(textOf(value.wString('a\0b'))).toBe('a\0b')
    // Windows-1252: 0xE9 is é, 0x80 is €
    expect(textOf(value.ansiString([0x41, 0xe9, 0x80, 0x00]))).toBe('Aé€')
    expect(textOf(value.evtXml('<a/>'))).toBe('<a/>')
  })

  it('renders integers of every width in decimal', () => {
    expect(textOf(value.int8(-5))).toBe('-5')
    expect(textOf(value.uInt8(200))).toBe('200')
    expect(textOf(value.int16(-300))).toBe('-300')
    expect(textOf(value.uInt16(65535))).toBe('65535')
    expect(textOf(value.int32(-2147483648))).toBe('-2147483648')
    expect(textOf(value.uInt32(4294967295))).toBe('4294967295')
    expect(textOf(value.int64(-9007199254740993n))).toBe('-9007199254740993')
    expect(textOf(value.uInt64(18446744073709551615n))).toBe('18446744073709551615')
    expect(textOf(value.uInt64(4660n))).toBe('4660')
    expect(textOf(value.evtHandle(42))).toBe('42')
  })

  it('renders hex integers as 0x and lower-case digits without padding', () => {
    expect(textOf(value.hexInt32(0x3e7))).toBe('0x3e7')
    expect(textOf(value.hexInt32(0))).toBe('0x0')
    expect(textOf(value.hexInt64(0x8020000000000000n))).toBe('0x8020000000000000')
    expect(textOf(value.hexInt64(0x17dadn))).toBe('0x17dad')
    expect(textOf(value.sizeT(0x7ff6a000n, 8))).toBe('0x7ff6a000')
    expect(textOf(value.sizeT(16n, 4))).toBe('0x10')
  })

  it('renders floats as the shortest plain decimal that reads back the same', () => {
    expect(textOf(value.real32(0x3dcccccd))).toBe('0.1') // 0.1f
    expect(textOf(value.real32(0x4b800000))).toBe('16777216') // 2^24
    expect(textOf(value.real32(0xc0200000))).toBe('-2.5')
    expect(textOf(value.real64(-2.5))).toBe('-2.5')
    expect(textOf(value.real64(1e-7))).toBe('0.0000001')
    expect(textOf(value.real64(1e21))).toBe('1000000000000000000000')
  })

  it('renders booleans, binary, GUIDs and SIDs as Windows does', () => {
    expect(textOf(value.bool(1))).toBe('true')
    expect(textOf(value.bool(0))).toBe('false')
    expect(textOf(value.binary([0x00, 0xab, 0x10]))).toBe('00AB10')
    expect(textOf(value.guid(GUID_BYTES))).toBe(GUID_TEXT)
    expect(textOf(value.sid(1, 5, [18]))).toBe('S-1-5-18')
    expect(textOf(value.sid(1, 5, [21, 1004336348, 1177238915, 682003330, 512]))).toBe(
      'S-1-5-21-1004336348-1177238915-682003330-512'
    )
    expect(textOf(value.sid(1, 0x010000000000, [1]))).toBe('S-1-0x010000000000-1')
  })

  it('renders FILETIME and SYSTEMTIME in ISO 8601 UTC with seven fraction digits', () => {
    // (1565791604 s * 10^7 + 4956740) + 116444736000000000 (1601 → 1970)
    expect(textOf(value.fileTime(132102652044956740n))).toBe('2019-08-14T14:06:44.4956740Z')
    expect(textOf(value.systemTime([2019, 8, 3, 14, 14, 6, 44, 495]))).toBe('2019-08-14T14:06:44.4950000Z')
    expect(textOf(value.fileTime(0xffffffffffffffffn))).toBe('0xffffffffffffffff')
  })

  it('renders arrays item by item, joined by commas', () => {
    expect(textOf(value.array([value.wString('a'), value.wString(''), value.wString('b')]))).toBe('a,,b')
    expect(textOf(value.array([value.ansiString([0x78]), value.ansiString([0x79])]))).toBe('x,y')
    expect(textOf(value.array([value.int8(-1), value.int8(2)]))).toBe('-1,2')
    expect(textOf(value.array([value.uInt8(1), value.uInt8(255)]))).toBe('1,255')
    expect(textOf(value.array([value.int16(-2), value.int16(3)]))).toBe('-2,3')
    expect(textOf(value.array([value.uInt16(1), value.uInt16(2)]))).toBe('1,2')
    expect(textOf(value.array([value.int32(-7), value.int32(8)]))).toBe('-7,8')
    expect(textOf(value.array([value.uInt32(9), value.uInt32(10)]))).toBe('9,10')
    expect(textOf(value.array([value.int64(-1n), value.int64(1n)]))).toBe('-1,1')
    expect(textOf(value.array([value.uInt64(5n), value.uInt64(6n)]))).toBe('5,6')
    expect(textOf(value.array([value.real32(0x3fc00000), value.real32(0x40000000)]))).toBe('1.5,2')
    expect(textOf(value.array([value.real64(1.5), value.real64(2)]))).toBe('1.5,2')
    expect(textOf(value.array([value.bool(1), value.bool(0)]))).toBe('true,false')
    expect(textOf(value.array([value.guid(GUID_BYTES), value.guid(GUID_BYTES)]))).toBe(
      `${GUID_TEXT},${GUID_TEXT}`
    )
    expect(textOf(value.array([value.sizeT(1n, 8), value.sizeT(255n, 8)]))).toBe('0x1,0xff')
    expect(textOf(value.array([value.fileTime(116444736000000000n)]))).toBe('1970-01-01T00:00:00.0000000Z')
    expect(textOf(value.array([value.systemTime([2020, 1, 0, 2, 3, 4, 5, 6])]))).toBe(
      '2020-01-02T03:04:05.0060000Z'
    )
    expect(textOf(value.array([value.sid(1, 5, [18]), value.sid(1, 5, [32, 544])]))).toBe(
      'S-1-5-18,S-1-5-32-544'
    )
    expect(textOf(value.array([value.hexInt32(1), value.hexInt32(255)]))).toBe('0x1,0xff')
    expect(textOf(value.array([value.hexInt64(0x10n), value.hexInt64(0n)]))).toBe('0x10,0x0')
    expect(textOf(value.array([value.binary([1, 2]), value.binary([0xff])]))).toBe('0102FF')
  })

  it('leaves a Null value empty, and an optional Null out of the attribute and the content', () => {
    const normal = decodeOne(value.null())
    expect(normal.attributes).toEqual([{ name: 'Value', value: '' }])
    expect(normal.children).toEqual([])
    const optional = decodeOne(value.null(), true)
    expect(optional.attributes).toEqual([])
    expect(optional.children).toEqual([])
    expect(decodeOne(value.wString('x'), true).attributes).toEqual([{ name: 'Value', value: 'x' }])
  })

  it('decodes embedded Binary XML into child elements (and nothing in an attribute)', () => {
    const inner = { id: 7, nodes: [{ element: 'Inner', children: [{ substitution: 0 }] }] }
    const embedded = value.binXml([{ templateInstance: inner, values: [value.uInt32(5)] }])
    const element = decodeOne(embedded)
    expect(element.attributes).toEqual([{ name: 'Value', value: '' }])
    expect(element.children).toEqual([{ kind: 'element', name: 'Inner', attributes: [], children: ['5'] }])
  })

  it('rejects a value whose size does not fit its type', () => {
    const wrong: BxValue = { type: ValueType.uInt32, write: (b) => b.u16(1) }
    expect(() => decodeOne(wrong)).toThrow(/uInt32 \(0x08\) value takes 4 bytes .* declares 2/)
    const unknown: BxValue = { type: 0x30, write: (b) => b.u32(1) }
    expect(() => decodeOne(unknown)).toThrow(/unknown substitution value type 0x30/)
  })
})
