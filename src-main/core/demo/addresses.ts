// Where traffic comes from. Attackers use only the documentation ranges (RFC 5737 TEST-NETs, RFC 3849 for
// IPv6), benign internet clients the benchmarking ranges (RFC 2544 198.18.0.0/15, RFC 5180 2001:2::/48),
// admins a private VPN address: no real host appears in demo data and each address's range gives its role.

import type { SeededRandom } from './random'

/** Fixed so the demo tells the same story for every seed ("the brute force from 203.0.113.50"). */
export const ATTACK_SOURCES = {
  sshBruteForce: '203.0.113.50',
  webLoginBruteForce: '198.51.100.23',
  scanner: '192.0.2.77',
  sqlInjection: '203.0.113.99',
  iocListed: '203.0.113.200',
  iocRangeMember: '198.51.100.163',
  iocListedIpv6: '2001:db8:dead:beef::17',
  iocUserAgentClient: '192.0.2.140'
} as const

/** Listed in the IOC file but never seen: real feeds are mostly indicators that do not fire. */
export const UNSIGHTED_IOC_ADDRESS = '192.0.2.250'

/** Listed as a range; only ATTACK_SOURCES.iocRangeMember from it ever appears in the logs. */
export const IOC_RANGE = { cidr: '198.51.100.128/25', prefix: '198.51.100.', firstHost: 128, lastHost: 255 }

export const ADMIN_SOURCES = { alice: '10.8.0.6', bob: '198.19.40.12' } as const

const TEST_NET_PREFIXES = ['192.0.2.', '198.51.100.', '203.0.113.'] as const

/** Hands out distinct addresses so that no benign or background source collides with a scripted one. */
export class AddressAllocator {
  private readonly used = new Set<string>([
    ...Object.values(ATTACK_SOURCES),
    ...Object.values(ADMIN_SOURCES),
    UNSIGHTED_IOC_ADDRESS
  ])

  /** A web visitor: mostly IPv4, a tenth IPv6 (privacy addresses, so no zero groups to compress). */
  benignClient(random: SeededRandom): string {
    return this.claim(() => {
      if (random.chance(0.1)) {
        const groups = Array.from({ length: 5 }, () => random.int(1, 0xffff).toString(16))
        return `2001:2:0:${groups.join(':')}`
      }
      return `198.${random.int(18, 19)}.${random.int(0, 255)}.${random.int(1, 254)}`
    })
  }

  /** Background internet noise (SSH probes): documentation ranges, but never inside the listed IOC range. */
  backgroundHostile(random: SeededRandom): string {
    return this.claim(() => {
      const prefix = random.pick(TEST_NET_PREFIXES)
      const host = prefix === IOC_RANGE.prefix ? random.int(1, IOC_RANGE.firstHost - 1) : random.int(1, 254)
      return `${prefix}${host}`
    })
  }

  private claim(candidate: () => string): string {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const address = candidate()
      if (!this.used.has(address)) {
        this.used.add(address)
        return address
      }
    }
    throw new Error('address range exhausted: ask for fewer distinct sources')
  }
}
