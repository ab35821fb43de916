import { describe, expect, it } from 'vitest'
import { ChunkBinXml } from '../../../../../src-main/core/ingest/parsers/evtx/binXmlDecoder'
import { EvtxDecodeError, type XmlElement } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'
import { BinXmlBuilder, value, type BxNode, type BxTemplate } from '../../../helpers/binXmlBuilder'

function decode(nodes: BxNode[]): XmlElement {
  const builder = new BinXmlBuilder()
  const { start, end } = builder.record(nodes)
  return new ChunkBinXml(builder.chunk).decode(start, end)
}

function decodeError(chunk: Uint8Array, start: number, end: number): EvtxDecodeError {
  try {
    new ChunkBinXml(chunk).decode(start, end)
  } catch (error) {
    if (error instanceof EvtxDecodeError) return error
    throw error
  }
  throw new Error('expected an EvtxDecodeError')
}

const element = (
  name: string,
  children: XmlElement['children'] = [],
  attributes: XmlElement['attributes'] = []
): XmlElement => ({
  kind: 'element',
  name,
  attributes,
  children
})

/** An Event template like Windows': System values by substitution, Qualifiers optional. */
const EVENT_TEMPLATE: BxTemplate = {
  id: 0x1234,
  nodes: [
    {
      element: 'Event',
      attributes: [
        { name: 'xmlns', value: [{ text: 'http://schemas.microsoft.com/win/2004/08/events/event' }] }
      ],
      children: [
        {
          element: 'System',
          children: [
            {
              element: 'EventID',
              attributes: [{ name: 'Qualifiers', value: [{ substitution: 1, optional: true, type: 6 }] }],
              children: [{ substitution: 0, type: 6 }]
            },
            { element: 'Computer', children: [{ substitution: 2 }] }
          ]
        },
        { element: 'EventData', children: [{ substitution: 3, type: 0x21 }] }
      ]
    }
  ]
}

const DATA_TEMPLATE: BxTemplate = {
  id: 0x99,
  nodes: [
    {
      element: 'Data',
      attributes: [{ name: 'Name', value: [{ text: 'User' }] }],
      children: [{ substitution: 0 }]
    }
  ]
}

function eventValues(eventId: number, computer: string, user: string) {
  return [
    value.uInt16(eventId),
    value.null(),
    value.wString(computer),
    value.binXml([{ templateInstance: DATA_TEMPLATE, values: [value.wString(user)] }])
  ]
}

const NAMESPACE = { name: 'xmlns', value: 'http://schemas.microsoft.com/win/2004/08/events/event' }

