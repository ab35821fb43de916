// Attack 4: sqlmap working through the shop's two query parameters (`/product?id=`, `/search?q=`) from one
// address: boolean, error, UNION and time-based payloads, percent-encoded as sqlmap sends them. Errors
// come back 500; a SLEEP(5) that works delays sqlmap's next request by the five seconds it waited.

import type { AccessLogBuilder, Requester } from './accessLog'
import { ATTACK_SOURCES } from './addresses'
import type { SqlInjectionTechnique } from './attackVocabulary'
import { SQL_INJECTION_PAYLOADS, encodeQueryValue } from './attackVocabulary'
import type { ScenarioWindow } from './clock'
import { scheduledInstant } from './clock'
import type { SqlInjectionTruth } from './groundTruth'
import { windowOf } from './groundTruth'
import type { SeededRandom } from './random'
import { SQLMAP_USER_AGENT } from './userAgents'

const SERVER_ERROR_BYTES = 531
const SLEEP_MS = 5_000

interface InjectionPoint {
  path: string
  parameter: string
  original: string
  pageBytes: number
}

export function simulateSqlInjection(
  random: SeededRandom,
  window: ScenarioWindow,
  log: AccessLogBuilder
): SqlInjectionTruth {
  const sqlmap: Requester = {
    clientIp: ATTACK_SOURCES.sqlInjection,
    userAgent: SQLMAP_USER_AGENT,
    protocol: 'HTTP/1.1'
  }
  const points: InjectionPoint[] = [
    {
      path: '/product',
      parameter: 'id',
      original: String(random.int(101, 160)),
      pageBytes: random.int(16_000, 22_000)
    },
    { path: '/search', parameter: 'q', original: 'tent', pageBytes: random.int(9_000, 28_000) }
  ]
  const requestsByTechnique: Record<SqlInjectionTechnique, number> = {
    boolean: 0,
    union: 0,
    time: 0,
    error: 0
  }
  const times: number[] = []
  let at = scheduledInstant(window, 0.5, 10, 14) + random.int(0, 59_000)

  for (const point of points) {
    // sqlmap first checks the page is stable with the original value, then tries each payload.
    const baseline = `${point.path}?${point.parameter}=${point.original}`
    if (
      log.send(sqlmap, {
        at,
        method: 'GET',
        target: baseline,
        status: 200,
        bytes: point.pageBytes,
        referrer: null
      })
    ) {
      times.push(at)
    }
    at += random.int(200, 900)
    const extraTries = Array.from({ length: random.int(8, 16) }, () => random.pick(SQL_INJECTION_PAYLOADS))
    for (const { technique, payload } of [...SQL_INJECTION_PAYLOADS, ...extraTries]) {
      const target = `${point.path}?${point.parameter}=${encodeQueryValue(point.original + payload)}`
      const { status, bytes } = response(random, technique, point.pageBytes)
      if (log.send(sqlmap, { at, method: 'GET', target, status, bytes, referrer: null })) {
        times.push(at)
        requestsByTechnique[technique]++
      }
      at += random.int(150, 1_200) + (technique === 'time' ? SLEEP_MS : 0)
    }
  }
  return {
    sourceIp: sqlmap.clientIp,
    userAgent: SQLMAP_USER_AGENT,
    requests: times.length,
    requestsByTechnique,
    paths: points.map((point) => point.path),
    window: windowOf(times)
  }
}

/** What the vulnerable shop answers: a stack trace page for broken syntax, a shorter page for a false condition. */
function response(
  random: SeededRandom,
  technique: SqlInjectionTechnique,
  pageBytes: number
): { status: number; bytes: number } {
  if (technique === 'error') return { status: 500, bytes: SERVER_ERROR_BYTES }
  if (technique === 'boolean' && random.chance(0.4))
    return { status: 200, bytes: Math.round(pageBytes * 0.55) }
  return { status: 200, bytes: pageBytes + random.int(-40, 400) }
}
