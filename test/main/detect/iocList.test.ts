import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseIocList } from '../../../src-main/core/detect/ioc/iocList'

function values(text: string): string[] {
  return parseIocList(text, 'test').entries.map((entry) => `${entry.type} ${entry.value}`)
}

describe('parseIocList, plain text', () => {
  it('infers every indicator type and normalises each value', () => {
    const text = [
      '203.0.113.7',
      '2001:0DB8:0000:0000:0000:0000:0000:0001',
      '::ffff:198.51.100.9',
      '10.1.2.3/8',
      '2001:db8:abcd:12::/48',
      '2001:DB8:abcd:0012:0:0:0:0/64',
      'Evil.Example.COM.',
      'https://Bad.Example.org:443/Drop/Payload.sh?X=1#frag',
      'D41D8CD98F00B204E9800998ECF8427E',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
      'ua:sqlmap/1.7.2#stable (https://sqlmap.org)'
    ].join('\n')
    expect(values(text)).toEqual([
      'ip 203.0.113.7',
      'ip 2001:db8::1',
      'ip 198.51.100.9',
      'cidr 10.0.0.0/8',
      'cidr 2001:db8:abcd::/48',
      'cidr 2001:db8:abcd:12::/64',
      'domain evil.example.com',
      'url https://bad.example.org/Drop/Payload.sh?X=1',
      'md5 d41d8cd98f00b204e9800998ecf8427e',
      'sha1 da39a3ee5e6b4b0d3255bfef95601890afd80709',
      'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'user_agent sqlmap/1.7.2#stable (https://sqlmap.org)'
    ])
  })

  it('undoes defanging', () => {
    expect(
      values('hxxp://evil[.]example(.)com/a\nhXXps[://]c2[.]example[.]net/\n198[.]51[.]100[.]23\nbad[dot]org')
    ).toEqual([
      'url http://evil.example.com/a',
      'url https://c2.example.net/',
      'ip 198.51.100.23',
      'domain bad.org'
    ])
  })

  it('skips comments and blank lines and keeps trailing comments', () => {
    const text =
      '# C2 servers\r\n\r\n  \r\n203.0.113.7,seen in case 41\r\n198.51.100.1\t10\r\nevil.example # phishing kit\r\n'
    const { entries, rejected } = parseIocList(text, 'c2.txt')
    expect(rejected).toEqual([])
    expect(entries).toEqual([
      { type: 'ip', value: '203.0.113.7', list: 'c2.txt', comment: 'seen in case 41' },
      { type: 'ip', value: '198.51.100.1', list: 'c2.txt', comment: '10' },
      { type: 'domain', value: 'evil.example', list: 'c2.txt', comment: 'phishing kit' }
    ])
  })

  it('reads explicit type,value,comment rows, with quotes for user agents that contain commas', () => {
    const text = [
      'user_agent,"Mozilla/5.0 (compatible; Nimbostratus-Bot/v1.3.2; http://cloudsystemnetworks.com)",scanner',
      'ua,"Go-http-client/1.1"',
      'domain,*.tracker.example,wildcard',
      'ip-dst,192.0.2.10'
    ].join('\n')
    const { entries, rejected } = parseIocList(text, 'typed')
    expect(rejected).toEqual([])
    expect(entries.map((entry) => [entry.type, entry.value, entry.comment])).toEqual([
      [
        'user_agent',
        'Mozilla/5.0 (compatible; Nimbostratus-Bot/v1.3.2; http://cloudsystemnetworks.com)',
        'scanner'
      ],
      ['user_agent', 'Go-http-client/1.1', undefined],
      ['domain', 'tracker.example', 'wildcard'],
      ['ip', '192.0.2.10', undefined]
    ])
  })

  it('keeps the first of duplicate values', () => {
    const { entries } = parseIocList('203.0.113.7,first\n203.0.113.007\n203.0.113.7,second', 'dups')
    expect(entries).toEqual([{ type: 'ip', value: '203.0.113.7', list: 'dups', comment: 'first' }])
  })

  it('rejects bad lines with their line number and a specific reason', () => {
    const text = [
      '# header comment',
      '203.0.113.7',
      '300.1.2.3',
      '10.0.0.0/33',
      '0.0.0.0/0',
      'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd',
      'Mozilla/5.0 (X11; Linux x86_64)',
      'md5,1234',
      'bogus_type,1.2.3.4',
      'http://300.1.2.3/x',
      '010.0.0.1',
      'ua:'
    ].join('\n')
    const { entries, rejected } = parseIocList(text, 'bad')
    expect(entries.map((entry) => entry.value)).toEqual(['203.0.113.7'])
    expect(rejected.map(({ line, reason }) => [line, reason])).toEqual([
      [3, "line 3: '300.1.2.3' is not an IP address, domain, URL or hash"],
      [4, "line 4: '10.0.0.0/33' has prefix length 33; IPv4 allows 0–32"],
      [5, "line 5: '0.0.0.0/0' would match every IPv4 address"],
      [
        6,
        "line 6: 'abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd' is 68 hex digits; hashes must be MD5 (32), SHA-1 (40) or SHA-256 (64)"
      ],
      [
        7,
        "line 7: 'Mozilla/5.0 (X11; Linux x86_64)' contains spaces; start a comment with ',', a tab or ' #', or prefix a user agent with 'ua:'"
      ],
      [8, "line 8: '1234' is not an MD5 hash (32 hex digits)"],
      [9, "line 9: 'bogus_type' is not an IP address, domain, URL or hash"],
      [10, "line 10: 'http://300.1.2.3/x' has host '300.1.2.3', which is not a domain name or IP address"],
      [11, "line 11: '010.0.0.1' is not an IP address, domain, URL or hash"],
      [12, 'line 12: the user agent is empty']
    ])
    expect(rejected[1].raw).toBe('10.0.0.0/33')
  })
})

