import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../../src-main/common/event'
import { AuthBurstEngine } from '../../../src-main/core/detect/behavior/authBurstEngine'
import type { AlertDraft, DetectionSettings } from '../../../src-main/core/detect/engine'
import { EventFactory, runEngine, seconds } from './memoryEvents'

/** Five failures within a minute make a burst; a success within ten minutes of one escalates it. */
const settings: Partial<DetectionSettings> = {
  authBurst: { threshold: 5, windowMs: 60_000, successWithinMs: 600_000 }
}

async function detect(events: StoredEvent[], override = settings): Promise<AlertDraft[]> {
  const result = await runEngine(new AuthBurstEngine(), events, { settings: override })
  expect(result.status).toBe(result.alerts.length > 0 ? 'success' : 'no_findings')
  return result.alerts
}

function sshFailures(factory: EventFactory, ip: string, atSeconds: number[], user = 'root'): StoredEvent[] {
  return atSeconds.map((at) => factory.auth(seconds(at), { outcome: 'failure', ip, user }))
}

const rules = (alerts: AlertDraft[]): string[] => alerts.map((alert) => alert.rule.id)

describe('AuthBurstEngine, per source', () => {
  it('raises nothing at threshold-1 failures in the window and one medium alert at the threshold', async () => {
    const factory = new EventFactory()
    const below = sshFailures(factory, '203.0.113.7', [0, 10, 20, 30])
    const belowResult = await runEngine(new AuthBurstEngine(), below, { settings })
    expect(belowResult).toEqual({
      status: 'no_findings',
      priority: 'none',
      summary: 'No failed-login bursts: none of 4 failed logins reached 5 failures within 1 min',
      alerts: []
    })

    const atThreshold = [...below, ...sshFailures(factory, '203.0.113.7', [40])]
    const alerts = await detect(atThreshold)
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({
      engine: 'auth-burst',
      rule: { id: 'auth-burst.system.source', title: 'Repeated failed logins from one source' },
      title: 'Failed-login burst from 203.0.113.7: 5 failures',
      severity: 'medium',
      techniques: ['T1110', 'T1110.001'],
      entities: { ips: ['203.0.113.7'], users: ['root'], hosts: ['bastion'] },
      firstSeen: seconds(0),
      lastSeen: seconds(40),
      count: 5
    })
    expect(alerts[0].events).toEqual(atThreshold.map((event) => ({ evidenceId: 'ev-1', eventId: event.id })))
  })

  it("counts rsyslog's 'message repeated N times' record as N attempts, linking its event once", async () => {
    const factory = new EventFactory()
    const first = factory.auth(seconds(0), { outcome: 'failure', ip: '203.0.113.7', user: 'root' })
    const folded = factory.auth(seconds(5), { outcome: 'failure', ip: '203.0.113.7', user: 'root' })
    folded.extra = { 'log.syslog.repeated': 4 }
    const [alert] = await detect([first, folded])
    expect(alert).toMatchObject({ rule: { id: 'auth-burst.system.source' }, count: 5 })
    expect(alert.events).toEqual([first, folded].map((event) => ({ evidenceId: 'ev-1', eventId: event.id })))
  })

  it('counts failures within the window inclusively and slides it rather than counting per fixed bucket', async () => {
    const factory = new EventFactory()
    // Every 20 s: any 60 s window holds four, never five.
    expect(await detect(sshFailures(factory, '203.0.113.7', [0, 20, 40, 60, 80, 100]))).toEqual([])
    // Every 15 s: the first and fifth are exactly 60 s apart.
    expect(await detect(sshFailures(factory, '203.0.113.8', [0, 15, 30, 45, 60]))).toHaveLength(1)
    // Five within a minute that straddle a minute boundary still count.
    expect(await detect(sshFailures(factory, '203.0.113.9', [50, 55, 62, 70, 75]))).toHaveLength(1)
  })

  it('merges separate bursts of one source into one alert with only the contributing failures', async () => {
    const factory = new EventFactory()
    const stray = sshFailures(factory, '203.0.113.7', [-3600])
    const morning = sshFailures(factory, '203.0.113.7', [0, 5, 10, 15, 20, 25])
    const evening = sshFailures(factory, '203.0.113.7', [36_000, 36_001, 36_002, 36_003, 36_004])
    const alerts = await detect([...stray, ...morning, ...evening])
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({ count: 11, firstSeen: seconds(0), lastSeen: seconds(36_004) })
    expect(alerts[0].events.map((ref) => ref.eventId)).toEqual(
      [...morning, ...evening].map((event) => event.id)
    )
    expect(alerts[0].description).toContain('2 bursts of at least 5 failures within 1 min')
  })

  it('calls one source trying many accounts a few times each password spraying (T1110.003)', async () => {
    const factory = new EventFactory()
    const users = ['admin', 'oracle', 'test', 'git', 'ubuntu', 'postgres']
    const events = users.map((user, i) =>
      factory.auth(seconds(i), { outcome: 'failure', ip: '198.51.100.4', user })
    )
    const alerts = await detect(events)
    expect(rules(alerts)).toEqual(['auth-burst.system.source'])
    expect(alerts[0].techniques).toEqual(['T1110', 'T1110.003'])
    expect(alerts[0].entities.users).toEqual(users)
  })

  it('gives identical fingerprints on a re-run, whatever else the case holds', async () => {
    const factory = new EventFactory()
    const burst = sshFailures(factory, '203.0.113.7', [0, 1, 2, 3, 4])
    const success = factory.auth(seconds(30), { outcome: 'success', ip: '203.0.113.7', user: 'deploy' })
    const first = await detect([...burst, success])
    const later = sshFailures(factory, '203.0.113.7', [7200, 7201, 7202, 7203, 7204])
    const other = sshFailures(factory, '192.0.2.99', [0, 1, 2, 3, 4], 'admin')
    const second = await detect([...burst, success, ...later, ...other])
    const fingerprints = first.map((alert) => alert.fingerprint)
    expect(new Set(fingerprints).size).toBe(2)
    expect(second.map((alert) => alert.fingerprint)).toEqual(expect.arrayContaining(fingerprints))
    expect(second).toHaveLength(3)
  })
})

