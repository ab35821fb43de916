// Throughput of the IOC index, as a script rather than a timed test: builds an index of ~150k indicators
// (the real IPsum feed when ../shared/datasets is present, plus generated CIDRs, domains, URLs, hashes and
// agents) and matches 1M generated web events against it. Run: npm run bench -- iocIndex

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { StoredEvent } from '../src-main/common/event'
import { IocIndex } from '../src-main/core/detect/ioc/iocIndex'
import { parseIocList } from '../src-main/core/detect/ioc/iocList'
import type { IocEntry } from '../src-main/core/detect/ioc/iocTypes'

const EVENTS = Number(process.argv[2] ?? 1_000_000)
const BATCH = 10_000
const IPSUM = resolve(__dirname, '../../shared/datasets/ioc-lists/stamparm-ipsum/ipsum.txt')

/** mulberry32: deterministic, so runs are comparable. */
let seed = 42
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
}
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]
const octet = (): number => Math.floor(random() * 256)
const ipv4 = (): string => `${1 + Math.floor(random() * 223)}.${octet()}.${octet()}.${octet()}`
const hex = (digits: number): string =>
  Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join('')
const ipv6 = (): string => `2001:db8:${hex(4)}:${hex(4)}::${hex(4)}`

function indicatorLists(): { text: string; name: string }[] {
  const ipsum = existsSync(IPSUM)
    ? { name: 'ipsum.txt', text: readFileSync(IPSUM, 'utf8') }
    : { name: 'generated-ips', text: Array.from({ length: 100_000 }, ipv4).join('\n') }
  const lines: string[] = []
  for (let i = 0; i < 4000; i++) lines.push(`${ipv4()}/${pick([16, 20, 24, 24, 24, 28, 32])}`)
  for (let i = 0; i < 1000; i++) lines.push(`2001:db8:${hex(4)}::/${pick([48, 56, 64])}`)
  for (let i = 0; i < 20_000; i++) lines.push(`${hex(10)}.${pick(['com', 'net', 'ru', 'top', 'xyz'])}`)
  for (let i = 0; i < 10_000; i++) lines.push(`http://${hex(8)}.example/${hex(6)}.php?id=${i}`)
  for (let i = 0; i < 10_000; i++) lines.push(hex(pick([32, 40, 64])))
  for (let i = 0; i < 1000; i++) lines.push(`ua:evilbot/${i}.0 (+http://${hex(6)}.example)`)
  return [ipsum, { name: 'generated', text: lines.join('\n') }]
}

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'curl/8.5.0',
  'evilbot/7.0 (+http://abc.example)',
  'Googlebot/2.1 (+http://www.google.com/bot.html)'
]

function generateEvents(
  count: number,
  firstId: number,
  listed: { ips: string[]; domains: string[] }
): StoredEvent[] {
  return Array.from({ length: count }, (_, i): StoredEvent => {
    const roll = random()
    const sourceIp = roll < 0.01 ? pick(listed.ips) : roll < 0.06 ? ipv6() : ipv4()
    const referrer =
      random() < 0.5
        ? '-'
        : random() < 0.05
          ? `https://www.${pick(listed.domains)}/landing?utm=1`
          : `https://www.${hex(6)}.com/page/${hex(4)}`
    return {
      id: firstId + i,
      timestamp: 1_765_000_000_000 + (firstId + i) * 10,
      fields: {
        'event.category': 'web',
        'source.ip': sourceIp,
        'http.request.method': 'GET',
        'url.original': `/shop/item/${hex(4)}?ref=${hex(6)}`,
        'url.path': '/shop/item',
        'http.response.status_code': 200,
        'http.request.referrer': referrer,
        'user_agent.original': pick(USER_AGENTS)
      },
      raw: '',
      provenance: { evidenceId: 'bench', line: firstId + i, offset: 0 }
    }
  })
}

function main(): void {
  const lists = indicatorLists()
  let started = performance.now()
  const entries: IocEntry[] = lists.flatMap((list) => parseIocList(list.text, list.name).entries)
  const parseMs = performance.now() - started
  started = performance.now()
  const index = new IocIndex(entries)
  const buildMs = performance.now() - started
  const listed = {
    ips: entries.filter((entry) => entry.type === 'ip').map((entry) => entry.value),
    domains: entries.filter((entry) => entry.type === 'domain').map((entry) => entry.value)
  }
  const lines = lists.reduce((sum, list) => sum + list.text.split('\n').length, 0)
  console.log(`lists: ${lines} lines parsed into ${entries.length} entries in ${parseMs.toFixed(0)} ms`)
  console.log(`index: ${index.indicators.length} indicators built in ${buildMs.toFixed(0)} ms`)

  const events: StoredEvent[] = []
  for (let done = 0; done < EVENTS; done += BATCH) {
    events.push(...generateEvents(Math.min(BATCH, EVENTS - done), done, listed))
  }
  // Two passes: the first includes JIT warm-up; the machine is shared, so both are printed.
  for (const pass of [1, 2]) {
    let matchedEvents = 0
    let matches = 0
    started = performance.now()
    for (const event of events) {
      const found = index.match(event)
      if (found.length > 0) matchedEvents++
      matches += found.length
    }
    const matchMs = performance.now() - started
    const perSecond = Math.round(EVENTS / (matchMs / 1000))
    console.log(
      `match pass ${pass}: ${EVENTS} events in ${(matchMs / 1000).toFixed(2)} s = ` +
        `${perSecond.toLocaleString('en-US')} events/s; ${matchedEvents} events matched (${matches} matches)`
    )
  }
  console.log(`heap used: ${Math.round(process.memoryUsage().heapUsed / 1_048_576)} MiB`)
}

main()
