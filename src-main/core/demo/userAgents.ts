// User agents as they appear in 2026 access logs: the browser mix a small shop sees, the crawlers and the
// uptime monitor every public site has, and the tools attackers run. Weights are rough market shares.

export const BROWSER_USER_AGENTS: readonly (readonly [string, number])[] = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36',
    30
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/144.0.0.0 Safari/537.36',
    8
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36 Edg/145.0.0.0',
    9
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:147.0) Gecko/20100101 Firefox/147.0', 6],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Safari/605.1.15',
    9
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36',
    7
  ],
  ['Mozilla/5.0 (X11; Linux x86_64; rv:147.0) Gecko/20100101 Firefox/147.0', 2],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Safari/537.36',
    2
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1',
    14
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.2 Mobile/15E148 Safari/604.1',
    3
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/145.0.0.0 Mobile Safari/537.36',
    16
  ],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/29.0 Chrome/140.0.0.0 Mobile Safari/537.36',
    3
  ]
]

/** iOS Safari asks for touch icons the site does not have: the classic benign 404. */
export function isAppleMobile(userAgent: string): boolean {
  return userAgent.includes('iPhone') || userAgent.includes('iPad')
}

export const CRAWLER_USER_AGENTS = {
  google: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  bing: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)'
} as const

export const UPTIME_MONITOR_USER_AGENT =
  'Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)'

/** Nikto puts the number of the test it is running into every request's user agent. */
export function niktoUserAgent(testId: number): string {
  return `Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:${String(testId).padStart(6, '0')})`
}

export const SQLMAP_USER_AGENT = 'sqlmap/1.9.2#stable (https://sqlmap.org)'
export const PYTHON_REQUESTS_USER_AGENT = 'python-requests/2.32.3'
export const HEADLESS_CHROME_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36'

/** The loader's agent named in the IOC list; no comma in it, so it survives the list's `value,comment` form. */
export const MALICIOUS_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64; rv:34.0) Gecko/20100101 Firefox/34.0 PhantomLoader/2.1'
