// Custom web access log patterns: the compiled combined pattern reads exactly like the combined parser, golden
// files for vhost_combined and an nginx log_format with timings, one behaviour per focused case, patterns that
// cannot be compiled, sniffing, and real Tomcat, Apache and honeypot logs read in place from ../shared/datasets.

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CairnError } from '../../../../src-main/common/errors'
import type { NormalisedEvent } from '../../../../src-main/common/event'
import type { LineParser, ParserOptions } from '../../../../src-main/core/ingest/parser'
import { createApacheAccessParser } from '../../../../src-main/core/ingest/parsers/apacheAccess'
import {
  apacheVhostCombinedFormat,
  compileWebLogFormat,
  webCustomFormat,
  webLogFormatPresets
} from '../../../../src-main/core/ingest/parsers/webLogFormat'
import { DATASETS, INGEST_FIXTURES, readFixtureLines } from './fixtureLines'
import { expectFixtureGolden } from './parserHarness'

const UTC: ParserOptions = { timeZone: 'UTC', referenceYear: 2026 }
const HAVE_DATASETS = existsSync(DATASETS)
if (!HAVE_DATASETS) console.warn(`webLogFormat real-data tests skipped: ${DATASETS} is absent`)

const COMBINED = '%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"'
const NGINX_TIMED = readFileSync(join(INGEST_FIXTURES, 'access-nginx-timed.conf'), 'utf8')

function compile(pattern: string, options: ParserOptions = UTC): LineParser {
  return compileWebLogFormat(pattern, 'web_custom', options)
}

function accepted(parser: LineParser, line: string): NormalisedEvent {
  const result = parser.parse(line)
  if (!result.ok) throw new Error(`expected the line to parse, got: ${result.reason}`)
  return result.event
}