describe('AuthBurstEngine, counting attempts rather than log lines', () => {
  it('counts an sshd attempt logged as Invalid user, a PAM failure and Failed password once', async () => {
    const factory = new EventFactory()
    const ip = '203.0.113.7'
    // Five connections, one password each, three auth.log lines per password (as sshd and pam_unix log them).
    const events = [0, 1, 2, 3, 4].flatMap((connection) => {
      const at = connection * 20
      const pid = 24_000 + connection
      return [
        factory.auth(seconds(at), {
          outcome: 'failure',
          action: 'ssh_invalid_user',
          ip,
          pid,
          user: `u${connection}`
        }),
        factory.auth(seconds(at + 1), { outcome: 'failure', action: 'pam_auth_failure', ip, pid }),
        factory.auth(seconds(at + 3), {
          outcome: 'failure',
          action: 'ssh_login',
          ip,
          pid,
          user: `u${connection}`
        })
      ]
    })
    const burst = { threshold: 5, windowMs: 120_000, successWithinMs: 0 }
    const [alert] = await detect(events, { authBurst: burst })
    expect(alert.count).toBe(5)
    expect(alert.events.map((ref) => ref.eventId)).toEqual(
      events.filter((_, i) => i % 3 === 0).map((e) => e.id)
    )
    expect(await detect(events, { authBurst: { ...burst, threshold: 6 } })).toEqual([])
  })

  it('counts every password tried on one sshd connection', async () => {
    const factory = new EventFactory()
    const events = [0, 2, 4, 6, 8].map((at) =>
      factory.auth(seconds(at), {
        outcome: 'failure',
        action: 'ssh_login',
        ip: '203.0.113.7',
        pid: 4242,
        user: 'root'
      })
    )
    expect((await detect(events)).map((alert) => alert.count)).toEqual([5])
  })

  it("folds sudo's 'incorrect password attempts' summary into the PAM failures it summarises", async () => {
    const factory = new EventFactory()
    const sudo = { outcome: 'failure', user: 'alice', process: 'sudo' } as const
    const pam = [0, 3, 6, 9, 12].map((at) =>
      factory.auth(seconds(at), { ...sudo, action: 'pam_auth_failure' })
    )
    const summary = factory.auth(seconds(12), { ...sudo, action: 'sudo_command' })
    const alerts = await detect([...pam, summary])
    expect(alerts.map((alert) => [alert.rule.id, alert.count])).toEqual([['auth-burst.system.account', 5]])
  })
})

