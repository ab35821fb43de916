// Conformance against real data: the Loghub OpenSSH sample holds a real brute force from
// 183.62.140.253. Each "Failed password" line becomes an auth failure event (a test-local regex, so the
// engine is checked independently of the syslog parser) and the burst engine must flag that source.

import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../../src-main/common/event'
import { AuthBurstEngine } from '../../../src-main/core/detect/behavior/authBurstEngine'
import { DEFAULT_DETECTION_SETTINGS } from '../../../src-main/core/detect/engine'
import { EventFactory, runEngine } from './memoryEvents'

const SAMPLE = resolve(__dirname, '../../../../shared/datasets/loghub/OpenSSH/OpenSSH_2k.log')
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const FAILED_PASSWORD =
  /^(\w{3}) +(\d{1,2}) (\d\d):(\d\d):(\d\d) (\S+) sshd\[\d+\]: Failed password for (?:invalid user )?(\S+) from (\S+) port/

function failedPasswordEvents(text: string): StoredEvent[] {
  const factory = new EventFactory('openssh-2k')
  return text.split('\n').flatMap((line) => {
    const m = FAILED_PASSWORD.exec(line)
    if (m === null) return []
    const [, month, day, hh, mm, ss, host, user, ip] = m
    const at = Date.UTC(2025, MONTHS.indexOf(month), Number(day), Number(hh), Number(mm), Number(ss))
    return [factory.auth(at, { outcome: 'failure', user, ip, host, process: 'sshd' })]
  })
}

describe.skipIf(!existsSync(SAMPLE))('AuthBurstEngine on Loghub OpenSSH_2k.log (../shared/datasets)', () => {
  it('raises a burst alert for the brute force from 183.62.140.253', async () => {
    const events = failedPasswordEvents(readFileSync(SAMPLE, 'utf8'))
    const fromAttacker = events.filter((event) => event.fields['source.ip'] === '183.62.140.253')
    expect(events.length).toBeGreaterThan(500)
    expect(fromAttacker.length).toBeGreaterThan(250)

    const result = await runEngine(new AuthBurstEngine(), events, { settings: DEFAULT_DETECTION_SETTINGS })
    const alert = result.alerts.find(
      (candidate) =>
        candidate.rule.id === 'auth-burst.system.source' && candidate.entities.ips[0] === '183.62.140.253'
    )
    expect(alert).toBeDefined()
    expect(alert?.severity).toBe('medium')
    expect(alert?.entities.users).toContain('root')
    expect(alert?.entities.hosts).toEqual(['LabSZ'])
    expect(alert?.techniques).toEqual(['T1110', 'T1110.001'])
    // Nearly all of the attacker's failures come fast enough to be part of a burst.
    expect(alert?.count).toBeGreaterThan(fromAttacker.length * 0.9)
    expect(alert?.count).toBeLessThanOrEqual(fromAttacker.length)
  })
})