function reason(parser: LineParser, line: string): string {
  const result = parser.parse(line)
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event.fields)}`)
  return result.reason
}

function compileError(pattern: string): CairnError {
  try {
    compile(pattern)
  } catch (error) {
    if (error instanceof CairnError) return error
    throw error
  }
  throw new Error(`expected '${pattern}' not to compile`)
}

describe('the combined LogFormat, compiled', () => {
  it('yields exactly the events and rejections of the combined parser on access-combined.log', () => {
    const compiled = compile(COMBINED)
    const combined = createApacheAccessParser('combined')
    const lines = readFixtureLines('access-combined.log')
    let events = 0
    for (const line of lines) {
      const mine = compiled.parse(line)
      const theirs = combined.parse(line)
      expect(mine.ok, line).toBe(theirs.ok)
      if (mine.ok && theirs.ok) {
        expect(mine.event, line).toEqual(theirs.event)
        events++
      }
    }
    // The fixture's first 18 lines are readable; the last 7 are broken on purpose (see its golden file).
    expect(events).toBe(18)
    expect(lines.length - events).toBe(7)
  })

  it('names the directive in a rejection, and quotes what it found', () => {
    const parser = compile(COMBINED)
    expect(reason(parser, '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" OK 5120')).toBe(
      "%>s 'OK' is not a 3-digit HTTP status code or '-'"
    )
    expect(reason(parser, '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1k')).toBe(
      "%b '1k' is not a whole number or '-'"
    )
    expect(reason(parser, '1.2.3.4 - - [31/Feb/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1')).toBe(
      "%t: timestamp '31/Feb/2026:00:00:00 +0000' is not a date"
    )
    expect(reason(parser, '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1')).toBe(
      '%r has no closing quote'
    )
    expect(reason(parser, '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] GET / 200 1')).toBe(
      `expected ' "' after %t, found ' GET / 200 1'`
    )
    expect(reason(parser, '')).toBe('empty line')
  })

  it('gives up on a line with hundreds of quotes that never fit, instead of searching on', () => {
    const line = `1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /${'"x'.repeat(400)}`
    expect(reason(compile(COMBINED), line)).toBe('the line holds too many quotes to tell where %r ends')
  })
})

describe('golden files', () => {
  it('access-vhost.log parses as apache_vhost_combined to access-vhost.expected.json', () => {
    expectFixtureGolden(apacheVhostCombinedFormat.create(UTC), 'access-vhost.log', ['rejected', 'skipped'])
  })

  it('access-nginx-timed.log parses with access-nginx-timed.conf to its expected.json', () => {
    const parser = webCustomFormat.create({ ...UTC, logFormatPattern: NGINX_TIMED })
    expectFixtureGolden(parser, 'access-nginx-timed.log', ['rejected', 'skipped'])
  })
})

describe('vhost_combined', () => {
  const parser = compileWebLogFormat(webLogFormatPresets()[2].pattern, 'apache_vhost_combined', UTC)

  it('puts the virtual host in url.domain (lower case) and its port in destination.port', () => {
    const event = accepted(
      parser,
      'Shop.Example.org:8443 203.0.113.5 - - [01/Jan/2026:00:00:00 +0000] "GET /cart?x=1 HTTP/1.1" 200 99 "-" "curl/8"'
    )
    expect(event.fields).toMatchObject({
      'url.domain': 'shop.example.org',
      'destination.port': 8443,
      'source.ip': '203.0.113.5',
      'url.path': '/cart',
      'url.query': 'x=1',
      'http.response.body.bytes': 99,
      'event.dataset': 'apache.access'
    })
    expect(parser.format).toBe('apache_vhost_combined')
  })

  it('keeps an absolute-form target in url.original while url.domain says which virtual host served it', () => {
    const event = accepted(
      parser,
      'www.example.org:80 203.0.113.5 - - [01/Jan/2026:00:00:00 +0000] "GET http://evil.example.net/x HTTP/1.1" 404 1 "-" "-"'
    )
    expect(event.fields['url.original']).toBe('http://evil.example.net/x')
    expect(event.fields['url.domain']).toBe('www.example.org')
  })
})

describe('directives', () => {
  it('reads a strftime %{…}t with %{msec_frac}t in the declared zone, and one with %z at its offset', () => {
    const berlin = compile('%h %{%Y-%m-%d %H:%M:%S}t.%{msec_frac}t "%r" %>s', {
      timeZone: 'Europe/Berlin',
      referenceYear: 2026
    })
    const event = accepted(berlin, '10.0.0.1 2026-07-01 12:00:00.250 "GET / HTTP/1.1" 200')
    expect(new Date(event.timestamp).toISOString()).toBe('2026-07-01T10:00:00.250Z')
    const offset = compile('[%{%d/%b/%Y:%T %z}t] %h "%r" %>s')
    expect(accepted(offset, '[05/Mar/2026:23:30:00 -0500] 10.0.0.1 "GET / HTTP/1.1" 200').timestamp).toBe(
      Date.parse('2026-03-06T04:30:00Z')
    )
    expect(reason(berlin, '10.0.0.1 2026-02-30 12:00:00.250 "GET / HTTP/1.1" 200')).toBe(
      "%{%Y-%m-%d %H:%M:%S}t: timestamp '2026-02-30 12:00:00' is not a date"
    )
  })

  it('reads epoch times: %{sec}t, %{msec}t, nginx $msec and $time_iso8601', () => {
    expect(accepted(compile('%{sec}t %h'), '1767225600 10.0.0.1').timestamp).toBe(
      Date.parse('2026-01-01T00:00:00Z')
    )
    expect(accepted(compile('%{msec}t %h'), '1767225600123 10.0.0.1').timestamp).toBe(1767225600123)
    expect(accepted(compile('$msec $remote_addr'), '1767225600.123 10.0.0.1').timestamp).toBe(1767225600123)
    expect(
      accepted(compile('$time_iso8601 $remote_addr'), '2026-01-01T01:00:00+01:00 10.0.0.1').timestamp
    ).toBe(Date.parse('2026-01-01T00:00:00Z'))
  })

  it('builds url.original and the message from %m %U%q %H when the pattern has no %r', () => {
    const parser = compile('%h %t "%m %U%q %H" %>s')
    const withQuery = accepted(
      parser,
      '10.0.0.1 [01/Jan/2026:00:00:00 +0000] "GET /a/b?x=1&y=2 HTTP/1.1" 200'
    )
    expect(withQuery.fields).toMatchObject({
      'http.request.method': 'GET',
      'url.path': '/a/b',
      'url.query': 'x=1&y=2',
      'url.original': '/a/b?x=1&y=2',
      'http.version': '1.1',
      message: 'GET /a/b?x=1&y=2 HTTP/1.1'
    })
    const without = accepted(parser, '10.0.0.1 [01/Jan/2026:00:00:00 +0000] "POST /login HTTP/1.0" 302')
    expect(without.fields['url.query']).toBeUndefined()
    expect(without.fields['message']).toBe('POST /login HTTP/1.0')
  })

  it("reads nginx's $uri$is_args$args the same way", () => {
    const parser = compile('$remote_addr [$time_local] $request_method $uri$is_args$args $status')
    const event = accepted(parser, '10.0.0.1 [01/Jan/2026:00:00:00 +0000] GET /p?q=1 200')
    expect(event.fields).toMatchObject({ 'url.path': '/p', 'url.query': 'q=1', 'url.original': '/p?q=1' })
    expect(accepted(parser, '10.0.0.1 [01/Jan/2026:00:00:00 +0000] GET /p 200').fields['url.original']).toBe(
      '/p'
    )
  })

  it('gives a field to the strongest directive and keeps the others in extra (%a over %h, %>s over %s)', () => {
    const parser = compile('%h %a %t %s %>s "%r"')
    const event = accepted(
      parser,
      'proxy.example.net 203.0.113.9 [01/Jan/2026:00:00:00 +0000] 302 200 "GET / HTTP/1.1"'
    )
    expect(event.fields['source.ip']).toBe('203.0.113.9')
    expect(event.fields['source.domain']).toBeUndefined()
    expect(event.fields['http.response.status_code']).toBe(200)
    expect(event.extra).toEqual({
      'apache.access.remote_host': 'proxy.example.net',
      'apache.access.status': '302'
    })
  })

  it('keeps durations as ECS event.duration in nanoseconds: %D, %T, %{ms}T and $request_time', () => {
    const duration = (pattern: string, value: string): unknown =>
      accepted(compile(`%t ${pattern}`), `[01/Jan/2026:00:00:00 +0000] ${value}`).extra?.['event.duration']
    expect(duration('%D', '1500')).toBe(1_500_000)
    expect(duration('%T', '2')).toBe(2_000_000_000)
    expect(duration('%{ms}T', '15')).toBe(15_000_000)
    const nginx = compile('[$time_local] $request_time')
    expect(accepted(nginx, '[01/Jan/2026:00:00:00 +0000] 0.004').extra).toEqual({
      'event.duration': 4_000_000
    })
  })

  it('counts %O as the response bytes unless %b is there too, %I as request bytes, %S as network bytes', () => {
    const alone = accepted(compile('%t %O %I %S'), '[01/Jan/2026:00:00:00 +0000] 512 300 812')
    expect(alone.fields['http.response.body.bytes']).toBe(512)
    expect(alone.fields['network.bytes']).toBe(812)
    expect(alone.extra).toEqual({ 'http.request.bytes': 300 })
    const both = accepted(compile('%t %O %b'), '[01/Jan/2026:00:00:00 +0000] 512 -')
    expect(both.fields['http.response.body.bytes']).toBe(0)
    expect(both.extra).toEqual({ 'http.response.bytes': '512' })
  })

  it('reads status-conditioned and modified directives, headers, cookies, env vars, ports and pids', () => {
    const parser = compile(
      '%t %400,501{User-agent}i %!200{Referer}i "%{X-Forwarded-For}i" %{sid}C %{UNIQUE_ID}e %{remote}p %{canonical}p %P %{tid}P %<u %A %{c}a'
    )
    const event = accepted(
      parser,
      '[01/Jan/2026:00:00:00 +0000] - http://a.example/ "203.0.113.1, 10.0.0.2" abc ZZ9 50123 443 811 140 bob 192.0.2.1 10.0.0.2'
    )
    expect(event.fields).toMatchObject({
      'http.request.referrer': 'http://a.example/',
      'source.port': 50123,
      'destination.port': 443,
      'process.pid': 811,
      'user.name': 'bob',
      'destination.ip': '192.0.2.1'
    })
    expect(event.fields['user_agent.original']).toBeUndefined()
    expect(event.extra).toEqual({
      'http.request.headers.x-forwarded-for': '203.0.113.1, 10.0.0.2',
      'http.request.cookies.sid': 'abc',
      'apache.access.env.UNIQUE_ID': 'ZZ9',
      'process.thread.id': '140',
      'apache.access.peer_ip': '10.0.0.2'
    })
  })

  it('maps the remaining Apache directives: %B %V %f %X %k %L %R %{…}o %{…}n', () => {
    const parser = compile('%t %B %V %f %X %k %L %R %{Content-Type}o %{auth}n')
    const event = accepted(
      parser,
      '[01/Jan/2026:00:00:00 +0000] 1234 WWW.Example.com /var/www/index.php + 3 aGk2Qx php-fpm text/html ok'
    )
    expect(event.fields).toMatchObject({
      'http.response.body.bytes': 1234,
      'url.domain': 'www.example.com',
      'file.path': '/var/www/index.php'
    })
    expect(event.extra).toEqual({
      'apache.access.connection_status': '+',
      'apache.access.keepalive_requests': '3',
      'http.request.id': 'aGk2Qx',
      'apache.access.handler': 'php-fpm',
      'http.response.headers.content-type': 'text/html',
      'apache.access.note.auth': 'ok'
    })
  })

  it('maps the remaining nginx variables: $host over $server_name, $request_uri, $server_protocol, $scheme', () => {
    const parser = compile(
      '[$time_local] $host $server_name $request_uri $server_protocol $scheme $bytes_sent $body_bytes_sent'
    )
    const event = accepted(
      parser,
      '[01/Jan/2026:00:00:00 +0000] a.example _ /login?next=%2F HTTP/1.1 https 1320 1000'
    )
    expect(event.fields).toMatchObject({
      'url.domain': 'a.example',
      'url.original': '/login?next=%2F',
      'url.path': '/login',
      'url.query': 'next=%2F',
      'http.version': '1.1',
      'http.response.body.bytes': 1000
    })
    expect(event.extra).toEqual({
      'nginx.access.server_name': '_',
      'url.scheme': 'https',
      'nginx.access.bytes_sent': '1320'
    })
  })

  it('keeps unknown nginx variables, upstream timings and response headers under their names', () => {
    const parser = compile(
      '[$time_local] $upstream_addr "$upstream_response_time" $sent_http_content_type $ssl_protocol'
    )
    const event = accepted(
      parser,
      '[01/Jan/2026:00:00:00 +0000] 10.0.0.7:8080 "0.010, 0.002" text/html TLSv1.3'
    )
    expect(event.fields['event.dataset']).toBe('nginx.access')
    expect(event.extra).toEqual({
      'nginx.access.upstream_addr': '10.0.0.7:8080',
      'nginx.access.upstream_response_time': '0.010, 0.002',
      'http.response.headers.content-type': 'text/html',
      'nginx.access.ssl_protocol': 'TLSv1.3'
    })
  })

  it('lets trailing quoted headers be missing or cut short, and keeps text beyond the pattern', () => {
    const parser = compile(COMBINED)
    const base = '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1'
    expect(accepted(parser, base).fields['user_agent.original']).toBeUndefined()
    expect(accepted(parser, `${base} "-" "Mozilla/5.0 (cut`).fields['user_agent.original']).toBe(
      'Mozilla/5.0 (cut'
    )
    expect(accepted(parser, `${base} "-" "curl/8" 0.004 x`).extra).toEqual({
      'apache.access.trailing_fields': '0.004 x'
    })
  })

  it('reads a pattern pasted as the LogFormat or log_format configuration line', () => {
    const apache = compile('LogFormat "%h %l %u %t \\"%r\\" %>s %b" common')
    expect(
      accepted(apache, '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1').fields['url.path']
    ).toBe('/')
    const nginx = compile(`log_format main '$remote_addr [$time_local] '\n    '"$request" $status';`)
    expect(
      accepted(nginx, '1.2.3.4 [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200').fields['source.ip']
    ).toBe('1.2.3.4')
  })
})