describe('AuthBurstEngine, per account', () => {
  it('finds failures against one account from many sources that no per-source count would catch', async () => {
    const factory = new EventFactory()
    const sources = [
      '192.0.2.11',
      '192.0.2.12',
      '192.0.2.13',
      '198.51.100.14',
      '198.51.100.15',
      '203.0.113.16'
    ]
    const events = sources.map((ip, i) =>
      factory.auth(seconds(i * 8), { outcome: 'failure', ip, user: 'alice' })
    )
    const alerts = await detect(events)
    expect(rules(alerts)).toEqual(['auth-burst.system.account'])
    expect(alerts[0]).toMatchObject({
      title: "Failed-login burst against account 'alice@bastion': 6 failures from 6 sources",
      severity: 'medium',
      techniques: ['T1110', 'T1110.001'],
      entities: { ips: sources, users: ['alice'], hosts: ['bastion'] },
      count: 6
    })
  })

  it('keeps the same account name on two hosts apart', async () => {
    const factory = new EventFactory()
    const events = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'].map((ip, i) =>
      factory.auth(seconds(i), { outcome: 'failure', ip, user: 'root', host: i % 2 === 0 ? 'web1' : 'web2' })
    )
    expect(await detect(events)).toEqual([])
  })

  it('counts local sudo failures for the account that typed its password, and su failures for the target', async () => {
    const factory = new EventFactory()
    const sudo = [0, 1, 2, 3, 4].map((at) =>
      factory.auth(seconds(at), { outcome: 'failure', user: 'mallory', action: 'sudo_auth', process: 'sudo' })
    )
    const su = [10, 11, 12, 13, 14].map((at) =>
      factory.auth(seconds(at), {
        outcome: 'failure',
        user: 'www-data',
        targetUser: 'root',
        action: 'su',
        process: 'su'
      })
    )
    const alerts = await detect([...sudo, ...su])
    expect(alerts.map((alert) => alert.title)).toEqual([
      "Failed-login burst against account 'mallory@bastion': 5 failures from 1 source",
      "Failed-login burst against account 'root@bastion': 5 failures from 1 source"
    ])
    expect(alerts[0].description).toContain('from 1 source (local)')
  })
})

describe('AuthBurstEngine, success after failures', () => {
  it('raises a critical alert, with the success among its events, when root logs in from the bursting source', async () => {
    const factory = new EventFactory()
    const failures = sshFailures(factory, '203.0.113.7', [0, 2, 4, 6, 8, 10])
    const success = factory.auth(seconds(300), { outcome: 'success', ip: '203.0.113.7', user: 'root' })
    const alerts = await detect([...failures, success])
    expect(rules(alerts)).toEqual(['auth-burst.system.source', 'auth-burst.system.source.success'])
    const escalated = alerts[1]
    expect(escalated).toMatchObject({
      title: 'Login from 203.0.113.7 after 6 failed attempts',
      severity: 'critical',
      techniques: ['T1110', 'T1110.001', 'T1078'],
      firstSeen: seconds(0),
      lastSeen: seconds(300),
      count: 7
    })
    expect(escalated.events.at(-1)).toEqual({ evidenceId: 'ev-1', eventId: success.id })
    expect(escalated.description).toContain("sshd accepted account 'root' from 203.0.113.7 on bastion")
    expect(escalated.fingerprint).not.toBe(alerts[0].fingerprint)
  })

  it('is high, not critical, for an unprivileged account', async () => {
    const factory = new EventFactory()
    const failures = sshFailures(factory, '203.0.113.7', [0, 2, 4, 6, 8])
    const success = factory.auth(seconds(20), { outcome: 'success', ip: '203.0.113.7', user: 'deploy' })
    const alerts = await detect([...failures, success])
    expect(alerts.map((alert) => alert.severity)).toEqual(['medium', 'high'])
    const result = await runEngine(new AuthBurstEngine(), [...failures, success], { settings })
    expect(result.priority).toBe('high')
    expect(result.summary).toBe(
      '1 failed-login burst (at least 5 failures within 1 min) among 5 failed logins; 1 followed by a successful login'
    )
  })

  it('does not escalate a success that comes too late, from another source, or before the burst', async () => {
    const factory = new EventFactory()
    const early = factory.auth(seconds(-10), { outcome: 'success', ip: '203.0.113.7', user: 'root' })
    const failures = sshFailures(factory, '203.0.113.7', [0, 2, 4, 6, 8])
    const elsewhere = factory.auth(seconds(30), { outcome: 'success', ip: '192.0.2.50', user: 'deploy' })
    const late = factory.auth(seconds(8 + 601), { outcome: 'success', ip: '203.0.113.7', user: 'root' })
    expect(rules(await detect([early, ...failures, elsewhere, late]))).toEqual(['auth-burst.system.source'])
  })

  it('escalates an account burst when the account logs in from one of the sources that failed', async () => {
    const factory = new EventFactory()
    const sources = ['192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14', '192.0.2.15']
    const failures = sources.map((ip, i) =>
      factory.auth(seconds(i), { outcome: 'failure', ip, user: 'alice' })
    )
    const fromStranger = factory.auth(seconds(20), { outcome: 'success', ip: '10.9.9.9', user: 'alice' })
    const fromAttacker = factory.auth(seconds(40), { outcome: 'success', ip: '192.0.2.13', user: 'alice' })
    const alerts = await detect([...failures, fromStranger, fromAttacker])
    expect(rules(alerts)).toEqual(['auth-burst.system.account', 'auth-burst.system.account.success'])
    expect(alerts[1].events.map((ref) => ref.eventId)).toEqual(
      [...failures, fromAttacker].map((event) => event.id)
    )
  })
})

