// Only real IP addresses may reach source.ip; names and junk are kept under their own keys.

import { describe, expect, it } from 'vitest'
import type { EventFieldValues } from '../../../../src-main/common/event'
import {
  isHostname,
  normaliseIp,
  recordSourceAddress
} from '../../../../src-main/core/ingest/parsers/addresses'
import type { ExtraFields } from '../../../../src-main/core/ingest/parsers/results'

describe('normaliseIp', () => {
  it('accepts dotted-quad IPv4 and canonicalises IPv6 (RFC 5952, mapped IPv4 kept dotted)', () => {
    expect(normaliseIp('192.0.2.255')).toBe('192.0.2.255')
    expect(normaliseIp('0.0.0.0')).toBe('0.0.0.0')
    expect(normaliseIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1')
    expect(normaliseIp('::FFFF:192.0.2.1')).toBe('192.0.2.1')
    expect(normaliseIp('::1')).toBe('::1')
  })

  it('refuses anything that is not exactly an address', () => {
    for (const text of [
      '256.1.1.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.4 ',
      'host:80',
      '1::2::3',
      '',
      '-',
      'unknown'
    ]) {
      expect(normaliseIp(text), text).toBeNull()
    }
  })
})

describe('recordSourceAddress', () => {
  const record = (text: string): { fields: EventFieldValues; extra: ExtraFields } => {
    const fields: EventFieldValues = {}
    const extra: ExtraFields = {}
    recordSourceAddress(text, fields, extra)
    return { fields, extra }
  }

  it('puts an IP in source.ip, a host name in source.domain and anything else in source.address', () => {
    expect(record('198.51.100.1')).toEqual({ fields: { 'source.ip': '198.51.100.1' }, extra: {} })
    expect(record('n219076184117.netvigator.com')).toEqual({
      fields: { 'source.domain': 'n219076184117.netvigator.com' },
      extra: {}
    })
    expect(record('bad host!')).toEqual({ fields: {}, extra: { 'source.address': 'bad host!' } })
    expect(record('-')).toEqual({ fields: {}, extra: {} })
    expect(isHostname(`${'a'.repeat(64)}.example`)).toBe(false)
  })
})
