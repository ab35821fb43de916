// The demo scenario against its own answer key: every line in the exact format real servers write, in
// time order, and every count, time and address in the ground truth found again by reading the lines.

import ipaddr from 'ipaddr.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { CairnError } from '../../../src-main/common/errors'
import type { Scenario } from '../../../src-main/core/demo/scenario'
import { generateScenario } from '../../../src-main/core/demo/scenario'
import type { AccessRecord, AuthRecord } from './logGrammar'
import { firstOutOfOrder, parseAccessLine, parseAuthLine } from './logGrammar'

const MINUTE = 60_000
const TEST_NETS = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map((cidr) =>
  ipaddr.parseCIDR(cidr)
)
const BENCHMARK_NETS = ['198.18.0.0/15', '2001:2::/48'].map((cidr) => ipaddr.parseCIDR(cidr))

function inAny(address: string, ranges: ReturnType<typeof ipaddr.parseCIDR>[]): boolean {
  const parsed = ipaddr.parse(address)
  return ranges.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits))
}

/** The most events any sliding window of the given width holds (times sorted ascending). */
function densestWindow(times: readonly number[], widthMs: number): number {
  let best = 0
  for (let first = 0, last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= widthMs) first++
    best = Math.max(best, last - first + 1)
  }
  return best
}

function groupTimes<T>(records: readonly T[], key: (record: T) => string | null, at: (record: T) => number) {
  const groups = new Map<string, number[]>()
  for (const record of records) {
    const name = key(record)
    if (name !== null) groups.set(name, [...(groups.get(name) ?? []), at(record)])
  }
  return groups
}

