// Notes render Markdown from an allow-list of tags with text nodes only: markup in a note stays text,
// and no link is clickable: each shows its text and the full address it names.

import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import MarkdownPreview from '../../src-renderer/features/notes/MarkdownPreview.vue'

function render(source: string) {
  return mount(MarkdownPreview, { props: { source } })
}

describe('note preview', () => {
  it('renders Markdown structure', () => {
    const preview = render(
      '# Findings\n\n- **root** login from `203.0.113.7`\n- scanner\n\n```\nGET /admin\n```'
    )
    expect(preview.find('h1').text()).toBe('Findings')
    expect(preview.findAll('li').map((item) => item.text())).toEqual([
      'root login from 203.0.113.7',
      'scanner'
    ])
    expect(preview.find('li strong').text()).toBe('root')
    expect(preview.find('pre code').text()).toBe('GET /admin')
  })

  it('shows HTML in a note as text, never as elements', () => {
    const preview = render('<script>alert(1)</script>\n\nBefore <img src=x onerror=alert(2)> after')
    expect(preview.find('script').exists()).toBe(false)
    expect(preview.find('img').exists()).toBe(false)
    expect(preview.text()).toContain('<script>alert(1)</script>')
    expect(preview.text()).toContain('<img src=x onerror=alert(2)>')
  })

  it('renders no clickable links and shows the full address behind each', () => {
    const preview = render(
      '[https://example.org/cve](https://attacker.example/x) [bad](javascript:alert(1)) <https://auto.example/y>'
    )
    expect(preview.find('a').exists()).toBe(false)
    expect(preview.findAll('.md-inert-link').map((link) => link.text())).toEqual([
      'https://example.org/cve <https://attacker.example/x>'
    ])
    // markdown-it refuses javascript: links outright, and autolinks are off: both stay literal text.
    expect(preview.text()).toContain('[bad](javascript:alert(1))')
    expect(preview.text()).toContain('<https://auto.example/y>')
  })

  it('does not load images', () => {
    const preview = render('![exfil](https://attacker.example/pixel.png)')
    expect(preview.find('img').exists()).toBe(false)
    expect(preview.text()).toBe('[image: exfil]')
  })
})
