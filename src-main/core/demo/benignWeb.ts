// The haystack of the access log: visitors browsing the shop in the daily rhythm (a page, then its assets,
// API calls and analytics beacon; cached assets revalidated with 304 on return visits), customers logging
// in (with the odd mistyped password), two search-engine crawlers and an uptime monitor.

import type { AccessLogBuilder, ClientRequest, Requester } from './accessLog'
import type { AddressAllocator } from './addresses'
import type { ScenarioWindow } from './clock'
import { drawBusyInstant } from './clock'
import type { SeededRandom } from './random'
import { WeightedTable } from './random'
import type { SiteCatalogue, SitePage } from './siteCatalogue'
import { NOT_FOUND_BYTES, SITE_ORIGIN, dynamicSize } from './siteCatalogue'
import {
  BROWSER_USER_AGENTS,
  CRAWLER_USER_AGENTS,
  UPTIME_MONITOR_USER_AGENT,
  isAppleMobile
} from './userAgents'

export interface BenignWebSummary {
  requests: number
  /** Distinct client addresses, crawlers and monitor included. */
  clients: number
}

interface Visitor extends Requester {
  userAgent: string
  /** Asset paths the browser has cached: revalidated (304) or not requested at all on later views. */
  cached: Set<string>
}

const EXTERNAL_REFERRERS = new WeightedTable<string | null>([
  [null, 40],
  ['https://www.google.com/', 35],
  ['https://www.bing.com/', 6],
  ['https://duckduckgo.com/', 5],
  ['https://www.ecosia.org/', 2],
  ['https://www.instagram.com/', 4],
  ['https://www.reddit.com/', 3],
  ['https://l.facebook.com/', 3],
  ['https://trail-talk.example/threads/budget-tents-2026.4412/', 2]
])

const MONITOR_INTERVAL_MS = 5 * 60_000
const TOUCH_ICONS_REQUESTED = 'touch-icons'

export function generateBenignWebTraffic(
  random: SeededRandom,
  window: ScenarioWindow,
  targetRequests: number,
  site: SiteCatalogue,
  addresses: AddressAllocator,
  log: AccessLogBuilder
): BenignWebSummary {
  if (targetRequests <= 0) return { requests: 0, clients: 0 }
  const first = log.size
  const simulator = new BenignWebSimulator(random, window, site, addresses, log)
  simulator.uptimeMonitor()
  simulator.crawler(CRAWLER_USER_AGENTS.google, 90 * 60_000)
  simulator.crawler(CRAWLER_USER_AGENTS.bing, 200 * 60_000)
  const visitors = simulator.createVisitors(Math.min(20_000, Math.max(20, Math.round(targetRequests / 50))))
  while (log.size - first < targetRequests) simulator.visit(visitors.draw(random))
  return { requests: log.size - first, clients: simulator.distinctClients() }
}

class BenignWebSimulator {
  private readonly seenClients = new Set<string>()

  constructor(
    private readonly random: SeededRandom,
    private readonly window: ScenarioWindow,
    private readonly site: SiteCatalogue,
    private readonly addresses: AddressAllocator,
    private readonly log: AccessLogBuilder
  ) {}

  distinctClients(): number {
    return this.seenClients.size
  }

  /** Popularity follows a power law: a few regulars, a long tail of one-off visitors. */
  createVisitors(count: number): WeightedTable<Visitor> {
    const userAgents = new WeightedTable(BROWSER_USER_AGENTS)
    return new WeightedTable(
      Array.from({ length: count }, (_, rank) => {
        const visitor: Visitor = {
          clientIp: this.addresses.benignClient(this.random),
          userAgent: userAgents.draw(this.random),
          protocol: this.random.chance(0.85) ? 'HTTP/2.0' : 'HTTP/1.1',
          cached: new Set()
        }
        return [visitor, 1 / Math.pow(rank + 1, 0.7)] as const
      })
    )
  }

  uptimeMonitor(): void {
    const monitor = this.robot(UPTIME_MONITOR_USER_AGENT)
    const { target, bytes } = this.site.healthCheck
    const first = this.window.start + this.random.int(0, MONITOR_INTERVAL_MS)
    for (let due = first; due < this.window.end; due += MONITOR_INTERVAL_MS) {
      const at = due + this.random.int(0, 900)
      this.send(monitor, { at, method: 'GET', target, status: 200, bytes, referrer: null })
    }
  }

