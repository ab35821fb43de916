// The renderer page's meta CSP must say what the backend's header says: the same directives, connections
// only to this origin, minus frame-ancestors, which a meta tag cannot carry (the header sends it).

import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src-main/common/security'
import html from '../../src-renderer/index.html?raw'

function directives(policy: string): Map<string, string> {
  const entries = policy
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part): [string, string] => [part.split(' ')[0], part])
  return new Map(entries)
}

const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''

describe('renderer content security policy', () => {
  it('allows connections to this origin only', () => {
    expect(directives(meta).get('connect-src')).toBe("connect-src 'self'")
  })

  it('matches the backend policy directive for directive, leaving out frame-ancestors', () => {
    const fromHeader = directives(CONTENT_SECURITY_POLICY)
    fromHeader.delete('frame-ancestors')
    expect(directives(meta)).toEqual(fromHeader)
  })
})