describe('Binary XML tokens', () => {
  it('reads elements, attributes (flag 0x40), text, close-empty and end-element tokens', () => {
    const root = decode([
      {
        element: 'Event',
        attributes: [
          { name: 'a', value: [{ text: '1' }] },
          { name: 'b', value: [{ text: 'x' }, { charRef: 0x41 }, { entityRef: 'amp' }] }
        ],
        children: [
          { element: 'Empty' },
          { element: 'Text', children: [{ text: 'hello ' }, { text: 'world' }] }
        ]
      }
    ])
    expect(root).toEqual(
      element(
        'Event',
        [element('Empty'), element('Text', ['hello world'])],
        [
          { name: 'a', value: '1' },
          { name: 'b', value: 'xA&' }
        ]
      )
    )
  })

  it('resolves character and entity references in text, keeping unknown entities as written', () => {
    const root = decode([
      {
        element: 'T',
        children: [
          { text: 'a' },
          { charRef: 0x263a },
          { entityRef: 'lt' },
          { entityRef: 'gt' },
          { entityRef: 'quot' },
          { entityRef: 'apos' },
          { entityRef: 'nbsp' }
        ]
      }
    ])
    expect(root.children).toEqual(['a\u263a<>"\'&nbsp;'])
  })

  it('reads CDATA sections and processing instructions (target with and without data)', () => {
    const root = decode([
      {
        element: 'T',
        children: [{ cdata: 'a < b' }, { pi: 'xml-stylesheet', data: 'href="s.xsl"' }, { pi: 'empty' }]
      }
    ])
    expect(root.children).toEqual([
      { kind: 'cdata', text: 'a < b' },
      { kind: 'pi', target: 'xml-stylesheet', data: 'href="s.xsl"' },
      { kind: 'pi', target: 'empty', data: '' }
    ])
  })

  it('instantiates a template with normal and optional substitutions and embedded Binary XML', () => {
    const root = decode([{ templateInstance: EVENT_TEMPLATE, values: eventValues(4624, 'DC01', 'bob') }])
    expect(root).toEqual(
      element(
        'Event',
        [
          element('System', [element('EventID', ['4624']), element('Computer', ['DC01'])]),
          element('EventData', [element('Data', ['bob'], [{ name: 'Name', value: 'User' }])])
        ],
        [NAMESPACE]
      )
    )
  })

  it('reads inline definitions and names on first use and references to them later in the chunk', () => {
    const builder = new BinXmlBuilder()
    const first = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(1, 'A', 'u1') }])
    const second = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(2, 'B', 'u2') }])
    // The second record is shorter: no definition and no names of its own.
    expect(second.end - second.start).toBeLessThan(first.end - first.start - 100)
    const decoder = new ChunkBinXml(builder.chunk)
    expect(decoder.decode(first.start, first.end).children[0]).toEqual(
      element('System', [element('EventID', ['1']), element('Computer', ['A'])])
    )
    expect(decoder.decode(second.start, second.end).children[0]).toEqual(
      element('System', [element('EventID', ['2']), element('Computer', ['B'])])
    )
    // A fresh decoder reads the referenced definition and names straight from their offsets.
    const fresh = new ChunkBinXml(builder.chunk).decode(second.start, second.end)
    expect(fresh.children[1]).toEqual(
      element('EventData', [element('Data', ['u2'], [{ name: 'Name', value: 'User' }])])
    )
  })

  it('still decodes later records when the record holding the definition is damaged before it', () => {
    const builder = new BinXmlBuilder()
    const first = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(1, 'A', 'u1') }])
    const second = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(2, 'B', 'u2') }])
    builder.chunk[first.start + 4] = 0x1f
    const decoder = new ChunkBinXml(builder.chunk)
    expect(() => decoder.decode(first.start, first.end)).toThrow(/unknown Binary XML token 0x1f/)
    const root = decoder.decode(second.start, second.end)
    expect(root.children[0]).toEqual(
      element('System', [element('EventID', ['2']), element('Computer', ['B'])])
    )
  })

  it('tells a record whose referenced template now has another id, and refuses it even once cached', () => {
    const builder = new BinXmlBuilder()
    const first = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(1, 'A', 'u1') }])
    const second = builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(2, 'B', 'u2') }])
    const decoder = new ChunkBinXml(builder.chunk)
    decoder.decode(first.start, first.end)
    expect(decoder.hasCurrentTemplate(first.start, first.end)).toBe(true)
    expect(decoder.hasCurrentTemplate(second.start, second.end)).toBe(true)
    // The second record's instance (4 bytes in) names template id 0x1234 (2 bytes further on); claim 0x9999.
    new DataView(builder.chunk.buffer).setUint32(second.start + 4 + 2, 0x9999, true)
    expect(decoder.hasCurrentTemplate(second.start, second.end)).toBe(false)
    expect(() => decoder.decode(second.start, second.end)).toThrow(/expects template id 0x9999/)
  })

  it('shares unchanging parts of a template between records without letting them be changed', () => {
    const builder = new BinXmlBuilder()
    const first = builder.record([{ templateInstance: DATA_TEMPLATE, values: [value.wString('a')] }])
    const second = builder.record([{ templateInstance: DATA_TEMPLATE, values: [value.wString('b')] }])
    const decoder = new ChunkBinXml(builder.chunk)
    const one = decoder.decode(first.start, first.end)
    const two = decoder.decode(second.start, second.end)
    expect(one.children).toEqual(['a'])
    expect(two.children).toEqual(['b'])
    expect(one.attributes[0]).toBe(two.attributes[0])
    expect(Object.isFrozen(one.attributes[0])).toBe(true)
  })
})

