// Streams a large, realistic access log (a million lines and more) for benchmarks with bounded memory: the
// demo shop, its visitors and a trickle of attackers, drawn line by line from weighted tables instead of
// simulated visit by visit, so writing runs at disk speed. Lines span about one day, in time order.

import { createWriteStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { constants as zlibConstants, createGzip } from 'node:zlib'
import { CairnError } from '../../common/errors'
import { AddressAllocator } from './addresses'
import { SCANNER_PATHS, SQL_INJECTION_PAYLOADS, encodeQueryValue } from './attackVocabulary'
import { DAY_MS, trafficWeightAt } from './clock'
import { escapeApacheField, formatApacheTime } from './logFormats'
import { SeededRandom, WeightedTable } from './random'
import { DEFAULT_SCENARIO_SEED } from './scenario'
import type { SiteCatalogue } from './siteCatalogue'
import { NOT_FOUND_BYTES, SITE_ORIGIN, createSiteCatalogue, dynamicSize } from './siteCatalogue'
import {
  BROWSER_USER_AGENTS,
  CRAWLER_USER_AGENTS,
  PYTHON_REQUESTS_USER_AGENT,
  SQLMAP_USER_AGENT,
  niktoUserAgent
} from './userAgents'

export interface SyntheticAccessLogResult {
  lines: number
  /** Size of the file written (compressed when the path ends in .gz). */
  bytes: number
  /** Size of the log text itself. */
  uncompressedBytes: number
}

/** The part of a line a client does not decide: `"GET /x` (protocol follows), status, size, referrer kind. */
interface RequestTemplate {
  request: string
  tail: string
  referrer: 'none' | 'external' | 'internal'
}

interface SyntheticClient {
  ip: string
  /** Already escaped and quoted, ready to end a line. */
  userAgent: string
  protocol: string
}

/** Browsers, crawlers or attackers: who sends what, and what share of all requests they make. */
interface TrafficSource {
  share: number
  clients: WeightedTable<SyntheticClient>
  requests: WeightedTable<RequestTemplate>
}

const START = Date.UTC(2026, 2, 12)
const LINES_PER_CHUNK = 4_096
const BENIGN_CLIENTS = 5_000
const MAX_LINES = 1_000_000_000

export async function writeSyntheticAccessLog(
  path: string,
  lineCount: number,
  seed: number = DEFAULT_SCENARIO_SEED
): Promise<SyntheticAccessLogResult> {
  if (!Number.isInteger(lineCount) || lineCount < 0 || lineCount > MAX_LINES) {
    throw new CairnError(
      'BAD_REQUEST',
      `line count must be a whole number from 0 to ${MAX_LINES}, not ${lineCount}`
    )
  }
  let uncompressedBytes = 0
  const chunks = Readable.from(
    (function* () {
      for (const chunk of syntheticLogChunks(lineCount, seed)) {
        const buffer = Buffer.from(chunk, 'utf8')
        uncompressedBytes += buffer.length
        yield buffer
      }
    })()
  )
  const file = createWriteStream(path)
  if (path.endsWith('.gz')) await pipeline(chunks, createGzip({ level: zlibConstants.Z_BEST_SPEED }), file)
  else await pipeline(chunks, file)
  return { lines: lineCount, bytes: (await stat(path)).size, uncompressedBytes }
}

/** The log as newline-terminated chunks of a few thousand lines each. */
function* syntheticLogChunks(lineCount: number, seed: number): Generator<string> {
  const random = new SeededRandom(seed)
  const site = createSiteCatalogue(random.fork('site'))
  const addresses = new AddressAllocator()
  const sources = new WeightedTable<TrafficSource>(
    [
      {
        share: 0.955,
        clients: browserClients(random.fork('clients'), addresses),
        requests: browserRequests(random.fork('browser-requests'), site)
      },
      {
        share: 0.03,
        clients: crawlerClients(random.fork('crawlers'), addresses),
        requests: crawlerRequests(site)
      },
      // Scanners, injection tools and password guessers, as every public server sees them.
      {
        share: 0.015,
        clients: hostileClients(random.fork('hostile-clients'), addresses),
        requests: hostileRequests(site)
      }
    ].map((source) => [source, source.share] as const)
  )
  const externalReferrers = [
    '"-"',
    '"https://www.google.com/"',
    '"https://www.bing.com/"',
    '"https://duckduckgo.com/"'
  ]
  const internalReferrers = site.pages.map((page) => `"${SITE_ORIGIN}${escapeApacheField(page.target)}"`)

  // Mean gap so that the lines fill about a day, stretched at night and compressed in the afternoon.
  const meanWeight = averageTrafficWeight()
  const meanGapMs = lineCount > 0 ? DAY_MS / lineCount : 0
  let at = START
  let second = -1
  let stamp = ''
  let chunk: string[] = []
  for (let line = 0; line < lineCount; line++) {
    at += random.exponential((meanGapMs * meanWeight) / trafficWeightAt(at))
    const whole = Math.floor(at / 1000)
    if (whole !== second) {
      second = whole
      stamp = formatApacheTime(whole * 1000)
    }
    const source = sources.draw(random)
    const client = source.clients.draw(random)
    const template = source.requests.draw(random)
    const referrer =
      template.referrer === 'none'
        ? '"-"'
        : template.referrer === 'external'
          ? random.pick(externalReferrers)
          : random.pick(internalReferrers)
    chunk.push(
      `${client.ip} - - [${stamp}] "${template.request} ${client.protocol}" ${template.tail} ${referrer} ${client.userAgent}`
    )
    if (chunk.length === LINES_PER_CHUNK) {
      yield `${chunk.join('\n')}\n`
      chunk = []
    }
  }
  if (chunk.length > 0) yield `${chunk.join('\n')}\n`
}

/** What browsers ask for, weighted as page views bring their assets, API calls and the odd 404 along. */
function browserRequests(random: SeededRandom, site: SiteCatalogue): WeightedTable<RequestTemplate> {
  const entries: [RequestTemplate, number][] = []
  const add = (
    method: string,
    target: string,
    status: number,
    bytes: number,
    referrer: RequestTemplate['referrer'],
    weight: number
  ) =>
    entries.push([
      {
        request: `${method} ${escapeApacheField(target)}`,
        tail: `${status} ${bytes > 0 ? bytes : '-'}`,
        referrer
      },
      weight
    ])

  for (const page of site.pages) {
    const weight = page.kind === 'product' ? 0.6 : 1.5
    // A few sizes per page: dynamic pages differ slightly from one request to the next.
    for (let variant = 0; variant < 3; variant++) {
      add(
        'GET',
        page.target,
        200,
        dynamicSize(random, page.bytes),
        variant === 0 ? 'external' : 'internal',
        weight / 3
      )
    }
    for (const asset of page.assets) {
      add('GET', asset.target, 200, asset.bytes, 'internal', weight * 0.5)
      add('GET', asset.target, 304, 0, 'internal', weight * 0.25)
    }
    for (const call of page.apiCalls) {
      add(call.method, call.target, call.status, call.bytes, 'internal', weight * 0.9)
    }
  }
  add('GET', site.favicon.target, 200, site.favicon.bytes, 'internal', 8)
  for (const icon of site.touchIcons) add('GET', icon, 404, NOT_FOUND_BYTES, 'none', 3)
  for (const link of site.staleLinks) add('GET', link, 404, NOT_FOUND_BYTES, 'external', 0.5)
  add('POST', site.loginPage.target, 302, 0, 'internal', 3)
  add('POST', site.loginPage.target, 401, site.loginPage.bytes, 'internal', 0.3)
  add('GET', site.account.target, 200, site.account.bytes, 'internal', 3)
  return new WeightedTable(entries)
}

/** Crawlers read robots.txt and pages, never assets, and send no referrer. */
function crawlerRequests(site: SiteCatalogue): WeightedTable<RequestTemplate> {
  const entries = [site.robots, site.sitemap, ...site.pages].map(
    ({ target, bytes }): [RequestTemplate, number] => [
      { request: `GET ${escapeApacheField(target)}`, tail: `200 ${bytes}`, referrer: 'none' },
      1
    ]
  )
  return new WeightedTable(entries)
}

/** Scanner probes, injection attempts and password guesses against the shop's real endpoints. */
function hostileRequests(site: SiteCatalogue): WeightedTable<RequestTemplate> {
  const entries: [RequestTemplate, number][] = SCANNER_PATHS.map((target) => [
    { request: `GET ${escapeApacheField(target)}`, tail: `404 ${NOT_FOUND_BYTES}`, referrer: 'none' },
    1
  ])
  const product = site.pages.find((page) => page.kind === 'product') ?? site.home
  for (const { payload } of SQL_INJECTION_PAYLOADS) {
    const target = `${product.target}${encodeQueryValue(payload)}`
    entries.push([{ request: `GET ${target}`, tail: `200 ${product.bytes}`, referrer: 'none' }, 1])
  }
  entries.push([
    { request: `POST ${site.loginPage.target}`, tail: `401 ${site.loginPage.bytes}`, referrer: 'none' },
    40
  ])
  return new WeightedTable(entries)
}

function browserClients(random: SeededRandom, addresses: AddressAllocator): WeightedTable<SyntheticClient> {
  const userAgents = new WeightedTable(BROWSER_USER_AGENTS)
  const clients = Array.from({ length: BENIGN_CLIENTS }, (_, rank): [SyntheticClient, number] => [
    {
      ip: addresses.benignClient(random),
      userAgent: `"${escapeApacheField(userAgents.draw(random))}"`,
      protocol: random.chance(0.85) ? 'HTTP/2.0' : 'HTTP/1.1'
    },
    1 / Math.pow(rank + 1, 0.7)
  ])
  return new WeightedTable(clients)
}

function crawlerClients(random: SeededRandom, addresses: AddressAllocator): WeightedTable<SyntheticClient> {
  return new WeightedTable(
    Object.values(CRAWLER_USER_AGENTS).map((userAgent): [SyntheticClient, number] => [
      { ip: addresses.benignClient(random), userAgent: `"${userAgent}"`, protocol: 'HTTP/1.1' },
      1
    ])
  )
}

function hostileClients(random: SeededRandom, addresses: AddressAllocator): WeightedTable<SyntheticClient> {
  const tools = [
    niktoUserAgent(random.int(1, 9_000)),
    SQLMAP_USER_AGENT,
    PYTHON_REQUESTS_USER_AGENT,
    'curl/8.5.0'
  ]
  return new WeightedTable(
    Array.from({ length: 40 }, (): [SyntheticClient, number] => [
      {
        ip: addresses.backgroundHostile(random),
        userAgent: `"${escapeApacheField(random.pick(tools))}"`,
        protocol: 'HTTP/1.1'
      },
      1
    ])
  )
}

function averageTrafficWeight(): number {
  const samples = 24 * 60
  let sum = 0
  for (let minute = 0; minute < samples; minute++) sum += trafficWeightAt(START + minute * 60_000)
  return sum / samples
}