describe('generateScenario with default options', () => {
  let scenario: Scenario
  let access: AccessRecord[]
  let auth: AuthRecord[]

  beforeAll(() => {
    scenario = generateScenario()
    access = scenario.accessLog.map(parseAccessLine)
    auth = scenario.authLog.map((line) => parseAuthLine(line, scenario.year))
  })

  it('is the size of a demo: tens of thousands of web lines, thousands of auth lines over three days', () => {
    expect(scenario.accessLog.length).toBeGreaterThan(20_000)
    expect(scenario.accessLog.length).toBeLessThan(40_000)
    expect(scenario.authLog.length).toBeGreaterThan(2_000)
    expect(scenario.authLog.length).toBeLessThan(5_000)
    expect(scenario.groundTruth.lines).toEqual({ accessLog: access.length, authLog: auth.length })
    expect(scenario.groundTruth.window).toEqual({
      start: Date.UTC(2026, 2, 12),
      end: Date.UTC(2026, 2, 15)
    })
    expect(scenario.year).toBe(2026)
    expect(scenario.timeZone).toBe('UTC')
  })

  it('writes every line in time order and inside the scenario window', () => {
    const { start, end } = scenario.groundTruth.window
    for (const records of [access, auth]) {
      expect(firstOutOfOrder(records)).toBe(-1)
      expect(records[0].at).toBeGreaterThanOrEqual(start)
      expect(records[records.length - 1].at).toBeLessThan(end)
    }
    expect(new Set(auth.map((record) => record.host))).toEqual(new Set(['web01']))
  })

  it('numbers processes upwards through the log, as a real kernel does', () => {
    const firstSeen = new Map<number, number>()
    for (const record of auth) {
      if (record.pid !== null && record.program !== 'systemd-logind' && !firstSeen.has(record.pid)) {
        firstSeen.set(record.pid, record.at)
      }
    }
    const pidsInOrderOfAppearance = [...firstSeen.keys()]
    const rising = pidsInOrderOfAppearance.filter(
      (pid, index) => index === 0 || pid > pidsInOrderOfAppearance[index - 1]
    )
    // sshd's user child logs only at logout, so a few pids appear late; nearly all must rise.
    expect(rising.length / pidsInOrderOfAppearance.length).toBeGreaterThan(0.95)
  })

  it('looks like a real shop: hundreds of clients, a daily rhythm, mostly 200/304 with some 404s', () => {
    const benign = access.filter((record) => inAny(record.clientIp, BENCHMARK_NETS))
    expect(new Set(benign.map((record) => record.clientIp)).size).toBeGreaterThan(300)
    expect(benign.some((record) => record.clientIp.includes(':'))).toBe(true)
    const byHour = new Array<number>(24).fill(0)
    for (const record of benign) byHour[new Date(record.at).getUTCHours()]++
    expect(byHour[14]).toBeGreaterThan(3 * byHour[3])
    const okOrCached = benign.filter((record) => record.status === 200 || record.status === 304).length
    expect(okOrCached / benign.length).toBeGreaterThan(0.75)
    // The rest is the analytics beacon's 204, add-to-cart 201 and login redirects, and a few errors.
    const errors = benign.filter((record) => record.status >= 400).length
    expect(errors / benign.length).toBeLessThan(0.02)
    expect(benign.filter((record) => record.status === 404).length).toBeGreaterThan(20)
    expect(benign.filter((record) => record.status === 304).length).toBeGreaterThan(100)
  })

  it('keeps every address in its role: attackers in documentation ranges, visitors in benchmarking ranges', () => {
    const { attacks, background } = scenario.groundTruth
    const attackers = [
      attacks.sshBruteForce.sourceIp,
      attacks.webLoginBruteForce.sourceIp,
      attacks.scanner.sourceIp,
      attacks.sqlInjection.sourceIp,
      ...attacks.iocTraffic.sourceIps,
      ...background.auth.sshProbes.sources
    ]
    for (const address of attackers) expect(inAny(address, TEST_NETS), address).toBe(true)
    const clients = new Set(access.map((record) => record.clientIp))
    const unplaced = [...clients].filter(
      (address) => !inAny(address, TEST_NETS) && !inAny(address, BENCHMARK_NETS)
    )
    expect(unplaced).toEqual([])
  })

  it('records the SSH brute force exactly as auth.log shows it, success after every failure', () => {
    const truth = scenario.groundTruth.attacks.sshBruteForce
    const failures = auth
      .map((record) => ({
        record,
        match: /^Failed password for (?:invalid user )?(\S+) from (\S+) port/.exec(record.message)
      }))
      .filter(({ match }) => match?.[2] === truth.sourceIp)
    expect(failures.length).toBe(truth.failedPasswords)
    expect(truth.failedPasswords).toBeGreaterThanOrEqual(40)
    const byUser: Record<string, number> = {}
    for (const { match } of failures) byUser[match![1]] = (byUser[match![1]] ?? 0) + 1
    expect(byUser).toEqual(truth.failedPasswordsByUser)
    expect(byUser.root).toBeGreaterThan(10)
    expect(byUser.admin).toBeGreaterThan(5)
    expect(truth.failures).toEqual({
      first: failures[0].record.at,
      last: failures[failures.length - 1].record.at
    })
    expect(truth.failures.last - truth.failures.first).toBeLessThan(15 * MINUTE)

    const invalid = auth
      .map(
        (record) => new RegExp(`^Invalid user (\\S+) from ${truth.sourceIp} port`).exec(record.message)?.[1]
      )
      .filter((user) => user !== undefined)
    expect(new Set(invalid)).toEqual(new Set(truth.invalidUsers))
    expect(truth.invalidUsers.length).toBeGreaterThanOrEqual(5)

    const accepted = auth.filter((record) =>
      record.message.startsWith(`Accepted password for admin from ${truth.sourceIp} `)
    )
    expect(accepted[0].at).toBe(truth.success.at)
    expect(truth.success.at).toBeGreaterThan(truth.failures.last)
    expect(accepted[1].at).toBe(truth.interactiveLoginAt)

    const sudo = auth.filter((record) => record.program === 'sudo' && /^ *admin : /.test(record.message))
    expect(sudo.map((record) => record.message.split('COMMAND=')[1])).toEqual(truth.sudoCommands)
    expect(sudo.every((record) => record.at > truth.interactiveLoginAt)).toBe(true)

    const { persistence } = truth
    const created = auth.find(
      (record) => record.program === 'useradd' && record.message.startsWith('new user:')
    )
    expect(created?.message).toBe(
      `new user: name=${persistence.user}, UID=${persistence.uid}, GID=${persistence.uid}, home=/home/${persistence.user}, shell=/bin/bash`
    )
    expect(created?.at).toBe(persistence.createdAt)
    const grouped = auth.find(
      (record) => record.message === `add '${persistence.user}' to group '${persistence.addedToGroup}'`
    )
    expect(grouped?.at).toBe(persistence.groupAddedAt)
    expect(persistence.uid).toBe(1003)
    const backdoorLogin = auth.find((record) =>
      record.message.startsWith(`Accepted password for ${persistence.user} from ${truth.sourceIp} `)
    )
    expect(backdoorLogin?.at).toBe(persistence.loginAt)
  })

  it('makes only the brute force a burst: no other SSH source reaches ten failures in five minutes', () => {
    const failuresBySource = groupTimes(
      auth,
      (record) => /^Failed password for .* from (\S+) port/.exec(record.message)?.[1] ?? null,
      (record) => record.at
    )
    const bursts = [...failuresBySource].filter(([, times]) => densestWindow(times, 5 * MINUTE) >= 10)
    expect(bursts.map(([source]) => source)).toEqual([scenario.groundTruth.attacks.sshBruteForce.sourceIp])
    expect(
      scenario.groundTruth.background.auth.sshProbes.maxFailedPasswordsPerSourcePerHour
    ).toBeLessThanOrEqual(4)
    expect(scenario.groundTruth.background.auth.sshProbes.connections).toBeGreaterThan(100)
  })

  it('records the web login brute force, with the 302 after every 401', () => {
    const truth = scenario.groundTruth.attacks.webLoginBruteForce
    const posts = access.filter((record) => record.clientIp === truth.sourceIp && record.method === 'POST')
    const failures = posts.filter((record) => record.status === 401)
    expect(failures.length).toBe(truth.failures)
    expect(truth.failures).toBeGreaterThanOrEqual(50)
    expect(
      failures.every((record) => record.target === truth.path && record.userAgent === truth.userAgent)
    ).toBe(true)
    expect(truth.failureWindow).toEqual({ first: failures[0].at, last: failures[failures.length - 1].at })
    expect(truth.failureWindow.last - truth.failureWindow.first).toBeLessThan(10 * MINUTE)
    const success = posts.filter((record) => record.status === 302)
    expect(success.map((record) => record.at)).toEqual([truth.successAt])
    expect(truth.successAt).toBeGreaterThanOrEqual(truth.failureWindow.last)

    const loginFailures = groupTimes(
      access,
      (record) =>
        record.method === 'POST' && record.target === '/login' && record.status === 401
          ? record.clientIp
          : null,
      (record) => record.at
    )
    const bursts = [...loginFailures].filter(([, times]) => densestWindow(times, 5 * MINUTE) >= 10)
    expect(bursts.map(([source]) => source)).toEqual([truth.sourceIp])
  })

  it('records the scanner: one address, a scanner user agent, mostly 404s for admin and secret paths', () => {
    const truth = scenario.groundTruth.attacks.scanner
    const requests = access.filter((record) => record.clientIp === truth.sourceIp)
    expect(requests.length).toBe(truth.requests)
    const byStatus: Record<string, number> = {}
    for (const record of requests) byStatus[record.status] = (byStatus[record.status] ?? 0) + 1
    expect(byStatus).toEqual(truth.requestsByStatus)
    expect(byStatus['404']).toBeGreaterThan(50)
    expect(requests.every((record) => record.userAgent.includes(truth.tool))).toBe(true)
    const targets = new Set(requests.map((record) => record.target))
    for (const path of ['/wp-login.php', '/phpmyadmin/', '/.env', '/.git/config', '/admin/'])
      expect(targets).toContain(path)
    expect(truth.window).toEqual({ first: requests[0].at, last: requests[requests.length - 1].at })
    // A raw quote in the request is logged escaped, as Apache does.
    expect(scenario.accessLog.some((line) => line.includes('GET /search?q=\\"><script>'))).toBe(true)
  })

  it('records the SQL injection attempts, percent-encoded on the wire', () => {
    const truth = scenario.groundTruth.attacks.sqlInjection
    const requests = access.filter((record) => record.clientIp === truth.sourceIp)
    expect(requests.length).toBe(truth.requests)
    expect(requests.every((record) => record.userAgent === truth.userAgent)).toBe(true)
    const decoded = requests.map((record) => decodeURIComponent(record.target))
    expect(decoded.some((target) => target.includes("' OR '1'='1"))).toBe(true)
    expect(decoded.some((target) => target.includes('UNION ALL SELECT'))).toBe(true)
    expect(decoded.some((target) => /sleep\(5\)/i.test(target))).toBe(true)
    expect(requests.every((record) => !record.target.includes("'"))).toBe(true)
    expect(requests.some((record) => record.target.includes('%27%20OR%20%271%27%3D%271'))).toBe(true)
    const injected = Object.values(truth.requestsByTechnique).reduce((sum, count) => sum + count, 0)
    expect(injected).toBe(truth.requests - truth.paths.length)
    expect(truth.window).toEqual({ first: requests[0].at, last: requests[requests.length - 1].at })
  })

  it('lists indicators of every kind, and says truthfully which of them appear in the logs', () => {
    const listed = scenario.iocList
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => (line.startsWith('ua:') ? line.slice(3).split('\t')[0] : line.split(',')[0]))
    const { iocs } = scenario.groundTruth
    expect(listed).toEqual(iocs.map((ioc) => ioc.value))
    expect(new Set(iocs.map((ioc) => ioc.type))).toEqual(
      new Set(['ip', 'cidr', 'domain', 'url', 'user_agent', 'sha256', 'md5'])
    )
    expect(iocs.some((ioc) => ioc.type === 'ip' && ioc.value.includes(':'))).toBe(true)
    expect(iocs.filter((ioc) => ioc.type === 'sha256').every((ioc) => /^[0-9a-f]{64}$/.test(ioc.value))).toBe(
      true
    )
    expect(iocs.filter((ioc) => ioc.type === 'md5').every((ioc) => /^[0-9a-f]{32}$/.test(ioc.value))).toBe(
      true
    )

    const files = { 'access.log': scenario.accessLog, 'auth.log': scenario.authLog }
    const mentioning = (lines: string[], value: string) =>
      lines.filter((line) =>
        new RegExp(`(^|[ =/"])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([ /"]|$)`).test(line)
      ).length
    for (const ioc of iocs) {
      for (const sighting of ioc.sightings) {
        expect(mentioning(files[sighting.file], sighting.observed), `${ioc.value} in ${sighting.file}`).toBe(
          sighting.lines
        )
      }
      if (ioc.sightings.length === 0) {
        expect(
          scenario.accessLog.concat(scenario.authLog).some((line) => line.includes(ioc.value)),
          ioc.value
        ).toBe(false)
      }
    }
    const sighted = iocs.filter((ioc) => ioc.sightings.length > 0).map((ioc) => ioc.type)
    expect(new Set(sighted)).toEqual(new Set(['ip', 'cidr', 'domain', 'url', 'user_agent']))
  })

  it('shows exactly one address from the listed range, and the listed user agent from an unlisted address', () => {
    const range = scenario.groundTruth.iocs.find((ioc) => ioc.type === 'cidr')!
    const [network, bits] = ipaddr.parseCIDR(range.value)
    const addresses = new Set(access.map((record) => record.clientIp))
    const inside = [...addresses].filter((address) => {
      const parsed = ipaddr.parse(address)
      return parsed.kind() === network.kind() && parsed.match(network, bits)
    })
    expect(inside).toEqual([range.sightings[0].observed])

    const agent = scenario.groundTruth.iocs.find((ioc) => ioc.type === 'user_agent')!
    const listedAddresses = new Set(
      scenario.groundTruth.iocs.filter((ioc) => ioc.type === 'ip').map((ioc) => ioc.value)
    )
    const senders = new Set(
      access.filter((record) => record.userAgent === agent.value).map((record) => record.clientIp)
    )
    expect(senders.size).toBe(1)
    expect(listedAddresses.has([...senders][0])).toBe(false)
  })
})