describe('AuthBurstEngine, web logins', () => {
  it('counts 401/403 on login paths per source and ignores them elsewhere', async () => {
    const factory = new EventFactory()
    const logins = [0, 3, 6, 9, 12].map((at) =>
      factory.web(seconds(at), { ip: '198.51.100.20', path: '/login', method: 'POST', status: 401 })
    )
    const elsewhere = [0, 1, 2, 3, 4, 5].map((at) =>
      factory.web(seconds(at), { ip: '198.51.100.21', path: '/images/private.png', status: 403 })
    )
    const alerts = await detect([...logins, ...elsewhere])
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toMatchObject({
      rule: { id: 'auth-burst.web.source' },
      title: 'Failed web-login burst from 198.51.100.20: 5 HTTP 401/403 responses',
      techniques: ['T1110'],
      entities: { ips: ['198.51.100.20'], users: [], hosts: ['www1'] },
      count: 5
    })
  })

  it('recognises the documented login paths and not look-alikes', async () => {
    const factory = new EventFactory()
    const paths = [
      '/wp-login.php',
      '/xmlrpc.php',
      '/user/login',
      '/users/sign_in?next=/',
      '/Account/LogOn.aspx',
      '/api/v2/auth/token',
      '/admin/',
      '/manager/html'
    ]
    const lookAlikes = ['/api/v1/authors', '/blog/how-to-login-safely', '/administration-guide.pdf']
    const events = [...paths, ...lookAlikes].flatMap((path, p) =>
      [0, 1, 2, 3, 4].map((at) => factory.web(seconds(at), { ip: `192.0.2.${p + 1}`, path, status: 401 }))
    )
    const alerts = await detect(events)
    expect(alerts.flatMap((alert) => alert.entities.ips)).toEqual(paths.map((_, p) => `192.0.2.${p + 1}`))
  })

  it('escalates a submitted login or an HTTP-auth page served after 401s, not the login form being shown', async () => {
    const factory = new EventFactory()
    const formFailures = [0, 1, 2, 3, 4].map((at) =>
      factory.web(seconds(at), { ip: '198.51.100.30', path: '/wp-login.php', method: 'POST', status: 403 })
    )
    const formShown = factory.web(seconds(5), { ip: '198.51.100.30', path: '/wp-login.php', status: 200 })
    const basicFailures = [0, 1, 2, 3, 4].map((at) =>
      factory.web(seconds(at), { ip: '198.51.100.31', path: '/manager/html', status: 401 })
    )
    const basicServed = factory.web(seconds(6), { ip: '198.51.100.31', path: '/manager/html', status: 200 })
    const shownAndServed = await detect([...formFailures, formShown, ...basicFailures, basicServed])
    expect(shownAndServed.map((alert) => `${alert.rule.id} ${alert.entities.ips.join()}`)).toEqual([
      'auth-burst.web.source 198.51.100.30',
      'auth-burst.web.source 198.51.100.31',
      'auth-burst.web.source.success 198.51.100.31'
    ])

    const loggedIn = factory.web(seconds(7), {
      ip: '198.51.100.30',
      path: '/wp-login.php',
      method: 'POST',
      status: 302
    })
    const alerts = await detect([...formFailures, formShown, loggedIn])
    expect(rules(alerts)).toEqual(['auth-burst.web.source', 'auth-burst.web.source.success'])
    expect(alerts[1]).toMatchObject({ severity: 'high', count: 6, techniques: ['T1110', 'T1078'] })
    expect(alerts[1].description).toContain('POST /wp-login.php answered HTTP 302')
  })
})

describe('AuthBurstEngine settings', () => {
  it('refuses a threshold or window that cannot describe a burst', async () => {
    const run = (authBurst: DetectionSettings['authBurst']): Promise<unknown> =>
      runEngine(new AuthBurstEngine(), [], { settings: { authBurst } })
    await expect(run({ threshold: 1, windowMs: 60_000, successWithinMs: 0 })).rejects.toThrow(
      'authBurst.threshold must be a whole number of at least 2, not 1'
    )
    await expect(run({ threshold: 5, windowMs: 0, successWithinMs: 0 })).rejects.toThrow(
      'authBurst.windowMs must be above 0 ms, not 0'
    )
  })
})
