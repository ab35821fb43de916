import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../../../src-main/common/event'
import { IocEngine, MAX_EVENT_REFS_PER_IOC_ALERT } from '../../../src-main/core/detect/ioc/iocEngine'
import { parseIocList } from '../../../src-main/core/detect/ioc/iocList'
import type { IocEntry } from '../../../src-main/core/detect/ioc/iocTypes'
import { EventFactory, runEngine, seconds } from './memoryEvents'

function lists(...files: [name: string, text: string][]): IocEntry[] {
  return files.flatMap(([name, text]) => parseIocList(text, name).entries)
}

/** A small web log: an attacker from a listed address, a listed scanner agent, a referrer from a listed domain. */
function webTraffic(factory: EventFactory): StoredEvent[] {
  const events: StoredEvent[] = []
  for (let i = 0; i < 5; i++) {
    events.push(factory.web(seconds(i), { ip: '203.0.113.7', path: `/admin/${i}`, status: 404 }))
  }
  events.push(factory.web(seconds(10), { ip: '192.0.2.1', path: '/', status: 200, userAgent: 'Nikto/2.5.0' }))
  events.push(factory.web(seconds(11), { ip: '192.0.2.2', path: '/', status: 200, userAgent: 'nikto/2.5.0' }))
  events.push(
    factory.web(seconds(12), {
      ip: '192.0.2.3',
      path: '/',
      status: 200,
      referrer: 'http://promo.spam.example/x'
    })
  )
  events.push(factory.web(seconds(13), { ip: '192.0.2.4', path: '/', status: 200, userAgent: 'Mozilla/5.0' }))
  return events
}

describe('IocEngine', () => {
  it('raises one alert per matched indicator with counts, times, entities and event links', async () => {
    const factory = new EventFactory()
    const events = webTraffic(factory)
    const iocs = lists(
      ['abuse.txt', '203.0.113.7,ssh and web brute force\n198.51.100.1'],
      ['ua.csv', 'type,value\nuser_agent,Nikto/2.5.0\ndomain,spam.example']
    )
    const result = await runEngine(new IocEngine(), events, { iocs })

    expect(result.status).toBe('success')
    expect(result.priority).toBe('high')
    expect(result.summary).toBe(
      '3 indicators from 2 lists matched 8 events (4 indicators from 2 lists loaded, 9 events examined)'
    )
    const byRule = new Map(result.alerts.map((alert) => [alert.rule.id, alert]))
    expect([...byRule.keys()].sort()).toEqual(['ioc.domain', 'ioc.ip', 'ioc.user_agent'])

    const ip = byRule.get('ioc.ip')
    expect(ip).toMatchObject({
      engine: 'ioc',
      severity: 'high',
      techniques: [],
      count: 5,
      firstSeen: seconds(0),
      lastSeen: seconds(4),
      entities: { ips: ['203.0.113.7'], users: [], hosts: ['www1'] }
    })
    expect(ip?.events).toEqual(events.slice(0, 5).map((event) => ({ evidenceId: 'ev-1', eventId: event.id })))
    expect(ip?.title).toBe('IOC match: IP address 203.0.113.7 (abuse.txt)')
    expect(ip?.description).toContain("listed in 'abuse.txt' (ssh and web brute force)")

    const userAgent = byRule.get('ioc.user_agent')
    expect(userAgent).toMatchObject({
      severity: 'high',
      count: 2,
      entities: { ips: ['192.0.2.1', '192.0.2.2'] }
    })

    // A domain seen only as a referrer: something linked to it, nothing here necessarily contacted it.
    const domain = byRule.get('ioc.domain')
    expect(domain).toMatchObject({ severity: 'medium', count: 1 })
    expect(domain?.description).toContain('Values seen: promo.spam.example.')
  })

  it('gives the same fingerprints on a re-run and different ones for different indicators', async () => {
    const factory = new EventFactory()
    const events = webTraffic(factory)
    const iocs = lists(['a', '203.0.113.7\nua:Nikto/2.5.0'])
    const first = await runEngine(new IocEngine(), events, { iocs })
    const second = await runEngine(new IocEngine(), events.slice(2), { iocs })
    const fingerprints = first.alerts.map((alert) => alert.fingerprint)
    expect(second.alerts.map((alert) => alert.fingerprint)).toEqual(fingerprints)
    expect(new Set(fingerprints).size).toBe(2)
  })

  it('tags traffic to a listed destination as application-layer C2 (T1071)', async () => {
    const factory = new EventFactory()
    const events = [factory.event(seconds(0), { 'source.ip': '10.0.0.5', 'destination.ip': '198.51.100.77' })]
    const result = await runEngine(new IocEngine(), events, { iocs: lists(['c2', '198.51.100.0/24']) })
    expect(result.alerts).toHaveLength(1)
    expect(result.alerts[0]).toMatchObject({
      techniques: ['T1071'],
      entities: { ips: ['10.0.0.5', '198.51.100.77'] }
    })
  })

  it('links at most the cap of events and says so, while counting all of them', async () => {
    const factory = new EventFactory()
    const total = MAX_EVENT_REFS_PER_IOC_ALERT + 250
    const events = Array.from({ length: total }, (_, i) =>
      factory.web(seconds(i), { ip: '203.0.113.7', path: '/', status: 200 })
    )
    const [alert] = (await runEngine(new IocEngine(), events, { iocs: lists(['a', '203.0.113.7']) })).alerts
    expect(alert.count).toBe(total)
    expect(alert.events).toHaveLength(MAX_EVENT_REFS_PER_IOC_ALERT)
    expect(alert.lastSeen).toBe(seconds(total - 1))
    expect(alert.description).toContain('Links the first 1,000 of 1,250 events.')
  })

  it('lists at most 100 addresses per alert and says how many there were', async () => {
    const factory = new EventFactory()
    const events = Array.from({ length: 150 }, (_, i) =>
      factory.web(seconds(i), { ip: `192.0.2.${i}`, path: '/', status: 200, userAgent: 'masscan/1.3' })
    )
    const [alert] = (await runEngine(new IocEngine(), events, { iocs: lists(['a', 'ua:masscan/1.3']) }))
      .alerts
    expect(alert.entities.ips).toEqual(events.slice(0, 100).map((event) => event.fields['source.ip']))
    expect(alert.description).toContain('Entities list the first 100 of 150 addresses.')
  })

  it('ends with no findings and a summary when nothing matches, nothing is loaded or matching is off', async () => {
    const factory = new EventFactory()
    const events = webTraffic(factory)
    const none = await runEngine(new IocEngine(), events, { iocs: lists(['a', '198.51.100.1']) })
    expect(none).toEqual({
      status: 'no_findings',
      priority: 'none',
      summary: 'None of 1 indicator from 1 list matched 9 events',
      alerts: []
    })
    const empty = await runEngine(new IocEngine(), events)
    expect(empty.summary).toBe('No IOC lists are loaded in this case')
    const off = await runEngine(new IocEngine(), events, {
      iocs: lists(['a', '203.0.113.7']),
      settings: { ioc: { enabled: false } }
    })
    expect(off).toMatchObject({ status: 'no_findings', alerts: [] })
  })

  it('stops between batches when the signal aborts', async () => {
    const factory = new EventFactory()
    const events = Array.from({ length: 10 }, (_, i) =>
      factory.web(seconds(i), { ip: '192.0.2.1', path: '/', status: 200 })
    )
    const controller = new AbortController()
    controller.abort()
    await expect(
      runEngine(new IocEngine(), events, { iocs: lists(['a', '192.0.2.1']), signal: controller.signal })
    ).rejects.toThrow()
  })
})
