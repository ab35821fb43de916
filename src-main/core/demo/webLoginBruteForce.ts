// Attack 2: a script guessing shop passwords from one address: fetch the login form (for its CSRF token),
// post a guess, answered 401, a hundred-odd times in a few minutes, until one guess is answered 302 and
// the script opens the account page.

import type { AccessLogBuilder, Requester } from './accessLog'
import { ATTACK_SOURCES } from './addresses'
import type { ScenarioWindow } from './clock'
import { scheduledInstant } from './clock'
import type { WebLoginBruteForceTruth } from './groundTruth'
import { loggedSecond, windowOf } from './groundTruth'
import type { SeededRandom } from './random'
import type { SiteCatalogue } from './siteCatalogue'
import { dynamicSize } from './siteCatalogue'
import { PYTHON_REQUESTS_USER_AGENT } from './userAgents'

export function simulateWebLoginBruteForce(
  random: SeededRandom,
  window: ScenarioWindow,
  site: SiteCatalogue,
  log: AccessLogBuilder
): WebLoginBruteForceTruth {
  const script: Requester = {
    clientIp: ATTACK_SOURCES.webLoginBruteForce,
    userAgent: PYTHON_REQUESTS_USER_AGENT,
    protocol: 'HTTP/1.1'
  }
  const { target, bytes } = site.loginPage
  const failureTimes: number[] = []
  let at = scheduledInstant(window, 1, 15, 31) + random.int(0, 59_000)
  const getForm = (formAt: number) =>
    log.send(script, {
      at: formAt,
      method: 'GET',
      target,
      status: 200,
      bytes: dynamicSize(random, bytes),
      referrer: null
    })

  for (let guesses = random.int(80, 120); guesses > 0; guesses--) {
    getForm(at)
    at += random.int(80, 300)
    const posted = {
      at,
      method: 'POST',
      target,
      status: 401,
      bytes: dynamicSize(random, bytes),
      referrer: null
    }
    if (log.send(script, posted)) failureTimes.push(at)
    at += random.int(900, 3_200)
  }
  getForm(at)
  at += random.int(80, 300)
  const successAt = at
  log.send(script, { at, method: 'POST', target, status: 302, bytes: 0, referrer: null })
  at += random.int(200, 700)
  const account = site.account
  log.send(script, {
    at,
    method: 'GET',
    target: account.target,
    status: 200,
    bytes: dynamicSize(random, account.bytes),
    referrer: null
  })

  return {
    sourceIp: script.clientIp,
    userAgent: PYTHON_REQUESTS_USER_AGENT,
    method: 'POST',
    path: target,
    failures: failureTimes.length,
    failureWindow: windowOf(failureTimes),
    successAt: loggedSecond(successAt)
  }
}
