import { describe, expect, it } from 'vitest'
import { xmlText } from '../../../../../src-main/core/ingest/parsers/evtx/xmlText'
import type { XmlElement, XmlNode } from '../../../../../src-main/core/ingest/parsers/evtx/evtxTypes'

const el = (name: string, children: XmlNode[] = [], attributes: [string, string][] = []): XmlElement => ({
  kind: 'element',
  name,
  attributes: attributes.map(([attribute, value]) => ({ name: attribute, value })),
  children
})

describe('xmlText', () => {
  it('lays elements out as python-evtx does: end tags always, a newline after each', () => {
    const root = el(
      'Event',
      [el('System', [el('EventID', ['4624']), el('Correlation')])],
      [['xmlns', 'urn:x']]
    )
    expect(xmlText(root)).toBe(
      '<Event xmlns="urn:x"><System><EventID>4624</EventID>\n<Correlation></Correlation>\n</System>\n</Event>\n'
    )
  })

  it('escapes &, < and > in text, and also " in attributes', () => {
    const root = el('Data', ['a & b < c > "d"'], [['Name', 'x"&<y>']])
    expect(xmlText(root)).toBe('<Data Name="x&quot;&amp;&lt;y&gt;">a &amp; b &lt; c &gt; "d"</Data>\n')
  })

  it('writes control characters XML cannot carry as character references, keeping tab, LF, CR and non-ASCII', () => {
    expect(xmlText(el('T', ['a\u0001b\tc\nd\re\u007ff\u0085g\u00e9\u4e2d']))).toBe(
      '<T>a&#x1;b\tc\nd\re&#x7f;f\u0085g\u00e9\u4e2d</T>\n'
    )
  })

  it('writes CDATA and processing instructions', () => {
    const root = el('T', [
      { kind: 'cdata', text: 'a<b' },
      { kind: 'pi', target: 'p', data: 'x=1' },
      { kind: 'pi', target: 'q', data: '' }
    ])
    expect(xmlText(root)).toBe('<T><![CDATA[a<b]]><?p x=1?><?q?></T>\n')
  })
})

describe('xmlText budget', () => {
  it('renders up to the budget and gives null past it, without rendering the rest', () => {
    const root = el('T', ['x'.repeat(100)])
    // '<T>' 3 + 100 + '</T>\n' 5 = 108 characters
    expect(xmlText(root, 108)).toHaveLength(108)
    expect(xmlText(root, 107)).toBeNull()
  })
})
