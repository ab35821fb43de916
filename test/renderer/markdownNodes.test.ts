// Notes render Markdown from an allow-list of tags with text nodes only: markup in a note stays text,
// and only https: links are clickable.

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

  it('makes only https: links clickable', () => {
    const preview = render(
      '[advisory](https://example.org/cve) [bad](javascript:alert(1)) [local](http://intranet/x)'
    )
    const links = preview.findAll('a')
    expect(links).toHaveLength(1)
    expect(links[0].attributes()).toMatchObject({
      href: 'https://example.org/cve',
      rel: 'noopener noreferrer'
    })
    expect(preview.findAll('.md-inert-link').map((link) => link.text())).toEqual(['local'])
    // markdown-it refuses javascript: links outright; they stay literal text.
    expect(preview.text()).toContain('[bad](javascript:alert(1))')
  })

  it('does not load images', () => {
    const preview = render('![exfil](https://attacker.example/pixel.png)')
    expect(preview.find('img').exists()).toBe(false)
    expect(preview.text()).toBe('[image: exfil]')
  })
})
