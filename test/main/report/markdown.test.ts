// Notes become pdfmake text: Markdown structure is kept, and everything else, HTML included, stays text.

import type { Content } from 'pdfmake'
import { describe, expect, it } from 'vitest'
import { markdownToContent } from '../../../src-main/core/report/markdown'
import { printedTexts } from './contentText'

function plain(content: Content[]): string {
  return printedTexts(content).join('')
}

describe('markdownToContent', () => {
  it('keeps HTML as literal text, inline and as a block', () => {
    const content = markdownToContent('<script>alert(1)</script>\n\nsee <b onclick="x()">this</b>')
    expect(plain(content)).toContain('<script>alert(1)</script>')
    expect(plain(content)).toContain('<b onclick="x()">this</b>')
  })

  it('maps headings, lists and code blocks to styled nodes', () => {
    const [heading, list, ordered, code] = markdownToContent(
      '## Scope\n\n- one\n- two\n\n3. three\n4. four\n\n```\n  indented\n```'
    )
    expect(heading).toMatchObject({ style: 'noteHeading', headlineLevel: 3 })
    expect(list).toMatchObject({ ul: [{ stack: [{ text: [{ text: 'one' }] }] }, expect.anything()] })
    expect(ordered).toMatchObject({ start: 3 })
    expect(code).toMatchObject({ layout: 'code', table: { body: [[{ style: 'code' }]] } })
    expect(printedTexts(code)).toEqual(['  indented'])
  })

  it('styles emphasis, strong, strikethrough and code spans', () => {
    const [paragraph] = markdownToContent('*a* **b** ~~c~~ `d`')
    expect(paragraph).toMatchObject({
      text: [
        { text: 'a', italics: true },
        { text: ' ' },
        { text: 'b', bold: true },
        { text: ' ' },
        { text: 'c', decoration: 'lineThrough' },
        { text: ' ' },
        { text: 'd', style: 'inlineCode' }
      ]
    })
  })

  it('prints link targets and images as text, never as live links', () => {
    const content = markdownToContent(
      '[runbook](https://wiki.example.com/ir) ![diagram](https://x.example/d.png)'
    )
    expect(plain(content)).toBe(
      'runbook (https://wiki.example.com/ir) [image: diagram] (https://x.example/d.png)'
    )
    expect(JSON.stringify(content)).not.toContain('"link"')
  })

  it('lets overlong words break anywhere and keeps code Courier only when Courier can show it', () => {
    const [paragraph, code] = markdownToContent(`token ${'A'.repeat(60)} end\n\n    naïve → ok`)
    expect(paragraph).toMatchObject({
      text: [{ text: 'token ' }, { text: 'A'.repeat(60), wordBreak: 'break-all' }, { text: ' end' }]
    })
    expect(printedTexts(code)).toEqual(['naïve → ok'])
    expect(JSON.stringify(code)).not.toContain('"style":"code"')
  })
  it('sets long text as several nodes (pdfmake lays out one huge node in quadratic time), losing nothing', () => {
    const lines = Array.from({ length: 2_000 }, (_, index) => `line ${index} of a very long paragraph`)
    const [paragraph] = markdownToContent(lines.join('\n'))
    expect(paragraph).toMatchObject({ style: 'paragraph' })
    const nodes = (paragraph as { stack: unknown[] }).stack
    expect(nodes.length).toBeGreaterThan(5)
    expect(plain([paragraph])).toBe(lines.join(' '))
  })

  it('clips a single enormous word, saying how much was left out', () => {
    const [paragraph] = markdownToContent(`blob ${'x'.repeat(50_000)}`)
    expect(plain([paragraph])).toBe(`blob ${'x'.repeat(6_000)}… (44,000 more characters)`)
  })

  it('prints a note nested too deeply for markdown-it as written, instead of losing its end', () => {
    const note = `${'>'.repeat(40)} deep\n\nafter the quote\n\n${'- '.repeat(40)}x\n\nafter the list`
    const content = markdownToContent(note)
    expect(plain(content)).toContain(note)
  })
})
