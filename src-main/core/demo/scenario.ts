// The scenario generator's entry point: a few days in the life of a small web shop's server, with five
// scripted attacks on top of realistic benign traffic, as an Apache access log, an auth.log and an IOC
// list, plus the ground truth. Deterministic: the same options always give byte-identical output.

import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CairnError } from '../../common/errors'
import { AccessLogBuilder } from './accessLog'
import { AddressAllocator } from './addresses'
import { AuthLogBuilder } from './authLog'
import { generateBenignAuthActivity } from './benignAuth'
import { generateBenignWebTraffic } from './benignWeb'
import type { ScenarioWindow } from './clock'
import { DAY_MS } from './clock'
import type { IocTruth, ScenarioGroundTruth } from './groundTruth'
import { IocSightings } from './groundTruth'
import { DEFAULT_HOST_NAME } from './host'
import { listedIndicators } from './iocList'
import { simulateIocTraffic } from './iocTraffic'
import { SeededRandom } from './random'
import { createSiteCatalogue } from './siteCatalogue'
import { simulateSqlInjection } from './sqlInjection'
import { simulateSshBruteForce } from './sshBruteForce'
import { simulateWebLoginBruteForce } from './webLoginBruteForce'
import { simulateWebScan } from './webScanner'

export interface ScenarioOptions {
  /** Any 32-bit unsigned integer; default 2026. */
  seed?: number
  /** First instant covered (UTC); default 2026-03-12T00:00:00Z. Midnight keeps the daily story intact. */
  start?: Date
  /** Whole days covered, 1 to 31; default 3. */
  days?: number
  /** Benign web requests per day (the haystack), 0 to 1,000,000; default 10,000. */
  webRequestsPerDay?: number
  /** Background SSH probe visits per day, 0 to 2,000; default 120. */
  sshProbesPerDay?: number
  /** The server's host name in auth.log; default web01. */
  hostName?: string
}

export interface Scenario {
  /** Apache combined log lines in time order, without line terminators. */
  accessLog: string[]
  /** RFC 3164 syslog lines in time order, without line terminators. */
  authLog: string[]
  /** The IOC list file's text. */
  iocList: string
  groundTruth: ScenarioGroundTruth
  /** The year of auth.log's first line: RFC 3164 timestamps carry none. */
  year: number
  timeZone: 'UTC'
}

export const DEFAULT_SCENARIO_SEED = 2026
const DEFAULT_START = Date.UTC(2026, 2, 12)
const DEFAULT_DAYS = 3
const DEFAULT_WEB_REQUESTS_PER_DAY = 10_000
const DEFAULT_SSH_PROBES_PER_DAY = 120

export function generateScenario(options: ScenarioOptions = {}): Scenario {
  const settings = resolveOptions(options)
  const window: ScenarioWindow = {
    start: settings.start,
    end: settings.start + settings.days * DAY_MS,
    days: settings.days
  }
  const random = new SeededRandom(settings.seed)
  const addresses = new AddressAllocator()
  const accessLog = new AccessLogBuilder(window)
  const authLog = new AuthLogBuilder(window, settings.hostName, random.fork('auth-log-numbering'))
  const sightings = new IocSightings()
  const site = createSiteCatalogue(random.fork('site'))
  const ioc = listedIndicators(random.fork('ioc-list'))

  const web = generateBenignWebTraffic(
    random.fork('benign-web'),
    window,
    settings.webRequestsPerDay * settings.days,
    site,
    addresses,
    accessLog
  )
  const auth = generateBenignAuthActivity(
    random.fork('benign-auth'),
    window,
    settings.sshProbesPerDay,
    addresses,
    authLog
  )
  const attacks = {
    sshBruteForce: simulateSshBruteForce(random.fork('ssh-brute-force'), window, authLog, sightings),
    webLoginBruteForce: simulateWebLoginBruteForce(
      random.fork('web-login-brute-force'),
      window,
      site,
      accessLog
    ),
    scanner: simulateWebScan(random.fork('scanner'), window, site, accessLog),
    sqlInjection: simulateSqlInjection(random.fork('sql-injection'), window, accessLog),
    iocTraffic: simulateIocTraffic(random.fork('ioc-traffic'), window, site, accessLog, authLog, sightings)
  }
  const iocs: IocTruth[] = ioc.indicators.map((indicator) => ({
    ...indicator,
    sightings: sightings.of(indicator.value)
  }))

  const accessLines = accessLog.render()
  const authLines = authLog.render()
  return {
    accessLog: accessLines,
    authLog: authLines,
    iocList: ioc.text,
    groundTruth: {
      seed: settings.seed,
      hostName: settings.hostName,
      timeZone: 'UTC',
      window: { start: window.start, end: window.end },
      attacks,
      iocs,
      background: { web, auth },
      lines: { accessLog: accessLines.length, authLog: authLines.length }
    },
    year: new Date(window.start).getUTCFullYear(),
    timeZone: 'UTC'
  }
}