describe('parseIocList, CSV with a header', () => {
  it('reads type,value,comment columns and infers the type where the cell is empty', () => {
    const text = [
      'Type,Value,Comment',
      'ip,203.0.113.7,ssh brute force',
      ',evil.example,',
      'sha256,E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855,dropper',
      'user_agent,"curl/7.68.0, scripted","quoted, with comma"'
    ].join('\n')
    const { entries, rejected } = parseIocList(text, 'feed.csv')
    expect(rejected).toEqual([])
    expect(entries.map((entry) => [entry.type, entry.value, entry.comment])).toEqual([
      ['ip', '203.0.113.7', 'ssh brute force'],
      ['domain', 'evil.example', undefined],
      ['sha256', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'dropper'],
      ['user_agent', 'curl/7.68.0, scripted', 'quoted, with comma']
    ])
  })

  it('reads a value-only CSV after leading comments, with columns in any order', () => {
    const text = '# exported 2025-12-10\ncomment,value\nscanner,198.51.100.0/24\n,hxxp://x[.]example/a'
    expect(values(text)).toEqual(['cidr 198.51.100.0/24', 'url http://x.example/a'])
  })

  it('rejects rows with a mistyped value, an unknown type, a missing value or an open quote', () => {
    const text = [
      'type,value',
      'domain,1.2.3.4',
      'hash,abc',
      'ip,',
      '"ip,1.2.3.4',
      'user_agent,Mozilla/5.0 (KHTML, like Gecko)'
    ].join('\n')
    const { entries, rejected } = parseIocList(text, 'feed.csv')
    expect(entries).toEqual([])
    expect(rejected.map((row) => row.reason)).toEqual([
      "line 2: '1.2.3.4' is not a domain name",
      "line 3: unknown indicator type 'hash'; expected one of ip, cidr, domain, url, md5, sha1, sha256, user_agent",
      'line 4: the value column (2) is empty',
      'line 5: a quoted cell is not closed on this line',
      'line 6: the row has 3 cells where 2 are expected; quote values that contain commas'
    ])
  })
})

const IPSUM = resolve(__dirname, '../../../../shared/datasets/ioc-lists/stamparm-ipsum/ipsum.txt')

describe.skipIf(!existsSync(IPSUM))('parseIocList on the IPsum feed (../shared/datasets)', () => {
  it('reads every address line of a real tab-separated blocklist and rejects none', () => {
    const text = readFileSync(IPSUM, 'utf8')
    const addressLines = text.split('\n').filter((line) => /^\d/.test(line))
    const { entries, rejected } = parseIocList(text, 'ipsum.txt')
    expect(rejected).toEqual([])
    expect(entries).toHaveLength(new Set(addressLines.map((line) => line.split('\t')[0])).size)
    expect(entries.every((entry) => entry.type === 'ip')).toBe(true)
    const [first] = addressLines[0].split('\t')
    expect(entries[0]).toMatchObject({ value: first, comment: addressLines[0].split('\t')[1] })
  })
})
