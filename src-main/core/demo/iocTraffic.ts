// Attack 5: traffic an IOC list should catch and nothing else would single out: the listed dropper
// address trying a remote-file-inclusion with the listed payload URL (and one SSH guess), a host inside
// the listed range browsing, the listed IPv6 address, and an unlisted address using the listed user agent.

import type { AccessLogBuilder, ClientRequest, Requester } from './accessLog'
import { ATTACK_SOURCES, IOC_RANGE } from './addresses'
import type { AuthLogBuilder } from './authLog'
import { logFailedLogin } from './authSequences'
import type { ScenarioWindow } from './clock'
import { scheduledInstant } from './clock'
import type { IocSightings, IocTrafficTruth } from './groundTruth'
import { windowOf } from './groundTruth'
import { IOC_DOMAIN, LISTED_PAYLOAD_URL, STAGING_HOST } from './iocList'
import type { SeededRandom } from './random'
import type { SiteCatalogue } from './siteCatalogue'
import { NOT_FOUND_BYTES, dynamicSize } from './siteCatalogue'
import { HEADLESS_CHROME_USER_AGENT, MALICIOUS_USER_AGENT } from './userAgents'

type Step = Omit<ClientRequest, 'at' | 'referrer'>

const REMOTE_FILE_INCLUSION = `/index.php?page=${LISTED_PAYLOAD_URL}`

export function simulateIocTraffic(
  random: SeededRandom,
  window: ScenarioWindow,
  site: SiteCatalogue,
  accessLog: AccessLogBuilder,
  authLog: AuthLogBuilder,
  sightings: IocSightings
): IocTrafficTruth {
  const times: number[] = []
  let requests = 0
  const page = (target: string, bytes: number): Step => ({
    method: 'GET',
    target,
    status: 200,
    bytes: dynamicSize(random, bytes)
  })
  const missing = (method: string, target: string): Step => ({
    method,
    target,
    status: 404,
    bytes: NOT_FOUND_BYTES
  })
  const loginFailure = (): Step => ({ ...page('/login', site.loginPage.bytes), method: 'POST', status: 401 })

  /** Sends the steps a second or a few apart, noting a sighting for each that made it into the log. */
  const visit = (
    from: Requester,
    start: number,
    steps: readonly Step[],
    sighted: (step: Step) => void
  ): void => {
    let at = start
    for (const step of steps) {
      if (accessLog.send(from, { ...step, at, referrer: null })) {
        times.push(at)
        requests++
        sighted(step)
      }
      at += random.int(400, 4_000)
    }
  }

  const dropper = requester(ATTACK_SOURCES.iocListed, 'curl/8.5.0')
  const dropperAt = scheduledInstant(window, 0.2, 11, 42) + random.int(0, 59_000)
  const dropperSteps = [
    page('/', site.home.bytes),
    missing('GET', REMOTE_FILE_INCLUSION),
    missing('GET', '/wp-content/uploads/shell.php'),
    missing('GET', '/shell.php?cmd=id')
  ]
  visit(dropper, dropperAt, dropperSteps, (step) => {
    sightings.note(dropper.clientIp, { file: 'access.log', field: 'source.ip', observed: dropper.clientIp })
    if (step.target === REMOTE_FILE_INCLUSION) {
      sightings.note(LISTED_PAYLOAD_URL, {
        file: 'access.log',
        field: 'url.original',
        observed: LISTED_PAYLOAD_URL
      })
      sightings.note(IOC_DOMAIN, { file: 'access.log', field: 'url.original', observed: STAGING_HOST })
    }
  })
  const sshGuess = logFailedLogin(authLog, random, {
    at: dropperAt + random.int(60_000, 300_000),
    ip: dropper.clientIp,
    user: 'root',
    attempts: 1,
    accountExists: true,
    ending: 'closed'
  })
  times.push(...sshGuess.failedPasswordTimes)
  for (let line = 0; line < sshGuess.lines; line++) {
    sightings.note(dropper.clientIp, { file: 'auth.log', field: 'source.ip', observed: dropper.clientIp })
  }

  const rangeMember = requester(ATTACK_SOURCES.iocRangeMember, HEADLESS_CHROME_USER_AGENT)
  const products = site.pages.filter((candidate) => candidate.kind === 'product')
  const [first, second] = [random.pick(products), random.pick(products)]
  const browsing = [
    page('/', site.home.bytes),
    page(first.target, first.bytes),
    page(second.target, second.bytes),
    page('/login', site.loginPage.bytes),
    missing('GET', '/.env')
  ]
  visit(rangeMember, scheduledInstant(window, 0.6, 16, 8) + random.int(0, 59_000), browsing, () =>
    sightings.note(IOC_RANGE.cidr, { file: 'access.log', field: 'source.ip', observed: rangeMember.clientIp })
  )

  const ipv6 = requester(ATTACK_SOURCES.iocListedIpv6, 'Go-http-client/1.1')
  const guesses = [page('/login', site.loginPage.bytes), loginFailure(), loginFailure(), loginFailure()]
  visit(ipv6, scheduledInstant(window, 0.9, 9, 30) + random.int(0, 59_000), guesses, () =>
    sightings.note(ipv6.clientIp, { file: 'access.log', field: 'source.ip', observed: ipv6.clientIp })
  )

  const loader = requester(ATTACK_SOURCES.iocUserAgentClient, MALICIOUS_USER_AGENT)
  const probing = [
    page('/', site.home.bytes),
    { method: 'GET', target: site.robots.target, status: 200, bytes: site.robots.bytes },
    missing('GET', '/wp-login.php'),
    missing('POST', '/xmlrpc.php')
  ]
  visit(loader, scheduledInstant(window, 0.75, 20, 51) + random.int(0, 59_000), probing, () =>
    sightings.note(MALICIOUS_USER_AGENT, {
      file: 'access.log',
      field: 'user_agent.original',
      observed: MALICIOUS_USER_AGENT
    })
  )

  return {
    sourceIps: [dropper.clientIp, rangeMember.clientIp, ipv6.clientIp],
    requests,
    window: windowOf(times)
  }
}

function requester(clientIp: string, userAgent: string): Requester {
  return { clientIp, userAgent, protocol: 'HTTP/1.1' }
}