describe('patterns that cannot be compiled', () => {
  it('throws BAD_REQUEST naming the directive and its position', () => {
    const cases: [string, string][] = [
      ['%h %Y %t', "%Y at position 4: '%Y' is not an Apache LogFormat directive"],
      ['%h%u %t', '%h at position 1 is followed directly by %u'],
      ['%h %{Referer %t', "'%{' at position 4 has no closing '}'"],
      ['%h %{}i %t', '%{}i at position 4: needs {header name}'],
      [
        '%h %{%d/%b/%Y %Z}t',
        '%{%d/%b/%Y %Z}t at position 4: %Z (a zone name such as CEST) does not give a UTC offset'
      ],
      ['%h %{%Q}t', "'%Q' is not a strftime conversion"],
      ['%h %^ti %t', "'%^' at position 4 is not a LogFormat directive Cairn reads"],
      ['%h %l %u "%r" %>s', 'the pattern has no directive giving the date'],
      ['%h $remote_addr %t', 'mixes Apache %directives and nginx $variables'],
      ['just text', 'has no Apache %directive or nginx $variable'],
      ['%h %{bogus}p %t', 'the port must be {canonical}, {local} or {remote}']
    ]
    for (const [pattern, message] of cases) {
      const error = compileError(pattern)
      expect(error.code, pattern).toBe('BAD_REQUEST')
      expect(error.message, pattern).toContain(message)
    }
  })

  it('refuses web_custom without a pattern, and a pattern with an unknown zone', () => {
    expect(() => webCustomFormat.create(UTC)).toThrow(/needs the server's LogFormat or log_format pattern/)
    expect(() => webCustomFormat.create({ ...UTC, logFormatPattern: '  ' })).toThrow(CairnError)
    expect(() => compile(COMBINED, { timeZone: 'Nowhere/Special', referenceYear: 2026 })).toThrow(
      /unknown time zone/
    )
  })
})

describe('presets', () => {
  it('lists combined, common, vhost_combined and nginx main, each compiling', () => {
    const presets = webLogFormatPresets()
    expect(presets.map((preset) => preset.id)).toEqual(['combined', 'common', 'vhost_combined', 'nginx_main'])
    for (const preset of presets) expect(() => compile(preset.pattern), preset.id).not.toThrow()
    expect(presets[0].pattern).toBe(COMBINED)
  })
})

describe('never throws on bad input', () => {
  it('settles random and hostile lines as events or rejections', () => {
    let seed = 42
    const random = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed % limit
    }
    const alphabet = ' "[]\\-:/0123456789.aAzZ%$?\u0000\u00ff\u2028'
    const parsers = webLogFormatPresets().map((preset) => compile(preset.pattern))
    parsers.push(compile('%{%d/%b/%Y %T}t.%{usec_frac}t %U%q "%{X}i" %D'))
    const template = '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "-"'
    for (let i = 0; i < 3000; i++) {
      const chars = [...template]
      for (let edits = random(6); edits >= 0; edits--)
        chars[random(chars.length)] = alphabet[random(alphabet.length)]
      const line = random(4) === 0 ? chars.slice(0, random(chars.length)).join('') : chars.join('')
      for (const parser of parsers) {
        const result = parser.parse(line)
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(5)
        else expect(Number.isFinite(result.event.timestamp)).toBe(true)
      }
    }
  })
})

