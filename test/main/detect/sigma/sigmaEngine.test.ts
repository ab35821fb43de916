import { describe, expect, it } from 'vitest'
import { builtinSigma } from '../../../../src-main/core/detect/sigma/builtinSigma'
import { SigmaRuleSet } from '../../../../src-main/core/detect/sigma/ruleSet'
import { SigmaEngine } from '../../../../src-main/core/detect/sigma/sigmaEngine'
import { EventFactory, detectionContext, seconds } from '../memoryEvents'
import { ruleSetOf } from './sigmaTestRules'

const SSH_BRUTE_FORCE = `title: SSH brute force then success
id: 00000000-0000-4000-8000-0000000000c1
level: critical
tags: [attack.t1110.001]
correlation:
  type: temporal_ordered
  rules: [ssh_many_failures, ssh_success]
  group-by: [source.ip]
  timespan: 10m
---
title: Many SSH failures
id: 00000000-0000-4000-8000-0000000000c2
name: ssh_many_failures
correlation:
  type: event_count
  rules: [ssh_failure]
  group-by: [source.ip]
  timespan: 5m
  condition: { gte: 5 }
---
title: SSH failure
id: 00000000-0000-4000-8000-0000000000c3
name: ssh_failure
logsource: { product: linux, service: sshd }
detection:
  selection: { event.outcome: failure }
  condition: selection
---
title: SSH success
id: 00000000-0000-4000-8000-0000000000c4
name: ssh_success
logsource: { product: linux, service: sshd }
detection:
  selection: { event.outcome: success }
  condition: selection
`

const WHOAMI = `title: Whoami run
id: 00000000-0000-4000-8000-0000000000d1
level: low
tags: [attack.discovery, attack.t1033]
logsource: { product: windows, category: process_creation }
detection:
  selection: { Image|endswith: '\\whoami.exe' }
  condition: selection
`

describe('Sigma engine', () => {
  it('raises one alert per rule and host, with every matching event linked', async () => {
    const windows = new EventFactory('ev-win')
    const sysmon = (at: number, host: string, image: string) =>
      windows.event(
        at,
        { 'winlog.channel': 'Microsoft-Windows-Sysmon/Operational', 'event.code': 1, 'host.name': host },
        { 'winlog.event_data.Image': image }
      )
    const events = [
      sysmon(seconds(1), 'ws1', 'C:\\Windows\\System32\\whoami.exe'),
      sysmon(seconds(2), 'ws1', 'C:\\Windows\\System32\\whoami.exe'),
      sysmon(seconds(3), 'ws2', 'C:\\Windows\\System32\\whoami.exe'),
      sysmon(seconds(4), 'ws2', 'C:\\Windows\\System32\\notepad.exe')
    ]
    const engine = new SigmaEngine(ruleSetOf(WHOAMI))
    const result = await engine.run(
      detectionContext(events, { evidenceFormats: new Map([['ev-win', 'windows_json']]) })
    )
    expect(result.status).toBe('success')
    const byTitle = new Map(result.alerts.map((alert) => [alert.title, alert]))
    expect([...byTitle.keys()].sort()).toEqual(['Whoami run on ws1', 'Whoami run on ws2'])
    expect(byTitle.get('Whoami run on ws1')).toMatchObject({
      engine: 'sigma',
      severity: 'low',
      techniques: ['T1033'],
      count: 2,
      events: [events[0], events[1]].map((event) => ({ evidenceId: 'ev-win', eventId: event.id }))
    })
  })

  it('reads no events of a format no rule applies to', async () => {
    const web = new EventFactory('ev-web')
    const events = [
      web.event(seconds(1), { 'event.code': 1 }, { 'winlog.event_data.Image': 'C:\\whoami.exe' })
    ]
    const engine = new SigmaEngine(ruleSetOf(WHOAMI))
    const result = await engine.run(
      detectionContext(events, { evidenceFormats: new Map([['ev-web', 'apache_combined']]) })
    )
    expect(result.status).toBe('no_findings')
  })

  it('raises a chained correlation with its member events, and no alerts for its building blocks', async () => {
    const auth = new EventFactory('ev-auth')
    const attempt = (at: number, ip: string, outcome: string) =>
      auth.event(at, {
        'process.name': 'sshd',
        'source.ip': ip,
        'event.outcome': outcome,
        'user.name': 'root'
      })
    const events = [
      // 203.0.113.5: five failures in 40 s, then a success: fires
      ...[0, 10, 20, 30, 40].map((at) => attempt(seconds(at), '203.0.113.5', 'failure')),
      attempt(seconds(60), '203.0.113.5', 'success'),
      // 198.51.100.7: four failures only, then a success: does not
      ...[0, 10, 20, 30].map((at) => attempt(seconds(100 + at), '198.51.100.7', 'failure')),
      attempt(seconds(140), '198.51.100.7', 'success'),
      // 192.0.2.9: the success comes before the failures: does not
      attempt(seconds(200), '192.0.2.9', 'success'),
      ...[0, 10, 20, 30, 40].map((at) => attempt(seconds(210 + at), '192.0.2.9', 'failure'))
    ]
    const engine = new SigmaEngine(ruleSetOf(SSH_BRUTE_FORCE))
    const result = await engine.run(
      detectionContext(events, { evidenceFormats: new Map([['ev-auth', 'syslog_rfc3164']]) })
    )
    expect(result.alerts.map((alert) => alert.title)).toEqual([
      'SSH brute force then success (source.ip 203.0.113.5)'
    ])
    const outer = result.alerts.find((alert) => alert.rule.id === '00000000-0000-4000-8000-0000000000c1')!
    expect(outer).toMatchObject({ severity: 'critical', techniques: ['T1110.001'], count: 6 })
    expect(outer.events).toEqual(
      events.slice(0, 6).map((event) => ({ evidenceId: 'ev-auth', eventId: event.id }))
    )
    expect(outer.entities.ips).toEqual(['203.0.113.5'])
    expect(result.alerts.some((alert) => alert.rule.id.endsWith('c3') || alert.rule.id.endsWith('c4'))).toBe(
      false
    )
  })

  it('keeps alerting on a rule of its own file that another file’s correlation builds on', async () => {
    const windows = new EventFactory('ev-win')
    const whoami = (at: number) =>
      windows.event(
        at,
        { 'winlog.channel': 'Microsoft-Windows-Sysmon/Operational', 'event.code': 1, 'host.name': 'ws1' },
        {
          'winlog.event_data.Image': 'C:\\Windows\\System32\\whoami.exe',
          'winlog.event_data.User': 'CORP\\eve'
        }
      )
    const events = [whoami(seconds(1)), whoami(seconds(2))]
    const repeated = [
      'title: Whoami twice',
      'id: 00000000-0000-4000-8000-0000000000d2',
      'correlation:',
      '  type: event_count',
      '  rules: [00000000-0000-4000-8000-0000000000d1]',
      '  group-by: [User]',
      '  timespan: 1m',
      '  condition: { gte: 2 }'
    ].join('\n')
    const rules = new SigmaRuleSet(
      [
        { path: 'whoami.yml', text: WHOAMI },
        { path: 'whoami_twice.yml', text: repeated }
      ],
      builtinSigma().logsources
    )
    const result = await new SigmaEngine(rules).run(
      detectionContext(events, { evidenceFormats: new Map([['ev-win', 'windows_json']]) })
    )
    expect(result.alerts.map((alert) => alert.title).sort()).toEqual([
      'Whoami run on ws1',
      'Whoami twice (User CORP\\eve)'
    ])
  })
})