describe('generateScenario options', () => {
  const small = { webRequestsPerDay: 1_500, sshProbesPerDay: 40 }

  it('gives byte-identical output for the same seed and different output for another', () => {
    const first = generateScenario({ ...small, seed: 7 })
    const again = generateScenario({ ...small, seed: 7 })
    const other = generateScenario({ ...small, seed: 8 })
    expect(again.accessLog).toEqual(first.accessLog)
    expect(again.authLog).toEqual(first.authLog)
    expect(again.iocList).toBe(first.iocList)
    expect(again.groundTruth).toEqual(first.groundTruth)
    expect(other.accessLog).not.toEqual(first.accessLog)
    expect(other.authLog).not.toEqual(first.authLog)
    expect(other.groundTruth.attacks.sshBruteForce.failedPasswords).toBeGreaterThan(0)
  })

  it('leaves the attacks unchanged when only the benign volume changes', () => {
    const quiet = generateScenario({ ...small, seed: 7 })
    const busy = generateScenario({ ...small, seed: 7, webRequestsPerDay: 3_000 })
    expect(busy.accessLog.length).toBeGreaterThan(quiet.accessLog.length)
    expect(busy.groundTruth.attacks).toEqual(quiet.groundTruth.attacks)
  })

  it('fits the whole story into one day starting at another date', () => {
    const scenario = generateScenario({ ...small, start: new Date('2025-11-03T00:00:00Z'), days: 1 })
    const { window, attacks } = scenario.groundTruth
    expect(scenario.year).toBe(2025)
    expect(scenario.authLog[0].startsWith('Nov  3 ')).toBe(true)
    for (const instant of [
      attacks.sshBruteForce.failures.first,
      attacks.sshBruteForce.success.at,
      attacks.webLoginBruteForce.successAt,
      attacks.scanner.window.first,
      attacks.sqlInjection.window.last,
      attacks.iocTraffic.window.last
    ]) {
      expect(instant).toBeGreaterThanOrEqual(window.start)
      expect(instant).toBeLessThan(window.end)
    }
    for (const line of scenario.authLog) parseAuthLine(line, 2025)
    for (const line of scenario.accessLog) parseAccessLine(line)
  })

  it('writes only the attacks when there is no background traffic, each line accounted for', () => {
    const scenario = generateScenario({ webRequestsPerDay: 0, sshProbesPerDay: 0 })
    const { attacks, background } = scenario.groundTruth
    expect(background.web).toEqual({ requests: 0, clients: 0 })
    const access = scenario.accessLog.map(parseAccessLine)
    const perSource = (ip: string) => access.filter((record) => record.clientIp === ip).length
    expect(perSource(attacks.scanner.sourceIp)).toBe(attacks.scanner.requests)
    expect(perSource(attacks.sqlInjection.sourceIp)).toBe(attacks.sqlInjection.requests)
    const loginScript = access.filter((record) => record.clientIp === attacks.webLoginBruteForce.sourceIp)
    // Each guess fetches the form first; the success is followed by the account page.
    expect(loginScript.length).toBe(2 * (attacks.webLoginBruteForce.failures + 1) + 1)
    expect(
      access.length -
        perSource(attacks.scanner.sourceIp) -
        perSource(attacks.sqlInjection.sourceIp) -
        loginScript.length
    ).toBe(attacks.iocTraffic.requests)
    for (const line of scenario.authLog) parseAuthLine(line, scenario.year)
    const sources = new Set(
      scenario.authLog.flatMap((line) => line.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? [])
    )
    expect([...sources].sort()).toEqual(['10.8.0.6', '198.19.40.12', '203.0.113.200', '203.0.113.50'])
  })

  it('rejects options it cannot honour with a coded error', () => {
    expect(() => generateScenario({ days: 0 })).toThrow(CairnError)
    expect(() => generateScenario({ days: 1.5 })).toThrow(/days must be a whole number from 1 to 31/)
    expect(() => generateScenario({ seed: -1 })).toThrow(/seed/)
    expect(() => generateScenario({ start: new Date('not a date') })).toThrow(/start/)
    expect(() => generateScenario({ hostName: 'web 01' })).toThrow(/host name/)
    expect(() => generateScenario({ webRequestsPerDay: -5 })).toThrow(/webRequestsPerDay/)
  })
})
