// The demo web shop: every page, asset and API call a visitor's browser requests, with plausible sizes.
// Benign traffic is drawn from it, and attackers aim at its real endpoints (`/login`, `/product?id=`,
// `/search?q=`), so the attacks sit in believable context rather than in a vacuum.

import type { SeededRandom } from './random'
import { WeightedTable } from './random'

export const SITE_ORIGIN = 'https://shop.example.com'

export interface SiteResource {
  target: string
  bytes: number
}

export interface ApiCall {
  method: 'GET' | 'POST'
  target: string
  status: number
  bytes: number
}

export type PageKind =
  'home' | 'catalogue' | 'product' | 'blog' | 'article' | 'search' | 'info' | 'cart' | 'login'

export interface SitePage {
  kind: PageKind
  target: string
  bytes: number
  /** Requested after the page by a browser with an empty cache, in this order. */
  assets: readonly SiteResource[]
  apiCalls: readonly ApiCall[]
}

export interface SiteCatalogue {
  home: SitePage
  pages: readonly SitePage[]
  landingPages: WeightedTable<SitePage>
  nextPages: WeightedTable<SitePage>
  favicon: SiteResource
  /** Requested by iOS browsers, absent on this site: a benign 404 every real log has. */
  touchIcons: readonly string[]
  /** Old URLs still linked from elsewhere: benign 404s. */
  staleLinks: readonly string[]
  loginPage: SitePage
  account: SiteResource
  addToCart: ApiCall
  healthCheck: SiteResource
  robots: SiteResource
  sitemap: SiteResource
}

const CATEGORIES = ['jackets', 'boots', 'tents', 'backpacks', 'sleeping-bags', 'accessories'] as const
const SEARCH_TERMS = [
  'rain+jacket',
  'hiking+boots',
  'tent',
  'sleeping+bag',
  'gift+card',
  'sale',
  'gaiters'
] as const
const ARTICLES = [
  'choosing-a-three-season-tent',
  'how-to-waterproof-boots',
  'layering-for-winter-hikes',
  'packing-list-for-a-weekend-trek',
  'caring-for-down-jackets',
  'trail-running-vs-hiking-shoes',
  'our-repair-service',
  'spring-collection-2026'
] as const
const INFO_PAGES = ['/about', '/contact', '/shipping', '/returns', '/privacy'] as const
const FIRST_PRODUCT_ID = 101
const PRODUCT_COUNT = 60

const SHARED_ASSETS: readonly SiteResource[] = [
  { target: '/static/css/site.4f9c2a1e.css', bytes: 38_412 },
  { target: '/static/js/vendor.81d0e3b7.js', bytes: 142_977 },
  { target: '/static/js/app.c27b55f0.js', bytes: 51_306 },
  { target: '/static/fonts/inter-var.woff2', bytes: 97_524 },
  { target: '/static/img/logo.svg', bytes: 4_108 }
]

/** The analytics beacon each page sends; 204 with no body, which Apache logs as `-`. */
const PAGE_VIEW_BEACON: ApiCall = { method: 'POST', target: '/api/v1/events', status: 204, bytes: 0 }