describe('sniffing', () => {
  const ownFixtures = new Set(['access-vhost.log', 'access-nginx-timed.log'])

  it('scores vhost_combined high on its fixture and zero on every other fixture', () => {
    const vhostLines = readFixtureLines('access-vhost.log')
    // 10 of the fixture's 15 lines are readable vhost_combined lines.
    expect(apacheVhostCombinedFormat.sniff(vhostLines)).toBeCloseTo(10 / 15)
    expect(apacheVhostCombinedFormat.sniff(vhostLines.slice(0, 10))).toBe(1)
    for (const fixture of readdirSync(INGEST_FIXTURES)) {
      if (ownFixtures.has(fixture) || fixture.endsWith('.expected.json')) continue
      const sample = readFixtureLines(fixture)
        .filter((line) => line.trim() !== '')
        .slice(0, 200)
      expect(apacheVhostCombinedFormat.sniff(sample), fixture).toBe(0)
    }
  })

  it('never guesses web_custom: a custom pattern is chosen by the responder', () => {
    expect(webCustomFormat.sniff(readFixtureLines('access-combined.log'))).toBe(0)
  })
})

interface DatasetCounts {
  lines: number
  events: NormalisedEvent[]
  rejected: number
}

function parseDataset(relativePath: string, parser: LineParser): DatasetCounts {
  const lines = readFileSync(join(DATASETS, relativePath), 'utf8').split(/\r?\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  const counts: DatasetCounts = { lines: lines.length, events: [], rejected: 0 }
  for (const line of lines) {
    const result = parser.parse(line)
    if (result.ok) counts.events.push(result.event)
    else counts.rejected++
  }
  return counts
}

function countWhere(events: NormalisedEvent[], predicate: (event: NormalisedEvent) => boolean): number {
  return events.reduce((count, event) => (predicate(event) ? count + 1 : count), 0)
}

describe.skipIf(!HAVE_DATASETS)('real logs in ../shared/datasets', () => {
  it("EVTX-ATTACK-SAMPLES Tomcat access log with Tomcat's common pattern: every line, exact counts", () => {
    // Tomcat's AccessLogValve "common" pattern; the file has no referrer or user agent.
    const file = parseDataset(
      'evtx-attack-samples/Command and Control/web_attack_and_isp_webshell_localhost_access_log.txt',
      compile('%h %l %u %t "%r" %s %b')
    )
    // wc -l: 2,661 lines, none blank (the file has CRLF endings and three raw binary TLS hellos).
    expect(file.lines).toBe(2661)
    expect(file.rejected).toBe(0)
    expect(file.events.length).toBe(2661)
    const status = (code: number) =>
      countWhere(file.events, (event) => event.fields['http.response.status_code'] === code)
    // tr -d '\r' | awk -F'"' '{split($NF, a, " "); print a[1]}' | sort | uniq -c
    expect([404, 200, 400, 302, 401, 101].map(status)).toEqual([1484, 981, 154, 15, 8, 1])
    // grep -c '^[^ ]* - admin \['
    expect(countWhere(file.events, (event) => event.fields['user.name'] === 'admin')).toBe(37)
    // awk '{print $1}' | sort | uniq -c: the attacker 192.168.105.83 and three other clients
    expect(countWhere(file.events, (event) => event.fields['source.ip'] === '192.168.105.83')).toBe(1290)
    expect(countWhere(file.events, (event) => event.fields['source.ip'] === '192.168.105.64')).toBe(1233)
    // grep -c 'POST /error/cmd.jsp': the webshell, used only from 192.168.105.76
    const webshell = file.events.filter(
      (event) =>
        event.fields['http.request.method'] === 'POST' && event.fields['url.path'] === '/error/cmd.jsp'
    )
    expect(webshell.length).toBe(16)
    expect(new Set(webshell.map((event) => event.fields['source.ip']))).toEqual(new Set(['192.168.105.76']))
    // grep -c '"-"': requests Tomcat logged as '-' carry no message
    expect(countWhere(file.events, (event) => event.fields['message'] === undefined)).toBe(14)
    // grep -o '\[[^]]*\]' | sort | head -1: one line is stamped [01/Jan/1970:03:00:00 +0300], the epoch
    expect(countWhere(file.events, (event) => event.timestamp === 0)).toBe(1)
  })

  it('the compiled combined pattern reads the elastic and honeynet Apache logs exactly like the combined parser', () => {
    const honeynet = 'honeynet-redhat-apache/dataset/httpd'
    const files = [
      'elastic-examples/Common Data Formats/apache_logs/apache_logs',
      ...readdirSync(join(DATASETS, honeynet))
        .filter((name) => name.startsWith('access_log'))
        .map((name) => `${honeynet}/${name}`)
    ]
    const compiled = compile(COMBINED)
    const combined = createApacheAccessParser('combined')
    let lines = 0
    for (const relativePath of files) {
      const text = readFileSync(join(DATASETS, relativePath), 'utf8').split(/\r?\n/)
      if (text[text.length - 1] === '') text.pop()
      for (const line of text) {
        const mine = compiled.parse(line)
        const theirs = combined.parse(line)
        expect(mine.ok, line).toBe(theirs.ok)
        if (mine.ok && theirs.ok) expect(mine.event, line).toEqual(theirs.event)
      }
      lines += text.length
    }
    // wc -l: 10,000 (elastic) + 3,480 (the honeynet access_log* files)
    expect(lines).toBe(13_480)
  })
})
