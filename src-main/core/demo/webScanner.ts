// Attack 3: a vulnerability scanner (Nikto) sweeping the shop from one address in under a minute or two:
// admin panels, leaked config and VCS files, backups and known-vulnerable scripts, nearly all answered 404,
// with Apache's own 403 for dot-files, an `OPTIONS *` and a reflected-XSS probe with a raw quote in it.

import type { AccessLogBuilder, ClientRequest } from './accessLog'
import { ATTACK_SOURCES } from './addresses'
import { BACKUP_SUFFIXES, FORBIDDEN_SCANNER_PATHS, SCANNER_PATHS, XSS_PROBE_TARGET } from './attackVocabulary'
import type { ScenarioWindow } from './clock'
import { scheduledInstant } from './clock'
import type { ScannerTruth } from './groundTruth'
import { windowOf } from './groundTruth'
import type { SeededRandom } from './random'
import type { SiteCatalogue } from './siteCatalogue'
import { FORBIDDEN_BYTES, NOT_FOUND_BYTES, dynamicSize } from './siteCatalogue'
import { niktoUserAgent } from './userAgents'

type ScanStep = Omit<ClientRequest, 'at' | 'referrer'>

export function simulateWebScan(
  random: SeededRandom,
  window: ScenarioWindow,
  site: SiteCatalogue,
  log: AccessLogBuilder
): ScannerTruth {
  const clientIp = ATTACK_SOURCES.scanner
  const steps: ScanStep[] = [
    { method: 'GET', target: '/', status: 200, bytes: dynamicSize(random, site.home.bytes) },
    { method: 'OPTIONS', target: '*', status: 200, bytes: 0 },
    { method: 'GET', target: site.robots.target, status: 200, bytes: site.robots.bytes },
    ...random.shuffle([
      ...SCANNER_PATHS.map((target): ScanStep => ({
        method: 'GET',
        target,
        status: 404,
        bytes: NOT_FOUND_BYTES
      })),
      ...FORBIDDEN_SCANNER_PATHS.map((target): ScanStep => ({
        method: 'GET',
        target,
        status: 403,
        bytes: FORBIDDEN_BYTES
      })),
      ...['/index.php', '/login', '/config'].flatMap((file) =>
        BACKUP_SUFFIXES.map((suffix): ScanStep => ({
          method: 'GET',
          target: `${file}${suffix}`,
          status: 404,
          bytes: NOT_FOUND_BYTES
        }))
      ),
      { method: 'GET', target: XSS_PROBE_TARGET, status: 200, bytes: random.int(9_000, 9_500) }
    ])
  ]

  let at = scheduledInstant(window, 0, 22, 40) + random.int(0, 59_000)
  let testId = 0
  const times: number[] = []
  const requestsByStatus: Record<string, number> = {}
  for (const step of steps) {
    const userAgent = niktoUserAgent(testId)
    if (log.send({ clientIp, userAgent, protocol: 'HTTP/1.1' }, { ...step, at, referrer: null })) {
      times.push(at)
      requestsByStatus[step.status] = (requestsByStatus[step.status] ?? 0) + 1
    }
    at += random.int(40, 700)
    testId += random.int(1, 40)
  }
  return {
    sourceIp: clientIp,
    tool: 'Nikto/2.5.0',
    requests: times.length,
    requestsByStatus,
    window: windowOf(times)
  }
}