export interface ScenarioFiles {
  accessLogPath: string
  authLogPath: string
  iocListPath: string
  groundTruth: ScenarioGroundTruth
}

/**
 * Writes `access.log`, `auth.log` and `iocs.txt` into `dir` (created if missing, files replaced). The logs'
 * modification time is the scenario's last second, as if the server stopped writing there, so importers
 * that infer auth.log's missing year from the file's mtime find the scenario's year.
 */
export async function writeScenarioFiles(dir: string, options: ScenarioOptions = {}): Promise<ScenarioFiles> {
  const scenario = generateScenario(options)
  await mkdir(dir, { recursive: true })
  const paths = {
    accessLogPath: join(dir, 'access.log'),
    authLogPath: join(dir, 'auth.log'),
    iocListPath: join(dir, 'iocs.txt')
  }
  const lastSecond = new Date(scenario.groundTruth.window.end - 1_000)
  for (const [path, lines] of [
    [paths.accessLogPath, scenario.accessLog],
    [paths.authLogPath, scenario.authLog]
  ] as const) {
    await writeFile(path, lines.length === 0 ? '' : `${lines.join('\n')}\n`)
    await utimes(path, lastSecond, lastSecond)
  }
  await writeFile(paths.iocListPath, scenario.iocList)
  return { ...paths, groundTruth: scenario.groundTruth }
}

interface ScenarioSettings {
  seed: number
  start: number
  days: number
  webRequestsPerDay: number
  sshProbesPerDay: number
  hostName: string
}

function resolveOptions(options: ScenarioOptions): ScenarioSettings {
  const seed = options.seed ?? DEFAULT_SCENARIO_SEED
  requireInteger('seed', seed, 0, 0xffff_ffff)
  const start = options.start?.getTime() ?? DEFAULT_START
  if (!Number.isFinite(start)) throw new CairnError('BAD_REQUEST', 'scenario start is not a valid date')
  const days = options.days ?? DEFAULT_DAYS
  requireInteger('days', days, 1, 31)
  const webRequestsPerDay = options.webRequestsPerDay ?? DEFAULT_WEB_REQUESTS_PER_DAY
  requireInteger('webRequestsPerDay', webRequestsPerDay, 0, 1_000_000)
  const sshProbesPerDay = options.sshProbesPerDay ?? DEFAULT_SSH_PROBES_PER_DAY
  requireInteger('sshProbesPerDay', sshProbesPerDay, 0, 2_000)
  const hostName = options.hostName ?? DEFAULT_HOST_NAME
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/.test(hostName)) {
    throw new CairnError('BAD_REQUEST', `scenario host name '${hostName}' is not a valid host name`)
  }
  return { seed, start, days, webRequestsPerDay, sshProbesPerDay, hostName }
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CairnError(
      'BAD_REQUEST',
      `scenario ${name} must be a whole number from ${min} to ${max}, not ${value}`
    )
  }
}