describe('Binary XML damage', () => {
  it('names an unknown token and its chunk offset', () => {
    const builder = new BinXmlBuilder()
    const start = builder.offset
    builder.fragmentHeader().u8(0x01).u16(0).u32(0).name('E').u8(0x02)
    const at = builder.offset
    builder.u8(0x1f).u8(0x04).endOfStream()
    const error = decodeError(builder.chunk, start, builder.offset)
    expect(error.message).toBe(
      `unknown Binary XML token 0x1f at chunk offset 0x${at.toString(16)} in element content`
    )
    expect(error.chunkOffset).toBe(at)
  })

  it('rejects a range that ends inside an element', () => {
    const builder = new BinXmlBuilder()
    const { start, end } = builder.record([{ element: 'E', children: [{ text: 'abcdef' }] }])
    expect(decodeError(builder.chunk, start, end - 6).message).toMatch(
      /needs 12 bytes but its range ends at 0x/
    )
    expect(decodeError(builder.chunk, start, end - 2).message).toMatch(
      /element <E> is not closed before the end/
    )
  })

  it('rejects a name or template offset outside the chunk', () => {
    const builder = new BinXmlBuilder()
    const start = builder.offset
    builder.fragmentHeader().u8(0x01).u16(0).u32(0).u32(0xfffffff0).u8(0x03).endOfStream()
    expect(decodeError(builder.chunk, start, builder.offset).message).toMatch(
      /name offset 0xfffffff0 at chunk offset 0x[0-9a-f]+ is outside the chunk/
    )
    const other = new BinXmlBuilder()
    const instanceAt = other.offset
    other.u8(0x0c).u8(1).u32(5).u32(0x10000).u32(0)
    expect(decodeError(other.chunk, instanceAt, other.offset).message).toMatch(
      /template instance at 0x[0-9a-f]+ refers to a definition at 0x10000, outside the chunk/
    )
  })

  it('rejects a template definition whose id is not the one the instance expects', () => {
    const builder = new BinXmlBuilder()
    const first = builder.record([{ templateInstance: DATA_TEMPLATE, values: [value.wString('a')] }])
    const second = builder.record([{ templateInstance: DATA_TEMPLATE, values: [value.wString('b')] }])
    builder.chunk[second.start + 4 + 2] ^= 0x01
    expect(decodeError(builder.chunk, second.start, second.end).message).toMatch(
      /expects template id 0x98 but the definition at 0x[0-9a-f]+ has 0x99/
    )
    expect(new ChunkBinXml(builder.chunk).decode(first.start, first.end).children).toEqual(['a'])
  })

  it('rejects a substitution index past the values of its instance', () => {
    const template = { id: 3, nodes: [{ element: 'E', children: [{ substitution: 2 }] }] }
    const builder = new BinXmlBuilder()
    const { start, end } = builder.record([{ templateInstance: template, values: [value.wString('a')] }])
    expect(decodeError(builder.chunk, start, end).message).toMatch(
      /asks for value 2 but the template instance .* has 1/
    )
  })

  it('rejects a substitution outside any template instance', () => {
    expect(() => decode([{ element: 'E', children: [{ substitution: 0 }] }])).toThrow(
      /substitution at chunk offset 0x[0-9a-f]+ is outside any template instance/
    )
  })

  it('rejects nesting deeper than a sane limit', () => {
    let node: BxNode = { element: 'Leaf' }
    for (let depth = 0; depth < 100; depth++) node = { element: 'E', children: [node] }
    expect(() => decode([node])).toThrow(/nest deeper than 64 levels/)
  })

  it('never loops or fails otherwise on flipped bytes: every decode returns or throws EvtxDecodeError', () => {
    const builder = new BinXmlBuilder()
    builder.record([{ templateInstance: EVENT_TEMPLATE, values: eventValues(1, 'A', 'u1') }])
    const { start, end } = builder.record([
      { templateInstance: EVENT_TEMPLATE, values: eventValues(2, 'B', 'u2') }
    ])
    const pristine = builder.chunk.slice()
    let seed = 12345
    const random = (limit: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return seed % limit
    }
    let failures = 0
    for (let round = 0; round < 3000; round++) {
      const chunk = pristine.slice()
      for (let flips = 1 + random(3); flips > 0; flips--) chunk[512 + random(end - 512)] ^= 1 << random(8)
      try {
        new ChunkBinXml(chunk).decode(start, end)
      } catch (error) {
        expect(error).toBeInstanceOf(EvtxDecodeError)
        failures++
      }
    }
    expect(failures).toBeGreaterThan(0)
  })
})