  /** A crawler comes back every so often, reads robots.txt, then a handful of pages a few seconds apart. */
  crawler(userAgent: string, meanGapMs: number): void {
    const crawler = this.robot(userAgent)
    const { robots, sitemap, pages } = this.site
    const get = (at: number, target: string, bytes: number) =>
      this.send(crawler, { at, method: 'GET', target, status: 200, bytes, referrer: null })
    const first = this.window.start + this.random.exponential(meanGapMs)
    for (let visit = first; visit < this.window.end; visit += this.random.exponential(meanGapMs)) {
      let at = Math.floor(visit)
      get(at, robots.target, robots.bytes)
      if (this.random.chance(0.2)) get((at += this.random.int(500, 3_000)), sitemap.target, sitemap.bytes)
      for (let count = this.random.int(3, 15); count > 0; count--) {
        const page = this.random.pick(pages)
        get((at += this.random.int(1_500, 20_000)), page.target, dynamicSize(this.random, page.bytes))
      }
    }
  }

  visit(visitor: Visitor): void {
    let at = drawBusyInstant(this.random, this.window)
    let referrer = EXTERNAL_REFERRERS.draw(this.random)
    if (referrer !== null && this.random.chance(0.02)) {
      const target = this.random.pick(this.site.staleLinks)
      this.send(visitor, { at, method: 'GET', target, status: 404, bytes: NOT_FOUND_BYTES, referrer })
      at += this.random.int(3_000, 15_000)
      referrer = null
    }
    let page = this.site.landingPages.draw(this.random)
    const views = 1 + this.random.geometric(0.55, 12)
    for (let view = 0; view < views; view++) {
      at = this.viewPage(at, visitor, page, referrer, view === 0)
      referrer = `${SITE_ORIGIN}${page.target}`
      at += 4_000 + Math.floor(this.random.exponential(35_000))
      page = this.site.nextPages.draw(this.random)
    }
  }

  /** Returns when the browser finished loading the page. */
  private viewPage(
    at: number,
    visitor: Visitor,
    page: SitePage,
    referrer: string | null,
    landing: boolean
  ): number {
    const bytes = dynamicSize(this.random, page.bytes)
    this.send(visitor, { at, method: 'GET', target: page.target, status: 200, bytes, referrer })
    const pageUrl = `${SITE_ORIGIN}${page.target}`
    let now = at + this.random.int(80, 400)
    for (const asset of landing ? [...page.assets, this.site.favicon] : page.assets) {
      now += this.random.int(5, 120)
      if (!visitor.cached.has(asset.target)) {
        visitor.cached.add(asset.target)
        this.send(visitor, {
          at: now,
          method: 'GET',
          target: asset.target,
          status: 200,
          bytes: asset.bytes,
          referrer: pageUrl
        })
      } else if (this.random.chance(0.25)) {
        this.send(visitor, {
          at: now,
          method: 'GET',
          target: asset.target,
          status: 304,
          bytes: 0,
          referrer: pageUrl
        })
      }
    }
    if (landing && isAppleMobile(visitor.userAgent) && !visitor.cached.has(TOUCH_ICONS_REQUESTED)) {
      visitor.cached.add(TOUCH_ICONS_REQUESTED)
      for (const target of this.site.touchIcons) {
        now += this.random.int(20, 200)
        this.send(visitor, {
          at: now,
          method: 'GET',
          target,
          status: 404,
          bytes: NOT_FOUND_BYTES,
          referrer: null
        })
      }
    }
    for (const call of page.apiCalls) {
      now += this.random.int(60, 600)
      this.send(visitor, { ...call, at: now, referrer: pageUrl })
    }
    if (page.kind === 'product' && this.random.chance(0.1)) {
      now += this.random.int(5_000, 40_000)
      this.send(visitor, { ...this.site.addToCart, at: now, referrer: pageUrl })
    }
    return page.kind === 'login' ? this.logIn(now, visitor, pageUrl) : now
  }

  /** A customer signs in; one in twelve mistypes the password first. */
  private logIn(at: number, visitor: Visitor, loginUrl: string): number {
    const { target, bytes } = this.site.loginPage
    let now = at + this.random.int(6_000, 25_000)
    if (this.random.chance(1 / 12)) {
      const page = dynamicSize(this.random, bytes)
      this.send(visitor, { at: now, method: 'POST', target, status: 401, bytes: page, referrer: loginUrl })
      now += this.random.int(5_000, 15_000)
    }
    this.send(visitor, { at: now, method: 'POST', target, status: 302, bytes: 0, referrer: loginUrl })
    now += this.random.int(150, 600)
    const account = this.site.account
    const accountBytes = dynamicSize(this.random, account.bytes)
    this.send(visitor, {
      at: now,
      method: 'GET',
      target: account.target,
      status: 200,
      bytes: accountBytes,
      referrer: loginUrl
    })
    return now
  }

  private robot(userAgent: string): Requester {
    return { clientIp: this.addresses.benignClient(this.random), userAgent, protocol: 'HTTP/1.1' }
  }

  private send(from: Requester, request: ClientRequest): void {
    if (this.log.send(from, request)) this.seenClients.add(from.clientIp)
  }
}