export function createSiteCatalogue(random: SeededRandom): SiteCatalogue {
  const page = (
    kind: PageKind,
    target: string,
    bytes: number,
    extraAssets: SiteResource[],
    api: ApiCall[]
  ) => ({
    kind,
    target,
    bytes,
    assets: [...SHARED_ASSETS, ...extraAssets],
    apiCalls: [...api, PAGE_VIEW_BEACON]
  })
  const cartCall: ApiCall = { method: 'GET', target: '/api/v1/cart', status: 200, bytes: random.int(90, 140) }

  const home = page('home', '/', random.int(24_000, 30_000), heroImages(random), [cartCall])
  const catalogue = [
    page('catalogue', '/products', random.int(31_000, 36_000), [], [cartCall]),
    ...CATEGORIES.map((category) =>
      page('catalogue', `/products?category=${category}`, random.int(18_000, 34_000), [], [cartCall])
    )
  ]
  const products = Array.from({ length: PRODUCT_COUNT }, (_, index) => {
    const id = FIRST_PRODUCT_ID + index
    const image = { target: `/media/products/${id}-800.webp`, bytes: random.int(38_000, 160_000) }
    const recommendations: ApiCall = {
      method: 'GET',
      target: `/api/v1/recommendations?product=${id}`,
      status: 200,
      bytes: random.int(1_400, 2_600)
    }
    return page(
      'product',
      `/product?id=${id}`,
      random.int(16_000, 22_000),
      [image],
      [cartCall, recommendations]
    )
  })
  const blog = page('blog', '/blog', random.int(14_000, 17_000), [], [])
  const articles = ARTICLES.map((slug) =>
    page(
      'article',
      `/blog/${slug}`,
      random.int(12_000, 26_000),
      [{ target: `/media/blog/${slug}.jpg`, bytes: random.int(90_000, 240_000) }],
      []
    )
  )
  const searches = SEARCH_TERMS.map((term) =>
    page('search', `/search?q=${term}`, random.int(9_000, 28_000), [], [cartCall])
  )
  const info = INFO_PAGES.map((target) => page('info', target, random.int(7_000, 12_000), [], []))
  const cart = page('cart', '/cart', random.int(9_000, 11_000), [], [cartCall])
  const loginPage = page('login', '/login', random.int(6_500, 7_500), [], [])

  // Popular products get most views, as on any shop (Zipf-like).
  const productWeights = products.map((product, rank) => [product, 30 / Math.pow(rank + 1, 0.9)] as const)
  const spread = (pages: readonly SitePage[], total: number) =>
    pages.map((entry) => [entry, total / pages.length] as const)

  return {
    home,
    pages: [home, ...catalogue, ...products, blog, ...articles, ...searches, ...info, cart, loginPage],
    landingPages: new WeightedTable<SitePage>([
      [home, 30],
      ...productWeights,
      ...spread(articles, 12),
      ...spread(catalogue, 12),
      ...spread(searches, 3),
      ...spread(info, 5),
      [blog, 3],
      [loginPage, 3]
    ]),
    nextPages: new WeightedTable<SitePage>([
      [home, 8],
      ...productWeights.map(([product, weight]) => [product, weight * 1.2] as const),
      ...spread(catalogue, 15),
      ...spread(searches, 8),
      ...spread(articles, 5),
      ...spread(info, 4),
      [blog, 2],
      [cart, 8],
      [loginPage, 4]
    ]),
    favicon: { target: '/favicon.ico', bytes: 15_086 },
    touchIcons: ['/apple-touch-icon-precomposed.png', '/apple-touch-icon.png'],
    staleLinks: [
      '/blog/winter-sale-2019',
      '/catalogue-2021.pdf',
      '/product?id=17',
      '/index.php?route=product/category'
    ],
    loginPage,
    account: { target: '/account', bytes: random.int(11_000, 13_000) },
    addToCart: { method: 'POST', target: '/api/v1/cart/items', status: 201, bytes: 118 },
    healthCheck: { target: '/healthz', bytes: 2 },
    robots: { target: '/robots.txt', bytes: 214 },
    sitemap: { target: '/sitemap.xml', bytes: random.int(8_000, 9_000) }
  }
}

function heroImages(random: SeededRandom): SiteResource[] {
  return ['hero-spring-2026.webp', 'promo-repairs.webp'].map((name) => ({
    target: `/media/home/${name}`,
    bytes: random.int(120_000, 260_000)
  }))
}

/** Dynamic pages differ slightly per request (cart badge, recommendations); static files never do. */
export function dynamicSize(random: SeededRandom, bytes: number): number {
  return Math.round(bytes * (0.97 + random.next() * 0.06))
}

/** Apache's own "Not Found" page, which the shop serves for any path it has no route for. */
export const NOT_FOUND_BYTES = 196
/** Apache's "Forbidden" page: dot-files and server-status are denied before the shop sees them. */
export const FORBIDDEN_BYTES = 199
